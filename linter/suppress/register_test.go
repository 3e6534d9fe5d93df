package suppress

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// holdsDirectiveWord is what mayHoldDirective answers, the plain way: one
// of the words, each byte | 0x20 (ASCII letters in any case).
func holdsDirectiveWord(src []byte) bool {
	fold := make([]byte, len(src))
	for i, c := range src {
		fold[i] = c | 0x20
	}
	for _, w := range []string{"iamlint", "tfsec", "trivy", "checkov"} {
		if strings.Contains(string(fold), w) {
			return true
		}
	}
	return false
}

// TestMayHoldDirective compares mayHoldDirective with the plain search on
// random texts made of pieces of the words in both cases, short and past
// the eight bytes it reads at once, the word at any offset.
func TestMayHoldDirective(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	parts := []string{"i", "I", "a", "A", "ia", "IA", "iamlin", "IAMLINT", "t", "T", "tf", "TF", "tfse", "tr", "tRiv", "trivy",
		"c", "C", "ch", "cH", "checko", "CHECKOV", "v", "y", "k", "x", " ", "#", "\xff", "é", "\x49", "\x69"}
	hits := 0
	for i := 0; i < 300000; i++ {
		var b strings.Builder
		n := r.IntN(6)
		if i%2 == 1 {
			n = r.IntN(40)
		}
		for j := n; j > 0; j-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		src := []byte(b.String())
		want := holdsDirectiveWord(src)
		if mayHoldDirective(src) != want {
			t.Fatalf("mayHoldDirective(%q) = %v, want %v", src, !want, want)
		}
		if want {
			hits++
		}
	}
	if hits < 10000 {
		t.Errorf("only %d texts hold a word", hits)
	}
	for _, w := range []string{"iamlint", "tfsec", "trivy", "checkov"} {
		for pad := 0; pad < 20; pad++ {
			src := []byte(strings.Repeat("x", pad) + strings.ToUpper(w[:2]) + w[2:] + strings.Repeat("y", 20-pad))
			if !mayHoldDirective(src) || !mayHoldDirective(src[pad:pad+len(w)]) || mayHoldDirective(src[:pad+len(w)-1]) {
				t.Errorf("%q at %d: not found as it is", w, pad)
			}
		}
	}
}
