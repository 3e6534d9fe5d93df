package iam

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
)

// MaxJSONDepth is the deepest nesting of arrays and objects ParseJSON accepts.
const MaxJSONDepth = 1000

// jsonNode is a Tree node produced by ParseJSON. Ranges are computed on demand
// from byte offsets through the (immutable) mapper.
type jsonNode struct {
	m          PosMapper
	kind       TreeKind
	text       string // scalar text
	start, end int    // value bytes [start, end)
	kstart     int    // key bytes [kstart, kend) when an object member; kend == 0 otherwise
	kend       int
	key        string
	members    []*jsonNode // object members in source order (duplicates resolved)
	index      map[string]int
	elems      []*jsonNode
}

func (n *jsonNode) Kind() TreeKind   { return n.kind }
func (n *jsonNode) Scalar() string   { return n.text }
func (n *jsonNode) Range() hcl.Range { return n.m.Range(n.start, n.end) }
func (n *jsonNode) KeyRange() hcl.Range {
	if n.kend == 0 {
		return hcl.Range{}
	}
	return n.m.Range(n.kstart, n.kend)
}
func (n *jsonNode) Keys() []string {
	if n.kind != TreeObject {
		return nil
	}
	ks := make([]string, len(n.members))
	for i, c := range n.members {
		ks[i] = c.key
	}
	return ks
}
func (n *jsonNode) Field(key string) Tree {
	if n.kind != TreeObject {
		return nil
	}
	if i, ok := n.lookup(key); ok {
		return n.members[i]
	}
	return nil
}
func (n *jsonNode) Len() int {
	if n.kind != TreeArray {
		return 0
	}
	return len(n.elems)
}
func (n *jsonNode) Elem(i int) Tree {
	if n.kind != TreeArray || i < 0 || i >= len(n.elems) {
		return nil
	}
	return n.elems[i]
}

// lookup finds key among the members: linearly for small objects.
func (n *jsonNode) lookup(key string) (int, bool) {
	if n.index != nil {
		i, ok := n.index[key]
		return i, ok
	}
	for i, c := range n.members {
		if c.key == key {
			return i, true
		}
	}
	return 0, false
}

// add appends member c, or replaces an earlier member of the same key (last
// wins, keeping the first key's place in the order). It reports a duplicate.
func (n *jsonNode) add(c *jsonNode) (dup bool) {
	if i, ok := n.lookup(c.key); ok {
		n.members[i] = c
		return true
	}
	n.members = append(n.members, c)
	if n.index != nil {
		n.index[c.key] = len(n.members) - 1
	} else if len(n.members) > 8 {
		n.index = make(map[string]int, 16)
		for i, c := range n.members {
			n.index[c.key] = i
		}
	}
	return false
}

type jsonParser struct {
	src    []byte
	str0   string // src as a string: undecoded strings and numbers are substrings of it
	slab   []jsonNode
	m      PosMapper
	i      int
	diags  hcl.Diagnostics
	badUTF bool
	dups   int // duplicate keys reported so far
}

// maxDupWarnings bounds the duplicate-key warnings of one parse.
const maxDupWarnings = 10

// ParseJSON parses policy JSON into a located Tree. Every node's Range (and
// each object member's KeyRange) is src's byte range mapped through m.
//
// Numbers keep their source text; strings are decoded. Object keys keep their
// source order; a duplicate key keeps the last value (with a warning, at most
// 10 per parse). Invalid
// UTF-8 in strings is replaced by U+FFFD (with a warning). A leading UTF-8 BOM
// is skipped. On a syntax error, nesting deeper than MaxJSONDepth, or anything
// after the value, ParseJSON returns a nil Tree and an error diagnostic whose
// Subject is the offending byte. It never panics and does not recurse.
func ParseJSON(src []byte, m PosMapper) (Tree, hcl.Diagnostics) {
	return parseJSON(src, string(src), m)
}

// ParseJSONString is ParseJSON of a string: the strings of the tree share
// its bytes instead of a copy (a policy's text is kept once, not twice).
func ParseJSONString(src string, m PosMapper) (Tree, hcl.Diagnostics) {
	// The parser only reads src.
	return parseJSON(unsafe.Slice(unsafe.StringData(src), len(src)), src, m)
}

