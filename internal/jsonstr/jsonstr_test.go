package jsonstr

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestPlain8: Plain8 says what Plain says of its 8 bytes, for every
// byte at every place, and next to bytes that borrow in the arithmetic.
func TestPlain8(t *testing.T) {
	for _, fill := range []byte{'a', ' ', '~', '!', '#', '[', ']', 0x21, 0x7e} {
		for p := range 8 {
			for c := range 256 {
				b := bytes.Repeat([]byte{fill}, 8)
				b[p] = byte(c)
				want := true
				for _, x := range b {
					want = want && Plain[x]
				}
				if got := Plain8(string(b)); got != want {
					t.Fatalf("Plain8(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 100000 {
		var b [8]byte
		for i := range b {
			b[i] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				b[i] = byte(0x1e + r.IntN(0x42)) // near the edges
			}
		}
		want := true
		for _, x := range b {
			want = want && Plain[x]
		}
		if got := Plain8(string(b[:])); got != want {
			t.Fatalf("Plain8(%q) = %v, want %v", b, got, want)
		}
	}
}
