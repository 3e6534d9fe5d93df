package plan

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

func FuzzLoadPlan(f *testing.F) {
	for _, name := range []string{"testdata/modules_unknown.json", "testdata/v01_count.json"} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
		f.Add(src[:len(src)/2])
	}
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":{"p":null},"after_unknown":{"p":true,"l":[true,{"x":true}]}}}]}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.m","resources":[{"address":"x.y","values":{"a":"\ud83d\ude00\u00e9"}}]}]}}}`))
	// Sensitivity marks and nested configuration references.
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"after":{"policy":"{}","l":["a",{"b":"c"}]},"after_sensitive":{"policy":true,"l":[false,{"b":true}]}}}],"planned_values":{"root_module":{"resources":[{"address":"aws_iam_policy.p","values":{"policy":"{}"},"sensitive_values":{"policy":true}}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"data.aws_iam_policy_document.d","mode":"data","type":"aws_iam_policy_document","name":"d","change":{"actions":["read"],"after":{"statement":[{"principals":[{"identifiers":[null],"type":"AWS"}]}]},"after_unknown":{"statement":[{"principals":[{"identifiers":[true]}]}]}}},{"address":"aws_iam_user.u","mode":"managed","type":"aws_iam_user","name":"u","change":{"actions":["create"],"after":{"name":"u"},"after_unknown":{"arn":true}}}],"configuration":{"root_module":{"resources":[{"address":"data.aws_iam_policy_document.d","expressions":{"statement":[{"principals":[{"identifiers":{"references":["aws_iam_user.u.arn","aws_iam_user.u"]}}]}]}}]}}}`))
	// Deferred changes (Terraform 1.9+): linted, duplicated, malformed.
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":{}}}],"deferred_changes":[{"reason":"instance_count_unknown","resource_change":{"address":"aws_iam_policy.p[\"*\"]","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"before":null,"after":{"policy":"{}"},"after_unknown":{"arn":true},"after_sensitive":{"policy":true}}}},{"reason":"x","resource_change":{"address":"a.b","change":{"actions":["create"]}}},{"resource_change":{"address":"c.d","change":{"actions":"create"}}},{"resource_change":{"address":"e.f"}},{"reason":1},7,{"resource_change":{"address":"data.aws_iam_policy_document.d","mode":"data","type":"aws_iam_policy_document","name":"d","change":{"actions":["read"],"after":null}}}],"prior_state":{"values":{"root_module":{"resources":[{"address":"aws_iam_policy.p[\"*\"]","values":{"policy":"{}"}}]}}}}`))
	// Members of the wrong type (shape errors).
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","change":{"actions":["create"],"after":{},"after_unknown":"x"}}],"planned_values":{"root_module":{"resources":[{"address":"a.b","values":[]}]}}}`))
	f.Add([]byte(`{"format_version":"1.2","variables":{"a b":{"value":1}},"resource_changes":[{"address":5}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkSplit(t, "fuzz", src)
		isPlan := IsPlan(src)
		p, diags := Load("fuzz.json", src, Options{})
		if diags.HasErrors() {
			if p != nil {
				t.Fatal("plan with errors")
			}
			for _, d := range diags {
				if d.Subject == nil || d.Subject.Filename != "fuzz.json" {
					t.Fatalf("diagnostic without subject: %v", d)
				}
				// A shape error is at a value (or the object without
				// an address), named by its path, its position not
				// repeated in the message.
				if d.Summary == "Invalid plan" && (strings.Contains(d.Detail, "offset") || d.Subject.Start.Byte >= len(src) || !startsValue(src[d.Subject.Start.Byte])) {
					t.Fatalf("shape error %v", d)
				}
			}
			return
		}
		if p == nil || p.After == nil {
			t.Fatal("no plan and no error")
		}
		if !isPlan {
			// Load accepted it: it has format_version and planned_values/resource_changes.
			t.Fatalf("Load accepted what IsPlan rejected: %q", src)
		}
		checkLazy(t, src)
		for _, res := range []*eval.Result{p.After, p.Before} {
			for _, m := range res.Modules {
				for _, b := range m.Blocks {
					if b.Body == nil || b.Body.Val == cty.NilVal || b.Module != m || p.Change(b) == nil {
						t.Fatalf("bad block %+v", b)
					}
				}
			}
		}
	})
}

// checkLazy loads src (a plan Load accepts) lazily and streams it: the
// blocks are those of a load without Lazy, in the same order, each with
// the same body once Stream has built it.
func checkLazy(t *testing.T, src []byte) {
	whole, diags := Load("fuzz.json", src, Options{SkipBefore: true})
	if diags.HasErrors() {
		t.Fatalf("load without before: %v", diags)
	}
	var want []*eval.Block
	for _, m := range whole.After.Modules {
		want = append(want, m.Blocks...)
	}
	p, diags := Load("fuzz.json", src, Options{SkipBefore: true, Lazy: true})
	if diags.HasErrors() {
		t.Fatalf("lazy load: %v", diags)
	}
	i := 0
	diags = p.Stream(2, nil, func(blocks []*eval.Block) {
		for _, b := range blocks {
			if i >= len(want) {
				t.Fatalf("more blocks streamed than loaded")
			}
			w := want[i]
			i++
			if b.Address != w.Address || b.Module.Path != w.Module.Path || !reflect.DeepEqual(b.Body, w.Body) {
				t.Fatalf("streamed block %s (module %q) differs from loaded %s (module %q)", b.Address, b.Module.Path, w.Address, w.Module.Path)
			}
			for _, k := range []string{"name", "role", "roles", "policy"} {
				p.LazyString(b, k)
				p.LazyStrings(b, k)
			}
		}
	})
	if len(diags) > 0 {
		t.Fatalf("stream: %v", diags)
	}
	if i != len(want) {
		t.Fatalf("%d blocks streamed, %d loaded", i, len(want))
	}
}
