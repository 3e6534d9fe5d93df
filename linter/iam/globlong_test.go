package iam

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
)

// TestGlobLongQuestionMarkBounded: a NotResource of "*" then 250,000 "a?"
// then b, against a Resource of 1,000,000 a's (deny.go compares them), took
// the direct walk, 1.25·10^11 steps (a hang): '?' kept it off the pieces'
// way. Every pattern is matched segment by segment now, the ones with '?'
// too, with the middle segments found through FFTs.
func TestGlobLongQuestionMarkBounded(t *testing.T) {
	long := strings.Repeat("a", 1000000)
	qs := strings.Repeat("a?", 250000)
	for _, tc := range []struct {
		p    string
		want bool
	}{
		{"*" + qs + "b", false},
		{"*" + qs, true},
		{"*" + qs + "b*", false},              // a middle segment
		{"*" + qs + "*", true},                // found at once
		{"*b" + qs + "*", false},              // a middle segment, no place
		{qs + "*" + qs[:400000] + "*?", true}, // the first, a middle and the last
		{qs + "*" + qs + "a*?", false},        // one character too many
		{"*" + qs[:400000] + "*" + qs + "a", true},
		{"*" + qs + "*" + qs + "*" + qs + "*", false}, // 1,500,000 > 1,000,000
		{"*" + strings.Repeat("?", 999999) + "*" + "?", true},
		{"*" + strings.Repeat("?a", 300000) + "*" + strings.Repeat("?a", 200000), true},
	} {
		start := cputime.Used()
		if got := MatchARN(tc.p, long); got != tc.want {
			t.Errorf("pattern %d long (%.20q...): %v, want %v", len(tc.p), tc.p, got, tc.want)
		}
		// CPU time of the process (other tests may run beside it): the
		// walk this replaced took hours; the search takes about 0.5 s.
		if d := cputime.Used() - start; d > 30*time.Second {
			t.Errorf("pattern %d long (%.20q...): took %v", len(tc.p), tc.p, d)
		}
	}
	// A match far into the text, at a place the blocks reach last.
	s := strings.Repeat("ab", 400000) + "xyz" + strings.Repeat("ab", 1000) + "c"
	p := "*x?z" + strings.Repeat("a?", 999) + "*c"
	if !MatchARN(p, s) || MatchARN(p+"c", s) || !MatchAction(strings.ToUpper(p), s) {
		t.Error("wrong answer far into the text")
	}
}

// TestGlobLongAgainstWalk compares globLong (what glob does for long
// inputs) with the direct walk on many random small patterns and texts:
// '*', '?', case, multi-byte characters, invalid bytes, and texts holding
// '*' and '?' as characters (a pattern compared with a pattern).
func TestGlobLongAgainstWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func(n int, alphabet []string) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	pat := []string{"a", "b", "*", "?", "A", "é", "É", "\xff", "\xfe", "\ufffd"}
	txt := []string{"a", "b", "A", "é", "É", "\xff", "\ufffd", "*", "?"}
	for range 200000 {
		p := word(r.IntN(10), pat)
		s := word(r.IntN(14), txt)
		if r.IntN(3) == 0 {
			// often a match: the pattern with its wildcards filled in
			s = strings.NewReplacer("*", word(r.IntN(3), txt), "?", word(1, txt)).Replace(p)
		}
		for _, fold := range []bool{false, true} {
			if got, want := globLong(p, s, fold), globWalk(p, s, fold); got != want {
				t.Fatalf("globLong(%q, %q, %v) = %v, the walk says %v", p, s, fold, got, want)
			}
		}
	}
}

// TestSegmentIndexFFT compares the FFT search of long segments with '?'
// with trying every place, on random segments and texts of a small
// alphabet (many near misses) and of many characters (codes of several
// digits).
func TestSegmentIndexFFT(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	naive := func(seg, s []rune) int {
		for i := 0; i+len(seg) <= len(s); i++ {
			if segmentAt(seg, s[i:]) {
				return i
			}
		}
		return -1
	}
	for n := range 300 {
		alpha := 2 + r.IntN(3)
		if n%3 == 0 {
			alpha = 1 << (8 + r.IntN(13)) // up to 2^20 characters: three digits
		}
		ch := func() rune { return rune(r.IntN(alpha)) + 1 }
		m := 1 + r.IntN(200)
		if n%10 == 0 {
			m = 1000 + r.IntN(1500) // more than one block
		}
		seg := make([]rune, m)
		for i := range seg {
			seg[i] = ch()
			if r.IntN(3) == 0 {
				seg[i] = globAny
			}
		}
		s := make([]rune, r.IntN(6000))
		for i := range s {
			s[i] = ch()
		}
		if len(s) > m && r.IntN(2) == 0 {
			at := r.IntN(len(s) - m + 1)
			for i, c := range seg {
				if c != globAny {
					s[at+i] = c
				}
			}
		}
		if len(seg) > len(s) {
			continue
		}
		if got, want := fftIndex(seg, s), naive(seg, s); got != want {
			t.Fatalf("fftIndex (segment %d, text %d, alphabet %d) = %d, want %d", len(seg), len(s), alpha, got, want)
		}
	}
}
