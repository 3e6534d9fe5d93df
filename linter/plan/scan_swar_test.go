package plan

import (
	"math/rand"
	"testing"
)

// TestScanPlainSWAR compares scanPlain (eight bytes at a time) with a byte
// loop on random text where quotes, backslashes, control and non-ASCII
// bytes are rare.
func TestScanPlainSWAR(t *testing.T) {
	naive := func(src []byte, i int) (int, bool) {
		high := false
		for ; i < len(src); i++ {
			c := src[i]
			if c == '"' || c == '\\' || c < 0x20 {
				return i, high
			}
			if c >= 0x80 {
				high = true
			}
		}
		return i, high
	}
	r := rand.New(rand.NewSource(1))
	special := []byte{'"', '\\', 0, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, 0xc3, '!', '#', '[', ']'}
	for n := 0; n < 20000; n++ {
		src := make([]byte, r.Intn(40))
		for k := range src {
			if r.Intn(12) == 0 {
				src[k] = special[r.Intn(len(special))]
			} else {
				src[k] = byte('a' + r.Intn(26))
			}
		}
		s := &scanner{src: src}
		for i := 0; i <= len(src); i++ {
			gi, gh := s.scanPlain(i)
			wi, wh := naive(src, i)
			if gi != wi || gh != wh {
				t.Fatalf("scanPlain(%q, %d) = %d, %v; want %d, %v", src, i, gi, gh, wi, wh)
			}
		}
	}
}
