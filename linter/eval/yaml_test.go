package eval

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

func TestYAMLDecodeValues(t *testing.T) {
	src := "a: 1\nb: 2.5\nc: true\nd: null\ne: 'x'\nf: [1, \"y\"]\ng: {}\nh: &h {k: v}\ni: *h\nj: ''\n"
	e := &env{s: &scope{ev: &evaluator{}}}
	n := e.yamlDecode(&Node{Val: cty.StringVal(src)}, hcl.Range{Filename: "x.tf"})
	want := cty.ObjectVal(map[string]cty.Value{
		"a": cty.NumberIntVal(1), "b": cty.NumberFloatVal(2.5), "c": cty.True, "d": cty.NullVal(cty.DynamicPseudoType),
		"e": cty.StringVal("x"), "f": cty.TupleVal([]cty.Value{cty.NumberIntVal(1), cty.StringVal("y")}),
		"g": cty.EmptyObjectVal, "h": cty.ObjectVal(map[string]cty.Value{"k": cty.StringVal("v")}),
		"i": cty.ObjectVal(map[string]cty.Value{"k": cty.StringVal("v")}), "j": cty.StringVal(""),
	})
	if !n.Val.RawEquals(want) {
		t.Errorf("yamldecode = %#v\nwant %#v", n.Val, want)
	}
	// Located through the text map: "v" of h is on line 8.
	tm := NewTextMap([]Segment{{Offset: 0, Len: len(src), File: "p.yaml", Start: hcl.Pos{Line: 1, Column: 1}, Verbatim: true, Src: []byte(src)}})
	n = e.yamlDecode(&Node{Val: cty.StringVal(src), Text: tm}, hcl.Range{Filename: "x.tf"})
	if r := n.Get("h").Get("k").Range; r.Filename != "p.yaml" || r.Start.Line != 8 || r.Start.Column != 11 {
		t.Errorf("h.k at %s:%d:%d, want p.yaml:8:11", r.Filename, r.Start.Line, r.Start.Column)
	}
}

func TestYAMLDecodeInvalidIsUnknown(t *testing.T) {
	for _, src := range []string{"a: [1, 2", "<<: {a: 1}\nb: 2\n", "a: 1\n---\nb: 2\n"} {
		e := &env{s: &scope{ev: &evaluator{}}}
		n := e.yamlDecode(&Node{Val: cty.StringVal(src)}, hcl.Range{Filename: "x.tf"})
		if n.Val.IsKnown() {
			t.Errorf("yamldecode(%q) = %#v, want unknown", src, n.Val)
		}
	}
}

// TestYAMLDecodeNestingBound: yamldecode refuses a document whose
// sequences and mappings nest more than MaxNesting levels, as jsondecode
// does (jsonDeeper), with a scalar or not in the innermost: it read
// 1,001 levels (its root at depth 0 was not counted as a level).
func TestYAMLDecodeNestingBound(t *testing.T) {
	for _, tc := range []struct {
		levels int
		inner  string
		known  bool
	}{
		{MaxNesting, "", true}, {MaxNesting, "1", true}, {MaxNesting, "{a: 1}", false},
		{MaxNesting + 1, "", false}, {MaxNesting + 1, "1", false},
	} {
		src := strings.Repeat("[", tc.levels) + tc.inner + strings.Repeat("]", tc.levels)
		e := &env{s: &scope{ev: &evaluator{}}}
		n := e.yamlDecode(&Node{Val: cty.StringVal(src)}, hcl.Range{Filename: "x.tf"})
		if n.Val.IsKnown() != tc.known {
			t.Errorf("yamldecode of %d levels around %q: known %v, want %v", tc.levels, tc.inner, n.Val.IsKnown(), tc.known)
		}
		if js := jsonDeeper(strings.ReplaceAll(src, "{a: 1}", `{"a": 1}`), MaxNesting); js == tc.known {
			t.Errorf("jsondecode's bound disagrees at %d levels around %q", tc.levels, tc.inner)
		}
	}
}
