package plan

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/par"
)

// maxDepth bounds JSON nesting so hostile input cannot exhaust the stack.
const maxDepth = 2000

// syntaxError is raised (as a panic value, recovered in Load) by the scanner.
// A shape error (valid JSON, a plan member of the wrong type or without a
// member it needs) also says what was expected there (want: "an array of
// resource changes") or what is missing (missing: "an address"): Load's
// error then names the member by its path in the plan (shapeDiag).
type syntaxError struct {
	off  int
	msg  string
	want string
	// missing is what the object at off lacks (want is then empty).
	missing string
}

// shape reports whether se is a shape error.
func (se syntaxError) shape() bool { return se.want != "" || se.missing != "" }

// scanner reads JSON directly from the plan bytes, keeping byte offsets so
// every value can be given its range in the plan file.
type scanner struct {
	src   []byte
	name  string
	lines []int // byte offset of the start of each line
	// locateAll gives every value a Node (locatedNode).
	locateAll bool
	// locateKeys names the attributes of a block body (depth 0) whose
	// values are located as with locateAll (bodyNode), nil for none.
	locateKeys map[string]bool
	depth      int
	// unread names the attributes left out of a block body (depth 0 of
	// value; Options.Unread), nil for none.
	unread func(string) bool
	// derive leaves the unknown attributes missing from a block body
	// without a member Node (Options.DeriveUnknown).
	derive bool
	// dups are the notices of the duplicate keys of the values built
	// (dupKey), for the scanner's owner; dupTop has value check the keys
	// of a block body (depth 0) too, which the pass does not (before).
	dups   hcl.Diagnostics
	dupTop bool
	keys   []string // the keys of the objects being read (objectKeys)

	members []member // object members being read (value)
	buf     []byte   // where str decodes a string with escapes (reused)

	vals map[string]cty.Value // where value gathers a small object's values (reused)

	types   *typeCache    // the plan's object and tuple types (nil: made by cty)
	shape   []byte        // where value writes a shape key (reused)
	elems   []elem        // array elements being read (value)
	missing []string      // unknown attributes left out of objects being read (value)
	unk     []unknownAttr // the members of after_unknown objects being read (unknowns)
	arena   *unkArena     // where unknowns makes its trees (nil: allocated)

	// texts, when not nil, is where the next string strASCII decodes with
	// escapes goes (inText: set by objectValue for a policy attribute).
	texts  *strArena
	inText bool

	// base is the offset in the plan of src[0]: a scanner of a window of
	// the plan (Plan.UseWindows) reads offsets relative to it, and gives
	// positions (pos, fail) in the plan. size is the plan's size (0: that
	// of src).
	base, size int
	// copies, when not nil, makes str copy the strings it would make of
	// src's bytes (with copies' cache of short ones): nothing the scanner
	// returns then shares src, which its caller may drop (Plan.UseWindows).
	copies *strCache
}

func newScanner(name string, src []byte) *scanner {
	return &scanner{src: src, name: name, lines: lineStarts(src)}
}

// lineStarts returns the offsets of the starts of src's lines. The table
// is sized first (a count is a fast scan: grown as the lines came, the
// table of a big plan left as much garbage as it holds); a big text is
// counted and indexed a part per CPU (two passes over 200 MB, on one CPU
// before the load could start).
func lineStarts(src []byte) []int {
	parts := 1
	if len(src) >= minParallelLines {
		parts = runtime.GOMAXPROCS(0)
	}
	size := (len(src) + parts - 1) / parts
	part := func(k int) []byte { return src[min(k*size, len(src)):min((k+1)*size, len(src))] }
	counts := make([]int, parts)
	par.For(parts, 1, func(k int) { counts[k] = bytes.Count(part(k), []byte{'\n'}) })
	at := make([]int, parts) // where the lines of each part go
	n := 1
	for k, c := range counts {
		at[k] = n
		n += c
	}
	lines := make([]int, n)
	par.For(parts, 1, func(k int) {
		p, out, base := part(k), lines[at[k]:at[k]+counts[k]], k*size
		for i, w := 0, 0; w < len(out); w++ {
			i += bytes.IndexByte(p[i:], '\n') + 1
			out[w] = base + i
		}
	})
	return lines
}

// minParallelLines is the text size from which lineStarts works a part
// per CPU (a variable for the tests).
var minParallelLines = 8 << 20

