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

// The counting shortcut of CheckNesting says nothing the scan would not:
// on random text of brackets, directives and operators, with small limits,
// both give the same diagnostic (or none).
func TestCheckNestingShortcut(t *testing.T) {
	pieces := []string{"(", ")", "[", "]", "{", "}", "%{ if", "%{ endif", "%{for", "%{~ endfor", "-", "!", " ", "\n", "a", "é"}
	seed := uint32(1)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for j, n := 0, rnd(40); j < n; j++ {
			b.WriteString(pieces[rnd(len(pieces))])
		}
		src := []byte(b.String())
		for _, max := range []int{1, 2, 3, 5, 8, 13} {
			got, want := CheckNesting(src, "r.tf", max), scanNesting(src, "r.tf", max, false)
			if (got == nil) != (want == nil) || (got != nil && (got.Detail != want.Detail || *got.Subject != *want.Subject)) {
				t.Fatalf("%q max %d: CheckNesting %v, scan %v", src, max, got, want)
			}
		}
	}
}
