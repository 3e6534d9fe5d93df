package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable returns s as a line-oriented report prints it: its control
// characters (a newline, an escape sequence; tabs are kept) and invalid
// UTF-8 as U+FFFD, as source snippets show them. Names and messages come
// from the input (a file named "x\x1b[2K.tf", a value quoted in an error):
// they must not move the cursor, clear or recolour the terminal or a CI
// log, nor start a line that looks like another finding.
func Printable(s string) string {
	if plainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unprintable(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unprintable reports whether r is shown as U+FFFD in text output: a
// control character other than tab, an invalid byte, or a bidirectional
// control (U+202E and its kin), which would make a terminal show the line
// in another order than it is read ("Trojan Source").
func unprintable(r rune) bool {
	return r != '\t' && (unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r))
}
