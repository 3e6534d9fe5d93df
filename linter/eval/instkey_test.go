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
