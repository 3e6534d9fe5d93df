package linter

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestSortFindingsInPlace: sortFindings (sorted indexes, then the
// permutation applied in place cycle by cycle) gives the order of a stable
// sort of the findings themselves, for random findings with many ties:
// positions that fit one uint64 with the findings' indexes (packedOrder),
// and lines too big or a negative column for that (sorted by compare).
func TestSortFindingsInPlace(t *testing.T) {
	for _, base := range []hcl.Pos{{}, {Line: math.MaxInt / 4}, {Column: -2}} {
		t.Run(fmt.Sprintf("%d.%d", base.Line, base.Column), func(t *testing.T) { testSortFindings(t, base) })
	}
}

func testSortFindings(t *testing.T, base hcl.Pos) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 3, 10, 100, 1000, 40000} { // 40,000: sorted in two halves, then merged
		reps := 20
		if n > 1000 {
			reps = 2
		}
		for range reps {
			fs := make([]Finding, n)
			for i := range fs {
				fs[i] = Finding{
					Rule:     fmt.Sprintf("r%d", r.IntN(3)),
					Message:  fmt.Sprintf("m%d", r.IntN(3)),
					Resource: fmt.Sprintf("a%d", r.IntN(2)),
					Range: hcl.Range{Filename: fmt.Sprintf("f%d", r.IntN(3)),
						Start: hcl.Pos{Line: base.Line + r.IntN(4), Column: base.Column + r.IntN(3)}},
					Fingerprint: fmt.Sprint(i), // the original position: tells stability
				}
			}
			want := slices.Clone(fs)
			slices.SortStableFunc(want, func(a, b Finding) int {
				return cmp.Or(strings.Compare(a.Range.Filename, b.Range.Filename),
					cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
					cmp.Compare(a.Range.Start.Column, b.Range.Start.Column),
					strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message),
					strings.Compare(a.Resource, b.Resource))
			})
			sortFindings(fs)
			for i := range fs {
				if fs[i].Fingerprint != want[i].Fingerprint {
					t.Fatalf("n=%d: at %d got finding %s, want %s", n, i, fs[i].Fingerprint, want[i].Fingerprint)
				}
			}
		}
	}
}

// TestSortFindingsLongRuns: findings whose file and rule stay the same
// over thousands of findings, across the edges of the runs sortFindings
// reads on several CPUs (each run's first finding looked up, the others
// copied from the one before), sort as a stable sort does.
func TestSortFindingsLongRuns(t *testing.T) {
	const n = 3*4096 + 777
	fs := make([]Finding, n)
	for i := range fs {
		k := (n - 1 - i) / 3000 // blocks of 3,000, the last file first
		fs[i] = Finding{Rule: fmt.Sprintf("r%d", (i/5000)%2), Range: hcl.Range{Filename: fmt.Sprintf("f%d", k),
			Start: hcl.Pos{Line: i % 7, Column: 1}}, Fingerprint: fmt.Sprint(i)}
	}
	want := slices.Clone(fs)
	slices.SortStableFunc(want, func(a, b Finding) int { return compareFindings(&a, &b) })
	sortFindings(fs)
	for i := range fs {
		if fs[i].Fingerprint != want[i].Fingerprint {
			t.Fatalf("at %d got finding %s, want %s", i, fs[i].Fingerprint, want[i].Fingerprint)
		}
	}
}
