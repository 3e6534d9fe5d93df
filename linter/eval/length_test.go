package eval

import (
	"math/rand/v2"
	"testing"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// TestLengthASCII: length() of an ASCII string (counted without scanning
// grapheme clusters) is what Terraform's strlen counts, CR LF pairs,
// lone CRs and LFs and control characters included; other strings too.
func TestLengthASCII(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"\r", "\n", "\r\n", "a", " ", "\x00", "\t", "\x7f", "é", "e\u0301", "👍🏽"}
	for i := range 2000 {
		var s string
		for range rnd.IntN(12) {
			s += alphabet[rnd.IntN(len(alphabet))]
		}
		if i < 1000 && !asciiOnly(s) {
			continue
		}
		got, err := lengthFunc.Call([]cty.Value{cty.StringVal(s)})
		if err != nil {
			t.Fatal(err)
		}
		want, err := stdlib.StrlenFunc.Call([]cty.Value{cty.StringVal(s)})
		if err != nil {
			t.Fatal(err)
		}
		if !got.RawEquals(want) {
			t.Errorf("length(%q) = %#v, want %#v", s, got, want)
		}
	}
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
