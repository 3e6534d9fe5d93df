package hclfast

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

type partKind uint8

const (
	pLit partKind = iota
	pInterp
	pIf
	pElse
	pEndIf
	pFor
	pEndFor
)

// part is one piece of a template before its structure is built: a literal
// (in a heredoc, one per line, as hclsyntax's scanner splits them), an
// interpolation, or a control directive.
type part struct {
	kind   partKind
	raw    bool // val is exactly the source text s..e
	adjust bool // flush heredoc: a line start whose indentation is stripped
	val    string
	s, e   hcl.Pos
	expr   hclsyntax.Expression
	keyVar string
	valVar string
}

func hexVal(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// scanQuoted scans the literal text of a quoted string from offset i up to
// the closing quote or the start of a template sequence, resolving escapes.
// It returns the offset where it stopped, the value, and whether the value
// is the source text itself.
func (p *parser) scanQuoted(i int) (int, string, bool) {
	src := p.src
	n := len(src)
	j := i
	esc := false
	for {
		// The bytes that are neither a quote, a backslash, a $ or %, a
		// line end nor non-ASCII are the string's as they are: skipped in
		// a tight loop (most of a string), copied at once after an escape.
		k := plainEnd(src, j, false)
		if esc {
			p.buf = append(p.buf, src[j:k]...)
		}
		j = k
		if j >= n {
			bail()
		}
		c := src[j]
		switch c {
		case '"':
			if esc {
				return j, string(p.buf), false
			}
			return j, p.str[i:j], true
		case '\\':
			if !esc {
				p.buf = append(p.buf[:0], src[i:j]...)
				esc = true
			}
			if j+1 >= n {
				bail()
			}
			switch src[j+1] {
			case 'n':
				p.buf = append(p.buf, '\n')
			case 'r':
				p.buf = append(p.buf, '\r')
			case 't':
				p.buf = append(p.buf, '\t')
			case '"':
				p.buf = append(p.buf, '"')
			case '\\':
				p.buf = append(p.buf, '\\')
			case 'u', 'U':
				w := 4
				if src[j+1] == 'U' {
					w = 8
				}
				if j+2+w > n {
					bail()
				}
				r, ok := hexVal(src[j+2 : j+2+w])
				if !ok || utf8.RuneLen(r) < 0 {
					bail()
				}
				p.buf = utf8.AppendRune(p.buf, r)
				j += 2 + w
				continue
			default:
				bail()
			}
			j += 2
			continue
		case '$', '%':
			if j+1 < n && src[j+1] == '{' {
				if esc {
					return j, string(p.buf), false
				}
				return j, p.str[i:j], true
			}
			if j+2 < n && src[j+1] == c && src[j+2] == '{' {
				if !esc {
					p.buf = append(p.buf[:0], src[i:j]...)
					esc = true
				}
				p.buf = append(p.buf, c, '{')
				j += 3
				continue
			}
		case '\n', '\r':
			bail()
		}
		if c >= 0x80 {
			bail()
		}
		if esc {
			p.buf = append(p.buf, c)
		}
		j++
	}
}

// plainEnd returns the offset of the first byte from k on that is not
// plain text of a quoted string (quotedPlain) or, with heredoc, of a
// heredoc line (heredocPlain): len(src) if none. Eight bytes are tested at
// a time (plainStops), then byte by byte near the end of src.
func plainEnd(src []byte, k int, heredoc bool) int {
	for k+8 <= len(src) {
		if m := plainStops(binary.LittleEndian.Uint64(src[k:]), heredoc); m != 0 {
			return k + bits.TrailingZeros64(m)>>3
		}
		k += 8
	}
	plain := &quotedPlain
	if heredoc {
		plain = &heredocPlain
	}
	for k < len(src) && plain[src[k]] {
		k++
	}
	return k
}

// plainStops returns, as their high bits, the bytes of x (eight bytes of
// source, the first in the low byte) that may not be plain: non-ASCII
// bytes, control characters (CR and LF; a tab is plain, but rare enough to
// be left to the byte-wise path), $ and % and, but in a heredoc, a quote
// and a backslash. Byte-wise arithmetic on 7-bit values never carries into
// the next byte: for v < 0x80, v+0x60 has its high bit set iff v >= 0x20,
// and v+0x7f iff v != 0.
func plainStops(x uint64, heredoc bool) uint64 {
	const h = 0x80 * rep8
	v := x &^ h
	ctrl := ^(v + 0x60*rep8)
	seq := ^((v | rep8) ^ '%'*rep8 + 0x7f*rep8) // $ or %
	m := x | ctrl | seq
	if !heredoc {
		m |= ^((v ^ '"'*rep8) + 0x7f*rep8) | ^((v ^ '\\'*rep8) + 0x7f*rep8)
	}
	return m & h
}

// quotedPlain tells the bytes that scanQuoted takes as they are, with no
// check: all but a quote, a backslash, $, %, CR, LF and non-ASCII bytes.
var quotedPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x80 && c != '"' && c != '\\' && c != '$' && c != '%' && c != '\n' && c != '\r'
	}
	return t
}()

