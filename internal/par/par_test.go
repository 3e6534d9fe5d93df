package par

import (
	"sync/atomic"
	"testing"
)

func TestForVisitsEachIndexOnce(t *testing.T) {
	for _, c := range []struct{ n, chunk int }{{0, 1}, {1, 1}, {5, 0}, {1000, 1}, {1000, 32}, {1001, 256}} {
		seen := make([]atomic.Int32, c.n)
		For(c.n, c.chunk, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Fatalf("n=%d chunk=%d: index %d visited %d times", c.n, c.chunk, i, got)
			}
		}
	}
}
