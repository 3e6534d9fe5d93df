package linter

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestFindingChunksReused: the findings of a rule come out in order
// whatever the chunks they filled, and chunks given back are cleared (they
// hold no finding's strings) before a later run fills them again.
func TestFindingChunksReused(t *testing.T) {
	for _, n := range []int{0, 1, 16, 17, 1000, 5000} {
		for round := range 3 {
			var c findingChunks
			for i := range n {
				c.add(Finding{Message: fmt.Sprint(round, " ", i), Related: []iam.Related{{Message: "r"}}})
			}
			if c.n != n {
				t.Fatalf("%d findings: counted %d", n, c.n)
			}
			for _, ch := range c.chunks {
				if k := chunkClass(cap(ch)); cap(ch) != minFindingChunk<<k {
					t.Fatalf("chunk of %d findings: not a class", cap(ch))
				}
			}
			out := make([]Finding, n)
			c.copyTo(out)
			chunks := c.chunks
			// (Given back to a list of the test's own: others may take
			// from freeChunks at any time.)
			var l chunkFreeList
			for _, ch := range chunks {
				l.put(ch)
			}
			if l.bytes > maxFreeChunkBytes {
				t.Fatalf("%d bytes of chunks kept, at most %d", l.bytes, maxFreeChunkBytes)
			}
			for i := range out {
				if want := fmt.Sprint(round, " ", i); out[i].Message != want || len(out[i].Related) != 1 {
					t.Fatalf("%d findings, round %d: finding %d is %q, want %q", n, round, i, out[i].Message, want)
				}
			}
			for _, ch := range chunks {
				for i, f := range ch[:cap(ch)] {
					if f != (slimFinding{}) {
						t.Fatalf("chunk given back holds finding %d: %q", i, f.msg)
					}
				}
			}
		}
	}
	// A chunk of no class is left to the collector.
	var l chunkFreeList
	odd := make([]slimFinding, 1, 20)
	odd[0].msg = "kept"
	l.put(odd)
	if odd[0].msg != "kept" || l.bytes != 0 {
		t.Error("a chunk of no class was taken")
	}
	// A chunk given back is given again, empty.
	ch := l.get(2)
	ch = append(ch, slimFinding{msg: "x"})
	l.put(ch)
	if again := l.get(2); cap(again) != cap(ch) || &again[:1][0] != &ch[0] || len(again) != 0 || again[:1][0].msg != "" {
		t.Error("the chunk given back was not given again, empty")
	}
	// Runs give their chunks back to freeChunks.
	var c findingChunks
	c.add(Finding{Message: "x"})
	c.release()
	if c.chunks != nil {
		t.Error("chunks kept after release")
	}
}

// TestFindingChunksSlim: findings kept slim come out as they went in,
// those that do not fit (a range past the compact bounds, a kind or rule
// of their own, a suppression, a fingerprint, a severity past a byte) are
// kept whole in their place, related locations are the very slices given
// (nil and empty told apart), and the fingerprints locate sets are those
// of the findings copied out.
func TestFindingChunksSlim(t *testing.T) {
	rng := func(file string, line, col, byte, n int) hcl.Range {
		return hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: col, Byte: byte}, End: hcl.Pos{Line: line, Column: col + n, Byte: byte + n}}
	}
	shared := []iam.Related{{Message: "module call"}}
	empty := []iam.Related{}
	in := []Finding{
		{Rule: "r", Severity: High, Message: "a", Range: rng("p.json", 3, 10, 200, 5), Resource: "aws_iam_role.a", PolicyKind: iam.Trust, Related: shared},
		{Rule: "r", Severity: Low, Message: "b", Range: rng("p.json", 3, 20, 210, 5), Resource: "aws_iam_role.a", PolicyKind: iam.Trust, Related: shared},
		{Rule: "r", Severity: Medium, Message: "c", Range: rng("q.tf", 1, 1, 0, 1), Resource: "aws_iam_policy.b", PolicyKind: iam.Identity, Related: empty},
		{Rule: "r", Message: "d", Range: rng("q.tf", 1, 1, 0, 1)},
		{Rule: "r", Message: "long", Range: rng("q.tf", 1, 1, 0, 1<<20), Related: shared},
		{Rule: "other", Message: "rule", Range: rng("q.tf", 2, 1, 5, 1)},
		{Rule: "r", Message: "kind", Range: rng("q.tf", 2, 1, 5, 1), PolicyKind: "custom"},
		{Rule: "r", Message: "suppressed", Range: rng("q.tf", 2, 1, 5, 1), Suppression: &Suppression{Kind: "inline"}},
		{Rule: "r", Message: "fingerprinted", Range: rng("q.tf", 2, 1, 5, 1), Fingerprint: "x"},
		{Rule: "r", Severity: 300, Message: "severity", Range: rng("q.tf", 2, 1, 5, 1)},
		{Rule: "r", Severity: Critical, Message: "e", Range: rng("p.json", 9, 1, 900, 2), Resource: "aws_s3_bucket_policy.c", PolicyKind: iam.Resource, Related: shared},
	}
	var c findingChunks
	for range 40 { // past a chunk or two
		for _, f := range in {
			c.add(f)
		}
	}
	if len(c.raws) != 40*6 {
		t.Errorf("%d findings kept whole, want %d", len(c.raws), 40*6)
	}
	out := make([]Finding, c.n)
	c.copyTo(out)
	for i, f := range out {
		w := in[i%len(in)]
		if !sameFinding(&f, &w) {
			t.Fatalf("finding %d: %+v, want %+v", i, f, w)
		}
		if (f.Related == nil) != (w.Related == nil) || len(f.Related) > 0 && &f.Related[0] != &w.Related[0] {
			t.Fatalf("finding %d: related locations not the slice given", i)
		}
	}
	// The fingerprints set (locate) come out with the findings.
	rr := ruleResults{fs: []findingChunks{c}}
	rr.locate(&iam.Model{})
	for i, f := range rr.join() {
		if f.Fingerprint != "\x00" {
			t.Fatalf("finding %d: fingerprint %q, want located nowhere", i, f.Fingerprint)
		}
	}
}

