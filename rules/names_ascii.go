package rules

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Names AWS spells in ASCII letters only (actions, Effect, condition
// operators, principal types) may hold a character that looks like an ASCII
// one: a Cyrillic е in "s3:GеtObject", a zero-width space, a full-width ＊.
// Quoted as %q does, the message would print "s3:GеtObject" and suggest
// "s3:GetObject", which no reader can tell apart; quoteName escapes the
// character and nonASCIINote says so.

// quoteName quotes s for a message: as strconv.Quote when s is ASCII, with
// its non-ASCII characters escaped (\u0435) otherwise.
func quoteName(s string) string {
	if isASCII(s) {
		return strconv.Quote(s)
	}
	return strconv.QuoteToASCII(s)
}

// nonASCIINote is what a message about the name s appends when s holds a
// character that is not ASCII (quoteName escaped it); "" when s is ASCII.
// It names no character nor position: s may be a secret (a sensitive
// variable's value), which the run masks in the messages as quoted.
func nonASCIINote(s string) string {
	if isASCII(s) {
		return ""
	}
	return "; it holds characters that are not ASCII, escaped here (a look-alike letter, an invisible space), which no AWS name holds"
}

// asciiLookalike is s with the characters that look like ASCII ones (the
// Cyrillic and Greek letters drawn as Latin ones, full-width forms)
// replaced by them and its invisible characters dropped; s itself when it
// holds none.
func asciiLookalike(s string) string {
	var b []byte
	for i, r := range s {
		a, ok := lookalike(r)
		if !ok {
			if b != nil {
				b = utf8.AppendRune(b, r)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)), s[:i]...)
		}
		if a != 0 {
			b = append(b, a)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// lookalike is the ASCII character r looks like (0: none, r is invisible
// and dropped); false when r is ASCII or looks like nothing ASCII.
func lookalike(r rune) (byte, bool) {
	switch {
	case r < utf8.RuneSelf:
		return 0, false
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return byte(r - 0xFEE0), true
	case unicode.Is(unicode.Cf, r):
		return 0, true
	}
	if a, ok := lookalikes[r]; ok {
		return a, true
	}
	return 0, false
}

// lookalikes are the Cyrillic and Greek letters drawn like Latin ones.
var lookalikes = map[rune]byte{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S',
	'ο': 'o', 'α': 'a', 'ν': 'v', 'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
}
