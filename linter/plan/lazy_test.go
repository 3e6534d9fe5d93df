package plan

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"

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

// TestLazyJobsKept: a lazy load keeps the jobs Stream builds where they
// were allocated (the changes whose values nothing reads have no job, so
// the chunks hold no others here); Stream builds the same bodies as a load
// that is not lazy, every change has its after block, in plan order (those
// whose values nothing reads with no body), and LazyShare is the share of
// the changes Stream builds.
func TestLazyJobsKept(t *testing.T) {
	relevant := func(mode, typ string) bool { return strings.HasPrefix(typ, "aws_iam_") }
	gen := func(n, iamEvery int) []byte {
		var b strings.Builder
		b.WriteString(`{"format_version":"1.2","resource_changes":[`)
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			if i%iamEvery == 0 {
				fmt.Fprintf(&b, `{"address":"aws_iam_policy.p%d","mode":"managed","type":"aws_iam_policy","name":"p%d","change":{"actions":["create"],"after":{"name":"p%d","policy":"{\"Statement\":[]}"},"after_unknown":{"arn":true}}}`, i, i, i)
			} else {
				fmt.Fprintf(&b, `{"address":"aws_instance.i%d","mode":"managed","type":"aws_instance","name":"i%d","change":{"actions":["create"],"after":{"ami":"a%d"},"after_unknown":{"id":true}}}`, i, i, i)
			}
		}
		b.WriteString("]}")
		return []byte(b.String())
	}
	for _, tc := range []struct {
		n, iamEvery int
		apart       bool
	}{{2000, 10, true}, {2000, 1, false}, {1000, 3, false}, {1000, 2, false}} {
		src := gen(tc.n, tc.iamEvery)
		p, diags := Load("plan.json", src, Options{SkipBefore: true, Lazy: true, Relevant: relevant})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		iam := (tc.n + tc.iamEvery - 1) / tc.iamEvery
		if got, want := p.LazyShare(), float64(iam)/float64(tc.n); got != want {
			t.Errorf("%d/%d: LazyShare %v, want %v", tc.n, tc.iamEvery, got, want)
		}
		if len(p.lazy.jobs) != iam {
			t.Fatalf("%d/%d: %d jobs deferred, want %d", tc.n, tc.iamEvery, len(p.lazy.jobs), iam)
		}
		// Apart: the deferred jobs are the elements of one array (of one
		// chunk: up to 256 of them).
		lo, hi := uintptr(math.MaxUint), uintptr(0)
		for _, j := range p.lazy.jobs {
			a := uintptr(unsafe.Pointer(j))
			lo, hi = min(lo, a), max(hi, a)
		}
		size := unsafe.Sizeof(bodyJob{})
		if apart := hi-lo == uintptr(iam-1)*size; apart != tc.apart {
			t.Errorf("%d/%d: deferred jobs in one array %v, want %v", tc.n, tc.iamEvery, apart, tc.apart)
		}
		blocks := p.After.Modules[0].Blocks
		if len(blocks) != tc.n {
			t.Fatalf("%d/%d: %d blocks, want %d", tc.n, tc.iamEvery, len(blocks), tc.n)
		}
		for i, b := range blocks {
			if c := p.Change(b); c == nil || c != p.Changes[i] || c.After != b || !strings.HasSuffix(b.Address, fmt.Sprint(i)) {
				t.Fatalf("%d/%d: block %d is %s (change %v)", tc.n, tc.iamEvery, i, b.Address, c)
			}
		}
		whole, diags := Load("plan.json", src, Options{SkipBefore: true, Relevant: relevant})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		var got []string
		if diags := p.Stream(64, nil, func(blocks []*eval.Block) {
			for _, b := range blocks {
				if b.Body != nil {
					got = append(got, b.Address+"="+b.Body.Get("name").Val.GoString())
				}
			}
		}); diags.HasErrors() {
			t.Fatal(diags)
		}
		var want []string
		for _, b := range whole.After.Modules[0].Blocks {
			if b.Body != nil {
				want = append(want, b.Address+"="+b.Body.Get("name").Val.GoString())
			}
		}
		if !slices.Equal(got, want) || len(got) != iam {
			t.Errorf("%d/%d: streamed bodies %v, want %v", tc.n, tc.iamEvery, got, want)
		}
		if whole.LazyShare() != 0 {
			t.Errorf("LazyShare of a plan loaded whole: %v", whole.LazyShare())
		}
	}
}
