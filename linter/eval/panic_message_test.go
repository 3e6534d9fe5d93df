package eval

import (
	"strings"
	"testing"
)

// TestInfinityAndNaNSaidPlainly: cty panics on the remainder of an
// infinity and on a NaN result, and recovers as "panic in function
// implementation: runtime error: invalid memory address or nil pointer
// dereference" (or "Float.SetFloat64(NaN)"), which read as iamlint
// crashing. They say what is wrong with the value now; an infinity made by
// a function or an operator is unknown where it is made.
func TestInfinityAndNaNSaidPlainly(t *testing.T) {
	src := `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Resource = "*", Action = [
    (1 / 0) % 7,
    log(0, 0),
    (pow(10, 1200) + 1) % 7,
    (-1 / 0) % 2,
    "-inf" % 7,
  ] }] })
}
`
	_, _, diags := evalSrcDiags(t, src)
	want := map[int]string{
		// An infinity is unknown where it is made (hugeNumber), with
		// an error there, so the remainder is not tried.
		3: "operator: a number is infinite (+Inf,",
		4: "log: the result is not a number (NaN",
		5: "pow: a number is infinite (+Inf,",
		6: "operator: a number is infinite (-Inf,",
		// A string made an infinity by the conversion of the operand.
		7: "operator: a number is infinite (-Inf,",
	}
	for _, d := range diags {
		if strings.Contains(d.Detail, "panic") {
			t.Errorf("%s: %s", d.Subject, d.Detail)
		}
		if d.Subject != nil && want[d.Subject.Start.Line] != "" {
			if !strings.Contains(d.Detail, want[d.Subject.Start.Line]) {
				t.Errorf("line %d: %q, want %q", d.Subject.Start.Line, d.Detail, want[d.Subject.Start.Line])
			}
			delete(want, d.Subject.Start.Line)
		}
	}
	for line, w := range want {
		t.Errorf("line %d: no diagnostic, want %q", line, w)
	}
}
