package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendJSONString: appendJSONString writes any string (invalid UTF-8,
// control bytes, U+2028/U+2029, '"' and '\\' at every place of the 8-byte
// runs) exactly as encoding/json's Encoder does without HTML escaping, and
// appends to what the buffer already held.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "12345678\"", "1234567\\8", "\u2028\u2029", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"é€𝄞", "\x7f<>&", "\x00\x01\x1f", "abcdefgh\xffijklmnop", "abcdefg\xe2\x80\xa8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		w := bytes.TrimSuffix(want.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, w) {
			t.Fatalf("%q: got %s, want %s", s, got, w)
		}
		if got := appendJSONString([]byte("x"), s); !bytes.Equal(got[1:], w) || got[0] != 'x' {
			t.Fatalf("%q after a prefix: got %s, want x%s", s, got, w)
		}
	})
}
