package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// variantsQueue is variants as it was, every variant through the queue.
func variantsQueue[T any](build func(c *choices) T) []T {
	queue := []*choices{{pick: map[*eval.Node]int{}}}
	var out []T
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		c.pending = nil
		v := build(c)
		if p := c.pending; p != nil && len(out)+len(queue)+len(p.Alts()) <= maxVariants {
			for i := range p.Alts() {
				nc := make(map[*eval.Node]int, len(c.pick)+1)
				for k, x := range c.pick {
					nc[k] = x
				}
				nc[p.Choice()] = i
				queue = append(queue, &choices{pick: nc})
			}
			continue
		}
		out = append(out, v)
	}
	return out
}

// cond is an unknown conditional with n known branches, the i-th holding
// the string "i" (or the conditional next, for branch 0, when set).
func cond(n int, next *eval.Node) *eval.Node {
	c := &eval.Node{Val: cty.DynamicVal}
	for i := 0; i < n; i++ {
		alt := &eval.Node{Val: cty.StringVal(fmt.Sprint(i))}
		if i == 0 && next != nil {
			alt = next
		}
		c.SetAlts(append(c.Alts(), alt))
	}
	return c
}

func TestVariantsFirstAlone(t *testing.T) {
	for name, nodes := range map[string][]*eval.Node{
		"none":          {{Val: cty.StringVal("x")}},
		"one":           {cond(2, nil)},
		"two":           {cond(2, nil), cond(3, nil)},
		"nested":        {cond(2, cond(2, cond(2, nil)))},
		"too many":      {cond(2, nil), cond(2, nil), cond(2, nil), cond(2, nil), cond(2, nil), cond(2, nil)},
		"wide":          {cond(maxVariants, nil), cond(2, nil)},
		"too wide":      {cond(maxVariants+1, nil)},
		"wide then one": {cond(2, nil), cond(maxVariants, nil)},
	} {
		build := func(c *choices) string {
			var parts []string
			for _, n := range nodes {
				r := c.r(n)
				if isKnown(r.Val) {
					parts = append(parts, r.Val.AsString())
				} else {
					parts = append(parts, "?")
				}
			}
			return strings.Join(parts, ",")
		}
		got, want := variants(build), variantsQueue(build)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: variants %v, want %v", name, got, want)
		}
	}
}

func TestDocsByAddress(t *testing.T) {
	d := func(addr string) *iam.Document { return &iam.Document{Address: addr} }
	a1, a2, b1, c1, a3, b2 := d("a"), d("a"), d("b"), d("c"), d("a"), d("b")
	for _, docs := range [][]*iam.Document{
		nil,
		{a1},
		{a1, a2, b1, c1},
		{a1, nil, a2, b1, a3, c1, b2, nil},
		{nil, nil},
	} {
		want := map[string][]*iam.Document{}
		for _, x := range docs {
			if x != nil {
				want[x.Address] = append(want[x.Address], x)
			}
		}
		before := append([]*iam.Document(nil), docs...)
		got := docsByAddress(docs)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("docsByAddress(%v) = %v, want %v", docs, got, want)
		}
		for addr, g := range got {
			_ = append(g, d("x")) // must not write into docs
			for i := range g {
				if g[i] != want[addr][i] {
					t.Errorf("%s: element %d is not the same document", addr, i)
				}
			}
		}
		for i := range docs {
			if docs[i] != before[i] {
				t.Errorf("docs[%d] was written", i)
			}
		}
	}
}

func TestDocsWhere(t *testing.T) {
	d := func(k iam.Kind, attr string) *iam.Document { return &iam.Document{Kind: k, Attribute: attr} }
	a, b, c, e := d(iam.Identity, "policy"), d(iam.Trust, "assume_role_policy"), d(iam.Identity, "inline_policy.policy"), d(iam.Identity, "policy")
	for _, tc := range []struct {
		docs []*iam.Document
		kind iam.Kind
		attr string
		want []*iam.Document
	}{
		{nil, iam.Identity, "", nil},
		{[]*iam.Document{b}, iam.Identity, "", nil},
		{[]*iam.Document{a, e, b}, iam.Identity, "policy", []*iam.Document{a, e}},
		{[]*iam.Document{b, a, c}, iam.Identity, "", []*iam.Document{a, c}},
		{[]*iam.Document{a, b, e}, iam.Identity, "", []*iam.Document{a, e}},
		{[]*iam.Document{a, c, e}, iam.Identity, "policy", []*iam.Document{a, e}},
		{[]*iam.Document{a, b, c}, iam.Trust, "", []*iam.Document{b}},
	} {
		before := append([]*iam.Document(nil), tc.docs...)
		got := docsWhere(tc.docs, tc.kind, tc.attr)
		if !reflect.DeepEqual(got, tc.want) || (got == nil) != (tc.want == nil) {
			t.Errorf("docsWhere(%v, %s, %q) = %v, want %v", tc.docs, tc.kind, tc.attr, got, tc.want)
		}
		_ = append(got, d(iam.SCP, "x")) // must not write into docs
		if !reflect.DeepEqual(tc.docs, before) {
			t.Errorf("docsWhere wrote into docs")
		}
	}
}
