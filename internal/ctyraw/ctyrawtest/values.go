// Package ctyrawtest holds the cty values the tests of ctyraw and of its
// users build objects and tuples of.
package ctyrawtest

import "github.com/zclconf/go-cty/cty"

// Values returns values of the kinds the plan loader and the evaluator
// build objects and tuples of: primitives, unknowns (refined too), nulls,
// marks, collections, objects and tuples (an unknown object with an
// optional attribute, an object with a marked attribute).
func Values() []cty.Value {
	return []cty.Value{
		cty.StringVal("a"), cty.StringVal(""), cty.StringVal("caf\u00e9"), cty.NumberIntVal(3), cty.True,
		cty.DynamicVal, cty.UnknownVal(cty.String), cty.UnknownVal(cty.String).Refine().NotNull().StringPrefix("arn:").NewValue(),
		cty.NullVal(cty.String), cty.NullVal(cty.DynamicPseudoType), cty.StringVal("secret").Mark("sensitive"),
		cty.ListVal([]cty.Value{cty.StringVal("x")}), cty.SetVal([]cty.Value{cty.StringVal("x")}),
		cty.MapVal(map[string]cty.Value{"k": cty.NumberIntVal(1)}), cty.EmptyObjectVal, cty.EmptyTupleVal,
		cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("b")}),
		cty.TupleVal([]cty.Value{cty.StringVal("b"), cty.True}),
		cty.UnknownVal(cty.ObjectWithOptionalAttrs(map[string]cty.Type{"o": cty.String}, []string{"o"})),
		cty.ObjectVal(map[string]cty.Value{"m": cty.StringVal("x").Mark("sensitive")}),
	}
}
