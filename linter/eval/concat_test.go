package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// concatTuples returns what stdlib.ConcatFunc does for known tuples, and
// declines lists, unknowns and nulls.
func TestConcatTuplesMatchesStdlib(t *testing.T) {
	x := &hclsyntax.FunctionCallExpr{Name: "concat"}
	obj := cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.UnknownVal(cty.String)})
	for _, args := range [][]cty.Value{
		{cty.EmptyTupleVal},
		{cty.EmptyTupleVal, cty.EmptyTupleVal},
		{cty.TupleVal([]cty.Value{obj, cty.StringVal("s")}), cty.TupleVal([]cty.Value{cty.NumberIntVal(1)})},
		{cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String)}), cty.EmptyTupleVal},
	} {
		nodes := make([]*Node, len(args))
		for i, v := range args {
			nodes[i] = &Node{Val: v}
		}
		vals, ok := concatTuples(x, nodes)
		got := concatVals(vals)
		want, err := stdlib.ConcatFunc.Call(args)
		if !ok || err != nil || !got.RawEquals(want) {
			t.Errorf("concat%#v = %#v, %v; stdlib %#v, %v", args, got, ok, want, err)
		}
	}
	for _, args := range [][]cty.Value{
		{},
		{cty.ListVal([]cty.Value{cty.StringVal("a")})},
		{cty.EmptyTupleVal, cty.UnknownVal(cty.EmptyTuple)},
		{cty.EmptyTupleVal, cty.NullVal(cty.EmptyTuple)},
	} {
		nodes := make([]*Node, len(args))
		for i, v := range args {
			nodes[i] = &Node{Val: v}
		}
		if _, ok := concatTuples(x, nodes); ok {
			t.Errorf("concat%#v taken, want declined", args)
		}
	}
}
