package iam

import (
	"math"
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/jsonstr"
)

// FromJSONString builds the Document of policy JSON text src for kind
// directly, without the Tree: the same Document (ranges through m included)
// as FromTree(ParseJSONString(src, m)), for the texts where both would
// report nothing. ok is false for any other text (white space other than
// JSON's, a byte order mark, escapes, non-ASCII or control bytes in strings,
// null, duplicate or unrecognised keys, keys in another case, elements of
// an unexpected type, a missing Statement, anything after the value, JSON
// errors): the caller then goes the general way, which reports them.
//
// Big plans hold hundreds of thousands of plain policies: building their
// Documents this way saves the parse tree (about as many bytes as the
// Document) and the walks over it.
//
// The Document's texts do not point into src (see ownTexts): the model does
// not keep the policy text alive.
func FromJSONString(src string, m PosMapper, kind Kind) (d *Document, ok bool) {
	d = &Document{Kind: kind}
	if !FromJSONStringInto(d, src, m) {
		return nil, false
	}
	return d, true
}

// FromJSONStringInto is FromJSONString building into *d, which must be a
// zero Document but for its Kind (the kind of the policy): a caller that
// already holds the Document of the policy (extract's deferred documents)
// saves an allocation. When ok is false, *d holds a part of the document:
// the caller restores it.
func FromJSONStringInto(d *Document, src string, m PosMapper) (ok bool) {
	ok = fromJSONString(d, src, m)
	if ok {
		ownTexts(d, src)
	}
	return ok
}

// FromJSONLiteralInto is FromJSONStringInto for the policy text held, as
// a string, by a JSON string literal on one line: raw is the literal's
// content, between its quotes, as written (escaped: {\"Statement\":...}),
// and its offsets are mapped by m. It builds, without decoding raw, the
// Document FromJSONStringInto builds of the decoded text with a mapper that
// maps each decoded offset to the position of its bytes in raw (an
// escape's first byte, for an escaped byte), for the plain policies whose
// only escapes in raw are \" around strings and \n, \t and \r as white
// space between tokens; ok is false for any other (then *d holds a part of
// the document: the caller restores it and goes the decoded way). raw must
// be valid in a JSON string literal (no quote or control byte unescaped);
// the Document keeps nothing of it.
//
// A big plan holds its policies as such literals: parsing them as they are
// saves decoding each one and mapping each offset through its escapes.
func FromJSONLiteralInto(d *Document, raw string, m LiteralMapper) (ok bool) {
	ok = fromJSON(d, raw, nil, &m)
	if ok {
		ownTexts(d, raw)
	}
	return ok
}

// LiteralMapper maps the offsets of the content of a JSON string literal on
// one line: offset r (clamped to [0, Len]) is at Start moved r bytes and r
// columns to the right (columns count bytes, as a plan's positions do).
type LiteralMapper struct {
	File  string
	Start hcl.Pos // the first byte of the content
	Len   int     // the content's length in bytes

}

func (m *LiteralMapper) pos(r int) hcl.Pos {
	r = min(max(r, 0), m.Len)
	return hcl.Pos{Line: m.Start.Line, Column: m.Start.Column + r, Byte: m.Start.Byte + r}
}

// compact is makeRange(file, m.Range(start, end)) when the range fits in
// a compact Range (ok), built without the checks of compactRange: the
// range is on one line, and its columns advance with its bytes (see
// Range).
func (m *LiteralMapper) compact(file uint32, start, end int) (c Range, ok bool) {
	a := min(max(start, 0), m.Len)
	b := min(max(end, a), m.Len)
	n, sb, sc, line := b-a, m.Start.Byte+a, m.Start.Column+a, m.Start.Line
	if file > fileMask || line < 0 || line > lineMask || !fits(sb) || n >= 1<<lenBits || sc < 0 {
		return Range{}, false
	}
	c = Range{
		file:  file | uint32(n&lenLowMask)<<fileBits,
		start: uint32(sb),
		line:  uint32(line) | uint32(n>>lenLowBits)<<lenHighShift,
	}
	switch gap := sb + 1 - sc; {
	case sc <= math.MaxUint16:
		c.shape = uint32(sc)
	case gap >= 0 && gap <= math.MaxUint16:
		c.shape = uint32(gap)
		c.line |= colGapBit
	default:
		return Range{}, false
	}
	return c, true
}