func (s *scanner) fail(off int, format string, args ...any) {
	panic(syntaxError{off: off + s.base, msg: fmt.Sprintf(format, args...)})
}

// failType fails at the value at off, of the wrong type where want (a
// description: "an object", "an array of resource changes") is expected;
// something that cannot start a JSON value there is a syntax error, as
// fail says it.
func (s *scanner) failType(off int, want string) {
	msg := fmt.Sprintf("%s, expected %s", s.describe(off), firstWords(want))
	if !startsValue(s.at(off)) {
		s.fail(off, "%s", msg)
	}
	panic(syntaxError{off: off + s.base, msg: msg, want: want})
}

// failMissing fails at the object at off, which lacks what (a member: "an
// address").
func (s *scanner) failMissing(off int, msg, what string) {
	panic(syntaxError{off: off + s.base, msg: msg, missing: what})
}

// firstWords returns the JSON type of a description (want of failType):
// "an array" of "an array of module objects", "an object" of "a resource
// object".
func firstWords(want string) string {
	switch {
	case strings.HasPrefix(want, "an array"):
		return "an array"
	case strings.HasPrefix(want, "a string"):
		return "a string"
	case strings.Contains(want, "object"):
		return "an object"
	}
	return want
}

// startsValue reports whether c can start a JSON value.
func startsValue(c byte) bool {
	switch c {
	case '{', '[', '"', 't', 'f', 'n', '-':
		return true
	}
	return c >= '0' && c <= '9'
}

// pos returns the position in the plan of byte offset off of src (columns
// count bytes).
func (s *scanner) pos(off int) hcl.Pos {
	off += s.base
	if end := s.end(); off > end {
		off = end
	}
	l := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	if l < 0 {
		l = 0
	}
	return hcl.Pos{Line: l + 1, Column: off - s.lines[l] + 1, Byte: off}
}

// end is the size of the plan.
func (s *scanner) end() int {
	if s.size > 0 {
		return s.size
	}
	return s.base + len(s.src)
}

func (s *scanner) rng(start, end int) hcl.Range {
	return hcl.Range{Filename: s.name, Start: s.pos(start), End: s.pos(end)}
}

