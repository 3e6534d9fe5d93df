package eval

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"golang.org/x/text/unicode/norm"
)

// jsonTemplate evaluates a .tf.json string that holds a template ("${...}")
// located: the decoded string is parsed as a native template at the
// string's position, evaluated like HCL, and the positions inside it are
// mapped back through the JSON escapes. ok is false when x is not such a
// string.
func (e *env) jsonTemplate(x hcl.Expression) (*Node, bool) {
	r := x.Range()
	src := e.s.ev.source(r.Filename)
	a, b := r.Start.Byte, r.End.Byte
	if src == nil || a < 0 || b > len(src) || b-a < 2 || src[a] != '"' || src[b-1] != '"' {
		return nil, false
	}
	raw := src[a:b]
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return nil, false
	}
	if d := CheckLiterals([]byte(s), r.Filename, true); d != nil {
		// hcl/json would parse it as a template in quadratic time.
		d.Subject = r.Ptr()
		e.s.ev.diags = append(e.s.ev.diags, ValueNotParsed(d, "its value is unknown"))
		return &Node{Val: cty.DynamicVal, Range: r}, true
	}
	if !strings.Contains(s, "${") && !strings.Contains(s, "%{") {
		// A plain string. When it holds JSON (a policy written as an
		// escaped string), locate its bytes so a finding points inside it.
		if !strings.HasPrefix(strings.TrimSpace(s), "{") {
			return nil, false
		}
		tm, ok := jsonStringMap(raw[1:len(raw)-1], r.Filename, hcl.Pos{Line: r.Start.Line, Column: r.Start.Column + 1, Byte: a + 1})
		if !ok {
			return nil, false
		}
		return &Node{Val: cty.StringVal(s), Range: r, Text: tm}, true
	}
	offs, ok := jsonOffsets(raw[1 : len(raw)-1])
	if !ok || len(offs) != len(s) {
		return nil, false
	}
	start := hcl.Pos{Line: r.Start.Line, Column: r.Start.Column + 1, Byte: a + 1}
	tmpl, diags := hclsyntax.ParseTemplate([]byte(s), r.Filename, start)
	if diags.HasErrors() {
		// A template that does not parse is an error, as in a .tf file
		// (hcl evaluating it said so as a warning, and exit 0): the
		// value is unknown.
		for _, d := range diags {
			if d.Severity == hcl.DiagError {
				e.s.ev.diags = append(e.s.ev.diags, d)
			}
		}
		return &Node{Val: cty.DynamicVal, Range: r}, true
	}
	if d := CheckDepth(tmpl.(hclsyntax.Node), r.Filename, MaxExprDepth); d != nil {
		d.Subject = r.Ptr()
		e.s.ev.diags = append(e.s.ev.diags, ValueNotParsed(d, "its value is unknown"))
		return &Node{Val: cty.DynamicVal, Range: r}, true
	}
	// The template's positions are offsets in s from start: read its
	// literals from s, not from the file's escaped bytes.
	buf := make([]byte, 0, a+1+len(s))
	buf = append(append(buf, src[:a+1]...), s...)
	je := *e
	je.jsrc = &jsonSource{file: r.Filename, buf: buf}
	n := je.expr(tmpl)
	m := &jsonPosMap{file: r.Filename, src: src, start: start, offs: offs, seen: map[*Node]bool{}, seenText: map[*TextMap]bool{}}
	m.node(n)
	if _, wrap := tmpl.(*hclsyntax.TemplateWrapExpr); wrap {
		return n, true // "${x}" is x itself, located where x came from
	}
	c := *n
	c.Range = r
	return &c, true
}

// jsonPosMapOf returns the map from positions in the decoded content of the
// .tf.json string at r (as hcl parses expressions from it) to positions in
// the file; nil when r is not such a string.
func (e *env) jsonPosMapOf(r hcl.Range) *jsonPosMap {
	src := e.s.ev.source(r.Filename)
	a, b := r.Start.Byte, r.End.Byte
	if src == nil || a < 0 || b > len(src) || b-a < 2 || src[a] != '"' || src[b-1] != '"' {
		return nil
	}
	offs, ok := jsonOffsets(src[a+1 : b-1])
	if !ok {
		return nil
	}
	start := hcl.Pos{Line: r.Start.Line, Column: r.Start.Column + 1, Byte: a + 1}
	// hcl parses a .tf.json string as an expression at the opening quote.
	return &jsonPosMap{file: r.Filename, src: src, start: start, offs: offs, shift: 1, seen: map[*Node]bool{}, seenText: map[*TextMap]bool{}}
}

