package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestKeepText compares KeepText with what secretLeaf looks for, on
// random strings made of parts of those words in both cases.
func TestKeepText(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 9))
	parts := []string{"A", "K", "I", "S", "AKI", "ASI", "SECRE", "secre", "T", "t", "s", "e", "c", "r", "x", "\xff", "Ś"}
	hits := 0
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for j := r.IntN(8); j > 0; j-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		s := b.String()
		want := strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") || containsFold(s, "secret")
		if KeepText(s) != want {
			t.Fatalf("KeepText(%q) = %v, want %v", s, !want, want)
		}
		if want {
			hits++
		}
	}
	if hits < 1000 {
		t.Errorf("only %d strings hold a word", hits)
	}
}

// keepTextLoop is KeepText as it was, trying the words at every byte:
// the oracle of TestKeepTextLong.
func keepTextLoop(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		switch c := s[i]; {
		case c == 'A':
			if w := s[i+1 : i+4]; w == "KIA" || w == "SIA" {
				return true
			}
		case c|0x20 == 's':
			if i+6 <= len(s) && s[i+1]|0x20 == 'e' && s[i+2]|0x20 == 'c' && s[i+3]|0x20 == 'r' && s[i+4]|0x20 == 'e' && s[i+5]|0x20 == 't' {
				return true
			}
		}
	}
	return false
}

// TestKeepTextLong checks KeepText (eight bytes at a time) on strings
// longer than TestKeepText's, a word at every position of the eight-byte
// words and across them, near misses ("AKI", "Secre", "IA", "cr" alone)
// all over, against the byte loop and the definition.
func TestKeepTextLong(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	parts := []string{"A", "K", "I", "S", "IA", "cr", "CR", "AKI", "ASI", "KIA", "SIA", "AKIA", "ASIA", "SECRE", "secre", "ecret", "Secret",
		"T", "t", "s", "e", "c", "r", "x", "\xff", "Ś", "Action", "arn:aws:s3:::bucket/*", "ec2:Describe*", "sts:AssumeRole"}
	filler := []string{"x", "y", "Action", "ec2:Describe*", "arn:aws:iam::123456789012:role/r", "\"", " ", "\xc3\xa9"}
	hits := 0
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for j := r.IntN(40); j > 0; j-- {
			if r.IntN(4) == 0 {
				b.WriteString(parts[r.IntN(len(parts))])
			} else {
				b.WriteString(filler[r.IntN(len(filler))])
			}
		}
		s := b.String()
		want := strings.Contains(s, "AKIA") || strings.Contains(s, "ASIA") || containsFold(s, "secret")
		if keepTextLoop(s) != want {
			t.Fatalf("the oracle is wrong on %q", s)
		}
		if KeepText(s) != want {
			t.Fatalf("KeepText(%q) = %v, want %v", s, !want, want)
		}
		if want {
			hits++
		}
	}
	if hits < 5000 {
		t.Errorf("only %d strings hold a word", hits)
	}
	// Each word at every offset of a long text, and cut at every length.
	for _, w := range []string{"AKIA", "ASIA", "secret", "SeCrEt"} {
		for off := 0; off < 40; off++ {
			s := strings.Repeat("ec2:Describe* ", 3)[:off] + w + strings.Repeat("z", off%9)
			for n := 0; n <= len(s); n++ {
				if got, want := KeepText(s[:n]), keepTextLoop(s[:n]); got != want {
					t.Fatalf("KeepText(%q) = %v, want %v", s[:n], got, want)
				}
			}
		}
	}
}

// BenchmarkKeepText compares KeepText with the byte loop on the strings
// of a usual policy.
func BenchmarkKeepText(b *testing.B) {
	strs := []string{"2012-10-17", "Allow", "s3:GetObject", "arn:aws:s3:::my-bucket-name-0/*", "ec2:DescribeInstances",
		"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:*\"],\n      \"Resource\": \"arn:aws:s3:::prefix-0/*\"\n    }\n  ]\n}\n"}
	for _, fn := range []struct {
		name string
		f    func(string) bool
	}{{"swar", KeepText}, {"loop", keepTextLoop}} {
		b.Run(fn.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for _, s := range strs {
					if fn.f(s) {
						n++
					}
				}
			}
			if n != 0 {
				b.Fatal(n)
			}
		})
	}
}
