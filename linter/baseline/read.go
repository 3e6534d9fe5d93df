package baseline

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Read used to decode the whole file with encoding/json into a []Entry: a
// Decoder holds the whole document, and each entry took 80 bytes besides
// its strings (a baseline of a million minimal entries, 100 MB: 1.5 GB at
// the peak). It is now parsed as it is read, each entry stored as a record
// (store), with the outcome of encoding/json's Decoder.Decode into
//
//	struct {
//		Version  int     `json:"version"`
//		Tool     string  `json:"tool"`
//		Findings []Entry `json:"findings"`
//	}
//
// with DisallowUnknownFields: the same values (names matched as it matches
// them, strings unquoted as it unquotes them, later keys overriding earlier
// ones) and the same errors (a syntax error anywhere before the first
// type mismatch or unknown field, with the same messages and offsets), which
// FuzzRead checks against encoding/json itself. Two differences: a second
// non-empty "findings" array after a non-empty one is an error
// (encoding/json merged them entry by entry; JSON leaves duplicate names
// undefined, and encoding/json/v2 refuses them), and so is anything but
// white space after the value (one Decode left it unread: "{...} x" and two
// baselines concatenated were read as the first), reported after the
// value's own errors.

// maxDepth is encoding/json's limit on nesting.
const maxDepth = 10000

// reader is the input of Read, read in pieces of readSize bytes.
type reader struct {
	r    io.Reader
	buf  []byte
	pos  int   // the next byte of buf
	off  int64 // the offset in the input of buf[0]
	err  error // of the last read, reported when buf is used up
	head headWriter
}

const readSize = 64 << 10

// more reads into buf when it is used up; false at the end of the input
// or on an error (r.err).
func (r *reader) more() bool {
	if r.pos < len(r.buf) {
		return true
	}
	for r.err == nil {
		if r.buf == nil {
			r.buf = make([]byte, readSize)
		}
		r.off += int64(len(r.buf[:r.pos]))
		n, err := r.r.Read(r.buf[:cap(r.buf)])
		r.buf, r.pos, r.err = r.buf[:n], 0, err
		_, _ = r.head.Write(r.buf)
		if n > 0 {
			return true
		}
	}
	return false
}

// offset is the offset of the next byte in the input.
func (r *reader) offset() int64 { return r.off + int64(r.pos) }

// syntaxError is encoding/json's *SyntaxError: the offending byte's offset.
type syntaxError struct {
	msg string
	off int64
}

func (e *syntaxError) Error() string { return e.msg }

// typeError is a value that is not of the type of what it is decoded into:
// Error is encoding/json's *UnmarshalTypeError's message (FuzzRead compares
// it), describe the user's (no Go type names).
type typeError struct {
	value, typ, field string // field: Struct.Field, or ""
	off               int64  // encoding/json's: the value's last byte (its first for objects and arrays)
	start             int64  // the value's first byte
	t                 target
	entry             int // the finding (from 1) of a tEntry or tField
	name              string
}

func (e *typeError) Error() string {
	if e.field != "" {
		return "json: cannot unmarshal " + e.value + " into Go struct field " + e.field + " of type " + e.typ
	}
	return "json: cannot unmarshal " + e.value + " into Go value of type " + e.typ
}

// describe says what the value should have been and what it is, in the
// words of the file format (version, findings, a finding's rule).
func (e *typeError) describe() string {
	found := "found " + valueWords(e.value)
	switch e.t {
	case tBaseline:
		return notBaseline + `: expected a JSON object with "version" and "findings", ` + found + " (write one with --write-baseline FILE)"
	case tVersion:
		return `"version" should be the number 1, ` + found
	case tTool:
		return `"tool" should be a string ("iamlint"), ` + found
	case tFindings:
		return `"findings" should be an array of findings (objects), ` + found
	case tEntry:
		return "finding " + strconv.Itoa(e.entry) + ` in "findings" should be an object, ` + found
	}
	return strconv.Quote(e.name) + " of finding " + strconv.Itoa(e.entry) + " should be a string, " + found
}

// notBaseline starts the description of a document that is not a baseline
// at all.
const notBaseline = "not an iamlint baseline"

// maxShown bounds what an error shows of the file's text (a number, a
// member's name): the rest is elided.
const maxShown = 40

