package extract

import (
	"reflect"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

// TestRawStringSameAsCty checks rawString against what isKnown, IsNull,
// IsMarked, Type and AsString find, on values of every kind (marked,
// null, unknown and refined strings among them), with ctyraw's fast path
// and without it (then rawString answers nothing).
func TestRawStringSameAsCty(t *testing.T) {
	vals := []cty.Value{
		cty.NilVal, cty.StringVal(""), cty.StringVal("s3:GetObject"), cty.StringVal("é\n\"<&>"),
		cty.StringVal("x").Mark("sensitive"), cty.NullVal(cty.String), cty.UnknownVal(cty.String),
		cty.UnknownVal(cty.String).Refine().StringPrefix("arn:").NewValue(), cty.DynamicVal,
		cty.NullVal(cty.DynamicPseudoType), cty.NumberIntVal(12), cty.True,
		cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("b")}), cty.TupleVal([]cty.Value{cty.StringVal("a")}),
		cty.ListVal([]cty.Value{cty.StringVal("a")}), cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b")}),
		cty.SetVal([]cty.Value{cty.StringVal("a")}), cty.CapsuleVal(cty.Capsule("c", reflect.TypeOf("")), new(string)),
	}
	for _, fast := range []bool{true, false} {
		restore := ctyraw.SetFast(fast)
		for _, v := range vals {
			want, wantOK := "", false
			if isKnown(v) && !v.IsNull() && !v.IsMarked() && v.Type() == cty.String {
				want, wantOK = v.AsString(), true
			}
			got, ok := rawString(v)
			if !fast && ok {
				t.Errorf("without the fast path rawString(%#v) answered %q", v, got)
			}
			if ok && (!wantOK || got != want) || fast && ok != wantOK {
				t.Errorf("fast=%v: rawString(%#v) = %q, %v; want %q, %v", fast, v, got, ok, want, wantOK)
			}
		}
		restore()
	}
}