// quotedLabel reads a block label after its opening quote: a quoted string
// without template sequences. It returns the value and the end position.
func (p *parser) quotedLabel() (string, hcl.Pos) {
	st := p.cur
	j, val, _ := p.scanQuoted(st.pos)
	if p.src[j] != '"' {
		bail()
	}
	p.readTo(st, j+1)
	return val, p.lastEnd()
}

func isLitPart(parts []part, base int) *part {
	if len(parts) > base && parts[len(parts)-1].kind == pLit {
		return &parts[len(parts)-1]
	}
	return nil
}

// templateSeq parses a ${ } or %{ } sequence starting at offset j (on the
// line of st) and appends its part. It reports whether the sequence ended
// with the "~}" strip marker.
func (p *parser) templateSeq(base, j int, st lexState) bool {
	src := p.src
	w := 2
	if j+2 < len(src) && src[j+2] == '~' {
		w = 3
		if lp := isLitPart(p.parts, base); lp != nil {
			if v := strings.TrimRightFunc(lp.val, unicode.IsSpace); len(v) != len(lp.val) {
				if strings.HasSuffix(v, "$") || strings.HasSuffix(v, "%") {
					// hclsyntax splits such a literal at the $ or % and
					// trims only its last piece (QA: a line "a% " before
					// a ${~x} keeps its space there): left to hclsyntax.
					bail()
				}
				lp.val = v
				lp.raw = false
			}
		}
	}
	start := pos(st, j)
	p.cur = lexState{pos: j + w, line: st.line, lineStart: st.lineStart}
	p.pkMode, p.pkOK = 0, false
	saved := p.nl
	p.setNL(skipNL)
	var cl token
	if src[j] == '$' {
		expr := p.parseExpression()
		cl = p.read()
		pt := p.addPart(pInterp, start, cl.ep())
		pt.expr = expr
	} else {
		kw := p.expect(tIdent)
		pt := part{s: start}
		switch p.text(kw) {
		case "if":
			pt.kind = pIf
			pt.expr = p.parseExpression()
		case "else":
			pt.kind = pElse
		case "endif":
			pt.kind = pEndIf
		case "for":
			pt.kind = pFor
			v := p.expect(tIdent)
			pt.valVar = p.text(v)
			if p.peek().typ == tComma {
				p.read()
				pt.keyVar = pt.valVar
				pt.valVar = p.text(p.expect(tIdent))
			}
			if !p.isKeyword(p.read(), "in") {
				bail()
			}
			pt.expr = p.parseExpression()
		case "endfor":
			pt.kind = pEndFor
		default:
			bail()
		}
		pt.e = p.peek().ep()
		cl = p.read()
		x := p.addPart(pt.kind, pt.s, pt.e)
		x.expr, x.keyVar, x.valVar = pt.expr, pt.keyVar, pt.valVar
	}
	if cl.typ != tCBrace && cl.typ != tTildeCBrace {
		bail()
	}
	p.setNL(saved)
	return cl.typ == tTildeCBrace
}