// shorten returns s, elided after maxShown bytes.
func shorten(s string) string {
	if len(s) <= maxShown {
		return s
	}
	i := maxShown
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// valueWords names a JSON value of encoding/json's kind ("object", "bool",
// "number 1.5") for the user.
func valueWords(v string) string {
	switch v {
	case "object", "array":
		return "an " + v
	case "string", "number":
		return "a " + v
	case "bool":
		return "a boolean"
	}
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + shorten(n)
	}
	return v
}

// unknownField is a member of a name the format does not have: Error is
// encoding/json's message (DisallowUnknownFields), describe the user's.
type unknownField struct {
	name  string
	entry int   // the finding (from 1) it is in, or 0: the document's
	off   int64 // its name's first byte
}

func (e *unknownField) Error() string { return "json: unknown field " + strconv.Quote(e.name) }

func (e *unknownField) describe() string {
	name := strconv.Quote(shorten(e.name))
	if e.entry == 0 {
		return "unknown member " + name + ` (a baseline has "version", "tool" and "findings")`
	}
	return "unknown member " + name + " in finding " + strconv.Itoa(e.entry) +
		` (a finding has "fingerprint", "rule", "resource", "file" and "message")`
}

// target is what a value is decoded into.
type target int

const (
	tSkip     target = iota // nothing: an unknown field's value
	tBaseline               // the document
	tVersion                // Baseline.version, an int
	tTool                   // Baseline.tool, a string
	tFindings               // Baseline.findings, a []Entry
	tEntry                  // an element of findings
	tField                  // a string of an Entry (parser.field says which)
)

var topFields = [...]string{"version", "tool", "findings"}
var entryFields = [...]string{"fingerprint", "rule", "resource", "file", "message"}

