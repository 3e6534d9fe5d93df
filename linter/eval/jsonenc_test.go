package eval

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// appendJSON writes what cty/json.Marshal writes, or declines.
func TestAppendJSONMatchesCtyJSON(t *testing.T) {
	vals := []cty.Value{
		cty.StringVal(""), cty.StringVal("s3:GetObject"), cty.StringVal(`a"b\c`), cty.StringVal("<&>"),
		cty.StringVal("tab\there\nnl\x01"), cty.StringVal("café \u2028 \u2029 😀"),
		cty.NumberIntVal(0), cty.NumberIntVal(-42), cty.NumberFloatVal(1.5), cty.NumberFloatVal(1e21),
		cty.NumberVal(new(big.Float).SetPrec(512).Quo(big.NewFloat(1), big.NewFloat(3))),
		cty.True, cty.False, cty.NullVal(cty.String), cty.NullVal(cty.DynamicPseudoType),
		cty.ListValEmpty(cty.String), cty.ListVal([]cty.Value{cty.StringVal("b"), cty.StringVal("a")}),
		cty.SetVal([]cty.Value{cty.StringVal("b"), cty.StringVal("a"), cty.StringVal("c")}),
		cty.SetVal([]cty.Value{cty.NumberIntVal(10), cty.NumberIntVal(2)}),
		cty.MapVal(map[string]cty.Value{"z": cty.StringVal("1"), "a": cty.StringVal("<2>")}),
		cty.MapValEmpty(cty.Bool),
		cty.EmptyObjectVal, cty.EmptyTupleVal,
		cty.ObjectVal(map[string]cty.Value{
			"Version": cty.StringVal("2012-10-17"),
			"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
				"Effect": cty.StringVal("Allow"), "Action": cty.ListVal([]cty.Value{cty.StringVal("*")}),
				"Resource": cty.StringVal("*"), "Condition": cty.ObjectVal(map[string]cty.Value{
					"Bool": cty.MapVal(map[string]cty.Value{"aws:SecureTransport": cty.True})}),
				"Null": cty.NullVal(cty.String), "N": cty.NumberIntVal(3),
			})}),
		}),
		cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1), cty.NullVal(cty.DynamicPseudoType)}),
		cty.ListValEmpty(cty.DynamicPseudoType),
		cty.ObjectVal(map[string]cty.Value{"d": cty.NullVal(cty.DynamicPseudoType)}),
		cty.PositiveInfinity,
	}
	handled := 0
	for _, v := range vals {
		want, err := ctyjson.Marshal(v, v.Type())
		got, ok := appendJSON(nil, v)
		if !ok {
			continue
		}
		handled++
		if err != nil {
			t.Errorf("%#v: appendJSON wrote %s, cty/json fails: %v", v, got, err)
			continue
		}
		if !bytes.Equal(got, bytes.TrimSpace(want)) {
			t.Errorf("%#v:\n got %s\nwant %s", v, got, want)
		}
	}
	if handled < len(vals)-6 {
		t.Errorf("appendJSON handled only %d of %d values", handled, len(vals))
	}
	if _, ok := appendJSON(nil, cty.UnknownVal(cty.String)); ok {
		t.Error("appendJSON handled an unknown value")
	}
	if _, ok := appendJSON(nil, cty.PositiveInfinity); ok {
		t.Error("appendJSON handled infinity, which cty/json refuses")
	}
}
