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