// jsonSource is a .tf.json file as a template parsed from one of its decoded
// strings sees it: the file's bytes up to the string's content, then the
// decoded content.
type jsonSource struct {
	file string
	buf  []byte
	ts   *textSource // made when first asked for (textSource)
}

// textSource returns the source recipes of templates parsed from the
// string read (see textRecipe).
func (j *jsonSource) textSource() *textSource {
	if j.ts == nil {
		j.ts = &textSource{src: j.buf, json: true}
	}
	return j.ts
}

// jsonStringMap locates the decoded bytes of the JSON string content raw
// (which starts at start in file; JSON strings hold no raw newlines): runs of
// unescaped bytes map one to one, each escape's bytes map to the escape.
func jsonStringMap(raw []byte, file string, start hcl.Pos) (*TextMap, bool) {
	if !utf8.Valid(raw) {
		return nil, false // decoding replaces invalid bytes: no 1:1 runs
	}
	if bytes.Contains(raw, []byte(`\u`)) {
		if tm, ok, done := jsonStringMapNFC(raw, file, start); done {
			return tm, ok
		}
	}
	var segs []Segment
	out, col := 0, start.Column // decoded offset; column of raw[i]
	for i := 0; i < len(raw); {
		j := i
		for j < len(raw) && raw[j] != '\\' {
			j++
		}
		if j > i {
			at := hcl.Pos{Line: start.Line, Column: col, Byte: start.Byte + i}
			if ns, n := nfcSegments(raw[i:j], file, at); ns != nil {
				// cty composes a letter and its combining marks (NFC)
				for _, g := range ns {
					g.Offset += out
					segs = append(segs, g)
				}
				out += n
			} else {
				segs = append(segs, Segment{Offset: out, Len: j - i, File: file, Verbatim: true, Start: at, Src: raw[i:j]})
				out += j - i
			}
			col += utf8.RuneCount(raw[i:j])
			i = j
			continue
		}
		if i+1 >= len(raw) {
			return nil, false
		}
		n, size := 2, 1 // source length, decoded length
		if raw[i+1] == 'u' {
			r, k := JSONUnicode(raw[i:])
			if k == 0 {
				return nil, false
			}
			n, size = k, utf8.RuneLen(r)
			if size < 0 {
				size = 3 // U+FFFD
			}
		}
		segs = append(segs, Segment{Offset: out, Len: size, File: file,
			Start: hcl.Pos{Line: start.Line, Column: col, Byte: start.Byte + i},
			End:   hcl.Pos{Line: start.Line, Column: col + n, Byte: start.Byte + i + n}})
		out += size
		col += n
		i += n
	}
	return NewTextMap(segs), true
}

// jsonUnit is one character of a JSON string's content: its decoded
// bytes are dec[d:d+n], its source raw[r:r+rn] at column col.
type jsonUnit struct {
	d, n, r, rn, col int
	esc              bool
}