// Range returns the range of offsets [start, end) (end before start is
// start).
func (m *LiteralMapper) Range(start, end int) hcl.Range {
	if end < start {
		end = start
	}
	return hcl.Range{Filename: m.File, Start: m.pos(start), End: m.pos(end)}
}

// fromJSONString is FromJSONStringInto with texts that are substrings of
// src.
func fromJSONString(d *Document, src string, m PosMapper) (ok bool) {
	return fromJSON(d, src, m, nil)
}

// fromJSON is fromJSONString, or, with lit, FromJSONLiteralInto before
// ownTexts.
func fromJSON(d *Document, src string, m PosMapper, lit *LiteralMapper) (ok bool) {
	p := fastParser{src: src, sc: fastScratches.Get().(*fastScratch)}
	if lit != nil {
		p.esc, p.lit, p.litID = true, *lit, FileID(lit.File)
	} else {
		p.m = toCompact(m)
	}
	defer func() {
		p.sc.reset()
		fastScratches.Put(p.sc)
		if r := recover(); r != nil {
			if _, bail := r.(fastBail); !bail {
				panic(r)
			}
			ok = false
		}
	}()
	p.document(d)
	p.ws()
	if p.i != len(p.src) {
		return false
	}
	p.sc.pack(d)
	return true
}

// fastScratch is what the fast parser (and FromTree) builds a Document in: its statements,
// their scopes (Statement.Scope), and every list of values, principals and
// conditions of them, appended to one buffer each (a list a slice of its
// buffer). pack then moves them into
// one allocation of the exact size each, for the Document to keep: a few
// allocations a document instead of a few a statement, none of them rounded
// up or grown by append. Scratches are reused (fastScratches), so the
// buffers are allocated only while they grow.
type fastScratch struct {
	stmts  []Statement
	scopes []StatementScope
	// scopeOf holds, for each statement, the index of its scope in
	// scopes, or -1 (a Scope cannot point into scopes, which may move).
	scopeOf []int32
	vals    []Value
	prs     []Principal
	conds   []Condition
	keys    []string // the keys of the objects being read (fastParser.once)
	// keySets holds, by the index in keys where an object's keys start,
	// the set of them once the object has onceLinear keys (once).
	keySets map[int]map[string]struct{}
	// match holds, for FromTree, the element each key of the statement
	// being read matches (stmtElems.match).
	match []int8

	// The chunks pack takes the Document's memory from.
	stmtChunks  chunks[Statement]
	ptrChunks   chunks[*Statement]
	scopeChunks chunks[StatementScope]
	valChunks   chunks[Value]
	prChunks    chunks[Principal]
	condChunks  chunks[Condition]
	docChunks   chunks[Document] // the Documents of FromTree
}

// chunkBytes is the size of a chunk (see chunks).
const chunkBytes = 8 << 10

// chunks hands out pieces of exact size of chunks of about chunkBytes, one
// after the other, for the lists of Documents: a few Documents share an
// allocation instead of each list being one of its own (big plans build
// hundreds of thousands of Documents, of a few small lists each), and a
// list takes its exact size, not that of the next size class. A list of
// more than a quarter of a chunk is an allocation of its own. What is left
// of a chunk when the next piece does not fit in it is not used; a chunk
// lives as long as any Document that holds a piece of it (Documents built
// at about the same time, which live about as long).
type chunks[T any] struct {
	buf []T
}

// take returns a zeroed slice of n elements (n > 0) whose capacity is n.
func (c *chunks[T]) take(n int) []T {
	var zero T
	per := max(chunkBytes/int(unsafe.Sizeof(zero)), 1)
	if n > per/4 {
		return make([]T, n)
	}
	if n > cap(c.buf)-len(c.buf) {
		c.buf = make([]T, 0, per)
	}
	a := len(c.buf)
	c.buf = c.buf[:a+n]
	return c.buf[a : a+n : a+n]
}

var fastScratches = sync.Pool{New: func() any { return new(fastScratch) }}

