package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestEscapedKeyIDs: the access key IDs a text writes with \u escapes, at
// the text that writes them; a key written as it is is not given (the
// plain scan's), nor is a run cut at a window's edge, and a run of
// megabytes is decoded a window at a time.
func TestEscapedKeyIDs(t *testing.T) {
	type hit struct {
		text, key string
	}
	run := func(text string) []hit {
		var out []hit
		escapedKeyIDs(text, func(start, end int, key string) { out = append(out, hit{text[start:end], key}) })
		return out
	}
	long := strings.Repeat(`\u0041b`, 20000) // one run of 140,000 bytes, no key
	// A window (escWindow bytes after the escape) that ends 16 characters
	// after an AKIA the run goes on from: no key.
	edge := `\u0041` + strings.Repeat("b", escWindow-6-21) + "/AKIA" + strings.Repeat("Z", 20)
	for _, c := range []struct {
		in   string
		want []hit
	}{
		{`"s3:\u0041KIAIOSFODNN7EXAMPLE"`, []hit{{`\u0041KIAIOSFODNN7EXAMPLE`, "AKIAIOSFODNN7EXAMPLE"}}},
		{`"s3:AKIA\\u0049OSFODNN7EXAMPLE"`, []hit{{`AKIA\\u0049OSFODNN7EXAMPLE`, "AKIAIOSFODNN7EXAMPLE"}}},
		{`"AKIAIOSFODNN7EXAMPLE", "\u0041"`, nil},                                                  // as it is: the plain scan's
		{`"b\u002FAKIAIOSFODNN7EXAMPLE"`, []hit{{"AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"}}}, // after an escaped '/'
		{`"\u0041KIAIOSFODNN7EXAMPLEX"`, nil},                                                      // 21 characters
		{`"\u0061kiaiosfodnn7example"`, nil},                                                       // lower case
		{long, nil},
		{edge, nil},
		{long + `/\u0041KIAIOSFODNN7EXAMPLE/` + long, []hit{{`\u0041KIAIOSFODNN7EXAMPLE`, "AKIAIOSFODNN7EXAMPLE"}}},
	} {
		if got := run(c.in); !slices.Equal(got, c.want) {
			in := c.in
			if len(in) > 60 {
				in = in[:60] + "..."
			}
			t.Errorf("escapedKeyIDs(%q) = %q, want %q", in, got, c.want)
		}
	}
}