func (s *scanner) ws(i int) int {
	for i < len(s.src) {
		switch s.src[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func (s *scanner) describe(i int) string {
	if i >= len(s.src) {
		return "unexpected end of input"
	}
	c := s.src[i]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("unexpected character %q", rune(c))
	}
	return fmt.Sprintf("unexpected byte 0x%02x", c)
}

// skip validates and skips the value at i (no leading white space), returning
// the offset just after it.
func (s *scanner) skip(i int) int {
	if i >= len(s.src) {
		s.fail(i, "unexpected end of input, expected a value")
	}
	switch c := s.src[i]; c {
	case '"':
		return s.skipString(i)
	case '{':
		return s.skipObject(i)
	case '[':
		return s.skipArray(i)
	case 't':
		return s.literal(i, "true")
	case 'f':
		return s.literal(i, "false")
	case 'n':
		return s.literal(i, "null")
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return s.number(i)
		}
		s.fail(i, "%s, expected a value", s.describe(i))
	}
	return 0
}

func (s *scanner) literal(i int, lit string) int {
	if !bytes.HasPrefix(s.src[i:], []byte(lit)) {
		if len(s.src)-i < len(lit) && bytes.HasPrefix([]byte(lit), s.src[i:]) {
			s.fail(len(s.src), "unexpected end of input in %q", lit)
		}
		s.fail(i, "%s, expected a value", s.describe(i))
	}
	return i + len(lit)
}

func (s *scanner) number(i int) int {
	start := i
	src := s.src
	if i < len(src) && src[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(src) && src[i] == '0' {
		i++
	} else if digits() == 0 {
		s.fail(i, "%s in number", s.describe(i))
	}
	if i < len(src) && src[i] == '.' {
		i++
		if digits() == 0 {
			s.fail(i, "%s in number", s.describe(i))
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.fail(i, "%s in number", s.describe(i))
		}
	}
	_ = start
	return i
}

// strSpecial marks the bytes that end the fast path of string scanning.
var strSpecial = func() (t [256]byte) {
	for c := 0; c < 0x20; c++ {
		t[c] = 1
	}
	t['"'] = 1
	t['\\'] = 1
	for c := 0x80; c < 0x100; c++ {
		t[c] = 2
	}
	return t
}()

// scanPlain returns the offset of the first quote, backslash or control
// character at or after i, and whether non-ASCII bytes were seen.
func (s *scanner) scanPlain(i int) (int, bool) {
	src := s.src
	high := false
	// Eight bytes at a time; the lowest byte the masks flag is the first
	// one that ends the fast path (their false positives, from borrows,
	// are only above a true one).
	for ; i+8 <= len(src); i += 8 {
		w := binary.LittleEndian.Uint64(src[i:])
		if m := hasLess(w, 0x20) | hasZero(w^(lsb*'"')) | hasZero(w^(lsb*'\\')); m != 0 {
			k := bits.TrailingZeros64(m) >> 3
			if w&(lsb*0x80)&(1<<(8*k)-1) != 0 {
				high = true
			}
			return i + k, high
		}
		if w&(lsb*0x80) != 0 {
			high = true
		}
	}
	for i < len(src) {
		switch strSpecial[src[i]] {
		case 0:
			i++
		case 2:
			high = true
			i++
		default:
			return i, high
		}
	}
	return i, high
}

// lsb has the low bit of every byte of a word set.
const lsb = 0x0101010101010101

// hasZero is non-zero when a byte of w is zero; hasLess when a byte is less
// than n (n <= 0x80). Bytes of 0x80 and more never count.
func hasZero(w uint64) uint64 { return (w - lsb) &^ w & (lsb * 0x80) }

func hasLess(w uint64, n uint64) uint64 { return (w - lsb*n) &^ w & (lsb * 0x80) }

// simpleEscape maps the byte after a backslash to the byte it stands for,
// for the escapes other than \u (0 for the others).
var simpleEscape = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// skipString validates the string at i (which is '"') and returns the offset
// after its closing quote.
func (s *scanner) skipString(i int) int {
	src := s.src
	i++
	for {
		// Eight bytes at a time, in line: a policy text has an escape
		// every few bytes (\" around every key and string), and a call
		// to scanPlain for each run between them (which also tracks
		// non-ASCII bytes, not needed here) made skipping one 15-25%
		// slower (BenchmarkPolicyLiteral/skip).
		for i+8 <= len(src) {
			w := binary.LittleEndian.Uint64(src[i:])
			if m := hasLess(w, 0x20) | hasZero(w^(lsb*'"')) | hasZero(w^(lsb*'\\')); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i+8 > len(src) {
			i, _ = s.scanPlain(i)
		}
		if i >= len(src) {
			s.fail(len(src), "unexpected end of input in string")
		}
		switch c := src[i]; {
		case c == '"':
			return i + 1
		case c == '\\':
			if i+1 < len(src) && simpleEscape[src[i+1]] != 0 {
				i += 2 // \" and the like: most escapes of a plan
				continue
			}
			i = s.escape(i, nil)
		default:
			s.fail(i, "control character 0x%02x in string", c)
		}
	}
}

// escape reads the escape sequence at i (a backslash), appending its decoded
// bytes to buf when buf is not nil, and returns the offset after it.
func (s *scanner) escape(i int, buf *[]byte) int {
	src := s.src
	if i+1 >= len(src) {
		s.fail(len(src), "unexpected end of input in string escape")
	}
	var r rune
	switch src[i+1] {
	case '"', '\\', '/':
		r = rune(src[i+1])
	case 'b':
		r = '\b'
	case 'f':
		r = '\f'
	case 'n':
		r = '\n'
	case 'r':
		r = '\r'
	case 't':
		r = '\t'
	case 'u':
		r = s.hex4(i + 2)
		n := i + 6
		if utf16.IsSurrogate(r) {
			if n+6 <= len(src) && src[n] == '\\' && src[n+1] == 'u' {
				r2 := s.hex4(n + 2)
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					n += 6
				} else {
					r = utf8.RuneError
				}
			} else {
				r = utf8.RuneError
			}
		}
		if buf != nil {
			*buf = utf8.AppendRune(*buf, r)
		}
		return n
	default:
		s.fail(i, "invalid escape sequence in string")
	}
	if buf != nil {
		*buf = append(*buf, byte(r))
	}
	return i + 2
}

func (s *scanner) hex4(i int) rune {
	if i+4 > len(s.src) {
		s.fail(len(s.src), "unexpected end of input in string escape")
	}
	v, err := strconv.ParseUint(string(s.src[i:i+4]), 16, 32)
	if err != nil {
		s.fail(i, "invalid \\u escape in string")
	}
	return rune(v)
}

// str decodes the string at i (which must be '"'). A string without escapes
// shares the bytes of src (which Load's caller must not modify). A string
// with escapes (a policy document in a plan is one) is decoded in the
// scanner's buffer and then copied at its exact size: grown in place, it
// cost about three times its size and kept up to twice.
func (s *scanner) str(i int) (string, int) {
	str, end, _ := s.strASCII(i)
	return str, end
}

// strASCII is str, and whether the string is ASCII.
func (s *scanner) strASCII(i int) (string, int, bool) {
	if i >= len(s.src) || s.src[i] != '"' {
		s.failType(i, "a string")
	}
	src := s.src
	start := i + 1
	j, high := s.scanPlain(start)
	if j < len(src) && src[j] == '"' {
		b := src[start:j]
		if high && !utf8.Valid(b) {
			return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), j + 1, false
		}
		if len(b) == 0 {
			return "", j + 1, true
		}
		if s.copies != nil {
			return s.copies.str(b), j + 1, !high
		}
		return unsafe.String(&b[0], len(b)), j + 1, !high
	}
	// The run before the first escape is scanned already; the others are
	// copied eight bytes at a time, in line (a policy text has an escape
	// every few bytes: a call to scanPlain and an append for each run
	// between them was most of the decoding). A word is appended whole and
	// the bytes past the run's end dropped.
	buf := append(s.buf[:0], src[start:j]...)
	defer func() { s.buf = buf[:0] }()
	i = j
	ascii := !high
	for {
		for i+8 <= len(src) {
			w := binary.LittleEndian.Uint64(src[i:])
			m := hasLess(w, 0x20) | hasZero(w^(lsb*'"')) | hasZero(w^(lsb*'\\'))
			if m == 0 {
				if w&(lsb*0x80) != 0 {
					ascii = false
				}
				buf = binary.LittleEndian.AppendUint64(buf, w)
				i += 8
				continue
			}
			k := bits.TrailingZeros64(m) >> 3
			if w&(lsb*0x80)&(1<<(8*k)-1) != 0 {
				ascii = false
			}
			buf = binary.LittleEndian.AppendUint64(buf, w)
			buf = buf[:len(buf)-8+k]
			i += k
			break
		}
		if i+8 > len(src) {
			j, h := s.scanPlain(i)
			ascii = ascii && !h
			buf = append(buf, src[i:j]...)
			i = j
		}
		if i >= len(src) {
			s.fail(len(src), "unexpected end of input in string")
		}
		switch c := src[i]; {
		case c == '"':
			if !ascii && !utf8.Valid(buf) {
				return string(bytes.ToValidUTF8(buf, []byte("\uFFFD"))), i + 1, false
			}
			if s.inText {
				if str := s.texts.str(buf, s.base+start-1, ascii); mayBeDocument(str) {
					return str, i + 1, ascii
				}
			}
			return string(buf), i + 1, ascii
		case c == '\\':
			if i+1 < len(src) {
				if d := simpleEscape[src[i+1]]; d != 0 {
					buf = append(buf, d)
					i += 2
					continue
				}
			}
			if i+1 < len(src) && src[i+1] == 'u' {
				ascii = false // may be ASCII, but need not be checked
			}
			i = s.escape(i, &buf)
		default:
			s.fail(i, "control character 0x%02x in string", c)
		}
	}
}

// object iterates the object at i, calling fn with each key, the key's start
// and end offsets and the start of its value; fn returns the value's end.
// It returns the offset after the closing brace.
func (s *scanner) object(i int, fn func(key string, ks, ke, v int) int) int {
	if i >= len(s.src) || s.src[i] != '{' {
		s.failType(i, "an object")
	}
	s.depth++
	if s.depth > maxDepth {
		s.fail(i, "JSON nested too deeply")
	}
	i = s.ws(i + 1)
	if i < len(s.src) && s.src[i] == '}' {
		s.depth--
		return i + 1
	}
	for {
		ks := i
		if i >= len(s.src) || s.src[i] != '"' {
			s.fail(i, "%s, expected an object key", s.describe(i))
		}
		key, ke := s.str(i)
		i = s.ws(ke)
		if i >= len(s.src) || s.src[i] != ':' {
			s.fail(i, "%s, expected ':'", s.describe(i))
		}
		i = s.ws(i + 1)
		i = s.ws(fn(key, ks, ke, i))
		if i >= len(s.src) {
			s.fail(i, "unexpected end of input in object")
		}
		switch s.src[i] {
		case ',':
			i = s.ws(i + 1)
		case '}':
			s.depth--
			return i + 1
		default:
			s.fail(i, "%s, expected ',' or '}'", s.describe(i))
		}
	}
}

// array iterates the array at i, calling fn with the start of each element;
// fn returns the element's end.
func (s *scanner) array(i int, fn func(v int) int) int {
	if i >= len(s.src) || s.src[i] != '[' {
		s.failType(i, "an array")
	}
	s.depth++
	if s.depth > maxDepth {
		s.fail(i, "JSON nested too deeply")
	}
	i = s.ws(i + 1)
	if i < len(s.src) && s.src[i] == ']' {
		s.depth--
		return i + 1
	}
	for {
		var end bool
		if i, end = s.arrayNext(s.ws(fn(i))); end {
			s.depth--
			return i + 1
		}
	}
}

// arrayNext reads what follows an element of an array, at i (white space
// skipped): the start of the next element, or the offset of the array's
// ']' and end true. Anything else fails.
func (s *scanner) arrayNext(i int) (next int, end bool) {
	if i >= len(s.src) {
		s.fail(i, "unexpected end of input in array")
	}
	switch s.src[i] {
	case ',':
		return s.ws(i + 1), false
	case ']':
		return i, true
	}
	s.fail(i, "%s, expected ',' or ']'", s.describe(i))
	return i, true
}

// isNull reports whether the value at i is the literal null.
func (s *scanner) isNull(i int) bool {
	return s.at(i) == 'n'
}

func (s *scanner) skipObject(i int) int {
	s.depth++
	if s.depth > maxDepth {
		s.fail(i, "JSON nested too deeply")
	}
	i = s.ws(i + 1)
	if i < len(s.src) && s.src[i] == '}' {
		s.depth--
		return i + 1
	}
	for {
		if i >= len(s.src) || s.src[i] != '"' {
			s.fail(i, "%s, expected an object key", s.describe(i))
		}
		i = s.ws(s.skipString(i))
		if i >= len(s.src) || s.src[i] != ':' {
			s.fail(i, "%s, expected ':'", s.describe(i))
		}
		i = s.ws(s.skip(s.ws(i + 1)))
		if i >= len(s.src) {
			s.fail(i, "unexpected end of input in object")
		}
		switch s.src[i] {
		case ',':
			i = s.ws(i + 1)
		case '}':
			s.depth--
			return i + 1
		default:
			s.fail(i, "%s, expected ',' or '}'", s.describe(i))
		}
	}
}

func (s *scanner) skipArray(i int) int {
	s.depth++
	if s.depth > maxDepth {
		s.fail(i, "JSON nested too deeply")
	}
	i = s.ws(i + 1)
	if i < len(s.src) && s.src[i] == ']' {
		s.depth--
		return i + 1
	}
	for {
		var end bool
		if i, end = s.arrayNext(s.ws(s.skip(i))); end {
			s.depth--
			return i + 1
		}
	}
}

// at returns the byte at i, or 0 past the end (or before the start).
func (s *scanner) at(i int) byte {
	if i < 0 || i >= len(s.src) {
		return 0
	}
	return s.src[i]
}

// strCache is where a scanner that copies its strings (scanner.copies)
// finds the short ones it copied before: a plan repeats its keys and many
// of its values (types, actions, "Allow"), each copied once per cache
// slot instead of once per use. Not safe for concurrent use.
type strCache struct {
	slots [strCacheSlots]string
}

const (
	strCacheSlots = 1024
	strCacheMax   = 48 // the longest string cached
)

// str returns a string of b's bytes that does not share them.
func (c *strCache) str(b []byte) string {
	if len(b) > strCacheMax {
		return string(b)
	}
	h := uint(len(b))*0x9e3779b1 ^ uint(b[0])<<7 ^ uint(b[len(b)-1])<<13 ^ uint(b[len(b)/2])<<3
	slot := &c.slots[h%strCacheSlots]
	if *slot == string(b) {
		return *slot
	}
	*slot = string(b)
	return *slot
}