// reset empties the buffers, dropping what they point to (the policy text
// among others).
func (sc *fastScratch) reset() {
	clear(sc.stmts)
	clear(sc.scopes)
	clear(sc.vals)
	clear(sc.prs)
	clear(sc.conds)
	clear(sc.keys[:cap(sc.keys)])
	sc.keys = sc.keys[:0]
	clear(sc.keySets)
	sc.stmts, sc.scopes, sc.scopeOf = sc.stmts[:0], sc.scopes[:0], sc.scopeOf[:0]
	sc.vals, sc.prs, sc.conds = sc.vals[:0], sc.prs[:0], sc.conds[:0]
}

// values appends v to the values buffer and returns it as a slice of the
// buffer (which pack copies; a later append may move the buffer, never
// change what the slice holds).
func (sc *fastScratch) values(vs ...Value) []Value {
	a := len(sc.vals)
	sc.vals = append(sc.vals, vs...)
	return sc.vals[a:len(sc.vals):len(sc.vals)]
}

// pack moves the statements built in sc into d, the lists of each element
// type into one exact-size piece of memory (see fastScratch, chunks).
func (sc *fastScratch) pack(d *Document) { sc.packParts(d, sc.stmts, sc.scopes, sc.scopeOf) }

// PackDocument returns a new Document of kind holding the statements
// stmts, packed as FromTree packs those it builds (see fastScratch): the
// statements, and each list of values, principals and conditions of the
// same element type, copied into one exact-size piece of memory; the scope
// of stmts[i] is scopes[scopeOf[i]] (none when scopeOf[i] is -1), and its
// Extra is taken as it is (its lists moved). A caller that builds the
// statements of a document itself, in buffers of its own that it reuses
// once this returns (package extract's evaluated jsonencode policies),
// gets the Document FromTree would build of them.
func PackDocument(kind Kind, stmts []Statement, scopes []StatementScope, scopeOf []int32) *Document {
	sc := fastScratches.Get().(*fastScratch)
	d := &sc.docChunks.take(1)[0]
	d.Kind = kind
	sc.packParts(d, stmts, scopes, scopeOf)
	fastScratches.Put(sc)
	return d
}

// packParts is pack of the statements stmts, their scopes scopes (by
// scopeOf), into d.
func (sc *fastScratch) packParts(d *Document, sts []Statement, scopeList []StatementScope, scopeOf []int32) {
	if len(sts) == 0 {
		return
	}
	stmts := sc.stmtChunks.take(len(sts))
	copy(stmts, sts)
	d.Statements = sc.ptrChunks.take(len(stmts))
	nv, np, nc := 0, 0, 0
	for i := range stmts {
		s := &stmts[i]
		d.Statements[i] = s
		nv += len(s.Actions) + len(s.Resources)
		if e := s.Extra; e != nil {
			nv += len(e.NotActions) + len(e.NotResources)
			np += len(e.NotPrincipals)
		}
	}
	var scopes []StatementScope
	if len(scopeList) > 0 {
		scopes = sc.scopeChunks.take(len(scopeList))
		copy(scopes, scopeList)
	}
	for _, scope := range scopes {
		np += len(scope.Principals)
		nc += len(scope.Conditions)
		for _, c := range scope.Conditions {
			nv += len(c.Values)
		}
	}
	var conds []Condition
	if nc > 0 {
		conds = sc.condChunks.take(nc)[:0]
	}
	var prs []Principal
	if np > 0 {
		prs = sc.prChunks.take(np)[:0]
	}
	var vals []Value
	if nv > 0 {
		vals = sc.valChunks.take(nv)[:0]
	}
	moveVals := func(vs *[]Value) {
		if len(*vs) == 0 {
			return // nil, or empty (an empty array) as it is
		}
		a := len(vals)
		vals = append(vals, *vs...)
		*vs = vals[a:len(vals):len(vals)]
	}
	movePrs := func(ps *[]Principal) {
		if len(*ps) == 0 {
			return
		}
		a := len(prs)
		prs = append(prs, *ps...)
		*ps = prs[a:len(prs):len(prs)]
	}
	for i := range stmts {
		s := &stmts[i]
		moveVals(&s.Actions)
		moveVals(&s.Resources)
		if k := scopeOf[i]; k >= 0 {
			scope := &scopes[k]
			s.Scope = scope
			movePrs(&scope.Principals)
			if len(scope.Conditions) > 0 {
				a := len(conds)
				conds = append(conds, scope.Conditions...)
				scope.Conditions = conds[a:len(conds):len(conds)]
				for j := range scope.Conditions {
					moveVals(&scope.Conditions[j].Values)
				}
			}
		}
		if e := s.Extra; e != nil {
			moveVals(&e.NotActions)
			moveVals(&e.NotResources)
			movePrs(&e.NotPrincipals)
		}
	}
}

