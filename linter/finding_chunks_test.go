package linter

import (
	"fmt"
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
					if f.Message != "" || f.Related != nil {
						t.Fatalf("chunk given back holds finding %d: %q", i, f.Message)
					}
				}
			}
		}
	}
	// A chunk of no class is left to the collector.
	var l chunkFreeList
	odd := make([]Finding, 1, 20)
	odd[0].Message = "kept"
	l.put(odd)
	if odd[0].Message != "kept" || l.bytes != 0 {
		t.Error("a chunk of no class was taken")
	}
	// A chunk given back is given again, empty.
	ch := l.get(2)
	ch = append(ch, Finding{Message: "x"})
	l.put(ch)
	if again := l.get(2); cap(again) != cap(ch) || &again[:1][0] != &ch[0] || len(again) != 0 || again[:1][0].Message != "" {
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
