package plan

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/iamlint/iamlint/linter/eval"
)

// heldPlan is a plan of n aws_iam_policy resources whose policies (with
// escapes, one also in assume_role_policy of a role) differ by resource.
func heldPlan(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"address":"aws_iam_policy.p%d","mode":"managed","type":"aws_iam_policy","name":"p%d","change":{"actions":["create"],`+
			`"after":{"name":"{\"n\":%d}","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get%d\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}`, i, i, i, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// TestStreamHeld checks StreamHeld's texts: the policy texts read in fn
// are those Stream builds; a text stays as it is while held reports its
// block (or an earlier one), and its memory is reused (overwritten) once
// held has passed its chunk; the other strings (a name that looks like a
// document) are never in that memory.
func TestStreamHeld(t *testing.T) {
	const n = 40
	src := heldPlan(n)
	want := map[string]string{}
	p, diags := Load("p.json", src, Options{SkipBefore: true, Lazy: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if diags := p.Stream(3, nil, func(blocks []*eval.Block) {
		for _, b := range blocks {
			want[b.Address] = strings.Clone(b.Body.Get("policy").Val.AsString())
			want[b.Address+".name"] = strings.Clone(b.Body.GetVal("name").AsString())
		}
	}); len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, holdFirst := range []bool{false, true} {
		type kept struct {
			addr, text, name string
		}
		var keep []kept
		var first *eval.Block
		if diags := p.StreamHeld(3, func(blocks []*eval.Block) {
			for _, b := range blocks {
				if first == nil {
					first = b
				}
				text := b.Body.Get("policy").Val.AsString()
				if text != want[b.Address] {
					t.Fatalf("%s: policy %q, want %q", b.Address, text, want[b.Address])
				}
				keep = append(keep, kept{b.Address, text, b.Body.GetVal("name").AsString()})
			}
		}, func() *eval.Block {
			if holdFirst {
				return first
			}
			return nil
		}); len(diags) > 0 {
			t.Fatal(diags)
		}
		overwritten := 0
		for _, k := range keep {
			if k.name != want[k.addr+".name"] {
				t.Errorf("hold %v: %s: name %q, want %q", holdFirst, k.addr, k.name, want[k.addr+".name"])
			}
			if k.text != want[k.addr] {
				overwritten++
			}
		}
		switch {
		case holdFirst && overwritten > 0:
			t.Errorf("held from the first block: %d texts overwritten, want none", overwritten)
		case !holdFirst && overwritten == 0:
			t.Errorf("nothing held: no text overwritten, want those of the chunks passed (reuse)")
		}
	}
	p.EndStream()
}

// TestReleaseRead checks that the changes of the blocks StreamHeld handed
// to fn, once ReleaseRead is called for them and Changes is dropped, are
// no longer answered by Change and are garbage (no part of the plan, its
// stream or its jobs holds them), while the stream goes on building the
// next chunks' bodies as before.
func TestReleaseRead(t *testing.T) {
	const n = 40
	p, diags := Load("p.json", heldPlan(n), Options{SkipBefore: true, Lazy: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(p.Changes) != n {
		t.Fatalf("%d changes, want %d", len(p.Changes), n)
	}
	gone := make([]weak.Pointer[Change], 0, n)
	for _, c := range p.Changes {
		gone = append(gone, weak.Make(c))
	}
	p.Changes = nil
	var jobs []weak.Pointer[bodyJob]
	for _, m := range p.After.Modules {
		for _, b := range m.Blocks {
			if !p.Deferred(b) {
				t.Fatalf("%s: not deferred", b.Address)
			}
			jobs = append(jobs, weak.Make(p.lazy.jobs[b]))
		}
	}
	seen := 0
	if diags := p.StreamHeld(3, func(blocks []*eval.Block) {
		for _, b := range blocks {
			c := p.Change(b)
			if c == nil || c.After != b || b.Body == nil || b.Body.Get("policy") == nil {
				t.Fatalf("%s: no change or body before ReleaseRead", b.Address)
			}
			seen++
		}
		p.ReleaseRead(blocks)
		for _, b := range blocks {
			if p.Change(b) != nil || p.Deferred(b) {
				t.Errorf("%s: Change or Deferred answers after ReleaseRead", b.Address)
			}
		}
	}, func() *eval.Block { return nil }); len(diags) > 0 {
		t.Fatal(diags)
	}
	if seen != n {
		t.Fatalf("%d blocks streamed, want %d", seen, n)
	}
	// A later stream builds nothing again: the bodies stay as they are.
	if diags := p.Stream(3, nil, func(blocks []*eval.Block) {
		for _, b := range blocks {
			if b.Body == nil || b.Body.Get("policy") == nil {
				t.Errorf("%s: body lost", b.Address)
			}
		}
	}); len(diags) > 0 {
		t.Fatal(diags)
	}
	runtime.GC()
	for i, w := range gone {
		if w.Value() != nil {
			t.Errorf("change %d is still held after ReleaseRead", i)
		}
	}
	for i, w := range jobs {
		if w.Value() != nil {
			t.Errorf("job %d is still held after ReleaseRead", i)
		}
	}
	if p.lazy == nil {
		t.Error("the stream was dropped") // p is alive to here, its stream with it
	}
	runtime.KeepAlive(p)
}