// fastBail is raised (and recovered by FromJSONString) when the text leaves
// the fast path.
type fastBail struct{}

type fastParser struct {
	src string
	m   compactMapper
	i   int
	sc  *fastScratch

	// esc is set when src is the escaped content of a JSON string literal
	// (FromJSONLiteralInto): strings are delimited by \" and \n, \t and \r
	// are white space; every other backslash leaves the fast path. lit
	// (whose file is litID) then maps the offsets instead of m.
	esc   bool
	lit   LiteralMapper
	litID uint32
}

// rng returns the compact range of the offsets [start, end) of src.
func (p *fastParser) rng(start, end int) Range {
	if p.esc {
		if r, ok := p.lit.compact(p.litID, start, end); ok {
			return r
		}
		return makeRange(p.litID, p.lit.Range(start, end))
	}
	return p.m.Compact(start, end)
}

func (p *fastParser) bail() { panic(fastBail{}) }

// more reads what follows an element of a list: true after a comma (another
// element follows), false after the closing byte; anything else, or a
// trailing comma, leaves the fast path.
func (p *fastParser) more(closing byte) bool {
	switch p.peek() {
	case ',':
		p.i++
		if p.peek() == closing {
			p.bail()
		}
		return true
	case closing:
		p.i++
		return false
	}
	p.bail()
	return false
}

func (p *fastParser) ws() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ':
			p.i++
		case '\t', '\n', '\r':
			if p.esc {
				p.bail() // not in a literal
			}
			p.i++
		case '\\':
			// In a literal: an escaped tab, newline or carriage return.
			if !p.esc || p.i+1 >= len(p.src) {
				return
			}
			switch p.src[p.i+1] {
			case 't', 'n', 'r':
				p.i += 2
			default:
				return
			}
		default:
			return
		}
	}
}

// expect skips white space and the byte c.
func (p *fastParser) expect(c byte) {
	p.ws()
	if p.i >= len(p.src) || p.src[p.i] != c {
		p.bail()
	}
	p.i++
}

// peek skips white space and returns the next byte (0 at the end; '"'
// for the \" that opens a string in a literal).
func (p *fastParser) peek() byte {
	p.ws()
	if p.i >= len(p.src) {
		return 0
	}
	c := p.src[p.i]
	if c == '\\' && p.esc && p.i+1 < len(p.src) && p.src[p.i+1] == '"' {
		return '"'
	}
	return c
}

// str reads a string without escapes, non-ASCII or control bytes at p.i
// (after white space): its text and the range of its bytes, quotes included.
func (p *fastParser) str() (text string, start, end int) {
	p.ws()
	if p.esc {
		return p.escStr()
	}
	if p.i >= len(p.src) || p.src[p.i] != '"' {
		p.bail()
	}
	start = p.i
	j := jsonstr.PlainEnd(p.src, p.i+1)
	if j < len(p.src) && p.src[j] == '"' {
		text = p.src[p.i+1 : j]
		p.i = j + 1
		return text, start, p.i
	}
	p.bail()
	return
}

// escStr is str in a literal: the string is \"...\" and its text what is
// between, which holds no backslash (no escape in the decoded text), quote,
// control or non-ASCII byte; its range is that of its bytes in src, the
// backslashes included.
func (p *fastParser) escStr() (text string, start, end int) {
	if p.i+1 >= len(p.src) || p.src[p.i] != '\\' || p.src[p.i+1] != '"' {
		p.bail()
	}
	start = p.i
	if j := jsonstr.PlainEnd(p.src, p.i+2); j+1 < len(p.src) && p.src[j] == '\\' && p.src[j+1] == '"' {
		text = p.src[p.i+2 : j]
		p.i = j + 2
		return text, start, p.i
	}
	p.bail()
	return
}

// fastSize is the compact JSON length of a string as compactSize counts it
// (no escapes on the fast path).
func fastSize(s string) int { return len(s) + 2 }

