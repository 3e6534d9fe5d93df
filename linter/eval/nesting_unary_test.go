package eval

import (
	"strings"
	"testing"
)

// A long run of unary operators nests the parser as deeply as brackets do
// (500,000 of them overflowed the stack of both parsers: QA round 3).
func TestCheckNestingUnary(t *testing.T) {
	for _, op := range []string{"-", "!", "- "} {
		src := "locals { a = " + strings.Repeat(op, MaxNesting+1) + "1 }\n"
		if d := CheckNesting([]byte(src), "u.tf", MaxNesting); d == nil || d.Summary != "Nesting too deep" {
			t.Errorf("%q x %d: %v, want Nesting too deep", op, MaxNesting+1, d)
		}
	}
	ok := "locals { a = " + strings.Repeat("-", 10) + "1 }\n# " + strings.Repeat("=", 5000) + "\n"
	if d := CheckNesting([]byte(ok), "ok.tf", MaxNesting); d != nil {
		t.Errorf("short run: %v", d)
	}
}