// jsonStringMapNFC is jsonStringMap for a content with \u escapes whose
// decoded text cty composes (NFC) across an escape ("e\u0301" is "é"):
// each run NFC rewrites is one segment at its first character, the other
// characters are mapped as jsonStringMap maps them. done is false when the
// decoded text is in NFC (jsonStringMap's way is right).
func jsonStringMapNFC(raw []byte, file string, start hcl.Pos) (tm *TextMap, ok, done bool) {
	var dec []byte
	var units []jsonUnit
	col := start.Column
	for i := 0; i < len(raw); {
		u := jsonUnit{d: len(dec), r: i, col: col}
		if raw[i] != '\\' {
			_, n := utf8.DecodeRune(raw[i:])
			dec = append(dec, raw[i:i+n]...)
			u.rn = n
		} else {
			if i+1 >= len(raw) {
				return nil, false, true
			}
			u.esc, u.rn = true, 2
			switch raw[i+1] {
			case 'b':
				dec = append(dec, '\b')
			case 'f':
				dec = append(dec, '\f')
			case 'n':
				dec = append(dec, '\n')
			case 'r':
				dec = append(dec, '\r')
			case 't':
				dec = append(dec, '\t')
			case 'u':
				r, k := JSONUnicode(raw[i:])
				if k == 0 {
					return nil, false, true
				}
				dec = utf8.AppendRune(dec, r)
				u.rn = k
			default:
				dec = append(dec, raw[i+1])
			}
		}
		u.n = len(dec) - u.d
		units = append(units, u)
		col += u.rn
		if !u.esc {
			col += 1 - u.rn // one column a character
		}
		i += u.rn
	}
	if norm.NFC.IsNormal(dec) {
		return nil, false, false
	}
	var segs []Segment
	out := 0
	// after is the source position after unit u.
	after := func(u jsonUnit) hcl.Pos {
		col := u.col + 1 // one column a character
		if u.esc {
			col = u.col + u.rn
		}
		return hcl.Pos{Line: start.Line, Column: col, Byte: start.Byte + u.r + u.rn}
	}
	// add appends a segment of n bytes at unit u; one not verbatim (an
	// escape, a run NFC rewrites) ends at end, the position after its
	// last unit: a range that ends in it ends there (after the " closing
	// "e\u0301*", after the \u0301 of "e\u0301"), not one column past u.
	add := func(u jsonUnit, n int, verbatim bool, end hcl.Pos) {
		at := hcl.Pos{Line: start.Line, Column: u.col, Byte: start.Byte + u.r}
		if g := len(segs) - 1; verbatim && g >= 0 && segs[g].Verbatim && segs[g].Start.Byte+segs[g].Len == at.Byte {
			segs[g].Len += n
			segs[g].Src = raw[segs[g].Start.Byte-start.Byte : u.r+n]
		} else if verbatim {
			segs = append(segs, Segment{Offset: out, Len: n, File: file, Verbatim: true, Start: at, Src: raw[u.r : u.r+n]})
		} else {
			segs = append(segs, Segment{Offset: out, Len: n, File: file, Start: at, End: end})
		}
		out += n
	}
	for k, runs := 0, 0; k < len(units); {
		u := units[k]
		if u.d >= len(dec) {
			break
		}
		n, changes, joiner := nfcRun(dec[u.d:])
		e := k // the units of the run: units[k:e]
		for e < len(units) && units[e].d < u.d+n {
			e++
		}
		if e < len(units) && units[e].d != u.d+n {
			return nil, false, true // not at a character's end
		}
		if changes {
			if runs++; runs > maxNFCRuns {
				e = len(units) // the rest is one segment
				n, joiner = len(dec)-u.d, false
			}
			add(u, len(nfcBytes(dec[u.d:u.d+n], joiner)), false, after(units[e-1]))
			k = e
			continue
		}
		for ; k < e; k++ {
			add(units[k], units[k].n, !units[k].esc, after(units[k]))
		}
	}
	return NewTextMap(segs), true, true
}

// jsonOffsets maps each byte of the decoded JSON string content raw to the
// offset in raw of the source character that produced it.
func jsonOffsets(raw []byte) ([]int, bool) {
	var offs []int
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			_, n := utf8.DecodeRune(raw[i:])
			for k := 0; k < n; k++ {
				offs = append(offs, i)
			}
			i += n
			continue
		}
		if i+1 >= len(raw) {
			return nil, false
		}
		if raw[i+1] != 'u' {
			offs = append(offs, i)
			i += 2
			continue
		}
		r, n := JSONUnicode(raw[i:])
		if n == 0 {
			return nil, false
		}
		for k := 0; k < utf8.RuneLen(r); k++ {
			offs = append(offs, i)
		}
		i += n
	}
	return offs, true
}

// JSONUnicode decodes a \uXXXX escape (with its surrogate pair) at the start
// of s, returning the rune and the source length (0 when invalid).
func JSONUnicode(s []byte) (rune, int) {
	if len(s) < 6 {
		return 0, 0
	}
	v, err := strconv.ParseUint(string(s[2:6]), 16, 32)
	if err != nil {
		return 0, 0
	}
	r := rune(v)
	if utf16.IsSurrogate(r) && len(s) >= 12 && s[6] == '\\' && s[7] == 'u' {
		if w, err := strconv.ParseUint(string(s[8:12]), 16, 32); err == nil {
			if d := utf16.DecodeRune(r, rune(w)); d != utf8.RuneError {
				return d, 12
			}
		}
	}
	if utf16.IsSurrogate(r) {
		r = utf8.RuneError
	}
	return r, 6
}

// jsonPosMap rewrites positions inside the decoded string (as parsed) to
// positions in the JSON source.
type jsonPosMap struct {
	file  string
	src   []byte
	start hcl.Pos // position of the first content byte
	offs  []int
	seen  map[*Node]bool
	// shift is how many bytes before start the decoded positions begin (1
	// when hcl parsed the string's content at the opening quote's position).
	shift int

	seenText map[*TextMap]bool

	// marks are the rune counts from start at character boundaries about
	// every colStep bytes (made as far as a position asks): a column is
	// counted from the last mark before it, not from start. Counted from
	// start, "${1}${1}...", 400,000 interpolations in one string of a
	// .tf.json, took more than 60 s (each of its nodes and text segments
	// counted the string's characters up to it).
	marks []colMark
}

// colMark is a character boundary (byte offset in src) and the number of
// characters between the string's start and it.
type colMark struct{ byte, runes int }

// colStep is the bytes between two of jsonPosMap's marks.
const colStep = 4096

