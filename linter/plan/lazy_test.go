package plan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// lazyEdges is a plan whose resources hold the values LazyString and
// LazyStrings must read as a built body holds them: duplicate keys,
// after_unknown marks (whole, partial, duplicated), nulls, numbers,
// escapes, invalid UTF-8, collections of every JSON shape, a deferred
// change.
const lazyEdges = `{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_role_policy.a","mode":"managed","type":"aws_iam_role_policy","name":"a","change":{"actions":["create"],
 "after":{"role":"r\"1\u00e9","name":"n","name":"n2","policy_arn":null,"roles":["a",null,3,"b"],"users":{"z":"x","a":"y","a":"w"},"groups":"g","n":1,"x":"XFF"},
 "after_unknown":{"role":false,"policy_arn":true,"users":{"z":true},"groups":[true],"x":{}}}},
{"address":"aws_iam_policy_attachment.b","mode":"managed","type":"aws_iam_policy_attachment","name":"b","change":{"actions":["create"],
 "after":{"policy_arn":"arn:aws:iam::1:policy/p","roles":["r1","r2"],"users":[],"groups":["g",["h"]]},
 "after_unknown":{"roles":false,"roles":[false,false],"groups":[false,[true]]}}},
{"address":"aws_iam_policy_attachment.c","mode":"managed","type":"aws_iam_policy_attachment","name":"c","change":{"actions":["update"],
 "after":{"policy_arn":"p","roles":["r1"],"users":["u"]},"after_unknown":{"roles":true,"users":[true],"users":false}}},
{"address":"aws_iam_role_policy.d","mode":"managed","type":"aws_iam_role_policy","name":"d","change":{"actions":["create"],"after":null,"after_unknown":true}},
{"address":"aws_iam_role_policy.e","mode":"managed","type":"aws_iam_role_policy","name":"e","change":{"actions":["delete"],"before":{"role":"x"},"after":null}}
],"deferred_changes":[{"reason":"x","resource_change":{"address":"aws_iam_role_policy.f","mode":"managed","type":"aws_iam_role_policy","name":"f",
 "change":{"actions":["create"],"after":{"role":"r"},"after_unknown":{"name":true}}}}]}`

// TestLazyAttrs checks LazyString and LazyStrings against the bodies
// Stream builds, for every attribute of every resource of the corpus
// plans and of lazyEdges.
func TestLazyAttrs(t *testing.T) {
	files := map[string][]byte{"edges": []byte(strings.ReplaceAll(lazyEdges, "XFF", "\xff"))}
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	local, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "plans", "*", "*.json"))
	paths = append(paths, local...)
	for _, p := range paths {
		if filepath.Base(p) == "SOURCE.json" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = b
	}
	checked := 0
	for name, src := range files {
		p, diags := Load(name, src, Options{SkipBefore: true, Lazy: true})
		if diags.HasErrors() || p == nil {
			if name == "edges" {
				t.Fatalf("edges: %v", diags)
			}
			continue
		}
		diags = p.Stream(3, nil, func(blocks []*eval.Block) {
			for _, b := range blocks {
				if !p.Deferred(b) {
					continue
				}
				keys := []string{"role", "missing", "name", "policy_arn", "roles", "users", "groups", "n", "x"}
				if v := b.Body.Val; v.IsKnown() && !v.IsNull() && v.Type().IsObjectType() {
					for k := range v.Type().AttributeTypes() {
						keys = append(keys, k)
					}
				}
				for _, k := range keys {
					n := b.Body.Get(k)
					want, wantOK := "", false
					if n != nil && n.Val.IsKnown() && !n.Val.IsNull() && n.Val.Type() == cty.String {
						want, wantOK = n.Val.AsString(), true
					}
					if got, ok := p.LazyString(b, k); got != want || ok != wantOK {
						t.Errorf("%s %s.%s: LazyString = %q, %v; the body has %q, %v", name, b.Address, k, got, ok, want, wantOK)
					}
					var wantS []string
					wantOK = n != nil && n.Val.IsWhollyKnown() && !n.Val.IsNull() && n.Val.CanIterateElements()
					if wantOK {
						for it := n.Val.ElementIterator(); it.Next(); {
							if _, v := it.Element(); v.Type() == cty.String && !v.IsNull() {
								wantS = append(wantS, v.AsString())
							}
						}
					}
					if got, ok, exact := p.LazyStrings(b, k); exact && (!slices.Equal(got, wantS) || ok != wantOK) {
						t.Errorf("%s %s.%s: LazyStrings = %q, %v; the body has %q, %v", name, b.Address, k, got, ok, wantS, wantOK)
					}
					checked++
				}
			}
		})
		if len(diags) > 0 {
			t.Errorf("%s: %v", name, diags)
		}
	}
	if checked < 100 {
		t.Errorf("only %d attributes checked", checked)
	}
}