// TestCountPoliciesChunked: a counter not sized for its documents (a run
// linted root by root) counts as one sized for them, past several chunks
// of keys.
func TestCountPoliciesChunked(t *testing.T) {
	for _, n := range []int{policyKeyChunk - 1, policyKeyChunk, policyKeyChunk + 1, 3*policyKeyChunk + 5} {
		var docs []*iam.Document
		var c policyCounter
		for i := range n {
			start := (i * 7) % (n/2 + 1) // repeats: half the ranges come twice
			r := hcl.Range{Filename: []string{"a.tf", "b.tf"}[i%2], Start: hcl.Pos{Line: 1, Column: start + 1, Byte: start}, End: hcl.Pos{Line: 1, Column: start + 2, Byte: start + 1}}
			d := &iam.Document{Address: "aws_iam_policy.p", Attribute: "policy", Range: iam.MakeRange(r)}
			docs = append(docs, d)
			c.add(d)
		}
		want := countPolicies(&iam.Model{Documents: docs})
		for range 2 { // (counted twice: the same)
			if got := c.count(); got != want {
				t.Errorf("%d documents: chunked count %d, want %d", n, got, want)
			}
		}
	}
}

// TestSortKeys: policy keys come out sorted as cmpKeys sorts them, those
// whose fields fit one uint64 together (packed) and those that do not,
// fields of every width and repeats included.
func TestSortKeys(t *testing.T) {
	cmpKeys := func(x, y [2]uint64) int {
		if c := cmp.Compare(x[0], y[0]); c != 0 {
			return c
		}
		return cmp.Compare(x[1], y[1])
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	field := func(bits uint) uint64 {
		if bits == 0 {
			return 0
		}
		return rnd.Uint64() >> (64 - bits)
	}
	var scratch []uint64
	for _, w := range [][4]uint{{0, 0, 0, 0}, {1, 1, 1, 1}, {10, 3, 14, 14}, {16, 16, 16, 16}, {32, 0, 32, 0}, {17, 16, 16, 16}, {32, 32, 32, 32}, {2, 32, 30, 1}} {
		for _, n := range []int{1, 2, 50, 3000} {
			ks := make([][2]uint64, n)
			for i := range ks {
				if i > 0 && rnd.IntN(4) == 0 {
					ks[i] = ks[rnd.IntN(i)] // a repeat
					continue
				}
				ks[i] = [2]uint64{field(w[0])<<32 | field(w[1]), field(w[2])<<32 | field(w[3])}
			}
			want := slices.Clone(ks)
			slices.SortFunc(want, cmpKeys)
			scratch = sortKeys(ks, scratch, cmpKeys)
			if !slices.Equal(ks, want) {
				t.Fatalf("widths %v, %d keys: not sorted as cmpKeys sorts them", w, n)
			}
		}
	}
}
