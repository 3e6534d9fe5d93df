package eval

import (
	"math"
	"math/big"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Numbers and strings interpolated in a template are written as hcl (and
// convert.Convert) write them.
func TestTemplateInterpolationsAsHCL(t *testing.T) {
	for _, src := range []string{
		`"n=${10} ${-3} ${1.5} ${1/3} ${1e30} ${-0} ${0} ${2/7*7} ${9007199254740993}"`,
		`"s=${"a"}${"é"} b=${true} ${false}"`,
		`"${upper("x")}-${length([1, 2])}"`,
	} {
		x, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		want, diags := x.Value(&hcl.EvalContext{Functions: Functions()})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		n, diags := evalStatic(x, map[string][]byte{"t.tf": []byte(src)}, false)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if !n.Val.RawEquals(want) {
			t.Errorf("%s = %#v, hcl gives %#v", src, n.Val, want)
		}
	}
}

// TestNumberTextMatchesBigFloat compares numberText with the text
// convert.Convert makes of a number, at precisions below and above 64 bits.
func TestNumberTextMatchesBigFloat(t *testing.T) {
	ints := []int64{0, 1, -1, 7, 99, 100, 12345, -98765, 1 << 24, 1<<24 + 1, 1<<53 + 1, 1 << 60, 999999999999999, 123456789012345678, math.MaxInt64, math.MinInt64}
	var vals []cty.Value
	for _, i := range ints {
		vals = append(vals, cty.NumberIntVal(i))
		for _, p := range []uint{24, 53, 64, 512} {
			vals = append(vals, cty.NumberVal(new(big.Float).SetPrec(p).SetInt64(i)))
		}
	}
	vals = append(vals, cty.NumberFloatVal(1.5), cty.NumberFloatVal(math.Copysign(0, -1)), cty.NumberFloatVal(1e300),
		cty.MustParseNumberVal("123456789012345678901234567890"), cty.MustParseNumberVal("-0.25"))
	for _, v := range vals {
		want, err := convert.Convert(v, cty.String)
		if err != nil {
			t.Fatal(err)
		}
		if got := numberText(v); got != want.AsString() {
			t.Errorf("numberText(%s) = %q, convert gives %q", v.AsBigFloat().Text('g', 30), got, want.AsString())
		}
	}
}