func parseJSON(src []byte, str0 string, m PosMapper) (Tree, hcl.Diagnostics) {
	p := &jsonParser{src: src, str0: str0, m: m}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.i = 3
	}
	t := p.parse()
	if t == nil {
		return nil, p.diags
	}
	p.skipWS()
	if p.i < len(src) {
		p.fail(p.i, "Expected the end of the policy after the JSON value, found %s.", p.what(p.i))
		return nil, p.diags
	}
	return t, p.diags
}

func (p *jsonParser) skipWS() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// what describes the input at off for an error message.
func (p *jsonParser) what(off int) string {
	if off >= len(p.src) {
		return "the end of the text"
	}
	c := p.src[off]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", string(c))
	}
	r, size := utf8.DecodeRune(p.src[off:])
	switch {
	case r == utf8.RuneError && size == 1:
		return fmt.Sprintf("byte 0x%02x", c)
	case r == utf8.RuneError:
		// A decoder (.tf.json, plan) wrote it for bytes that were not
		// UTF-8: its first byte (0xef) is in no file.
		return `"\ufffd" (U+FFFD, the character that replaces bytes that are not UTF-8: the file may hold such bytes there)`
	}
	return fmt.Sprintf("%q", r)
}

func (p *jsonParser) fail(off int, format string, args ...any) {
	end := off + 1
	if off >= len(p.src) {
		// At the end of the text: point at its last byte, which a mapper
		// can place (an offset past the end may fall outside its segments).
		off, end = max(len(p.src)-1, 0), len(p.src)
	}
	rng := p.m.Range(off, end)
	p.diags = append(p.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid JSON in policy",
		Detail:   fmt.Sprintf(format, args...),
		Subject:  &rng,
	})
}

func (p *jsonParser) warn(start, end int, summary, detail string) {
	rng := p.m.Range(start, end)
	p.diags = append(p.diags, &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  summary,
		Detail:   detail,
		Subject:  &rng,
	})
}

// node allocates a node from a slab, to keep allocations few.
func (p *jsonParser) node(n jsonNode) *jsonNode {
	if len(p.slab) == cap(p.slab) {
		n := 16 + 2*cap(p.slab)
		if cap(p.slab) == 0 {
			// First slab: about one node per string (a key or a value)
			// and container, so a policy mostly fits in one allocation.
			n = 8 + bytes.Count(p.src, []byte{'"'})/2 + bytes.Count(p.src, []byte{'{'})
		}
		p.slab = make([]jsonNode, 0, min(1024, n))
	}
	p.slab = append(p.slab, n)
	return &p.slab[len(p.slab)-1]
}

