// Package credmask finds AWS credentials by their form in text that iamlint
// prints: the lines the text report quotes (Each), and text it did not read
// as Terraform (the .iamlint.hcl configuration: its values are quoted by
// its errors and its ignores' reasons are printed by the reports), or that
// holds a key no file does (a --var value), where what the
// hardcoded-credentials rule never sees is masked by its form alone (Text,
// KeyIDs).
package credmask

import (
	"regexp"
	"strconv"
	"strings"
)

// keyIDRE matches, between characters that cannot continue it (not a
// letter nor a digit: a '/' or a '+' may come before, the end of an ARN or
// a path), an access key ID: AKIA or ASIA and 16 letters or digits, in any
// case (an error may quote a value it lower-cased); group 1 is the key.
// secretRE matches a run of exactly 40 base64 characters (a secret access
// key), between characters that are not base64. They are two: with one
// delimiter for both, a key ID after a '/' (arn:aws:s3:::b/AKIA...) was
// not masked, though hardcoded-credentials reports it.
var (
	keyIDRE  = regexp.MustCompile(`(?:^|[^A-Za-z0-9])((?i:AKIA|ASIA)[A-Za-z0-9]{16})(?:[^A-Za-z0-9]|$)`)
	secretRE = regexp.MustCompile(`(?:^|[^A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)
)

// Text returns s with every credential in it replaced by its first four
// characters and a * for each other one (as the reports mask them): an
// access key ID in upper case, or in any case with a digit after its
// prefix; a 40-character run with upper- and lower-case letters and a
// digit, / or + (a secret access key, not a word or a hex digest).
func Text(s string) string {
	return mask(s, true)
}

// KeyIDs is Text for the access key IDs alone: a run of 40 base64
// characters may be a name (role/AmazonEC2ContainerServiceforEC2Role, the
// end of a policy's ARN), which a message or an address prints.
func KeyIDs(s string) string {
	if !strings.Contains(s, "AKIA") && !strings.Contains(s, "ASIA") && !strings.Contains(s, "akia") && !strings.Contains(s, "asia") {
		return s // no prefix, in upper or lower case (most texts: four vectorised scans, no regexp)
	}
	return mask(s, false)
}

func mask(s string, secretKeys bool) string {
	var b []byte
	Each(s, secretKeys, true, func(i, j int) {
		if b == nil {
			b = []byte(s)
		}
		for k := i + 4; k < j; k++ {
			b[k] = '*'
		}
	})
	if b == nil {
		return s
	}
	return string(b)
}

// Each calls fn(i, j) for each credential text[i:j] of text, in order of
// i: an access key ID in upper case (with anyCase, also one lower-cased,
// with a digit after its prefix: an error may quote a value it
// lower-cased) and, with secretKeys, a run of 40 base64 characters with
// upper- and lower-case letters and a digit, / or + (a secret access key,
// not a word or a hex digest). A key ID may lie within such a run
// (.../AKIA...+...): both are given.
func Each[T string | []byte](text T, secretKeys, anyCase bool, fn func(i, j int)) {
	if !KeyRun(text) {
		return // no credential can match (most texts: one pass, no regexp)
	}
	ids := matches(text, keyIDRE, func(c T) bool { return credential(c, anyCase) })
	if !secretKeys {
		for _, m := range ids {
			fn(m[0], m[1])
		}
		return
	}
	keys := matches(text, secretRE, func(c T) bool { return credential(c, anyCase) })
	for len(ids) > 0 || len(keys) > 0 {
		if len(keys) == 0 || len(ids) > 0 && ids[0][0] <= keys[0][0] {
			fn(ids[0][0], ids[0][1])
			ids = ids[1:]
		} else {
			fn(keys[0][0], keys[0][1])
			keys = keys[1:]
		}
	}
}

// matches returns the places [i, j) of group 1 of re's matches in text
// that ok accepts.
func matches[T string | []byte](text T, re *regexp.Regexp, ok func(T) bool) [][2]int {
	var out [][2]int
	for start := 0; start < len(text); {
		var m []int
		switch t := any(text[start:]).(type) {
		case string:
			m = re.FindStringSubmatchIndex(t)
		case []byte:
			m = re.FindSubmatchIndex(t)
		}
		if m == nil {
			break
		}
		i, j := start+m[2], start+m[3]
		if ok(text[i:j]) {
			out = append(out, [2]int{i, j})
		}
		start = j // the delimiter after one credential may start the next
	}
	return out
}

// credential reports whether c (a match of group 1 of keyIDRE or
// secretRE) is one Each reports.
func credential[T string | []byte](c T, anyCase bool) bool {
	var up, low, digit, other bool
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case ch >= 'A' && ch <= 'Z':
			up = true
		case ch >= 'a' && ch <= 'z':
			low = true
		case ch >= '0' && ch <= '9':
			digit = true
		default:
			other = true
		}
	}
	if len(c) == 20 {
		return !other && (!low || anyCase && digit) // an access key ID (or one lower-cased)
	}
	return up && low && (digit || other)
}

// KeyRun reports whether s holds a run of 20 or more letters, digits, '/'
// and '+', without which no credential can be in it.
func KeyRun[T string | []byte](s T) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if base64Char(s[i]) {
			if n++; n >= 20 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// HasEscape reports whether line holds a \u, \U or \/ escape.
func HasEscape[T string | []byte](line T) bool {
	for i := 0; i+1 < len(line); i++ {
		if line[i] == '\\' && (line[i+1] == 'u' || line[i+1] == 'U' || line[i+1] == '/') {
			return true
		}
	}
	return false
}

// Unescape returns line with its escapes of letters, digits, '/' and
// '+' decoded (\u0041, \/, behind any number of backslashes: a JSON text in
// a JSON string escapes its own), and for each byte of the text the bytes
// of line that write it. Other bytes are kept as they are.
func Unescape(line []byte) ([]byte, [][2]int) {
	return AppendUnescape(make([]byte, 0, len(line)), make([][2]int, 0, len(line)), line)
}

// AppendUnescape is Unescape appending to dec and spans (buffers reused
// from one text to the next).
func AppendUnescape[T string | []byte](dec []byte, spans [][2]int, line T) ([]byte, [][2]int) {
	for i := 0; i < len(line); {
		if line[i] == '\\' {
			j := i
			for j < len(line) && line[j] == '\\' {
				j++
			}
			if c, n := escapedChar(line[j:]); n > 0 {
				dec = append(dec, c)
				spans = append(spans, [2]int{i, j + n})
				i = j + n
				continue
			}
		}
		dec = append(dec, line[i])
		spans = append(spans, [2]int{i, i + 1})
		i++
	}
	return dec, spans
}

// escapedChar decodes the escape after its backslashes at the start of b
// (u0041, U00000041, /) when it writes a letter, a digit, '/' or '+': the
// character and the escape's length, 0 for another.
func escapedChar[T string | []byte](b T) (byte, int) {
	if len(b) >= 1 && b[0] == '/' {
		return '/', 1
	}
	digits := 0
	switch {
	case len(b) >= 5 && b[0] == 'u':
		digits = 4
	case len(b) >= 9 && b[0] == 'U':
		digits = 8
	default:
		return 0, 0
	}
	v, err := strconv.ParseUint(string(b[1:1+digits]), 16, 32)
	if err != nil {
		return 0, 0
	}
	if c := byte(v); v < 0x80 && base64Char(c) {
		return c, 1 + digits
	}
	return 0, 0
}

// SecretKey reports whether s has the form of a secret access key as Each
// finds one: 40 base64 characters with upper- and lower-case letters and a
// digit, '/' or '+'.
func SecretKey[T string | []byte](s T) bool {
	if len(s) != 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !base64Char(s[i]) {
			return false
		}
	}
	return credential(s, false)
}

// base64Char reports whether c is a character of a secret access key: a
// letter, a digit, '/' or '+'.
func base64Char(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '+'
}
