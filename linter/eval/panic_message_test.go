package eval

import (
	"strings"
	"testing"
)

// TestInfinityAndNaNSaidPlainly: cty panics on the remainder of an
// infinity and on a NaN result, and recovers as "panic in function
// implementation: runtime error: invalid memory address or nil pointer
// dereference" (or "Float.SetFloat64(NaN)"), which read as iamlint
// crashing. They say what is wrong with the value now.
func TestInfinityAndNaNSaidPlainly(t *testing.T) {
	src := `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Resource = "*", Action = [
    (1 / 0) % 7,
    log(0, 0),
    (pow(10, 1200) + 1) % 7,
    (-1 / 0) % 2,
  ] }] })
}
`
	_, _, diags := evalSrcDiags(t, src)
	want := map[int]string{
		3: "operator: an argument is infinite (+Inf,",
		4: "log: the result is not a number (NaN",
		5: "operator: an argument is infinite (+Inf,",
		6: "operator: an argument is infinite (-Inf,",
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
