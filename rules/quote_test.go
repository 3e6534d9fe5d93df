package rules

import (
	"strconv"
	"strings"
	"testing"
)

// appendQuoted writes what strconv.AppendQuote writes, and hasWildcard
// answers what strings.ContainsAny(s, "*?") does, on texts with and without
// the bytes that need escaping.
func TestAppendQuotedAndHasWildcard(t *testing.T) {
	texts := []string{"", "*", "s3:Get*", "arn:aws:s3:::b/?", `a"b`, `a\b`, "tab\there", "new\nline", "del\x7f", "é", "\xff", "\x00",
		"arn:aws:iam::123456789012:role/x", "~", " ", "${aws:username}"}
	for c := 0; c < 256; c++ {
		texts = append(texts, string(rune(c)), "x"+string([]byte{byte(c)})+"y")
	}
	for _, s := range texts {
		if got, want := string(appendQuoted([]byte("p:"), s)), string(strconv.AppendQuote([]byte("p:"), s)); got != want {
			t.Errorf("appendQuoted(%q) = %s, want %s", s, got, want)
		}
		if got, want := hasWildcard(s), strings.ContainsAny(s, "*?"); got != want {
			t.Errorf("hasWildcard(%q) = %v, want %v", s, got, want)
		}
	}
}
