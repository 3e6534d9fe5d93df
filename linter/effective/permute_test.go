package effective

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPermute checks the in-place move of Compute's sorted summaries
// against a copy, on random permutations of every size up to 64.
func TestPermute(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 65 {
		for range 20 {
			idx := r.Perm(n)
			vals := make([]int, n)
			for i := range vals {
				vals[i] = 100 + i
			}
			want := make([]int, n)
			for k, j := range idx {
				want[k] = vals[j]
			}
			permute(vals, idx)
			if !slices.Equal(vals, want) {
				t.Fatalf("n=%d: got %v, want %v", n, vals, want)
			}
		}
	}
}