// open reads the '{' of an object (after white space) and returns its offset.
func (p *fastParser) open() int {
	p.ws()
	if p.i >= len(p.src) || p.src[p.i] != '{' {
		p.bail()
	}
	p.i++
	return p.i - 1
}

// next reads up to the value of the next member of the object being read,
// of which n members were read, and returns its key and the key's range;
// more is false after the closing '}' (and end is then past it).
func (p *fastParser) next(n int) (key string, ks, ke int, more bool) {
	c := p.peek()
	if n > 0 {
		switch c {
		case ',':
			p.i++
			c = p.peek()
			if c == '}' {
				p.bail() // a trailing comma: an error, reported the general way
			}
		case '}':
		default:
			p.bail()
		}
	}
	if c == '}' {
		p.i++
		return "", 0, 0, false
	}
	key, ks, ke = p.str()
	p.expect(':')
	return key, ks, ke, true
}

// objSize is the compact size of an object of n members whose keys and
// values have the compact size inner.
func objSize(n, inner int) int { return 2 + max(n-1, 0) + inner }

// keyRange is where a member's key is (see keyRange): the key, or the value
// when the mapper gives the key no range.
func (p *fastParser) keyRange(ks, ke, vs, ve int) Range {
	if r := p.rng(ks, ke); r != (Range{}) {
		return r
	}
	return p.rng(vs, ve)
}

// scalar reads a string (or, when anyScalar, a number or bool: a condition
// value) and returns its Value, its range and compact size. Any other value
// bails: builder.scalar reports a number or bool where IAM wants a string.
func (p *fastParser) scalar(anyScalar bool) (v Value, start, end, size int) {
	switch c := p.peek(); {
	case c == '"':
		s, a, b := p.str()
		return KnownValueAt(s, p.rng(a, b)), a, b, fastSize(s)
	case !anyScalar:
	case c == 't' || c == 'f':
		word := "false"
		if c == 't' {
			word = "true"
		}
		if len(p.src)-p.i < len(word) || p.src[p.i:p.i+len(word)] != word {
			p.bail()
		}
		start = p.i
		p.i += len(word)
		return KnownValueAt(word, p.rng(start, p.i)), start, p.i, len(word)
	case c == '-' || (c >= '0' && c <= '9'):
		start = p.i
		p.number()
		return KnownValueAt(p.src[start:p.i], p.rng(start, p.i)), start, p.i, p.i - start
	}
	p.bail()
	return
}

// number scans a JSON number (as jsonParser.number).
func (p *fastParser) number() {
	end, ok, _ := scanNumber(p.src, p.i)
	if !ok {
		p.bail()
	}
	p.i = end
}

// list reads a scalar or an array of scalars (as builder.list; anyScalar as
// for scalar); start and end are the value's range.
func (p *fastParser) list(anyScalar bool) (out []Value, start, end, size int) {
	if p.peek() != '[' {
		v, a, b, n := p.scalar(anyScalar)
		return p.sc.values(v), a, b, n
	}
	start = p.i
	p.i++
	size = 2
	if p.peek() == ']' {
		p.i++
		return make([]Value, 0), start, p.i, size
	}
	first := len(p.sc.vals)
	for {
		v, _, _, sz := p.scalar(anyScalar)
		if len(p.sc.vals) > first {
			size++
		}
		p.sc.vals = append(p.sc.vals, v)
		size += sz
		if !p.more(']') {
			return p.sc.vals[first:len(p.sc.vals):len(p.sc.vals)], start, p.i, size
		}
	}
}

// Bits of the statement elements seen (duplicates leave the fast path).
const (
	seenSid = 1 << iota
	seenEffect
	seenAction
	seenNotAction
	seenResource
	seenNotResource
	seenPrincipal
	seenNotPrincipal
	seenCondition
)