// parser decodes a baseline from a reader.
type parser struct {
	in     *reader
	depth  int
	saved  error // the first type mismatch or unknown field: decoding goes on
	b      *Baseline
	dup    bool // the findings array follows a non-empty one
	hasVer bool // the document has a "version" member
	noFP   int  // the first entry without a fingerprint (from 1), or 0
	fields [5][]byte
	set    [5]bool
	field  int     // the Entry field a tField value goes to
	esc    [5]bool // fields[i] is to be unquoted (appendUnquoted)
	str    []byte  // a string's bytes, between its quotes, as read
	strEsc bool    // str holds an escape or a byte above ASCII
	dec    []byte  // a string unquoted
	num    []byte  // a number's
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// quoteChar is encoding/json's form of a byte in its syntax errors.
func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// fail is the syntax error of the next byte, c.
func (p *parser) fail(c byte, context string) error {
	return &syntaxError{msg: "invalid character " + quoteChar(c) + " " + context, off: p.in.offset()}
}

func (p *parser) save(err error) {
	if p.saved == nil {
		p.saved = err
	}
}

// space skips white space and returns the next byte, unread; false at the
// end of the input.
func (p *parser) space() (byte, bool) {
	in := p.in
	for in.more() {
		for in.pos < len(in.buf) {
			if c := in.buf[in.pos]; !isSpace(c) {
				return c, true
			}
			in.pos++
		}
	}
	return 0, false
}

// next returns the next byte, unread; false at the end of the input.
func (p *parser) next() (byte, bool) {
	if !p.in.more() {
		return 0, false
	}
	return p.in.buf[p.in.pos], true
}

// eof is the error of an input that ends where a byte is needed.
func (p *parser) eof() error {
	if p.in.err != nil && p.in.err != io.EOF {
		return p.in.err
	}
	return io.ErrUnexpectedEOF
}

// document decodes the document: a value, the bytes after it unread.
func (p *parser) document() error {
	if _, ok := p.space(); !ok {
		if p.in.err != nil && p.in.err != io.EOF {
			return p.in.err
		}
		return io.EOF
	}
	return p.value(tBaseline, true)
}

// trailingData is data after the document's value ({...} x, or two
// baselines concatenated), which encoding/json's Decoder left unread and
// Read ignored: a file is one baseline.
type trailingData struct {
	off int64 // its first byte
}

func (e *trailingData) Error() string {
	return "unexpected data after the baseline's JSON value (a baseline file holds one JSON object; write it with --write-baseline FILE)"
}

// rest reads what follows the document's value: nil when it is white space
// to the end of the input, a *trailingData at the first other byte, or the
// error of reading it.
func (p *parser) rest() error {
	if _, ok := p.space(); ok {
		return &trailingData{off: p.in.offset()}
	}
	if p.in.err != nil && p.in.err != io.EOF {
		return p.in.err
	}
	return nil
}

// typeName is the Go type of a target, as encoding/json names it.
func typeName(t target) string {
	switch t {
	case tBaseline:
		return "baseline.Baseline"
	case tVersion:
		return "int"
	case tFindings:
		return "[]baseline.Entry"
	case tEntry:
		return "baseline.Entry"
	}
	return "string"
}

// fieldName is the Struct.Field of a target in encoding/json's errors.
func (p *parser) fieldName(t target) string {
	switch t {
	case tVersion, tTool, tFindings:
		return "Baseline." + topFields[t-tVersion]
	case tEntry:
		return "Baseline.findings"
	case tField:
		return "Entry.findings." + entryFields[p.field]
	}
	return ""
}

// mismatch records the type mismatch of the value of t from start (the
// first such error only: later ones are not built).
func (p *parser) mismatch(t target, value string, start, off int64) {
	if t != tSkip && p.saved == nil {
		e := &typeError{value: value, typ: typeName(t), field: p.fieldName(t), off: off, start: start, t: t}
		if t == tEntry || t == tField {
			e.entry = p.b.n + 1 // the entry is counted once read
		}
		if t == tField {
			e.name = entryFields[p.field]
		}
		p.save(e)
	}
}

// value decodes the value that starts at the next byte (not white space)
// into t; top says it is the document.
func (p *parser) value(t target, top bool) error {
	c, _ := p.next()
	in := p.in
	switch c {
	case '{':
		off := in.offset()
		if err := p.push(c); err != nil {
			return err
		}
		in.pos++
		var err error
		switch t {
		case tBaseline:
			err = p.object(topFields[:], p.topField)
		case tEntry:
			err = p.object(entryFields[:], p.entryField)
		default:
			p.mismatch(t, "object", off, off)
			err = p.object(nil, nil)
		}
		p.depth--
		return err
	case '[':
		off := in.offset()
		if err := p.push(c); err != nil {
			return err
		}
		in.pos++
		var err error
		if t == tFindings {
			err = p.findings()
		} else {
			p.mismatch(t, "array", off, off)
			err = p.array(tSkip)
		}
		p.depth--
		return err
	case '"':
		start := in.offset()
		keep := t == tTool || t == tField
		end, err := p.string(keep)
		if err != nil {
			return err
		}
		switch t {
		case tTool:
			p.b.Tool = string(p.unquote())
		case tField:
			// Kept as read, unquoted when it is stored: a string of 100
			// MB is not copied (nor, with invalid UTF-8, tripled) twice.
			i := p.field
			p.fields[i], p.str = p.str, p.fields[i]
			p.esc[i], p.set[i] = p.strEsc, true
		default:
			p.mismatch(t, "string", start, end)
		}
		return nil
	case 't', 'f', 'n':
		start := in.offset()
		word := "null"
		switch c {
		case 't':
			word = "true"
		case 'f':
			word = "false"
		}
		for i := range len(word) {
			b, ok := p.next()
			if !ok {
				return p.eof()
			}
			if b != word[i] {
				return p.fail(b, "in literal "+word+" (expecting "+quoteChar(word[i])+")")
			}
			in.pos++
		}
		switch {
		case c == 'n' && t == tFindings:
			p.b.recs, p.b.n, p.noFP = store{}, 0, 0
		case c != 'n':
			p.mismatch(t, "bool", start, in.offset()-1)
		}
		return nil
	}
	if c == '-' || '0' <= c && c <= '9' {
		return p.number(t, top)
	}
	return p.fail(c, "looking for beginning of value")
}

// push enters an object or array, c.
func (p *parser) push(c byte) error {
	p.depth++
	if p.depth > maxDepth {
		return p.fail(c, "exceeded max depth")
	}
	return nil
}

// number reads a number into t (the bytes after it at the top level are
// not read: encoding/json's Decoder stops there).
func (p *parser) number(t target, top bool) error {
	in := p.in
	start := in.offset()
	keep := t == tVersion
	p.num = p.num[:0]
	take := func(c byte) {
		if keep {
			p.num = append(p.num, c)
		}
		in.pos++
	}
	// The states of encoding/json's scanner: after '-', after the
	// integer's first digit '0', after other digits, after '.', after the
	// fraction's digits, after 'e', after its sign, after its digits.
	const (
		neg = iota
		zero
		digits
		dot
		frac
		exp
		expSign
		expDigits
	)
	c, _ := p.next()
	state := digits
	switch c {
	case '-':
		state = neg
	case '0':
		state = zero
	}
	take(c)
	for {
		c, ok := p.next()
		if !ok {
			if !top || state == neg || state == dot || state == exp || state == expSign {
				return p.eof()
			}
			break
		}
		digit := '0' <= c && c <= '9'
		switch state {
		case neg:
			switch {
			case c == '0':
				state = zero
			case digit:
				state = digits
			default:
				return p.fail(c, "in numeric literal")
			}
			take(c)
			continue
		case zero, digits, frac:
			switch {
			case digit && state != zero:
			case c == '.' && state != frac:
				state = dot
			case c == 'e' || c == 'E':
				state = exp
			default:
				goto end
			}
			take(c)
			continue
		case dot:
			if !digit {
				return p.fail(c, "after decimal point in numeric literal")
			}
			state = frac
			take(c)
			continue
		case exp:
			if c == '+' || c == '-' {
				state = expSign
				take(c)
				continue
			}
			fallthrough
		case expSign:
			if !digit {
				return p.fail(c, "in exponent of numeric literal")
			}
			state = expDigits
			take(c)
			continue
		case expDigits:
			if digit {
				take(c)
				continue
			}
		}
		break
	}
end:
	last := in.offset() - 1
	switch t {
	case tSkip:
	case tVersion:
		n, err := strconv.ParseInt(string(p.num), 10, strconv.IntSize)
		if err != nil {
			p.mismatch(t, "number "+string(p.num), start, last)
		} else {
			p.b.Version = int(n)
		}
	default:
		p.mismatch(t, "number", start, last)
	}
	return nil
}

// string reads a string (at its opening quote), its bytes between the
// quotes into p.str when keep (p.strEsc says whether they hold an escape
// or a byte above ASCII), and returns the offset of its closing quote.
func (p *parser) string(keep bool) (int64, error) {
	in := p.in
	in.pos++
	p.str, p.strEsc = p.str[:0], false
	for {
		if !in.more() {
			return 0, p.eof()
		}
		b := in.buf[in.pos:]
		i := 0
		high := byte(0)
		for i < len(b) {
			c := b[i]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			high |= c
			i++
		}
		p.strEsc = p.strEsc || high >= utf8.RuneSelf
		if keep {
			p.str = grow(p.str, i)
			p.str = append(p.str, b[:i]...)
		}
		in.pos += i
		if i == len(b) {
			continue
		}
		switch c := b[i]; {
		case c == '"':
			end := in.offset()
			in.pos++
			return end, nil
		case c < 0x20:
			return 0, p.fail(c, "in string literal")
		}
		// An escape.
		p.strEsc = true
		if keep {
			p.str = append(p.str, '\\')
		}
		n := 2
		for k := 1; k < n; k++ {
			in.pos++
			c, ok := p.next()
			if !ok {
				return 0, p.eof()
			}
			if keep {
				p.str = append(p.str, c)
			}
			switch {
			case k == 1 && c == 'u':
				n = 6
			case k == 1:
				switch c {
				case 'b', 'f', 'n', 'r', 't', '\\', '/', '"':
				default:
					return 0, p.fail(c, "in string escape code")
				}
			default:
				if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
					return 0, p.fail(c, "in \\u hexadecimal character escape")
				}
			}
		}
		in.pos++
	}
}