// runesTo returns the number of characters in src from start to byte b:
// utf8.RuneCount(m.src[m.start.Byte:b]), in time bounded by colStep once
// the marks reach b.
func (m *jsonPosMap) runesTo(b int) int {
	from := m.start.Byte
	if b-from < 2*colStep {
		return utf8.RuneCount(m.src[from:b])
	}
	if len(m.marks) == 0 {
		m.marks = append(m.marks, colMark{from, 0})
	}
	for last := m.marks[len(m.marks)-1]; last.byte+colStep <= b; last = m.marks[len(m.marks)-1] {
		i, n := last.byte, last.runes
		for end := last.byte + colStep; i < end; n++ {
			_, size := utf8.DecodeRune(m.src[i:])
			i += size
		}
		m.marks = append(m.marks, colMark{i, n})
	}
	k := sort.Search(len(m.marks), func(i int) bool { return m.marks[i].byte > b }) - 1
	return m.marks[k].runes + utf8.RuneCount(m.src[m.marks[k].byte:b])
}

func (m *jsonPosMap) pos(p hcl.Pos) hcl.Pos {
	k := p.Byte - m.start.Byte + m.shift
	if k < 0 || k > len(m.offs) {
		return p
	}
	o := len(m.src) // end of content
	if k < len(m.offs) {
		o = m.offs[k]
	} else if len(m.offs) > 0 {
		o = m.offs[len(m.offs)-1] + 1
	}
	b := m.start.Byte + o
	if b > len(m.src) {
		return p
	}
	return hcl.Pos{Line: m.start.Line, Column: m.start.Column + m.runesTo(b), Byte: b}
}

func (m *jsonPosMap) rng(r *hcl.Range) {
	if r.Filename != m.file {
		return
	}
	r.Start, r.End = m.pos(r.Start), m.pos(r.End)
}

func (m *jsonPosMap) node(n *Node) {
	if n == nil || m.seen[n] {
		return
	}
	m.seen[n] = true
	m.rng(&n.Range)
	if n.name != nil {
		// The name range may be shared (Node.setNameAt): moved in a copy.
		r := *n.name
		m.rng(&r)
		n.SetNameRange(r)
	}
	for _, c := range n.kids() {
		m.node(c)
	}
	for _, c := range n.Elems {
		m.node(c)
	}
	for _, c := range n.Alts() {
		m.node(c)
	}
	m.node(n.JSONArg())
	m.text(n.Text)
	if n.PartialOf() != nil {
		m.text(n.PartialOf().Map)
	}
}

// text rewrites t: each verbatim segment read from the decoded string is
// split at the JSON escapes (runs of unescaped bytes stay verbatim, on the
// file's bytes; each escape maps to its backslash), other segments map to
// their start.
func (m *jsonPosMap) text(t *TextMap) {
	if t == nil || m.seenText[t] {
		return
	}
	m.seenText[t] = true
	var out []Segment
	for _, s := range t.Segments() {
		k0 := s.Start.Byte - m.start.Byte + m.shift
		if s.File != m.file || k0 < 0 || k0 > len(m.offs) {
			out = append(out, s)
			continue
		}
		if !s.Verbatim || k0+s.Len > len(m.offs) {
			s.Start = m.pos(s.Start)
			s.Verbatim, s.Src = false, nil
			out = append(out, s)
			continue
		}
		for j := 0; j < s.Len; {
			k := k0 + j
			rb := m.rawByte(k)
			n := 1
			if rb < 0 {
				for k0+j+n < k0+s.Len && m.offs[k+n] == m.offs[k] {
					n++
				}
				out = append(out, Segment{Offset: s.Offset + j, Len: n, File: m.file, Start: m.pos(hcl.Pos{Byte: m.start.Byte - m.shift + k})})
				j += n
				continue
			}
			for j+n < s.Len && m.rawByte(k+n) == rb+n {
				n++
			}
			p := m.pos(hcl.Pos{Byte: m.start.Byte - m.shift + k})
			p.Byte = m.start.Byte + rb
			out = append(out, Segment{Offset: s.Offset + j, Len: n, File: m.file, Verbatim: true, Start: p,
				Src: m.src[m.start.Byte+rb : m.start.Byte+rb+n]})
			j += n
		}
	}
	t.SetSegments(out)
}

// rawByte returns the offset in the string's source of decoded byte k when it
// is copied unescaped, -1 when it comes from an escape.
func (m *jsonPosMap) rawByte(k int) int {
	o := m.offs[k]
	if m.src[m.start.Byte+o] == '\\' {
		return -1
	}
	j := 0
	for k-j-1 >= 0 && m.offs[k-j-1] == o {
		j++
	}
	return o + j
}