// parse parses one value iteratively, with an explicit stack of open
// containers. It returns nil after recording an error.
func (p *jsonParser) parse() *jsonNode {
	var stack []*jsonNode
	var pendingKey jsonKey // key of the member being parsed, when the top is an object
	var keys []jsonKey     // pending keys, parallel to stack (zero for arrays)
	var ok bool
	for {
		// parse a value
		p.skipWS()
		if p.i >= len(p.src) {
			p.fail(p.i, "Expected a JSON value, found the end of the text: the policy is truncated.")
			return nil
		}
		var v *jsonNode
		start := p.i
		switch c := p.src[p.i]; {
		case c == '{' || c == '[':
			if len(stack) >= MaxJSONDepth {
				p.fail(p.i, "Arrays and objects are nested more than %d levels deep.", MaxJSONDepth)
				return nil
			}
			n := p.node(jsonNode{m: p.m, kind: TreeArray, start: start})
			if c == '{' {
				n.kind = TreeObject
			}
			p.i++
			p.skipWS()
			closer := byte(']')
			if c == '{' {
				closer = '}'
			}
			if p.i < len(p.src) && p.src[p.i] == closer {
				p.i++
				n.end = p.i
				v = n
				break
			}
			stack = append(stack, n)
			keys = append(keys, pendingKey)
			pendingKey = jsonKey{}
			if c == '{' {
				if pendingKey, ok = p.key(); !ok {
					return nil
				}
			}
			continue
		case c == '"':
			s, ok := p.str()
			if !ok {
				return nil
			}
			v = p.node(jsonNode{m: p.m, kind: TreeString, text: s, start: start, end: p.i})
		case c == '-' || (c >= '0' && c <= '9'):
			if !p.number() {
				return nil
			}
			v = p.node(jsonNode{m: p.m, kind: TreeNumber, text: p.str0[start:p.i], start: start, end: p.i})
		case c == 't' || c == 'f' || c == 'n':
			word := "null"
			if c == 't' {
				word = "true"
			} else if c == 'f' {
				word = "false"
			}
			if !bytes.HasPrefix(p.src[p.i:], []byte(word)) {
				p.fail(p.i, "Expected a JSON value (string, number, object, array, true, false or null), found %s.", p.what(p.i))
				return nil
			}
			p.i += len(word)
			v = p.node(jsonNode{m: p.m, start: start, end: p.i})
			switch word {
			case "null":
				v.kind = TreeNull
			default:
				v.kind, v.text = TreeBool, word
			}
		default:
			if c == '\'' {
				p.fail(p.i, "Expected a JSON value; JSON strings use double quotes, not single quotes.")
			} else {
				p.fail(p.i, "Expected a JSON value (string, number, object, array, true, false or null), found %s.", p.what(p.i))
			}
			return nil
		}

		// attach v to the open containers, closing those that end
		for {
			if len(stack) == 0 {
				return v
			}
			top := stack[len(stack)-1]
			if top.kind == TreeObject {
				v.key, v.kstart, v.kend = pendingKey.text, pendingKey.start, pendingKey.end
				if top.add(v) && p.dups < maxDupWarnings {
					p.dups++
					p.warn(v.kstart, v.kend, "Duplicate key in policy JSON",
						fmt.Sprintf("The key %q appears more than once in this object; the last value is used.", v.key))
				}
			} else {
				top.elems = append(top.elems, v)
			}
			p.skipWS()
			closer := byte(']')
			if top.kind == TreeObject {
				closer = '}'
			}
			if p.i < len(p.src) && p.src[p.i] == ',' {
				comma := p.i
				p.i++
				p.skipWS()
				if p.i < len(p.src) && p.src[p.i] == closer {
					p.fail(comma, "Trailing comma: expected another element after \",\", found %q. Remove the comma.", string(closer))
					return nil
				}
				if top.kind == TreeObject {
					if pendingKey, ok = p.key(); !ok {
						return nil
					}
				}
				break // parse the next value
			}
			if p.i < len(p.src) && p.src[p.i] == closer {
				p.i++
				top.end = p.i
				stack = stack[:len(stack)-1]
				pendingKey = keys[len(keys)-1]
				keys = keys[:len(keys)-1]
				v = top
				continue
			}
			if top.kind == TreeObject {
				p.fail(p.i, "Expected \",\" or \"}\" after an object member, found %s.", p.what(p.i))
			} else {
				p.fail(p.i, "Expected \",\" or \"]\" after an array element, found %s.", p.what(p.i))
			}
			return nil
		}
	}
}

// jsonKey is an object key: its text and byte range.
type jsonKey struct {
	text       string
	start, end int
}

// key parses `"key" :` at the current position (after white space) and
// returns the key text and its range; false after recording an error.
func (p *jsonParser) key() (jsonKey, bool) {
	p.skipWS()
	if p.i >= len(p.src) || p.src[p.i] != '"' {
		p.fail(p.i, "Expected an object key (a string in double quotes), found %s.", p.what(p.i))
		return jsonKey{}, false
	}
	start := p.i
	s, ok := p.str()
	if !ok {
		return jsonKey{}, false
	}
	k := jsonKey{text: s, start: start, end: p.i}
	p.skipWS()
	if p.i >= len(p.src) || p.src[p.i] != ':' {
		p.fail(p.i, "Expected \":\" after the object key %q, found %s.", s, p.what(p.i))
		return jsonKey{}, false
	}
	p.i++
	return k, true
}

