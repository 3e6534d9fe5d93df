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

// oldMayHoldDirective is mayHoldDirective as it was before it looked for
// the letters m, f and v: the pairs "ia", "tf", "tr" and "ch" eight bytes
// at a time, each tried as the start of a word.
func oldMayHoldDirective(src []byte) bool {
	at := func(i int) bool {
		var w string
		switch src[i] | 0x20 {
		case 'i':
			w = "iamlint"
		case 't':
			if i+1 < len(src) && src[i+1]|0x20 == 'f' {
				w = "tfsec"
			} else {
				w = "trivy"
			}
		case 'c':
			w = "checkov"
		default:
			return false
		}
		if i+len(w) > len(src) {
			return false
		}
		j := 1
		for ; j < len(w) && src[i+j]|0x20 == w[j]; j++ {
		}
		return j == len(w)
	}
	for i := range src {
		if at(i) {
			return true
		}
	}
	return false
}

// TestMayHoldDirectiveOld compares mayHoldDirective with the scan it
// replaced on random texts of Terraform words and pieces of the directive
// words, up to 300 bytes.
func TestMayHoldDirectiveOld(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 17))
	parts := []string{"resource ", "\"aws_iam_role\" ", "name = ", "\"arn:aws:iam::1:role/x\"", "for_each", "var.env", "{", "}\n", "# ",
		"iaml", "IAMLINT", "int", "tfs", "TFSEC", "ec", "tri", "TRIVY", "vy", "che", "CHECKOV", "kov", "m", "M", "f", "F", "v", "V", "\xff", "é"}
	hits := 0
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for j := r.IntN(60); j > 0; j-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		src := []byte(b.String())
		got, want := mayHoldDirective(src), oldMayHoldDirective(src)
		if got != want {
			t.Fatalf("mayHoldDirective(%q) = %v, the old scan %v", src, got, want)
		}
		if want {
			hits++
		}
	}
	if hits < 5000 || hits > 95000 {
		t.Errorf("%d texts of 100000 hold a word", hits)
	}
}
