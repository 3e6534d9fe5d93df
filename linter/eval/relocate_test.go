package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

func TestDistinctMatchesStdlib(t *testing.T) {
	s := cty.StringVal
	for _, in := range []cty.Value{
		cty.ListVal([]cty.Value{s("b"), s("a"), s("b"), s("c"), s("a")}),
		cty.ListVal([]cty.Value{s("x")}),
		cty.ListValEmpty(cty.String),
		cty.ListVal([]cty.Value{s("a"), cty.NullVal(cty.String), s("a")}),
		cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(1)}),
		cty.ListVal([]cty.Value{s("a"), cty.UnknownVal(cty.String), s("a")}),
	} {
		want, werr := stdlib.DistinctFunc.Call([]cty.Value{in})
		got, gerr := distinctFunc.Call([]cty.Value{in})
		if (werr != nil) != (gerr != nil) || !got.RawEquals(want) {
			t.Errorf("distinct(%#v) = %#v, %v; stdlib: %#v, %v", in, got, gerr, want, werr)
		}
	}
}

func TestUniformList(t *testing.T) {
	s := cty.StringVal
	tup := cty.TupleVal([]cty.Value{s("a"), s("b")})
	if v, ok := uniformList(tup, cty.List(cty.String)); !ok || !v.RawEquals(cty.ListVal([]cty.Value{s("a"), s("b")})) {
		t.Errorf("uniformList(strings) = %#v, %v", v, ok)
	}
	if v, ok := uniformList(tup, cty.List(cty.DynamicPseudoType)); !ok || !v.Type().Equals(cty.List(cty.String)) {
		t.Errorf("uniformList(list(any)) = %#v, %v", v, ok)
	}
	for _, c := range []struct {
		v  cty.Value
		ty cty.Type
	}{
		{cty.TupleVal([]cty.Value{s("a"), cty.NumberIntVal(1)}), cty.List(cty.String)}, // mixed: convert decides
		{tup, cty.List(cty.Number)}, // other element type
		{cty.TupleVal([]cty.Value{s("a"), cty.UnknownVal(cty.String)}), cty.List(cty.String)},
		{tup, cty.Set(cty.String)},
	} {
		if _, ok := uniformList(c.v, c.ty); ok {
			t.Errorf("uniformList(%#v, %#v) took the fast path", c.v, c.ty)
		}
	}
}

func TestSplitElemsLocated(t *testing.T) {
	// split(",", "a,bb,,c") of a string read from the source at line 3
	// column 10: each element is ranged where it is written.
	str := "a,bb,,c"
	src := []byte(str)
	arg := &Node{Val: cty.StringVal(str), Text: NewTextMap([]Segment{{Offset: 0, Len: len(str), File: "f.tf",
		Start: posAt(3, 10, 100), Verbatim: true, Src: src}})}
	res, err := stdlib.SplitFunc.Call([]cty.Value{cty.StringVal(","), arg.Val})
	if err != nil {
		t.Fatal(err)
	}
	n := splitElems(&Node{Val: res}, []*Node{{Val: cty.StringVal(",")}, arg})
	if len(n.Elems) != 4 {
		t.Fatalf("got %d elements", len(n.Elems))
	}
	for i, col := range map[int]int{0: 10, 1: 12, 3: 16} {
		if r := n.Elems[i].Range; r.Start.Line != 3 || r.Start.Column != col {
			t.Errorf("element %d at %d:%d, want 3:%d", i, r.Start.Line, r.Start.Column, col)
		}
	}
}

func posAt(line, col, b int) hcl.Pos { return hcl.Pos{Line: line, Column: col, Byte: b} }