// str parses a string starting at the opening quote.
func (p *jsonParser) str() (string, bool) {
	start := p.i
	p.i++
	// fast path: no escapes, all ASCII or valid UTF-8
	j := p.i
	ascii := true
	for j < len(p.src) {
		c := p.src[j]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		if c >= 0x80 {
			ascii = false
		}
		j++
	}
	if j < len(p.src) && p.src[j] == '"' && (ascii || utf8.Valid(p.src[p.i:j])) {
		s := p.str0[p.i:j]
		p.i = j + 1
		return s, true
	}
	var b strings.Builder
	b.Grow(j - p.i)
	for {
		if p.i >= len(p.src) {
			p.fail(start, "This string has no closing double quote: the policy is truncated.")
			return "", false
		}
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String(), true
		case c < 0x20:
			p.fail(p.i, "Control characters (here byte 0x%02x) must be escaped in JSON strings, for example \\n or \\t.", c)
			return "", false
		case c == '\\':
			if !p.escape(&b) {
				return "", false
			}
		case c < 0x80:
			b.WriteByte(c)
			p.i++
		default:
			r, n := utf8.DecodeRune(p.src[p.i:])
			if r == utf8.RuneError && n == 1 {
				if !p.badUTF {
					p.badUTF = true
					p.warn(p.i, p.i+1, "Invalid UTF-8 in policy JSON",
						"The policy text is not valid UTF-8; invalid bytes were replaced by U+FFFD.")
				}
				b.WriteRune(utf8.RuneError)
			} else {
				b.Write(p.src[p.i : p.i+n])
			}
			p.i += n
		}
	}
}

// escape decodes one escape sequence at p.i (the backslash).
func (p *jsonParser) escape(b *strings.Builder) bool {
	at := p.i
	if p.i+1 >= len(p.src) {
		p.fail(at, "Incomplete escape sequence: the policy is truncated.")
		return false
	}
	c := p.src[p.i+1]
	p.i += 2
	switch c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r, ok := p.hex4(at)
		if !ok {
			return false
		}
		if utf16.IsSurrogate(r) {
			// a high surrogate followed by \uDC00-\uDFFF is one character
			if p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == 'u' {
				save := p.i
				p.i += 2
				r2, ok := p.hex4(save)
				if !ok {
					return false
				}
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					b.WriteRune(d)
					return true
				}
				p.i = save
			}
			r = utf8.RuneError
		}
		b.WriteRune(r)
	default:
		p.fail(at, "Invalid escape sequence \\%s in a JSON string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.", p.what(at+1))
		return false
	}
	return true
}

func (p *jsonParser) hex4(at int) (rune, bool) {
	if p.i+4 > len(p.src) {
		p.fail(at, "Incomplete \\u escape: expected four hexadecimal digits.")
		return 0, false
	}
	var r rune
	for k := 0; k < 4; k++ {
		c := p.src[p.i+k]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			p.fail(p.i+k, "Invalid \\u escape: expected four hexadecimal digits, found %s.", p.what(p.i+k))
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	p.i += 4
	return r, true
}

// number scans a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() bool {
	end, ok, where := scanNumber(p.src, p.i)
	p.i = end
	if !ok {
		p.fail(end, "Invalid number: expected a digit%s, found %s.", where, p.what(end))
	}
	return ok
}

// scanNumber scans the JSON number at src[i] (-?(0|[1-9][0-9]*)(.[0-9]+)?
// ([eE][+-]?[0-9]+)?) and returns its end; when it is not one, ok is false,
// end is where a digit is missing and where says which ("", " after the
// decimal point", " in the exponent").
func scanNumber[T string | []byte](src T, i int) (end int, ok bool, where string) {
	digits := func() bool {
		s := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i > s
	}
	if i < len(src) && src[i] == '-' {
		i++
	}
	if i < len(src) && src[i] == '0' {
		i++
	} else if !digits() {
		return i, false, ""
	}
	if i < len(src) && src[i] == '.' {
		i++
		if !digits() {
			return i, false, " after the decimal point"
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if !digits() {
			return i, false, " in the exponent"
		}
	}
	return i, true, ""
}