// grow returns b with room for n more bytes, its capacity doubled when
// it grows: append's growth by a quarter left the copies of a 100 MB
// string, 400 MB, to the garbage collector, which let the process reach
// 560 MB.
func grow(b []byte, n int) []byte {
	if len(b)+n <= cap(b) {
		return b
	}
	nb := make([]byte, len(b), max(2*cap(b), len(b)+n))
	copy(nb, b)
	return nb
}

// unquote returns the string read into p.str, unquoted.
func (p *parser) unquote() []byte {
	if !p.strEsc {
		return p.str
	}
	p.dec = appendUnquoted(p.dec[:0], p.str)
	return p.dec
}

// object reads an object's members after its '{'; a member whose name is
// one of names (as encoding/json matches names) is decoded by member, the
// others are unknown fields (when names is not nil) and skipped.
func (p *parser) object(names []string, member func(i int) error) error {
	in := p.in
	c, ok := p.space()
	if !ok {
		return p.eof()
	}
	if c == '}' {
		in.pos++
		return nil
	}
	for {
		if c != '"' {
			return p.fail(c, "looking for beginning of object key string")
		}
		keyOff := in.offset()
		if _, err := p.string(names != nil); err != nil {
			return err
		}
		i := -1
		if names != nil {
			key := p.unquote()
			i = match(names, key)
			if i < 0 && p.saved == nil {
				e := &unknownField{name: string(key), off: keyOff}
				if names[0] == entryFields[0] {
					e.entry = p.b.n + 1
				}
				p.save(e)
			}
		}
		if c, ok = p.space(); !ok {
			return p.eof()
		}
		if c != ':' {
			return p.fail(c, "after object key")
		}
		in.pos++
		if _, ok = p.space(); !ok {
			return p.eof()
		}
		var err error
		if i < 0 {
			err = p.value(tSkip, false)
		} else {
			err = member(i)
		}
		if err != nil {
			return err
		}
		if c, ok = p.space(); !ok {
			return p.eof()
		}
		switch c {
		case '}':
			in.pos++
			return nil
		case ',':
			in.pos++
		default:
			return p.fail(c, "after object key:value pair")
		}
		if c, ok = p.space(); !ok {
			return p.eof()
		}
	}
}

