package eval

import (
	"strconv"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestInstKeyIsKeyString: the key a group files an instance under, read from
// its address suffix, is keyString of the instance key, for count indexes
// (the numbers made once and past them) and for_each keys.
func TestInstKeyIsKeyString(t *testing.T) {
	for i := 0; i < 5000; i++ {
		k := indexKey(i)
		if got, want := instKey(k, "["+strconv.Itoa(i)+"]"), keyString(k); got != want {
			t.Fatalf("count %d: instKey %q, keyString %q", i, got, want)
		}
	}
	for _, s := range []string{"", "a", "0", "12", "[x]", "\"q\"", "${x}", "é"} {
		k := cty.StringVal(s)
		if got, want := instKey(k, "["+quoteKey(s)+"]"), keyString(k); got != want {
			t.Fatalf("for_each %q: instKey %q, keyString %q", s, got, want)
		}
	}
}

// TestKeySuffixIsQuoteKey: keySuffix is "[" + quoteKey(k) + "]" for every
// string of one and two ASCII bytes and for odd keys.
func TestKeySuffixIsQuoteKey(t *testing.T) {
	keys := []string{"", "a", "web-1", "${x}", "%{x}", "$", "%", "a$", "$${", "é", "\u200b", "a\"b", "\\", "\n", "\x7f", "日本"}
	for a := 0; a < 128; a++ {
		keys = append(keys, string(rune(a)))
		for b := 0; b < 128; b++ {
			keys = append(keys, string([]byte{byte(a), byte(b)}))
		}
	}
	for _, k := range keys {
		if got, want := keySuffix(k), "["+quoteKey(k)+"]"; got != want {
			t.Fatalf("keySuffix(%q) = %q, want %q", k, got, want)
		}
	}
}
