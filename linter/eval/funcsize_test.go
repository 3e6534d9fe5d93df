package eval

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// Functions whose result can be far larger than their arguments are
// refused before the call when it would pass maxValueBytes (before: made,
// then refused: format("%-4000000000s", "a") ran out of memory), and not
// when it would not: the estimate is a lower bound for format, exact for
// replace, indent and join.
func TestResultTooLarge(t *testing.T) {
	mb := cty.StringVal(strings.Repeat("a\n", 1<<19)) // 1 MiB, 524,288 lines
	list := func(n int, v cty.Value) cty.Value {
		vs := make([]cty.Value, n)
		for i := range vs {
			vs[i] = v
		}
		return cty.ListVal(vs)
	}
	for _, tc := range []struct {
		name string
		vals []cty.Value
		big  bool
	}{
		{"format", []cty.Value{cty.StringVal("%-4000000000s"), cty.StringVal("a")}, true},
		{"format", []cty.Value{cty.StringVal("%.100000000f"), cty.NumberIntVal(1)}, true},
		{"format", []cty.Value{cty.StringVal("%.100000000s"), cty.StringVal("a")}, false},
		{"format", []cty.Value{cty.StringVal("%%-4000000000s %-10s|%5.2f"), cty.StringVal("a"), cty.NumberFloatVal(3.14)}, false},
		{"formatlist", []cty.Value{cty.StringVal("%-100000s"), list(1000, cty.StringVal("a"))}, true},
		{"formatlist", []cty.Value{cty.StringVal("%-10s"), list(1000, cty.StringVal("a"))}, false},
		{"replace", []cty.Value{mb, cty.StringVal(""), cty.StringVal(strings.Repeat("x", 100))}, true},
		{"replace", []cty.Value{mb, cty.StringVal("a"), cty.StringVal(strings.Repeat("x", 100))}, false},
		{"replace", []cty.Value{mb, cty.StringVal("/a/"), cty.StringVal(strings.Repeat("x", 1000))}, false},
		{"indent", []cty.Value{cty.NumberIntVal(1000), mb}, true},
		{"indent", []cty.Value{cty.NumberIntVal(100), mb}, false},
		{"join", []cty.Value{cty.StringVal(""), list(100, mb)}, true},
		{"join", []cty.Value{cty.StringVal(","), list(50, mb)}, false},
		{"upper", []cty.Value{mb}, false},
		// One argument formatted again and again by its index: 1,000
		// times 1 MiB.
		{"format", []cty.Value{cty.StringVal(strings.Repeat("%[1]s", 1000)), mb}, true},
		{"format", []cty.Value{cty.StringVal(strings.Repeat("%[2]q", 1000)), cty.StringVal("a"), mb}, true},
		{"format", []cty.Value{cty.StringVal(strings.Repeat("%.3[1]s", 1000)), mb}, false},
		{"format", []cty.Value{cty.StringVal(strings.Repeat("%[1]s", 10)), mb}, false},
		{"format", []cty.Value{cty.StringVal(strings.Repeat("%[1]d", 1000)), cty.NumberIntVal(7)}, false},
		{"formatlist", []cty.Value{cty.StringVal(strings.Repeat("%[1]s", 1000)), list(2, mb)}, true},
		{"formatlist", []cty.Value{cty.StringVal(strings.Repeat("%[1]s", 1000)), cty.ListVal([]cty.Value{mb, cty.StringVal("a")})}, true},
		{"formatlist", []cty.Value{cty.StringVal(strings.Repeat("%[1]s", 10)), list(2, mb)}, false},
		{"formatlist", []cty.Value{cty.StringVal("%s-%[1]s"), list(1000, cty.StringVal("abc"))}, false},
	} {
		if got := resultTooLarge(tc.name, tc.vals); got != tc.big {
			t.Errorf("%s(%.30v...): too large = %v, want %v", tc.name, tc.vals[0].GoString(), got, tc.big)
		}
		if !tc.big && tc.name != "upper" && tc.name != "replace" {
			v, err := Functions()[tc.name].Call(tc.vals)
			if err == nil && stringBytes(v, maxValueBytes) > maxValueBytes {
				t.Errorf("%s: result of %d bytes passed", tc.name, stringBytes(v, maxValueBytes))
			}
		}
	}
}