func (p *parser) addLiteral(base int, ltrim bool, val string, raw bool, s, e hcl.Pos) {
	if ltrim {
		if v := trimLeftSpace(val); len(v) != len(val) {
			val = v
			raw = false
		}
	}
	pt := p.addPart(pLit, s, e)
	pt.val = val
	pt.raw = raw
}

// addPart pushes a part of kind k from s to e, its other fields zero, and
// returns it. It is written field by field (see setRng), and the slot may
// hold a part popped before.
func (p *parser) addPart(k partKind, s, e hcl.Pos) *part {
	if len(p.parts) == cap(p.parts) {
		p.parts = append(p.parts, part{})
	} else {
		p.parts = p.parts[:len(p.parts)+1]
	}
	pt := &p.parts[len(p.parts)-1]
	pt.kind = k
	pt.raw = false
	pt.adjust = false
	pt.s = s
	pt.e = e
	if pt.val != "" {
		pt.val = ""
	}
	if pt.expr != nil {
		pt.expr = nil
	}
	if pt.keyVar != "" {
		pt.keyVar = ""
	}
	if pt.valVar != "" {
		pt.valVar = ""
	}
	return pt
}

// parseQuoted parses a quoted template after its opening quote.
func (p *parser) parseQuoted(open token) hclsyntax.Expression {
	st := p.cur
	i := st.pos
	j, val, raw := p.scanQuoted(i)
	if p.src[j] == '"' {
		// No template sequence (most strings): the node at once, as
		// finishTemplate makes it of the one literal part (an empty one,
		// at the end, for "").
		p.readTo(st, j+1)
		end := p.lastEnd()
		if j == i {
			return p.plainString("", true, end, end, open.sp(), end)
		}
		return p.plainString(val, raw, pos(st, i), pos(st, j), open.sp(), end)
	}
	base := len(p.parts)
	if j > i {
		p.addLiteral(base, false, val, raw, pos(st, i), pos(st, j))
	}
	ltrim := p.templateSeq(base, j, st)
	for {
		st := p.cur
		i := st.pos
		j, val, raw := p.scanQuoted(i)
		if j > i {
			p.addLiteral(base, ltrim, val, raw, pos(st, i), pos(st, j))
		}
		if p.src[j] == '"' {
			p.readTo(st, j+1)
			break
		}
		ltrim = p.templateSeq(base, j, st)
	}
	return p.finishTemplate(base, open.sp(), p.lastEnd())
}

