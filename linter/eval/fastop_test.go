package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// fastOp gives what the operator's function gives, for every operand it
// takes; the others it leaves to the function.
func TestFastOpAsFunction(t *testing.T) {
	vals := []cty.Value{cty.True, cty.False, cty.StringVal("a"), cty.StringVal("b"), cty.StringVal(""),
		cty.NumberIntVal(1), cty.NumberFloatVal(1.0), cty.NumberIntVal(2), cty.NullVal(cty.Bool), cty.UnknownVal(cty.Bool),
		cty.DynamicVal, cty.ListValEmpty(cty.String), cty.True.Mark("m")}
	ops := []*hclsyntax.Operation{hclsyntax.OpLogicalAnd, hclsyntax.OpLogicalOr, hclsyntax.OpEqual, hclsyntax.OpNotEqual}
	taken := 0
	for _, op := range ops {
		for _, a := range vals {
			for _, b := range vals {
				got, ok := fastOp(op, a, b)
				if !ok {
					continue
				}
				taken++
				want, err := op.Impl.Call([]cty.Value{a, b})
				if err != nil || !got.RawEquals(want) {
					t.Errorf("%v %#v %#v: fastOp %#v, function %#v (%v)", op.Impl, a, b, got, want, err)
				}
			}
		}
	}
	for _, a := range vals {
		if got, ok := fastOp(hclsyntax.OpLogicalNot, a, cty.NilVal); ok {
			taken++
			want, err := hclsyntax.OpLogicalNot.Impl.Call([]cty.Value{a})
			if err != nil || !got.RawEquals(want) {
				t.Errorf("!%#v: fastOp %#v, function %#v (%v)", a, got, want, err)
			}
		}
	}
	if taken < 40 {
		t.Errorf("fastOp took %d cases", taken)
	}
	for _, c := range [][2]cty.Value{{cty.UnknownVal(cty.Bool), cty.True}, {cty.NullVal(cty.String), cty.StringVal("a")}, {cty.StringVal("1"), cty.NumberIntVal(1)}, {cty.True.Mark("m"), cty.True}} {
		if _, ok := fastOp(hclsyntax.OpEqual, c[0], c[1]); ok {
			t.Errorf("fastOp took %#v == %#v", c[0], c[1])
		}
	}
}
