package hashnum

import (
	"hash/maphash"
	"testing"
)

// number numbers words with the given hash and returns the numbers, the
// first-holder flags and the numbering.
func number(words []string, hash func(int) uint64) ([]int32, []bool, *Numbers[int, string]) {
	n := New(len(words), hash, func(i int) string { return words[i] })
	ids := make([]int32, len(words))
	news := make([]bool, len(words))
	for i := range words {
		ids[i], news[i] = n.Number(i)
	}
	return ids, news, n
}

// The numbers are the same whatever the hash: a real one, one that makes
// every key collide, one that makes some collide.
func TestNumbersCollisions(t *testing.T) {
	words := []string{"a", "b", "a", "c", "b", "d", "e", "c", "a", "f", "f"}
	wantIDs := []int32{0, 1, 0, 2, 1, 3, 4, 2, 0, 5, 5}
	wantNew := []bool{true, true, false, true, false, true, true, false, false, true, false}
	seed := maphash.MakeSeed()
	for name, hash := range map[string]func(int) uint64{
		"maphash":  func(i int) uint64 { return maphash.String(seed, words[i]) },
		"constant": func(int) uint64 { return 42 },
		"one bit":  func(i int) uint64 { return uint64(words[i][0] & 1) },
	} {
		ids, news, n := number(words, hash)
		for i := range words {
			if ids[i] != wantIDs[i] || news[i] != wantNew[i] {
				t.Errorf("%s: %q numbered %d (new %v), want %d (new %v)", name, words[i], ids[i], news[i], wantIDs[i], wantNew[i])
			}
		}
		if n.Len() != 6 {
			t.Errorf("%s: Len = %d, want 6", name, n.Len())
		}
		for id := range int32(n.Len()) {
			if f := n.First(id); wantIDs[f] != id || !wantNew[f] {
				t.Errorf("%s: First(%d) = %d (%q)", name, id, f, words[f])
			}
		}
	}
}

// A key that collided keeps its number when it comes again, and the
// first key of the hash keeps its own.
func TestNumbersCollidedAgain(t *testing.T) {
	words := []string{"x", "y", "z", "y", "x", "z"}
	ids, _, _ := number(words, func(int) uint64 { return 7 })
	want := []int32{0, 1, 2, 1, 0, 2}
	for i := range words {
		if ids[i] != want[i] {
			t.Errorf("%q numbered %d, want %d", words[i], ids[i], want[i])
		}
	}
}

// FuzzNumbers: with a weak hash (the low bits of the key, so that keys
// collide often and a collided key comes back), the numbers and the
// first-holder flags are those of an exact map numbering the keys.
func FuzzNumbers(f *testing.F) {
	f.Add([]byte{1, 2, 1, 3, 17, 1, 33, 17}, uint8(4))
	f.Add([]byte{0, 0, 255, 7}, uint8(0))
	f.Fuzz(func(t *testing.T, keys []byte, bits uint8) {
		mask := uint64(1)<<(bits%9) - 1
		n := New(0, func(i int) uint64 { return uint64(keys[i]) & mask }, func(i int) byte { return keys[i] })
		exact := map[byte]int32{}
		for i, k := range keys {
			want, seen := exact[k]
			if !seen {
				want = int32(len(exact))
				exact[k] = want
			}
			id, isNew := n.Number(i)
			if id != want || isNew == seen {
				t.Fatalf("key %d (#%d): numbered %d (new %v), want %d (new %v)", k, i, id, isNew, want, !seen)
			}
			if keys[n.First(id)] != k {
				t.Fatalf("First(%d) holds %d, want %d", id, keys[n.First(id)], k)
			}
		}
		if n.Len() != len(exact) {
			t.Fatalf("Len = %d, want %d", n.Len(), len(exact))
		}
	})
}
