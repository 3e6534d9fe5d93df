package plan

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestSeenIndex checks seenIndex against a map of instanceKey, with the
// real hash and with every hash colliding, changes put by their own key
// and by another one (a planned_values resource whose deposed and
// deposed_key differ), and keys put again.
func TestSeenIndex(t *testing.T) {
	for _, mask := range []uint64{^uint64(0), 0, 1} {
		t.Run(fmt.Sprint(mask), func(t *testing.T) {
			defer func(m uint64) { seenHashMask = m }(seenHashMask)
			seenHashMask = mask
			rng := rand.New(rand.NewPCG(1, mask))
			x := newSeenIndex(0)
			want := map[instanceKey]*Change{}
			key := func() instanceKey {
				k := instanceKey{address: fmt.Sprintf("aws_iam_role.r%d", rng.IntN(40))}
				if rng.IntN(4) == 0 {
					k.deposed = fmt.Sprint(rng.IntN(3))
				}
				return k
			}
			for range 2000 {
				k := key()
				c := &Change{Address: k.address}
				c.setRare("", k.deposed, "")
				if rng.IntN(5) == 0 {
					o := key()
					c.Address = o.address
					c.setRare("", o.deposed, "")
				}
				x.put(k, c)
				want[k] = c
				q := key()
				if got := x.get(q); got != want[q] {
					t.Fatalf("get(%v) = %p, want %p", q, got, want[q])
				}
			}
			for k, c := range want {
				if got := x.get(k); got != c {
					t.Fatalf("get(%v) = %p, want %p", k, got, c)
				}
			}
		})
	}
}
