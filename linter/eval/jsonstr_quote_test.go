package eval

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestAppendJSONStringIsMarshal checks that appendJSONString quotes a
// string as encoding/json.Marshal does: plain text, the bytes it escapes
// (control bytes, '"', '\\', '<', '>', '&'), U+2028 and U+2029, other
// non-ASCII text and invalid UTF-8, at every place of random strings.
func TestAppendJSONStringIsMarshal(t *testing.T) {
	pieces := []string{"a", "arn:aws:s3:::b/*", " ", "\"", "\\", "<", ">", "&", "\n", "\t", "\r", "\b", "\f", "\x00", "\x1f", "\x7f",
		"é", "\u2028", "\u2029", "\ufffd", "😀", "\xff", "\xc3", "\xe2\x80", "${x}", "%{", "abcdefghijklmnop"}
	check := func(s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("appendJSONString(%q) = %s, json.Marshal %s", s, got[1:], want)
		}
	}
	check("")
	for _, p := range pieces {
		check(p)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		var b []byte
		for n := r.IntN(12); n > 0; n-- {
			if r.IntN(3) == 0 {
				b = append(b, byte(r.IntN(256)))
			} else {
				b = append(b, pieces[r.IntN(len(pieces))]...)
			}
		}
		check(string(b))
	}
}
