package plan

import (
	"encoding/json"
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

// TestStrSameAsEncodingJSON decodes random JSON strings full of escapes
// with scanner.str and skips them with skipString, against encoding/json.
func TestStrSameAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	parts := []string{`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\u00e9`, `\ud83d\ude00`, `\ud800`, `é`, `{`, `x`, `abcdefgh`, ` `}
	for n := 0; n < 5000; n++ {
		var b []byte
		b = append(b, '"')
		for k := r.Intn(30); k > 0; k-- {
			b = append(b, parts[r.Intn(len(parts))]...)
		}
		b = append(b, '"')
		var want string
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		s := &scanner{src: append(b, ',')}
		got, end := s.str(0)
		if got != want || end != len(b) {
			t.Fatalf("str(%s) = %q, %d; want %q, %d", b, got, end, want, len(b))
		}
		if e := s.skipString(0); e != len(b) {
			t.Fatalf("skipString(%s) = %d, want %d", b, e, len(b))
		}
	}
}