// parseHeredoc parses a heredoc template after its introducer (which ends
// with a newline).
func (p *parser) parseHeredoc(open token) hclsyntax.Expression {
	src := p.src
	n := len(src)
	marker := src[int(open.so)+2 : int(open.eo)-1]
	flush := marker[0] == '-'
	if flush {
		marker = marker[1:]
	}
	if marker[len(marker)-1] == '\r' {
		marker = marker[:len(marker)-1]
	}
	base := len(p.parts)
	st := p.cur
	sol := true
	ltrim := false
	for {
		i := st.pos
		if sol {
			k := bytes.IndexByte(src[i:], '\n')
			if k < 0 {
				bail()
			}
			le := i + k
			if le > i && src[le-1] == '\r' {
				le--
			}
			// The line is the end marker only if, past its blanks, it
			// starts with the marker's first byte (or a byte TrimSpace
			// could take as white space): most lines are told in a few
			// compares, without TrimSpace.
			b := i
			for b < le && (src[b] == ' ' || src[b] == '\t') {
				b++
			}
			if b < le && (src[b] == marker[0] || src[b] >= 0x80 || src[b] == '\v' || src[b] == '\f' || src[b] == '\r') &&
				bytes.Equal(bytes.TrimSpace(src[i:le]), marker) {
				for _, c := range src[i:le] {
					if c >= 0x80 || c == '\r' {
						bail() // TrimSpace took a Unicode space or a lone CR
					}
				}
				p.readTo(st, le)
				break
			}
		}
		// one literal segment: to the end of the line or a sequence
		j := i
		esc := false
		eol := false
		for {
			// Plain bytes (most of a line) in a tight loop, as in
			// scanQuoted.
			k := plainEnd(src, j, true)
			if esc {
				p.buf = append(p.buf, src[j:k]...)
			}
			j = k
			if j >= n {
				bail()
			}
			c := src[j]
			if c == '\n' {
				if esc {
					p.buf = append(p.buf, c)
				}
				j++
				eol = true
				break
			}
			if c >= 0x80 || c == '\r' && (j+1 == n || src[j+1] != '\n') {
				bail()
			}
			if c == '$' || c == '%' {
				if j+1 < n && src[j+1] == '{' {
					break
				}
				if j+2 < n && src[j+1] == c && src[j+2] == '{' {
					if !esc {
						p.buf = append(p.buf[:0], src[i:j]...)
						esc = true
					}
					p.buf = append(p.buf, c, '{')
					j += 3
					continue
				}
			}
			if esc {
				p.buf = append(p.buf, c)
			}
			j++
		}
		if j > i {
			val, raw := p.str[i:j], true
			if esc {
				val, raw = string(p.buf), false
			}
			s := pos(st, i)
			if eol {
				st = lexState{pos: j, line: st.line + 1, lineStart: j}
			}
			p.addLiteral(base, ltrim, val, raw, s, pos(st, j))
		}
		ltrim = false
		st.pos = j
		if eol {
			sol = true
			continue
		}
		sol = false
		ltrim = p.templateSeq(base, j, st)
		st = p.cur
	}
	if flush {
		p.flushHeredoc(base)
	}
	p.meld(base)
	return p.finishTemplate(base, open.sp(), p.lastEnd())
}

// heredocPlain tells the bytes that parseHeredoc takes as they are, with
// no check: all but CR, LF, $, % and non-ASCII bytes.
var heredocPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x80 && c != '\n' && c != '\r' && c != '$' && c != '%'
	}
	return t
}()

// trimLeftSpace is strings.TrimLeftFunc(s, unicode.IsSpace), without a
// call per byte for the ASCII white space it mostly trims (the
// indentation of a heredoc's lines).
func trimLeftSpace(s string) string {
	i := 0
	for i < len(s) && asciiSpace[s[i]] {
		i++
	}
	if i < len(s) && s[i] >= utf8.RuneSelf {
		return strings.TrimLeftFunc(s, unicode.IsSpace)
	}
	return s[i:]
}

// asciiSpace tells the ASCII bytes unicode.IsSpace takes.
var asciiSpace = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = unicode.IsSpace(rune(c))
	}
	return t
}()

// flushHeredoc strips the common indentation of a <<- heredoc, as
// hclsyntax's flushHeredocTemplateParts does with the line tokens.
func (p *parser) flushHeredoc(base int) {
	const maxInt = int(^uint(0) >> 1)
	minSpaces := maxInt
	newline := true
	parts := p.parts[base:]
	for k := range parts {
		pt := &parts[k]
		if newline {
			newline = false
			spaces := 0
			if pt.kind == pLit {
				trimmed := trimLeftSpace(pt.val)
				if len(trimmed) == 0 && strings.HasSuffix(pt.val, "\n") {
					spaces = maxInt
				} else {
					spaces = len(pt.val) - len(trimmed)
					pt.adjust = true
				}
			}
			if spaces < minSpaces {
				minSpaces = spaces
			}
		}
		if pt.kind == pLit && strings.HasSuffix(pt.val, "\n") {
			newline = true
		}
	}
	if minSpaces == 0 || minSpaces == maxInt {
		return
	}
	for k := range parts {
		pt := &parts[k]
		if pt.adjust {
			pt.val = pt.val[minSpaces:]
			pt.s.Column += minSpaces
			pt.s.Byte += minSpaces
		}
	}
}