func (p *fastParser) document(d *Document) *Document {
	var seen int // Version 1, Id 2, Statement 4
	start := p.open()
	n, inner := 0, 0
	for ; ; n++ {
		k, _, _, more := p.next(n)
		if !more {
			break
		}
		inner += fastSize(k) + 1
		switch k {
		case "Version", "Id":
			bit := 1
			if k == "Id" {
				bit = 2
			}
			if seen&bit != 0 || p.peek() != '"' {
				p.bail()
			}
			seen |= bit
			s, a, b := p.str()
			if k == "Version" {
				d.SetVersion(KnownValueAt(s, p.rng(a, b)))
			}
			inner += fastSize(s)
		case "Statement":
			if seen&4 != 0 {
				p.bail()
			}
			seen |= 4
			inner += p.statements()
		default:
			p.bail()
		}
	}
	if seen&4 == 0 {
		p.bail()
	}
	d.Range = p.rng(start, p.i)
	d.Size = objSize(n, inner)
	return d
}

// statements reads the Statement element (an object or an array of
// objects) into the scratch (see pack) and returns its compact size.
func (p *fastParser) statements() int {
	switch p.peek() {
	case '{':
		return p.statement()
	case '[':
	default:
		p.bail()
	}
	p.i++
	size := 2
	if p.peek() == ']' {
		p.i++
		return size
	}
	for first := len(p.sc.stmts); ; {
		if len(p.sc.stmts) > first {
			size++
		}
		size += p.statement()
		if !p.more(']') {
			return size
		}
	}
}

// statement reads a statement into the scratch (see pack) and returns its
// compact size.
func (p *fastParser) statement() int {
	p.sc.stmts = append(p.sc.stmts, Statement{})
	s := &p.sc.stmts[len(p.sc.stmts)-1] // the only append to stmts until the next statement
	var ex StatementExtra
	var scope StatementScope
	var seen int
	start := p.open()
	n, inner := 0, 0
	for ; ; n++ {
		k, ks, ke, more := p.next(n)
		if !more {
			break
		}
		inner += fastSize(k) + 1
		var bit int
		switch k {
		case "Sid", "Effect":
			bit = seenSid
			if k == "Effect" {
				bit = seenEffect
			}
			if seen&bit != 0 {
				p.bail()
			}
			v, _, _, size := p.scalar(false)
			if k == "Sid" {
				s.SetSid(v)
			} else {
				s.SetEffect(v)
			}
			inner += size
		case "Action", "NotAction", "Resource", "NotResource":
			var vals *[]Value
			var el *Element
			switch k {
			case "Action":
				bit, vals, el = seenAction, &s.Actions, &s.Action
			case "NotAction":
				bit, vals, el = seenNotAction, &ex.NotActions, &ex.NotAction
			case "Resource":
				bit, vals, el = seenResource, &s.Resources, &s.Resource
			default:
				bit, vals, el = seenNotResource, &ex.NotResources, &ex.NotResource
			}
			if seen&bit != 0 {
				p.bail()
			}
			out, a, b, size := p.list(false)
			*vals = out
			*el = Element{Present: true, Range: p.keyRange(ks, ke, a, b)}
			inner += size
		case "Principal", "NotPrincipal":
			prs, el := &scope.Principals, &scope.Principal
			bit = seenPrincipal
			if k == "NotPrincipal" {
				bit, prs, el = seenNotPrincipal, &ex.NotPrincipals, &ex.NotPrincipal
			}
			if seen&bit != 0 {
				p.bail()
			}
			a, b, size := p.principals(prs)
			*el = Element{Present: true, Range: p.keyRange(ks, ke, a, b)}
			inner += size
		case "Condition":
			bit = seenCondition
			if seen&bit != 0 {
				p.bail()
			}
			a, b, size := p.conditions(&scope.Conditions)
			scope.Condition = Element{Present: true, Range: p.keyRange(ks, ke, a, b)}
			inner += size
		default:
			p.bail()
		}
		seen |= bit
	}
	s.Range = p.rng(start, p.i)
	s.SetExtra(ex)
	k := int32(-1)
	if !scope.isZero() {
		k = int32(len(p.sc.scopes))
		p.sc.scopes = append(p.sc.scopes, scope)
	}
	p.sc.scopeOf = append(p.sc.scopeOf, k)
	return objSize(n, inner)
}

