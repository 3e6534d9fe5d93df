package ctyraw

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// nested returns values holding those of values() in every collection and
// structure kind (the elements of a list, a map or a set must share a type).
func nested() []cty.Value {
	out := values()
	for _, v := range values() {
		out = append(out,
			cty.ObjectVal(map[string]cty.Value{"a": v, "b": cty.StringVal("x")}),
			cty.TupleVal([]cty.Value{cty.StringVal("x"), v}),
			cty.ListVal([]cty.Value{v, v}),
			cty.MapVal(map[string]cty.Value{"k": v}),
			cty.ObjectVal(map[string]cty.Value{"t": cty.TupleVal([]cty.Value{cty.ListVal([]cty.Value{v})})}),
		)
		if !v.Type().IsObjectType() || len(v.Type().OptionalAttributes()) == 0 {
			out = append(out, cty.SetVal([]cty.Value{v}))
		}
	}
	deep := cty.StringVal("x")
	for range maxScanDepth + 2 {
		deep = cty.TupleVal([]cty.Value{deep})
	}
	return append(out, deep, cty.TupleVal([]cty.Value{deep, cty.DynamicVal}),
		cty.UnknownVal(cty.List(cty.String)).Mark("m"), cty.ListValEmpty(cty.String), cty.MapValEmpty(cty.String),
		cty.ObjectVal(map[string]cty.Value{"u": cty.UnknownVal(cty.String), "m": cty.StringVal("s").Mark("m")}))
}

func TestWhollyKnownMatchesCty(t *testing.T) {
	for _, on := range []bool{true, false} {
		restore := SetFast(on)
		for _, v := range nested() {
			if got, want := WhollyKnown(v), v.IsWhollyKnown(); got != want {
				t.Errorf("fast %v: WhollyKnown(%#v) = %v, IsWhollyKnown %v", on, v, got, want)
			}
			unknown, ok := ScanUnknown(v)
			if ok && unknown == v.IsWhollyKnown() {
				t.Errorf("fast %v: ScanUnknown(%#v) = %v, IsWhollyKnown %v", on, v, unknown, v.IsWhollyKnown())
			}
			if ok && v.ContainsMarked() {
				t.Errorf("fast %v: ScanUnknown(%#v) ok on a marked value", on, v)
			}
		}
		restore()
	}
}

func TestScanUnknownAllocates(t *testing.T) {
	v := cty.ObjectVal(map[string]cty.Value{
		"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"Action":   cty.ListVal([]cty.Value{cty.StringVal("s3:GetObject"), cty.StringVal("s3:PutObject")}),
			"Resource": cty.TupleVal([]cty.Value{cty.StringVal("arn:aws:s3:::b/*"), cty.UnknownVal(cty.String)}),
			"Tags":     cty.MapVal(map[string]cty.Value{"k": cty.StringVal("v")}),
		})}),
	})
	if n := testing.AllocsPerRun(100, func() {
		if u, ok := ScanUnknown(v); !ok || !u {
			t.Fatal("unknown not found")
		}
	}); n != 0 {
		t.Errorf("ScanUnknown allocates %v times", n)
	}
}
