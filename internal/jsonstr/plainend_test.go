package jsonstr

import (
	"math/rand"
	"testing"
)

// TestPlainEndSWAR compares PlainEnd (eight bytes at a time) with a byte
// loop on random text where quotes, backslashes, control and non-ASCII
// bytes are rare, from every offset.
func TestPlainEndSWAR(t *testing.T) {
	naive := func(src string, i int) int {
		for ; i < len(src); i++ {
			if c := src[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
				return i
			}
		}
		return i
	}
	r := rand.New(rand.NewSource(1))
	special := []byte{'"', '\\', 0, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, 0xc3, '!', '#', '[', ']', 0x5b, 0x5d, 0x22 ^ 0x80, 0x5c ^ 0x80}
	for n := 0; n < 20000; n++ {
		b := make([]byte, r.Intn(40))
		for k := range b {
			if r.Intn(12) == 0 {
				b[k] = special[r.Intn(len(special))]
			} else {
				b[k] = byte(' ' + r.Intn(95))
			}
		}
		src := string(b)
		for i := 0; i <= len(src); i++ {
			if got, want := PlainEnd(src, i), naive(src, i); got != want {
				t.Fatalf("PlainEnd(%q, %d) = %d, want %d", src, i, got, want)
			}
		}
	}
}