// meld joins consecutive literal parts, as hclsyntax's
// meldConsecutiveStringLiterals does.
func (p *parser) meld(base int) {
	parts := p.parts
	out := base
	for i := base; i < len(parts); {
		if parts[i].kind != pLit || i+1 == len(parts) || parts[i+1].kind != pLit {
			parts[out] = parts[i]
			out++
			i++
			continue
		}
		j := i + 1
		contiguous := parts[i].raw
		size := len(parts[i].val)
		for j < len(parts) && parts[j].kind == pLit {
			if !parts[j].raw || parts[j].s.Byte != parts[j-1].e.Byte {
				contiguous = false
			}
			size += len(parts[j].val)
			j++
		}
		m := parts[i]
		m.e = parts[j-1].e
		if contiguous {
			m.val = p.str[m.s.Byte:m.e.Byte]
		} else {
			var b strings.Builder
			b.Grow(size)
			for k := i; k < j; k++ {
				b.WriteString(parts[k].val)
			}
			m.val = b.String()
			m.raw = false
		}
		parts[out] = m
		out++
		i = j
	}
	p.parts = parts[:out]
}

// finishTemplate builds the expression of the template whose parts are
// p.parts[base:] and pops them.
func (p *parser) finishTemplate(base int, start, end hcl.Pos) hclsyntax.Expression {
	if len(p.parts) == base {
		p.addPart(pLit, end, end).raw = true
	}
	parts := p.parts[base:]
	if len(parts) == 1 && parts[0].kind == pInterp {
		e := parts[0].expr
		p.parts = p.parts[:base]
		return &hclsyntax.TemplateWrapExpr{Wrapped: e, SrcRange: p.rng(start, end)}
	}
	if len(parts) == 1 && parts[0].kind == pLit {
		pt := &parts[0]
		p.parts = p.parts[:base]
		return p.plainString(pt.val, pt.raw, pt.s, pt.e, start, end)
	}
	exprs, k := p.templateExprs(parts, 0)
	if k != len(parts) {
		bail() // an unbalanced else/endif/endfor
	}
	p.parts = p.parts[:base] // addPart clears what it reuses
	x := p.tmpls.take()
	if x == nil {
		x = p.tmpls.refill(p.rem(), len(p.src))
	}
	x.Parts = exprs
	p.setRng(&x.SrcRange, start, end)
	return x
}

// plainString returns the template from start to end whose one part is
// the literal val from s to e (raw: val is source text): a plain string,
// the most common template, in one allocation for the template, its parts
// array and its literal.
func (p *parser) plainString(val string, raw bool, s, e, start, end hcl.Pos) *hclsyntax.TemplateExpr {
	x := p.strs.take()
	if x == nil {
		x = p.strs.refill(p.rem(), len(p.src))
	}
	x.val = val
	x.lit.Val = strValAt(&x.val, raw)
	p.setRng(&x.lit.SrcRange, s, e)
	x.parts[0] = &x.lit
	x.tmpl.Parts = x.parts[:]
	p.setRng(&x.tmpl.SrcRange, start, end)
	return &x.tmpl
}

// plainString co-allocates the nodes of a template that is one literal,
// and the string its value points at (strValAt).
type plainString struct {
	tmpl  hclsyntax.TemplateExpr
	parts [1]hclsyntax.Expression
	lit   hclsyntax.LiteralValueExpr
	val   string
}

// strLit co-allocates a string literal and the string its value points at.
type strLit struct {
	lit hclsyntax.LiteralValueExpr
	val string
}