// array reads an array's elements after its '[' into t.
func (p *parser) array(t target) error {
	in := p.in
	c, ok := p.space()
	if !ok {
		return p.eof()
	}
	if c == ']' {
		in.pos++
		return nil
	}
	for {
		if t == tEntry {
			p.set = [5]bool{}
		}
		if err := p.value(t, false); err != nil {
			return err
		}
		if t == tEntry {
			p.addEntry()
		}
		if c, ok = p.space(); !ok {
			return p.eof()
		}
		switch c {
		case ']':
			in.pos++
			return nil
		case ',':
			in.pos++
		default:
			return p.fail(c, "after array element")
		}
		if _, ok = p.space(); !ok {
			return p.eof()
		}
	}
}

// topField decodes the value of the document's member names[i].
func (p *parser) topField(i int) error {
	p.hasVer = p.hasVer || i == 0
	return p.value(tVersion+target(i), false)
}

// errDuplicate is a second non-empty findings array after a non-empty one.
var errDuplicate = errors.New(`json: "findings" appears more than once: a baseline iamlint writes has it once`)

// findings reads the findings array after its '['.
func (p *parser) findings() error {
	p.dup = p.b.n > 0
	p.b.recs, p.b.n, p.noFP = store{}, 0, 0
	return p.array(tEntry)
}

// addEntry records the element just read: the fields it set, the others
// empty.
func (p *parser) addEntry() {
	if p.dup {
		// encoding/json merged the second array into the first.
		p.save(errDuplicate)
		p.dup = false
	}
	for i, set := range p.set {
		if !set {
			p.fields[i], p.esc[i] = p.fields[i][:0], false
		}
	}
	p.b.recs.addFields(&p.fields, &p.esc)
	p.b.n++
	if len(p.fields[0]) == 0 && p.noFP == 0 {
		p.noFP = p.b.n
	}
}

// entryField decodes the value of an entry's member entryFields[i].
func (p *parser) entryField(i int) error {
	p.field = i
	return p.value(tField, false)
}

// match returns the index of the name key matches as encoding/json matches
// a struct's field names (exactly, else folded), or -1.
func match(names []string, key []byte) int {
	for i, n := range names {
		if string(key) == n {
			return i
		}
	}
	folded := foldName(key)
	for i, n := range names {
		if string(folded) == string(foldName([]byte(n))) {
			return i
		}
	}
	return -1
}

// foldName is encoding/json's: ASCII letters upper-cased, other runes
// mapped to the smallest rune of their case folding orbit (ſ to S, the
// Kelvin sign to K).
func foldName(in []byte) []byte {
	var out []byte
	for i := 0; i < len(in); {
		if c := in[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		for {
			// The smallest rune of the orbit: the first not above r.
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return out
}
