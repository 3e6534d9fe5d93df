package report

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
)

// The findings and principals of the JSON report are written by hand, with
// the bytes json.Encoder (SetIndent(prefix, "  "), SetEscapeHTML(false))
// gives for them (a test keeps them the same): encoding tens of thousands of
// them through reflection, then indenting, was most of the report's cost.

// newline starts a line at depth levels of indentation after prefix.
func newline(b []byte, prefix string, depth int) []byte {
	b = append(b, '\n')
	b = append(b, prefix...)
	for range depth {
		b = append(b, ' ', ' ')
	}
	return b
}

// key starts member name of an object at depth (after its first member: a comma first).
func key(b []byte, prefix string, depth int, first bool, name string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = newline(b, prefix, depth)
	b = append(b, '"')
	b = append(b, name...) // member names need no escaping
	return append(b, '"', ':', ' ')
}

func appendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

func appendInt(b []byte, v int) []byte { return strconv.AppendInt(b, int64(v), 10) }

// appendStrings writes a []string value at depth: null when nil.
func appendStrings(b []byte, prefix string, depth int, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	if len(ss) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = newline(b, prefix, depth+1)
		b = appendJSONString(b, s)
	}
	b = newline(b, prefix, depth)
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// plain8 reports whether the 8 bytes of s are all jsonPlain (printable
// ASCII but '"' and '\\'), with word arithmetic: a byte below 0x20, a '"'
// or '\\' (a zero byte after an exclusive or) or a byte from 0x80 sets the
// high bit of its byte in t (the tests for "has a byte below n" and "has a
// zero byte" have no false positives for the whole word).
func plain8(s string) bool {
	_ = s[7]
	v := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, bs := v^(ones*'"'), v^(ones*'\\')
	t := (v - ones*0x20) & ^v
	t |= (q - ones) & ^q
	t |= (bs - ones) & ^bs
	return (t|v)&highs == 0
}

// jsonPlain says which bytes a JSON string holds as they are: printable
// ASCII but '"' and '\\'.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendJSONString writes s as encoding/json does without HTML escaping:
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// A run of bytes written as they are (most strings are one),
		// eight at a time while none of them needs a look.
		for i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
		}
		for i < len(s) && jsonPlain[s[i]] {
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
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFinding writes f as its jsonFinding (json.go) is encoded:
// straight from the finding, without building the jsonFinding (a copy and
// a list of related locations per finding).
func appendJSONFinding(b []byte, prefix string, f *linter.Finding) []byte {
	b = append(b, '{')
	b = appendJSONString(key(b, prefix, 1, true, "rule"), f.Rule)
	b = appendJSONString(key(b, prefix, 1, false, "severity"), f.Severity.String())
	b = appendJSONString(key(b, prefix, 1, false, "message"), f.Message)
	b = appendJSONString(key(b, prefix, 1, false, "file"), f.Range.Filename)
	b = appendInt(key(b, prefix, 1, false, "line"), f.Range.Start.Line)
	b = appendInt(key(b, prefix, 1, false, "column"), f.Range.Start.Column)
	b = appendInt(key(b, prefix, 1, false, "end_line"), f.Range.End.Line)
	b = appendInt(key(b, prefix, 1, false, "end_column"), f.Range.End.Column)
	b = appendJSONString(key(b, prefix, 1, false, "resource"), f.Resource)
	b = appendJSONString(key(b, prefix, 1, false, "policy_kind"), string(f.PolicyKind))
	b = appendJSONString(key(b, prefix, 1, false, "fingerprint"), f.Fingerprint)
	b = key(b, prefix, 1, false, "related")
	if len(f.Related) == 0 {
		b = append(b, '[', ']') // never null
	} else {
		b = append(b, '[')
		for i, r := range f.Related {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, prefix, 2)
			b = append(b, '{')
			b = appendJSONString(key(b, prefix, 3, true, "file"), r.Range.Filename)
			b = appendInt(key(b, prefix, 3, false, "line"), r.Range.Start.Line)
			b = appendJSONString(key(b, prefix, 3, false, "message"), r.Message)
			b = newline(b, prefix, 2)
			b = append(b, '}')
		}
		b = newline(b, prefix, 1)
		b = append(b, ']')
	}
	if s := f.Suppression; s != nil {
		b = key(b, prefix, 1, false, "suppression")
		b = append(b, '{')
		b = appendJSONString(key(b, prefix, 2, true, "kind"), s.Kind)
		b = appendJSONString(key(b, prefix, 2, false, "reason"), s.Reason)
		if s.Expires != "" {
			b = appendJSONString(key(b, prefix, 2, false, "expires"), s.Expires)
		}
		b = newline(b, prefix, 1)
		b = append(b, '}')
	}
	b = newline(b, prefix, 0)
	return append(b, '}')
}

// appendJSONPrincipal writes an effective.PrincipalSummary as its JSON tags say.
func appendJSONPrincipal(b []byte, prefix string, p *effective.PrincipalSummary) []byte {
	b = append(b, '{')
	b = appendJSONString(key(b, prefix, 1, true, "address"), p.Address)
	b = appendJSONString(key(b, prefix, 1, false, "kind"), p.Kind)
	if p.Name != "" {
		b = appendJSONString(key(b, prefix, 1, false, "name"), p.Name)
	}
	if p.External {
		b = appendBool(key(b, prefix, 1, false, "external"), p.External)
	}
	b = appendBool(key(b, prefix, 1, false, "admin_equivalent"), p.AdminEquivalent)
	b = appendStrings(key(b, prefix, 1, false, "escalation_paths"), prefix, 1, p.EscalationPaths)
	b = key(b, prefix, 1, false, "access_levels")
	switch {
	case p.AccessLevels == nil:
		b = append(b, "null"...)
	case len(p.AccessLevels) == 0:
		b = append(b, '{', '}')
	default:
		keys := make([]string, 0, len(p.AccessLevels))
		for k := range p.AccessLevels {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, prefix, 2)
			b = appendJSONString(b, k)
			b = append(b, ':', ' ')
			b = appendStrings(b, prefix, 2, p.AccessLevels[k])
		}
		b = newline(b, prefix, 1)
		b = append(b, '}')
	}
	b = appendStrings(key(b, prefix, 1, false, "policies"), prefix, 1, p.Policies)
	if p.Boundary != "" {
		b = appendJSONString(key(b, prefix, 1, false, "boundary"), p.Boundary)
	}
	b = appendBool(key(b, prefix, 1, false, "complete"), p.Complete)
	b = newline(b, prefix, 0)
	return append(b, '}')
}
