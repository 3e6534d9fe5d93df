package baseline

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// unquote passes to emit, in order, the pieces of the unquoted form of s,
// the bytes between the quotes of a JSON string that encoding/json's
// scanner accepts, as encoding/json unquotes it: escapes decoded, a
// surrogate pair joined, a lone surrogate and each byte of invalid UTF-8
// replaced by U+FFFD. Runs of s that stay as they are are passed whole.
func unquote(s []byte, emit func([]byte)) {
	var rb [utf8.UTFMax]byte
	start := 0 // of the run not passed yet
	r := 0
	flush := func() {
		if start < r {
			emit(s[start:r])
		}
	}
	for r < len(s) {
		c := s[r]
		switch {
		case c == '\\':
			flush()
			r++ // the scanner checked what follows
			var out rune
			switch s[r] {
			case 'b':
				out = '\b'
			case 'f':
				out = '\f'
			case 'n':
				out = '\n'
			case 'r':
				out = '\r'
			case 't':
				out = '\t'
			case 'u':
				out = getu4(s[r+1:])
				r += 4
				if utf16.IsSurrogate(out) {
					out2 := rune(-1)
					if r+2 < len(s) && s[r+1] == '\\' && s[r+2] == 'u' {
						out2 = getu4(s[r+3:])
					}
					if d := utf16.DecodeRune(out, out2); d != unicode.ReplacementChar {
						out = d
						r += 6
					} else {
						out = unicode.ReplacementChar
					}
				}
			default: // " \ /
				out = rune(s[r])
			}
			r++
			emit(rb[:utf8.EncodeRune(rb[:], out)])
			start = r
		case c < utf8.RuneSelf:
			r++
		default:
			d, n := utf8.DecodeRune(s[r:])
			if d == utf8.RuneError && n == 1 {
				flush()
				emit(rb[:utf8.EncodeRune(rb[:], d)])
				r++
				start = r
				continue
			}
			r += n
		}
	}
	flush()
}

// getu4 decodes the four hexadecimal digits at the start of s, or returns
// -1.
func getu4(s []byte) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// unquotedLen is the length of s unquoted.
func unquotedLen(s []byte) int {
	n := 0
	unquote(s, func(b []byte) { n += len(b) })
	return n
}

// appendUnquoted appends s unquoted to dst.
func appendUnquoted(dst, s []byte) []byte {
	unquote(s, func(b []byte) { dst = append(dst, b...) })
	return dst
}
