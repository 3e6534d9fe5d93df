// Package jsonstr writes strings quoted as encoding/json writes them, byte
// for byte, without reflection: the JSON report's writer (without HTML
// escaping, as json.Encoder with SetEscapeHTML(false)) and the writer of
// rendered policy documents (with it, as json.Marshal) share it.
package jsonstr

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

const hexDigits = "0123456789abcdef"

// Plain8 reports whether the 8 bytes of s are all Plain (printable ASCII
// but '"' and '\\'), with word arithmetic: a byte below 0x20, a '"' or
// '\\' (a zero byte after an exclusive or) or a byte from 0x80 sets the
// high bit of its byte in t (the tests for "has a byte below n" and "has a
// zero byte" have no false positives for the whole word).
func Plain8(s string) bool {
	// One load (read only), not eight assembled: small enough to be
	// inlined (Append asks it of every eight bytes it writes).
	return notPlain8(binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[:8]), 8))) == 0
}

// notPlain8 sets the high bit of each byte of the little-endian word v
// that is not Plain (Plain8's test), and of no byte before the first such
// one (a byte's test borrows only from a flagged byte below it), so that
// the lowest bit set is in the first byte that is not Plain.
func notPlain8(v uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs := v^(ones*'"'), v^(ones*'\\')
	return ((v-ones*0x20)&^v | (q-ones)&^q | (bs-ones)&^bs | v) & highs
}

// PlainEnd returns the offset of the first byte of s at or after i that is
// not Plain (a quote, backslash, control or non-ASCII byte; len(s): none),
// eight bytes at a time.
func PlainEnd(s string, i int) int {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	for ; i+8 <= len(b); i += 8 {
		if m := notPlain8(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(s) && Plain[s[i]]; i++ {
	}
	return i
}

// Plain says which bytes a JSON string holds as they are: printable ASCII
// but '"' and '\\'.
var Plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// plainHTML is Plain without '<', '>' and '&', which HTML escaping writes
// as \u00XX.
var plainHTML = func() (t [256]bool) {
	t = Plain
	t['<'], t['>'], t['&'] = false, false, false
	return t
}()

// Append appends s quoted as encoding/json writes a string: \" \\ \b \f
// \n \r \t, other control bytes as \u00XX (and < > & too when escapeHTML),
// U+2028 and U+2029 as \u2028 and \u2029, each byte of an invalid UTF-8
// sequence as \ufffd.
func Append(b []byte, s string, escapeHTML bool) []byte {
	plain := &Plain
	if escapeHTML {
		plain = &plainHTML
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// A run of bytes written as they are (most strings are one),
		// eight at a time while none of them needs a look.
		if !escapeHTML {
			for i+8 <= len(s) && Plain8(s[i:i+8]) {
				i += 8
			}
		}
		for i < len(s) && plain[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
