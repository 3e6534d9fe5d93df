package plan

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLineStartsParts: the line table made a part per CPU is the one a
// pass over the text makes, whatever the parts' edges cut (a line feed
// first or last in a part, empty lines, none at all).
func TestLineStartsParts(t *testing.T) {
	old := minParallelLines
	minParallelLines = 1
	defer func() { minParallelLines = old }()
	rng := rand.New(rand.NewPCG(3, 4))
	texts := [][]byte{nil, []byte("\n"), []byte("\n\n\n"), []byte("a"), []byte("ab\n"), []byte("\nab")}
	for range 300 {
		b := make([]byte, rng.IntN(200))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = '\n'
			} else {
				b[i] = 'x'
			}
		}
		texts = append(texts, b)
	}
	for _, src := range texts {
		want := []int{0}
		for i, c := range src {
			if c == '\n' {
				want = append(want, i+1)
			}
		}
		if got := lineStarts(src); !slices.Equal(got, want) {
			t.Fatalf("lineStarts(%q) = %v, want %v", src, got, want)
		}
	}
}