// strLit returns a literal expression node of the string s, from b to e.
func (p *parser) strLit(s string, raw bool, b, e hcl.Pos) *hclsyntax.LiteralValueExpr {
	x := p.strLits.take()
	if x == nil {
		x = p.strLits.refill(p.rem(), len(p.src))
	}
	x.val = s
	x.lit.Val = strValAt(&x.val, raw)
	p.setRng(&x.lit.SrcRange, b, e)
	return &x.lit
}

// templateExprs builds expressions from parts[i:] up to the first else,
// endif or endfor (or the end), returning them and the index it stopped at.
func (p *parser) templateExprs(parts []part, i int) ([]hclsyntax.Expression, int) {
	base := len(p.exprs)
	for i < len(parts) {
		pt := &parts[i]
		switch pt.kind {
		case pLit:
			p.exprs = append(p.exprs, p.strLit(pt.val, pt.raw, pt.s, pt.e))
			i++
		case pInterp:
			p.exprs = append(p.exprs, pt.expr)
			i++
		case pIf:
			ifExprs, k := p.templateExprs(parts, i+1)
			if k >= len(parts) {
				bail()
			}
			var elseExprs []hclsyntax.Expression
			if parts[k].kind == pElse {
				elseExprs, k = p.templateExprs(parts, k+1)
				if k >= len(parts) {
					bail()
				}
			}
			if parts[k].kind != pEndIf {
				bail()
			}
			endif := &parts[k]
			if len(ifExprs) == 0 {
				ifExprs = append(ifExprs, &hclsyntax.LiteralValueExpr{Val: cty.StringVal(""), SrcRange: p.rng(pt.e, pt.e)})
			}
			if len(elseExprs) == 0 {
				elseExprs = append(elseExprs, &hclsyntax.LiteralValueExpr{Val: cty.StringVal(""), SrcRange: p.rng(endif.s, endif.s)})
			}
			p.exprs = append(p.exprs, &hclsyntax.ConditionalExpr{
				Condition:   pt.expr,
				TrueResult:  &hclsyntax.TemplateExpr{Parts: ifExprs, SrcRange: p.rng(ifExprs[0].Range().Start, ifExprs[len(ifExprs)-1].Range().End)},
				FalseResult: &hclsyntax.TemplateExpr{Parts: elseExprs, SrcRange: p.rng(elseExprs[0].Range().Start, elseExprs[len(elseExprs)-1].Range().End)},
				SrcRange:    p.rng(pt.s, endif.e),
			})
			i = k + 1
		case pFor:
			content, k := p.templateExprs(parts, i+1)
			if k >= len(parts) || parts[k].kind != pEndFor {
				bail()
			}
			endfor := &parts[k]
			if len(content) == 0 {
				content = append(content, &hclsyntax.LiteralValueExpr{Val: cty.StringVal(""), SrcRange: p.rng(pt.e, pt.e)})
			}
			p.exprs = append(p.exprs, &hclsyntax.TemplateJoinExpr{Tuple: &hclsyntax.ForExpr{
				KeyVar:     pt.keyVar,
				ValVar:     pt.valVar,
				CollExpr:   pt.expr,
				ValExpr:    &hclsyntax.TemplateExpr{Parts: content, SrcRange: p.rng(content[0].Range().Start, content[len(content)-1].Range().End)},
				SrcRange:   p.rng(pt.s, endfor.e),
				OpenRange:  p.rng(pt.s, pt.e),
				CloseRange: p.rng(endfor.s, endfor.e),
			}})
			i = k + 1
		default:
			return p.popTemplateExprs(base), i
		}
	}
	return p.popTemplateExprs(base), i
}

// popTemplateExprs is popExprs for the parts of a template, which are
// never nil (an empty array when there are none).
func (p *parser) popTemplateExprs(base int) []hclsyntax.Expression {
	if len(p.exprs) == base {
		return []hclsyntax.Expression{}
	}
	return p.popExprs(base)
}
