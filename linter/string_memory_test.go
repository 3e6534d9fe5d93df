package linter_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestQuotedPolicyMemoryBound guards the bytes allocated per source byte
// for a long one-line policy in a quoted string, its quotes escaped
// (policy = "{\"Version\":...}"): two segments of its text map (88 bytes
// each) every few bytes. The scan that made them grew their slice by
// doubling and copied it once more: 277 bytes allocated per byte of
// the file (most of them the segments' garbage), where the segments sized
// once are 111 (the map, the policy's position mapper and the rest of
// the lint). No clock: the bytes allocated hardly vary. The finding on
// iam:PassRole in the string still points at its column in the file.
func TestQuotedPolicyMemoryBound(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's memory is on the heap's count")
	}
	const maxAlloc = 130.0 // bytes allocated per byte of the file
	var b strings.Builder
	b.WriteString(`{\"Version\":\"2012-10-17\",\"Statement\":[`)
	for i := 0; b.Len() < 256<<10; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		act := "s3:PutObject"
		if i%50 == 0 {
			act = "iam:PassRole"
		}
		fmt.Fprintf(&b, `{\"Sid\":\"S%d\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"%s\"],\"Resource\":\"*\"}`, i, act)
	}
	b.WriteString(`]}`)
	line := `  policy = "` + b.String() + `"`
	src := "resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n" + line + "\n}\n"
	dir := t.TempDir()
	p := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	lint := func() *linter.Result {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 || res.Summary.Policies != 1 {
			t.Fatalf("errors %v, %d policies", res.Errors, res.Summary.Policies)
		}
		return res
	}
	lint() // what a run loads once (the AWS catalogs) is not the string's
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := lint()
	runtime.ReadMemStats(&after)
	alloc := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(src))
	t.Logf("%d bytes, %d findings: %.1f bytes allocated per byte", len(src), len(res.Findings), alloc)
	if alloc > maxAlloc {
		t.Errorf("%.1f bytes allocated per byte of the file; want under %.0f", alloc, maxAlloc)
	}
	// The first iam:PassRole: the finding's column is its (escaped)
	// opening quote's in the line.
	want := strings.Index(line, `\"iam:PassRole\"`) + 1
	found := false
	for _, f := range res.Findings {
		if f.Rule == "passrole-wildcard" {
			found = true
			if f.Range.Start.Line != 3 || f.Range.Start.Column != want {
				t.Errorf("passrole-wildcard at %d:%d; want 3:%d", f.Range.Start.Line, f.Range.Start.Column, want)
			}
			break
		}
	}
	if !found {
		t.Error("no passrole-wildcard finding")
	}
}