// principals reads a Principal or NotPrincipal ("*" or an object of
// scalars and arrays of scalars) into out, as builder.principals; it returns
// the value's range and compact size.
func (p *fastParser) principals(out *[]Principal) (start, end, size int) {
	if p.peek() == '"' {
		str, a, b := p.str()
		if str != "*" {
			p.bail() // a note, and Bare: the general way
		}
		r := p.rng(a, b)
		first := len(p.sc.prs)
		p.sc.prs = append(p.sc.prs, Principal{Type: KnownValueAt("*", r), ID: KnownValueAt("*", r)})
		*out = p.sc.prs[first:len(p.sc.prs):len(p.sc.prs)]
		return a, b, fastSize(str)
	}
	start = p.open()
	n, inner := 0, 0
	types := len(p.sc.keys)
	first := len(p.sc.prs)
	for ; ; n++ {
		typ, ts, te, more := p.next(n)
		if !more {
			break
		}
		p.once(types, typ)
		ids, va, vb, size := p.list(false)
		tv := KnownValueAt(typ, p.keyRange(ts, te, va, vb))
		for _, id := range ids {
			p.sc.prs = append(p.sc.prs, Principal{Type: tv, ID: id})
		}
		inner += fastSize(typ) + 1 + size
	}
	p.sc.keys = p.sc.keys[:types]
	if len(p.sc.prs) > first {
		*out = p.sc.prs[first:len(p.sc.prs):len(p.sc.prs)]
	}
	return start, p.i, objSize(n, inner)
}

// once bails (the general way says what is wrong) when key is among the
// keys of the object being read, sc.keys[first:], a member given twice;
// else it adds it. The objects being read (a Condition's operators, then
// the keys of one) are a stack in sc.keys: the caller truncates it to first
// when done with an object.
//
// An object of onceLinear keys or more is looked up in a set of its keys
// (a Condition of 20,000 keys compared each with all those before it: 5 s).
// The set of first is the object's when it holds as many keys as the object
// does: one left by an earlier object at first held more (it was made at
// onceLinear keys, then took the next one) or was dropped when it bailed.
func (p *fastParser) once(first int, key string) {
	sc := p.sc
	ks := sc.keys[first:]
	if len(ks) < onceLinear {
		for _, o := range ks {
			if o == key {
				p.bail()
			}
		}
		sc.keys = append(sc.keys, key)
		return
	}
	set := sc.keySets[first]
	if set == nil || len(set) != len(ks) {
		if sc.keySets == nil {
			sc.keySets = map[int]map[string]struct{}{}
		}
		if set == nil {
			set = make(map[string]struct{}, 2*len(ks))
			sc.keySets[first] = set
		}
		clear(set)
		for _, o := range ks {
			set[o] = struct{}{}
		}
	}
	if _, dup := set[key]; dup {
		delete(sc.keySets, first)
		p.bail()
	}
	set[key] = struct{}{}
	sc.keys = append(sc.keys, key)
}

// onceLinear is the number of keys from which once looks keys up in a set.
const onceLinear = 32

// conditions reads a Condition (an object of operators, each an object of
// keys with a scalar or an array of scalars) into out, as
// builder.conditions; it returns the value's range and compact size.
func (p *fastParser) conditions(out *[]Condition) (start, end, size int) {
	start = p.open()
	n, inner := 0, 0
	ops := len(p.sc.keys)
	all := len(p.sc.conds)
	for ; ; n++ {
		op, os, oe, more := p.next(n)
		if !more {
			break
		}
		p.once(ops, op)
		first := len(p.sc.conds)
		oa := p.open()
		m, minner := 0, 0
		keys := len(p.sc.keys)
		for ; ; m++ {
			key, cks, cke, more := p.next(m)
			if !more {
				break
			}
			p.once(keys, key)
			vals, va, vb, size := p.list(true)
			p.sc.conds = append(p.sc.conds, Condition{Key: KnownValueAt(key, p.keyRange(cks, cke, va, vb)), Values: vals})
			minner += fastSize(key) + 1 + size
		}
		p.sc.keys = p.sc.keys[:keys]
		opv := KnownValueAt(op, p.keyRange(os, oe, oa, p.i))
		for i := first; i < len(p.sc.conds); i++ {
			p.sc.conds[i].Operator = opv
		}
		inner += fastSize(op) + 1 + objSize(m, minner)
	}
	p.sc.keys = p.sc.keys[:ops]
	if len(p.sc.conds) > all {
		*out = p.sc.conds[all:len(p.sc.conds):len(p.sc.conds)]
	}
	return start, p.i, objSize(n, inner)
}
