package eval

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// numbersLiteral is a local whose value is the literal tuple of the
// numbers 0 to n-1.
func numbersLiteral(name string, n int) string {
	var b strings.Builder
	b.WriteString("  " + name + " = [")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteString("]\n")
	return b.String()
}

// A for expression of 1,000 calls over a literal of 240,000 numbers is
// refused ("Evaluation too large" at the for) before the calls' garbage
// piles up: cty's Function.Call walks each argument twice, making a
// number of each index and a copy of each element, and the budget counted
// an element 48 units whatever it allocated. Allocated by the calls (past
// the parse and evaluation of the literal): sum 1,243 MB, max 758 MB,
// contains 737 MB, length(tolist()) 927 MB, flatten 1,177 MB; toset and
// concat, built by the evaluator itself, counted nothing (past 100 s and
// 6 GB).
func TestCallsOverLiteralBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a 1.6 MB literal for each call")
	}
	big := numbersLiteral("big", 240_000)
	src := func(x string) string {
		return "locals {\n" + big + "  x = " + x + "\n}\n" + "resource \"aws_iam_policy\" \"p\" {\n  v = local.x\n}\n"
	}
	// The parse and the evaluation of the literal.
	_, _, base := evalSrcAllocated(t, src("local.big"))
	for _, call := range []string{"sum(local.big)", "max(local.big...)", "contains(local.big, 5)",
		"length(tolist(local.big))", "flatten([local.big])", "toset(local.big)", "concat(local.big)"} {
		t.Run(call, func(t *testing.T) {
			mods, diags, alloc := evalSrcAllocated(t, src("[for i in range(1000) : "+call+"]"))
			alloc -= min(alloc, base)
			t.Logf("%d MiB allocated by the calls", alloc>>20)
			if !errorAt(diags, summaryTooLarge, 3) {
				t.Errorf("no %s error at line 3: %v", summaryTooLarge, diags)
			}
			if v := mods[0].Blocks[0].Body.Get("v"); v == nil || v.Val.IsWhollyKnown() {
				t.Errorf("v is wholly known, want unknown parts")
			}
			if alloc > 300<<20 {
				t.Errorf("%d MiB allocated by the calls, want at most 300", alloc>>20)
			}
		})
	}
}

// sum adds off the internal value what Terraform's sum adds, to the same
// value and precision; marked and unknown lists go the slow way.
func TestSumRawMatchesSlow(t *testing.T) {
	big1 := cty.MustParseNumberVal("123456789012345678901234567890")
	for _, v := range []cty.Value{
		cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(-2), cty.NumberIntVal(40)}),
		cty.TupleVal([]cty.Value{cty.MustParseNumberVal("1"), cty.MustParseNumberVal("2.5"), cty.NumberIntVal(3)}),
		cty.TupleVal([]cty.Value{cty.NumberIntVal(math.MaxInt64), cty.NumberIntVal(1)}),
		cty.TupleVal([]cty.Value{cty.NumberIntVal(math.MinInt64), cty.NumberIntVal(-1)}),
		cty.TupleVal([]cty.Value{big1, cty.NumberIntVal(1)}),
		cty.TupleVal([]cty.Value{cty.NumberFloatVal(0.1), cty.NumberFloatVal(0.2)}),
		cty.TupleVal([]cty.Value{cty.NumberFloatVal(math.Copysign(0, -1)), cty.NumberFloatVal(math.Copysign(0, -1))}),
		cty.TupleVal([]cty.Value{cty.MustParseNumberVal("-0"), cty.MustParseNumberVal("-0")}),
		cty.TupleVal([]cty.Value{cty.NumberIntVal(1), cty.StringVal("2")}),
		cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.UnknownVal(cty.Number)}),
		cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2).Mark("s")}),
		cty.ListVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2)}).Mark("s"),
		cty.UnknownVal(cty.List(cty.Number)),
		cty.ListValEmpty(cty.Number),
		cty.SetVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2)}),
	} {
		got, gerr := sumFunc.Call([]cty.Value{v})
		want, werr := sumSlow.Call([]cty.Value{v})
		if (gerr != nil) != (werr != nil) || gerr == nil && !got.RawEquals(want) {
			t.Errorf("sum(%#v) = %#v, %v; want %#v, %v", v, got, gerr, want, werr)
			continue
		}
		if gerr == nil && got.IsKnown() && !got.IsMarked() && got.AsBigFloat().Prec() != want.AsBigFloat().Prec() {
			t.Errorf("sum(%#v): precision %d, want %d", v, got.AsBigFloat().Prec(), want.AsBigFloat().Prec())
		}
	}
}

// appendNumber writes what big.Float's Append(buf, 'f', -1) writes.
func TestAppendNumberMatches(t *testing.T) {
	for _, v := range []cty.Value{
		cty.NumberIntVal(0), cty.NumberIntVal(-7), cty.NumberIntVal(math.MaxInt64), cty.NumberIntVal(math.MinInt64),
		cty.MustParseNumberVal("12345"), cty.MustParseNumberVal("-0"), cty.MustParseNumberVal("1e30"),
		cty.MustParseNumberVal("2.5"), cty.NumberFloatVal(1 << 60), cty.NumberFloatVal(math.Copysign(0, -1)),
	} {
		if got, want := string(appendNumber(nil, v)), v.AsBigFloat().Text('f', -1); got != want {
			t.Errorf("appendNumber(%#v) = %s, want %s", v, got, want)
		}
	}
}
