package eval

import (
	"bytes"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
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

// jsonEncode of a value holding unknowns gives what the function gives
// (partlyUnknownJSON's fast path), refinements included, and leaves marked
// values to the function.
func TestJSONEncodePartlyUnknownMatchesFunction(t *testing.T) {
	unk := cty.UnknownVal(cty.String)
	obj := func(m map[string]cty.Value) cty.Value { return cty.ObjectVal(m) }
	vals := []cty.Value{
		obj(map[string]cty.Value{"a": cty.DynamicVal}),
		obj(map[string]cty.Value{"Version": cty.StringVal("2012-10-17"), "Statement": cty.TupleVal([]cty.Value{
			obj(map[string]cty.Value{"Action": cty.UnknownVal(cty.List(cty.String)), "Effect": cty.StringVal("Allow")})})}),
		cty.TupleVal([]cty.Value{cty.StringVal("a"), unk}),
		cty.ListVal([]cty.Value{cty.StringVal("a"), unk}),
		cty.SetVal([]cty.Value{cty.StringVal("a"), unk}),
		cty.MapVal(map[string]cty.Value{"k": unk}),
		obj(map[string]cty.Value{"n": cty.NullVal(cty.String), "u": unk.Refine().StringPrefix("arn:").NewValue()}),
		obj(map[string]cty.Value{"deep": cty.TupleVal([]cty.Value{obj(map[string]cty.Value{"x": cty.UnknownVal(cty.Number)})})}),
		// Not for the fast path: marks, wholly known, unknown or null at the top.
		obj(map[string]cty.Value{"a": unk.Mark("secret")}),
		obj(map[string]cty.Value{"a": unk}).Mark("secret"),
		cty.TupleVal([]cty.Value{cty.StringVal("s").Mark("m"), unk}),
		obj(map[string]cty.Value{"a": cty.StringVal("x")}),
		cty.DynamicVal, unk, cty.NullVal(cty.DynamicPseudoType),
		cty.UnknownVal(cty.EmptyObject).Refine().NotNull().NewValue(),
		cty.EmptyObjectVal, cty.EmptyTupleVal,
	}
	fast := 0
	for _, v := range vals {
		want, werr := stdlib.JSONEncodeFunc.Call([]cty.Value{v})
		if _, ok := partlyUnknownJSON(v); ok {
			fast++
		}
		got, gerr := jsonEncode(v)
		if (werr != nil) != (gerr != nil) || (werr == nil && !got.RawEquals(want)) {
			t.Errorf("jsonEncode(%#v) = %#v, %v; the function gives %#v, %v", v, got, gerr, want, werr)
		}
	}
	if fast != 8 {
		t.Errorf("the fast path took %d values, want 8", fast)
	}
}

// appendJSON and jsonText's count (lazyTextOK's walk) of random values
// (randVal: lists and tuples read off their internal values, sets, maps,
// objects, escapes, numbers, marks, unknowns): the text is cty/json's
// where appendJSON writes one, and the count declines exactly where
// appendJSON does and is never below the text's length.
func TestJSONTextRandomValues(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	never := func(string) bool { return false }
	written := 0
	for i := 0; i < 20000; i++ {
		v := randVal(r, 0)
		got, ok := appendJSON(nil, v)
		w := jsonText{count: true, keep: never, limit: math.MaxInt}
		if counted := w.value(v); counted != ok {
			t.Fatalf("%#v: count %v, appendJSON %v", v, counted, ok)
		}
		if !ok {
			continue
		}
		written++
		want, err := ctyjson.Marshal(v, v.Type())
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%#v:\n got %s\nwant %s (%v)", v, got, want, err)
		}
		if w.total < len(got) {
			t.Fatalf("%#v: count %d below the text's %d bytes", v, w.total, len(got))
		}
	}
	if written < 5000 {
		t.Errorf("only %d values written", written)
	}
}
