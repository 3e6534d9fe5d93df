package hclfast

import (
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

type parser struct {
	src []byte
	str string // src as one string (sharing its bytes): identifiers and literals are substrings of it
	fn  string

	cur lexState // scanner position after the last token read
	nl  lexMode  // whether newlines are significant (hclsyntax's IncludeNewlines)

	// one-token lookahead cache
	pk      token
	pkAfter lexState
	pkMode  lexMode // the mode pk was scanned in; 0: none
	pkOK    bool    // pk is the next token in mode nl: pkMode == nl (setNL)

	lastTrav *scopeTraversal // the scope traversal parseTerm made last

	scratch

	// The element arrays of the file's nodes, cut from shared chunks.
	exprArena  arena[hclsyntax.Expression]
	itemArena  arena[hclsyntax.ObjectConsItem]
	keyArena   arena[hclsyntax.ObjectConsKeyExpr]
	blockArena arena[*hclsyntax.Block]

	// The attributes and bodies of the file, allocated in chunks: they
	// live and die with the file's tree.
	attrs       slab[hclsyntax.Attribute]
	bodies      slab[hclsyntax.Body]
	plainBlocks slab[hclsyntax.Block]
	blockNodes  slab[blockNode]
	blockNodes1 slab[blockNode1]
	travs       slab[scopeTraversal]
	attrSteps   slab[hcl.TraverseAttr]
	names       slab[nameNode]
	lits        slab[hclsyntax.LiteralValueExpr]
	strLits     slab[strLit]
	strs        slab[plainString]
	tmpls       slab[hclsyntax.TemplateExpr]
	calls       slab[hclsyntax.FunctionCallExpr]
	tuples      slab[hclsyntax.TupleConsExpr]
	objects     slab[hclsyntax.ObjectConsExpr]
	binOps      slab[hclsyntax.BinaryOpExpr]
	conds       slab[hclsyntax.ConditionalExpr]
	fors        slab[hclsyntax.ForExpr]
}

// scratch holds the parser's scratch stacks, reused from file to file
// (scratchPool): the elements of the tuples, calls, templates, objects
// and bodies being parsed (nested ones above their parents'), each then
// copied to a slice of its size cut from an arena. What is popped is not
// cleared (clearing memory that holds pointers takes a bulk write barrier
// while the GC marks): release clears all once the file is parsed.
type scratch struct {
	exprs  []hclsyntax.Expression
	items  []objectItem
	blocks []*hclsyntax.Block
	parts  []part // template parts
	buf    []byte // string escapes
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// scratchMax is the most elements a stack keeps in the pool (a file with a
// tuple of a million elements must not keep its stack for ever).
const scratchMax = 4096

// release clears the stacks, so that they keep no tree alive, and puts
// them back in the pool.
func (sc *scratch) release() {
	if cap(sc.exprs) > scratchMax || cap(sc.items) > scratchMax || cap(sc.blocks) > scratchMax ||
		cap(sc.parts) > scratchMax || cap(sc.buf) > 16*scratchMax {
		return
	}
	clear(sc.exprs[:cap(sc.exprs)])
	clear(sc.items[:cap(sc.items)])
	clear(sc.blocks[:cap(sc.blocks)])
	clear(sc.parts[:cap(sc.parts)])
	*sc = scratch{exprs: sc.exprs[:0], items: sc.items[:0], blocks: sc.blocks[:0], parts: sc.parts[:0], buf: sc.buf[:0]}
	scratchPool.Put(sc)
}

// strict makes ParseConfig re-raise unexpected panics (set by the tests).
var strict bool

// ParseConfig parses src as a native-syntax configuration file, or returns
// nil when src is outside the fast path (see the package comment).
//
// The names and literals of the tree are substrings of src, sharing its
// bytes (the returned file holds src too): src must not be changed
// afterwards. A copy of src as one string would be kept whole by any name
// or literal still in use (an evaluated value, a block label), a second
// copy of every source file for as long as the model lives.
func ParseConfig(src []byte, filename string) (f *hcl.File) {
	if len(src) > maxSrc {
		return nil
	}
	p := &parser{src: src, str: unsafe.String(unsafe.SliceData(src), len(src)), fn: filename, nl: keepNL}
	sc := scratchPool.Get().(*scratch)
	p.scratch = *sc
	defer func() {
		*sc = p.scratch
		sc.release()
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok && strict {
				panic(r)
			}
			// Outside the tests a bug here (an unexpected panic) must not
			// crash a run: hclsyntax parses the file instead.
			f = nil
		}
	}()
	p.cur = lexState{pos: 0, line: 1, lineStart: 0}
	body := p.parseBody(true, token{})
	return &hcl.File{Body: body, Bytes: src}
}

// rem is the number of bytes of source after the last token read.
func (p *parser) rem() int { return len(p.src) - p.cur.pos }

func (p *parser) rng(s, e hcl.Pos) hcl.Range {
	return hcl.Range{Filename: p.fn, Start: s, End: e}
}

func (p *parser) trng(t token) hcl.Range {
	return hcl.Range{Filename: p.fn, Start: t.sp(), End: t.ep()}
}

// setRng sets *r, a field of a node from a slab, to the range from s to e,
// field by field. The nodes of the slabs are written that way: assigning a
// whole struct that the compiler does not keep in registers (an hcl.Range,
// a node) to heap memory copies it with a bulk write barrier while the GC
// marks (runtime.wbMove, 7% of the parse's profile), which a node allocated
// on its own is spared; its fields are written with the barrier of each
// pointer. The memory of a slab is zeroed and written once: a field left
// unset stays zero, as in a composite literal.
func (p *parser) setRng(r *hcl.Range, s, e hcl.Pos) {
	r.Filename = p.fn
	r.Start = s
	r.End = e
}

// setTRng sets *r to the range of t (see setRng), a token that ends on
// the line it starts on: never a newline or a heredoc introducer (every
// caller's token is a name, a number, a bracket or an equals sign). Small
// enough to be inlined, where the end position of any token (ep) is not.
func (p *parser) setTRng(r *hcl.Range, t token) {
	line, ls := int(t.ln>>32), int(uint32(t.ln))
	r.Filename = p.fn
	r.Start = hcl.Pos{Line: line, Column: int(t.so) - ls + 1, Byte: int(t.so)}
	r.End = hcl.Pos{Line: line, Column: int(t.eo) - ls + 1, Byte: int(t.eo)}
}

func (p *parser) text(t token) string { return p.str[int(t.so):int(t.eo)] }

// peek returns the next token (small enough to be inlined: the parser
// peeks several times per token).
func (p *parser) peek() token {
	if !p.pkOK {
		p.lexPeek()
	}
	return p.pk
}

// lexMode tells whether newlines are tokens (keepNL) or skipped (skipNL).
type lexMode uint8

const (
	skipNL lexMode = 1 + iota
	keepNL
)

func (p *parser) read() token {
	if !p.pkOK {
		p.lexPeek()
	}
	p.cur = p.pkAfter
	p.pkMode, p.pkOK = 0, false
	return p.pk
}

// setNL sets the mode of the scanner (nl); the token in the lookahead
// cache is still the next one if it was scanned in that mode.
func (p *parser) setNL(m lexMode) {
	p.nl = m
	p.pkOK = p.pkMode == m
}

// lastEnd returns the end of the last token read (hclsyntax's
// PrevRange().End): where the scanner is, as a token ends where the
// scanning of the next one starts.
func (p *parser) lastEnd() hcl.Pos { return pos(p.cur, p.cur.pos) }

// readTo moves the scanner to offset off, on the line of st, as if a token
// (a quoted string, a heredoc) had been read up to there.
func (p *parser) readTo(st lexState, off int) {
	p.cur = lexState{pos: off, line: st.line, lineStart: st.lineStart}
	p.pkMode, p.pkOK = 0, false
}

func (p *parser) expect(ty tokType) token {
	t := p.read()
	if t.typ != ty {
		bail()
	}
	return t
}

func (p *parser) isKeyword(t token, kw string) bool {
	return t.typ == tIdent && p.text(t) == kw
}

func (p *parser) parseBody(top bool, open token) *hclsyntax.Body {
	attrs := hclsyntax.Attributes{}
	base := len(p.blocks)
	var start hcl.Pos
	end := tCBrace
	if top {
		start = p.peek().sp()
		end = tEOF
	} else {
		start = open.sp()
	}
	var endTok token
	for {
		t := p.peek()
		if t.typ == end {
			endTok = p.read()
			break
		}
		switch t.typ {
		case tNewline:
			p.read()
		case tIdent:
			ident := p.read()
			switch p.peek().typ {
			case tEqual:
				a := p.finishAttribute(ident, false)
				n := len(attrs)
				attrs[a.Name] = a
				if len(attrs) == n {
					bail() // a duplicate: an error in hclsyntax
				}
			case tOQuote, tOBrace, tIdent:
				b := p.finishBlock(ident)
				p.blocks = append(p.blocks, b)
			default:
				bail()
			}
		default:
			bail()
		}
	}
	blocks := hclsyntax.Blocks{} // never nil, as hclsyntax's
	if len(p.blocks) > base {
		blocks = p.blockArena.copyOf(p.blocks[base:], p.rem(), len(p.src))
		p.blocks = p.blocks[:base]
	}
	b := p.bodies.take()
	if b == nil {
		b = p.bodies.refill(p.rem(), len(p.src))
	}
	b.Attributes = attrs
	b.Blocks = blocks
	endPos := endTok.ep()
	p.setRng(&b.SrcRange, start, endPos)
	p.setRng(&b.EndRange, endPos, endPos)
	return b
}

func (p *parser) finishAttribute(ident token, singleLine bool) *hclsyntax.Attribute {
	eq := p.read()
	expr := p.parseExpression()
	end := p.lastEnd()
	if !singleLine {
		t := p.peek()
		if t.typ != tNewline && t.typ != tEOF {
			bail()
		}
		p.read()
	}
	a := p.attrs.take()
	if a == nil {
		a = p.attrs.refill(p.rem(), len(p.src))
	}
	a.Name = p.text(ident)
	a.Expr = expr
	p.setRng(&a.SrcRange, ident.sp(), end)
	p.setTRng(&a.NameRange, ident)
	p.setTRng(&a.EqualsRange, eq)
	return a
}

func (p *parser) finishBlock(ident token) *hclsyntax.Block {
	// The first two labels and their ranges are gathered here, then the
	// block is allocated with room for as many (blockNode1, blockNode);
	// a third label moves them to slices of their own.
	var lab [2]string
	var ls, le [2]hcl.Pos
	nlab := 0
	var labels []string
	var labelRanges []hcl.Range
	var oBrace token
labels:
	for {
		t := p.peek()
		var s string
		var sp, ep hcl.Pos
		switch t.typ {
		case tOBrace:
			oBrace = p.read()
			break labels
		case tOQuote:
			oq := p.read()
			s, ep = p.quotedLabel()
			sp = oq.sp()
		case tIdent:
			p.read()
			s, sp, ep = p.text(t), t.sp(), t.ep()
		default:
			bail()
		}
		if nlab < len(lab) {
			lab[nlab], ls[nlab], le[nlab] = s, sp, ep
		} else {
			if nlab == len(lab) {
				for i := range lab {
					labels = append(labels, lab[i])
					labelRanges = p.appendRng(labelRanges, ls[i], le[i])
				}
			}
			labels = append(labels, s)
			labelRanges = p.appendRng(labelRanges, sp, ep)
		}
		nlab++
	}
	var b *hclsyntax.Block
	switch nlab {
	case 0:
		b = p.plainBlocks.take()
		if b == nil {
			b = p.plainBlocks.refill(p.rem(), len(p.src))
		}
	case 1:
		x := p.blockNodes1.take()
		if x == nil {
			x = p.blockNodes1.refill(p.rem(), len(p.src))
		}
		x.labels[0] = lab[0]
		p.setRng(&x.ranges[0], ls[0], le[0])
		b, labels, labelRanges = &x.block, x.labels[:], x.ranges[:]
	case 2:
		x := p.blockNodes.take()
		if x == nil {
			x = p.blockNodes.refill(p.rem(), len(p.src))
		}
		x.labels[0], x.labels[1] = lab[0], lab[1]
		p.setRng(&x.ranges[0], ls[0], le[0])
		p.setRng(&x.ranges[1], ls[1], le[1])
		b, labels, labelRanges = &x.block, x.labels[:], x.ranges[:]
	default:
		b = p.plainBlocks.take()
		if b == nil {
			b = p.plainBlocks.refill(p.rem(), len(p.src))
		}
	}
	var body *hclsyntax.Body
	switch p.peek().typ {
	case tNewline, tEOF, tCBrace:
		body = p.parseBody(false, oBrace)
	default:
		// one-line block with a single argument: name { arg = value }
		id := p.read()
		if id.typ != tIdent || p.peek().typ != tEqual {
			bail()
		}
		a := p.finishAttribute(id, true)
		body = p.bodies.take()
		if body == nil {
			body = p.bodies.refill(p.rem(), len(p.src))
		}
		body.Attributes = hclsyntax.Attributes{a.Name: a}
		p.setRng(&body.SrcRange, a.SrcRange.Start, a.SrcRange.End)
		p.setRng(&body.EndRange, a.SrcRange.End, a.SrcRange.End)
		p.expect(tCBrace)
	}
	cBrace := p.lastEnd()
	cBraceStart := hcl.Pos{Line: cBrace.Line, Column: cBrace.Column - 1, Byte: cBrace.Byte - 1}
	eol := p.peek()
	if eol.typ != tNewline && eol.typ != tEOF {
		bail()
	}
	p.read()
	b.Type = p.text(ident)
	b.Labels = labels
	b.Body = body
	p.setTRng(&b.TypeRange, ident)
	b.LabelRanges = labelRanges
	p.setTRng(&b.OpenBraceRange, oBrace)
	p.setRng(&b.CloseBraceRange, cBraceStart, cBrace)
	return b
}

// appendRng appends the range from s to e to rs (see setRng).
func (p *parser) appendRng(rs []hcl.Range, s, e hcl.Pos) []hcl.Range {
	if len(rs) == cap(rs) {
		rs = append(rs, hcl.Range{})
	} else {
		rs = rs[:len(rs)+1]
	}
	p.setRng(&rs[len(rs)-1], s, e)
	return rs
}

func (p *parser) parseExpression() hclsyntax.Expression {
	start := p.peek() // its position is made only for a conditional
	cond := p.parseBinary(0)
	if p.peek().typ != tQuestion {
		return cond
	}
	p.read()
	t := p.parseExpression()
	p.expect(tColon)
	f := p.parseExpression()
	end := f.Range().End
	x := p.conds.take()
	if x == nil {
		x = p.conds.refill(p.rem(), len(p.src))
	}
	x.Condition, x.TrueResult, x.FalseResult = cond, t, f
	p.setRng(&x.SrcRange, start.sp(), end)
	return x
}

// binaryOps gives the operation of each binary operator token and its
// precedence level (0 is ||, 5 is * / %); tokens without an operation are
// not binary operators.
var binaryOps = [...]struct {
	op  *hclsyntax.Operation
	lvl int
}{
	tOr:       {hclsyntax.OpLogicalOr, 0},
	tAnd:      {hclsyntax.OpLogicalAnd, 1},
	tEqOp:     {hclsyntax.OpEqual, 2},
	tNotEq:    {hclsyntax.OpNotEqual, 2},
	tGT:       {hclsyntax.OpGreaterThan, 3},
	tGE:       {hclsyntax.OpGreaterThanOrEqual, 3},
	tLT:       {hclsyntax.OpLessThan, 3},
	tLE:       {hclsyntax.OpLessThanOrEqual, 3},
	tPlus:     {hclsyntax.OpAdd, 4},
	tMinus:    {hclsyntax.OpSubtract, 4},
	tStar:     {hclsyntax.OpMultiply, 5},
	tSlash:    {hclsyntax.OpDivide, 5},
	tPercent:  {hclsyntax.OpModulo, 5},
	tFatArrow: {},
}

// binaryOp returns the operation of t and its precedence level, or nil.
func binaryOp(t tokType) (*hclsyntax.Operation, int) {
	if int(t) < len(binaryOps) {
		o := binaryOps[t]
		return o.op, o.lvl
	}
	return nil, 0
}

// parseBinary parses a chain of binary operations of precedence lvl or
// higher, left-associative (precedence climbing): the tree hclsyntax
// builds with one recursive level per precedence, without descending six
// levels for every operand (most operands have no operator after them).
func (p *parser) parseBinary(lvl int) hclsyntax.Expression {
	start := p.peek() // parseTermWithTraversals, inlined by hand
	lhs := p.parseTraversals(p.parseTerm(), start)
	for {
		op, l := binaryOp(p.peek().typ)
		if op == nil || l < lvl {
			return lhs
		}
		p.read()
		rhs := p.parseBinary(l + 1)
		s, e := lhs.Range().Start, rhs.Range().End
		x := p.binOps.take()
		if x == nil {
			x = p.binOps.refill(p.rem(), len(p.src))
		}
		x.LHS, x.Op, x.RHS = lhs, op, rhs
		p.setRng(&x.SrcRange, s, e)
		lhs = x
	}
}

func (p *parser) parseTermWithTraversals() hclsyntax.Expression {
	start := p.peek()
	return p.parseTraversals(p.parseTerm(), start)
}

// scopeTraversal co-allocates a traversal node with room for its steps,
// and the values of its root and its first attribute step, which its
// interface values point at (traverserAt): a reference such as var.x is
// one allocation, not three.
type scopeTraversal struct {
	expr  hclsyntax.ScopeTraversalExpr
	steps [4]hcl.Traverser
	root  hcl.TraverseRoot
	attr  hcl.TraverseAttr // used when its Name is set (a name is never empty)
}

// iface is the layout of a non-empty interface value: its type word and a
// pointer to its value (for a type that is not a pointer).
type iface struct {
	tab  unsafe.Pointer
	data unsafe.Pointer
}

var (
	rootTab = ifaceTab(hcl.TraverseRoot{})
	attrTab = ifaceTab(hcl.TraverseAttr{})
)

func ifaceTab(t hcl.Traverser) unsafe.Pointer { return (*iface)(unsafe.Pointer(&t)).tab }

// traverserAt returns the interface value of type tab (rootTab, attrTab)
// whose value is the one at v, in place. Converting a TraverseRoot or a
// TraverseAttr to hcl.Traverser the usual way copies it to a new heap
// object, the interface pointing at the copy; here it points into the
// node that holds it (v must be a field of a heap node, never changed
// afterwards: the value of an interface is immutable). The dynamic type is
// the same, so type switches, assertions, == and reflect.DeepEqual see the
// same value (TestTraverserAt; the differential tests compare every tree
// with hclsyntax's). The GC keeps the whole node alive through the inner
// pointer.
func traverserAt(tab, v unsafe.Pointer) (t hcl.Traverser) {
	*(*iface)(unsafe.Pointer(&t)) = iface{tab: tab, data: v}
	return t
}

// nameNode co-allocates a traversal that is a name alone with its step.
type nameNode struct {
	expr  hclsyntax.ScopeTraversalExpr
	steps [1]hcl.Traverser
	root  hcl.TraverseRoot
}

// blockNode co-allocates a block with its two labels, blockNode1 with its
// one label.
type blockNode struct {
	block  hclsyntax.Block
	labels [2]string
	ranges [2]hcl.Range
}

type blockNode1 struct {
	block  hclsyntax.Block
	labels [1]string
	ranges [1]hcl.Range
}

func (p *parser) numberVal(t token) cty.Value {
	v, ok := numberVal(p.text(t))
	if !ok {
		bail()
	}
	return v
}

// appendStep extends a traversal expression in place, or wraps expr in a
// new relative traversal (hclsyntax's makeRelativeTraversal).
func (p *parser) appendStep(expr hclsyntax.Expression, step hcl.Traverser, end hcl.Pos) hclsyntax.Expression {
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		e.Traversal = append(e.Traversal, step)
		e.SrcRange.End = end
		return e
	case *hclsyntax.RelativeTraversalExpr:
		e.Traversal = append(e.Traversal, step)
		e.SrcRange.End = end
		return e
	default:
		return &hclsyntax.RelativeTraversalExpr{
			Source:    expr,
			Traversal: hcl.Traversal{step},
			SrcRange:  p.rng(expr.Range().Start, end),
		}
	}
}

// appendAttr is appendStep for the attribute step .name (dot, then at):
// the first attribute of the traversal parseTerm made last is stored in
// its node, the others in a slab (traverserAt).
func (p *parser) appendAttr(expr hclsyntax.Expression, dot, at token) hclsyntax.Expression {
	var v *hcl.TraverseAttr
	if x := p.lastTrav; x != nil && x.attr.Name == "" && expr == hclsyntax.Expression(&x.expr) {
		v = &x.attr
	} else {
		v = p.attrSteps.take()
		if v == nil {
			v = p.attrSteps.refill(p.rem(), len(p.src))
		}
	}
	v.Name = p.text(at)
	p.setRng(&v.SrcRange, dot.sp(), at.ep())
	return p.appendStep(expr, traverserAt(attrTab, unsafe.Pointer(v)), at.ep())
}

// parseTraversals parses the traversals, indexes and splats after the term
// ret, which starts with the token from (its position is made only for the
// nodes that hold it, splats and index expressions).
func (p *parser) parseTraversals(ret hclsyntax.Expression, from token) hclsyntax.Expression {
	for {
		switch p.peek().typ {
		case tDot:
			dot := p.read()
			at := p.peek()
			switch at.typ {
			case tIdent:
				p.read()
				ret = p.appendAttr(ret, dot, at)
			case tNumber:
				p.read()
				for i := int(at.so); i < int(at.eo); i++ {
					if p.src[i] == '.' {
						bail() // foo.0.1: an error in hclsyntax
					}
				}
				ret = p.appendStep(ret, hcl.TraverseIndex{Key: p.numberVal(at), SrcRange: p.rng(dot.sp(), at.ep())}, at.ep())
			case tStar:
				marker := p.read()
				var trav hcl.Traversal
				first := p.peek().sp()
				last := marker.ep()
				for p.peek().typ == tDot {
					d := p.read()
					nt := p.read()
					switch nt.typ {
					case tNumber:
						for i := int(nt.so); i < int(nt.eo); i++ {
							if p.src[i] == '.' {
								bail()
							}
						}
						trav = append(trav, hcl.TraverseIndex{Key: p.numberVal(nt), SrcRange: p.rng(d.sp(), nt.ep())})
					case tIdent:
						trav = append(trav, hcl.TraverseAttr{Name: p.text(nt), SrcRange: p.rng(d.sp(), nt.ep())})
					default:
						bail()
					}
					last = nt.ep()
				}
				item := &hclsyntax.AnonSymbolExpr{SrcRange: p.rng(dot.sp(), marker.ep())}
				var each hclsyntax.Expression = item
				if len(trav) > 0 {
					each = &hclsyntax.RelativeTraversalExpr{
						Source:    item,
						Traversal: trav,
						SrcRange:  p.rng(first, last),
					}
				}
				ret = &hclsyntax.SplatExpr{
					Source:      ret,
					Each:        each,
					Item:        item,
					SrcRange:    p.rng(from.sp(), last),
					MarkerRange: p.rng(dot.sp(), marker.ep()),
				}
			default:
				bail()
			}
		case tOBrack:
			open := p.read()
			if p.peek().typ == tStar {
				p.read()
				cl := p.expect(tCBrack)
				item := &hclsyntax.AnonSymbolExpr{SrcRange: p.rng(open.sp(), cl.ep())}
				each := p.parseTraversals(item, open)
				ret = &hclsyntax.SplatExpr{
					Source:      ret,
					Each:        each,
					Item:        item,
					SrcRange:    p.rng(from.sp(), each.Range().End),
					MarkerRange: p.rng(open.sp(), cl.ep()),
				}
				continue
			}
			saved := p.nl
			p.setNL(skipNL)
			key := p.parseExpression()
			cl := p.expect(tCBrack)
			p.setNL(saved)
			var lit cty.Value
			isLit := false
			switch k := key.(type) {
			case *hclsyntax.LiteralValueExpr:
				lit, isLit = k.Val, true
			case *hclsyntax.TemplateExpr:
				if len(k.Parts) == 1 {
					if l, ok := k.Parts[0].(*hclsyntax.LiteralValueExpr); ok {
						lit, isLit = l.Val, true
					}
				}
			}
			if isLit {
				ret = p.appendStep(ret, hcl.TraverseIndex{Key: lit, SrcRange: p.rng(open.sp(), cl.ep())}, cl.ep())
			} else {
				ret = &hclsyntax.IndexExpr{
					Collection:   ret,
					Key:          key,
					SrcRange:     p.rng(from.sp(), cl.ep()),
					OpenRange:    p.trng(open),
					BracketRange: p.rng(open.sp(), cl.ep()),
				}
			}
		default:
			return ret
		}
	}
}

func (p *parser) parseTerm() hclsyntax.Expression {
	t := p.peek()
	switch t.typ {
	case tOParen:
		p.read()
		saved := p.nl
		p.setNL(skipNL)
		e := p.parseExpression()
		cl := p.expect(tCParen)
		p.setNL(saved)
		return &hclsyntax.ParenthesesExpr{Expression: e, SrcRange: p.rng(t.sp(), cl.ep())}
	case tNumber:
		p.read()
		return p.lit(p.numberVal(t), t)
	case tIdent:
		p.read()
		if nt := p.peek().typ; nt == tOParen || nt == tDoubleColon {
			return p.finishCall(t)
		}
		name := p.text(t)
		switch name {
		case "true":
			return p.lit(cty.True, t)
		case "false":
			return p.lit(cty.False, t)
		case "null":
			return p.lit(cty.NullVal(cty.DynamicPseudoType), t)
		}
		if nt := p.peek().typ; nt != tDot && nt != tOBrack {
			// A name alone (an object key, a for variable): a smaller
			// node, room for its one step.
			x := p.names.take()
			if x == nil {
				x = p.names.refill(p.rem(), len(p.src))
			}
			x.root.Name = name
			p.setTRng(&x.root.SrcRange, t)
			x.steps[0] = traverserAt(rootTab, unsafe.Pointer(&x.root))
			x.expr.Traversal = x.steps[:]
			p.setTRng(&x.expr.SrcRange, t)
			return &x.expr
		}
		// Most references have two to four steps (var.x, aws_x.y.arn): the
		// node and room for four steps in one allocation.
		x := p.travs.take()
		if x == nil {
			x = p.travs.refill(p.rem(), len(p.src))
		}
		x.root.Name = name
		p.setTRng(&x.root.SrcRange, t)
		x.steps[0] = traverserAt(rootTab, unsafe.Pointer(&x.root))
		x.expr.Traversal = x.steps[:1:4]
		p.setTRng(&x.expr.SrcRange, t)
		p.lastTrav = x
		return &x.expr
	case tOQuote:
		p.read()
		return p.parseQuoted(t)
	case tOHeredoc:
		p.read()
		return p.parseHeredoc(t)
	case tMinus, tBang:
		p.read()
		operand := p.parseTermWithTraversals()
		op := hclsyntax.OpNegate
		if t.typ == tBang {
			op = hclsyntax.OpLogicalNot
		}
		return &hclsyntax.UnaryOpExpr{
			Op:          op,
			Val:         operand,
			SrcRange:    p.rng(t.sp(), operand.Range().End),
			SymbolRange: p.trng(t),
		}
	case tOBrack:
		return p.parseTuple()
	case tOBrace:
		return p.parseObject()
	}
	bail()
	return nil
}

func (p *parser) finishCall(name token) hclsyntax.Expression {
	open := p.read()
	nameStr := p.text(name)
	nameEnd := name.ep()
	if open.typ == tDoubleColon {
		// provider::ns::fn: the name is the whole span, as hclsyntax joins it
		for open.typ == tDoubleColon {
			nn := p.expect(tIdent)
			nameEnd = nn.ep()
			open = p.read()
		}
		if open.typ != tOParen {
			bail()
		}
		nameStr = p.str[int(name.so):nameEnd.Byte]
		for i := int(name.so); i < nameEnd.Byte; i++ {
			if c := p.src[i]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '#' || c == '/' {
				bail() // "a :: b": hclsyntax joins the parts without the spaces
			}
		}
	}
	saved := p.nl
	p.setNL(skipNL)
	base := len(p.exprs)
	expand := false
	var cl token
	for {
		if p.peek().typ == tCParen {
			cl = p.read()
			break
		}
		arg := p.parseExpression()
		p.exprs = append(p.exprs, arg)
		sep := p.read()
		if sep.typ == tCParen {
			cl = sep
			break
		}
		if sep.typ == tEllipsis {
			expand = true
			cl = p.expect(tCParen)
			break
		}
		if sep.typ != tComma {
			bail()
		}
		if p.peek().typ == tCParen {
			cl = p.read()
			break
		}
	}
	p.setNL(saved)
	args := p.popExprs(base)
	x := p.calls.take()
	if x == nil {
		x = p.calls.refill(p.rem(), len(p.src))
	}
	x.Name = nameStr
	x.Args = args
	x.ExpandFinal = expand
	p.setRng(&x.NameRange, name.sp(), nameEnd)
	p.setTRng(&x.OpenParenRange, open)
	p.setTRng(&x.CloseParenRange, cl)
	return x
}

// slab hands out the elements of arrays allocated in chunks, one chunk
// for many nodes of a file. A chunk is at most four times the size of the
// one before (from 2) and at most slabMax, and no bigger than the nodes the
// rest of the file is expected to hold (estimate): the unused tail of the
// last chunk of each kind is garbage the tree keeps alive, about as many
// bytes as the nodes a file has of that kind when chunks only doubled
// (../shared/corpus/real: 10 MB more RSS). A chunk holds as many nodes as
// fill its size class (makeChunk).
//
// The chunk is kept with the index of its next free node, not resliced per
// node: storing a new slice pointer in the parser (on the heap) takes a
// write barrier while the GC marks.
type slab[T any] struct {
	chunk []T
	next  int // index of the next free node of chunk
	n     int // nodes of the chunks before
}

const slabMax = 32

// A node is taken from a slab in two steps, the second only when the
// chunk is used up:
//
//	x := p.attrs.take()
//	if x == nil {
//		x = p.attrs.refill(p.rem(), len(p.src))
//	}
//
// take is small enough to be inlined, where a method with both steps is
// not (a call of a generic method from another costs the inliner too much):
// a call per node less (BenchmarkParseCorpus: -2.7% instructions).

// take returns the next zeroed node of the chunk, or nil when it is used up.
func (s *slab[T]) take() *T {
	if i := s.next; i < len(s.chunk) {
		s.next = i + 1
		return &s.chunk[i]
	}
	return nil
}

// refill starts a new chunk and returns its first node (zeroed); rem is
// the number of bytes of the file (of size bytes) after the last token
// read.
func (s *slab[T]) refill(rem, size int) *T {
	s.n += len(s.chunk)
	s.chunk = makeChunk[T](max(1, min(slabMax, max(4*len(s.chunk), 2), estimate(s.n, rem, size))))
	s.next = 1
	return &s.chunk[0]
}

// arena hands out arrays of exact sizes cut from chunks shared by many
// nodes of a file, as slab does for nodes: the element arrays of tuples,
// calls, templates, objects and bodies. Each array is capped at its length
// (s[i:j:j]), so an append by a consumer copies instead of writing into
// the next node's elements.
// As in a slab, the chunk is kept with an index.
type arena[T any] struct {
	chunk []T
	next  int // index of the first free element of chunk
	n     int // elements handed out
}

const arenaMax = 128

// make returns a zeroed array of n elements (rem and size as in refill).
func (a *arena[T]) make(n, rem, size int) []T {
	if n > len(a.chunk)-a.next {
		a.chunk = makeChunk[T](max(n, min(arenaMax, max(2*len(a.chunk), 4), estimate(a.n, rem, size))))
		a.next = 0
	}
	s := a.chunk[a.next : a.next+n : a.next+n]
	a.next += n
	a.n += n
	return s
}

// copyOf returns a copy of src (not empty) cut from the arena.
func (a *arena[T]) copyOf(src []T, rem, size int) []T {
	s := a.make(len(src), rem, size)
	copy(s, src)
	return s
}

// estimate returns how many nodes (or elements) of a kind the last rem
// bytes of a file of size bytes are expected to hold, when its first
// size-rem bytes held n: as many per byte. A fixed rate per kind of node
// (one per so many bytes, learnt from an estate) was further from the
// file's own: chunks shrank to one node towards the end of every file
// (/tmp/bench/e1k: 22% more allocations, 1% more bytes).
func estimate(n, rem, size int) int {
	done := size - rem
	if done <= 0 {
		return 0
	}
	// in 64 bits, n*rem overflows an int on 386; callers cap the result
	return int(min(int64(n)*int64(rem)/int64(done), 1<<20))
}

// makeChunk returns a zeroed array of at least n elements, as many as
// fill the size class the allocator rounds it up to: the slack of the
// class holds nodes too, instead of being wasted. Appending to a nil
// slice allocates exactly that (growslice rounds the capacity up), and an
// append of a make is compiled to that one allocation, zeroed once.
func makeChunk[T any](n int) []T {
	s := append([]T(nil), make([]T, n)...)
	return s[:cap(s)]
}

// lit returns a literal expression node of the value of token t.
func (p *parser) lit(v cty.Value, t token) *hclsyntax.LiteralValueExpr {
	x := p.lits.take()
	if x == nil {
		x = p.lits.refill(p.rem(), len(p.src))
	}
	x.Val = v
	p.setTRng(&x.SrcRange, t)
	return x
}

// objectItem is an item of an object constructor being parsed.
type objectItem struct {
	key, val hclsyntax.Expression
	force    bool
}

// popExprs pops p.exprs[base:] into a slice of their own, nil if empty.
func (p *parser) popExprs(base int) []hclsyntax.Expression {
	if len(p.exprs) == base {
		return nil
	}
	s := p.exprArena.copyOf(p.exprs[base:], p.rem(), len(p.src))
	p.exprs = p.exprs[:base]
	return s
}

func (p *parser) parseTuple() hclsyntax.Expression {
	open := p.read()
	saved := p.nl
	p.setNL(skipNL)
	if p.isKeyword(p.peek(), "for") {
		e := p.finishFor(open)
		p.setNL(saved)
		return e
	}
	base := len(p.exprs)
	var cl token
	for {
		if p.peek().typ == tCBrack {
			cl = p.read()
			break
		}
		e := p.parseExpression()
		p.exprs = append(p.exprs, e)
		nt := p.peek()
		if nt.typ == tCBrack {
			cl = p.read()
			break
		}
		if nt.typ != tComma {
			bail()
		}
		p.read()
	}
	p.setNL(saved)
	exprs := p.popExprs(base)
	x := p.tuples.take()
	if x == nil {
		x = p.tuples.refill(p.rem(), len(p.src))
	}
	x.Exprs = exprs
	p.setRng(&x.SrcRange, open.sp(), cl.ep())
	p.setTRng(&x.OpenRange, open)
	return x
}

func (p *parser) parseObject() hclsyntax.Expression {
	open := p.read()
	saved := p.nl
	p.setNL(skipNL)
	if p.isKeyword(p.peek(), "for") {
		e := p.finishFor(open)
		p.setNL(saved)
		return e
	}
	p.setNL(keepNL)
	base := len(p.items)
	var cl token
	for {
		nt := p.peek()
		if nt.typ == tNewline {
			p.read()
			continue
		}
		if nt.typ == tCBrace {
			cl = p.read()
			break
		}
		force := nt.typ == tOParen
		key := p.parseExpression()
		if st := p.read().typ; st != tEqual && st != tColon {
			bail()
		}
		val := p.parseExpression()
		if len(p.items) == cap(p.items) {
			p.items = append(p.items, objectItem{})
		} else {
			p.items = p.items[:len(p.items)+1]
		}
		it := &p.items[len(p.items)-1] // field by field: see setRng
		it.key, it.val, it.force = key, val, force
		nt = p.peek()
		if nt.typ == tCBrace {
			cl = p.read()
			break
		}
		if nt.typ != tComma && nt.typ != tNewline {
			bail()
		}
		p.read()
	}
	p.setNL(saved)
	var items []hclsyntax.ObjectConsItem
	if n := len(p.items) - base; n > 0 {
		// The items and their key nodes in two arrays of their size cut
		// from the file's arenas (appended one by one, the items grew in
		// steps, and each key was an allocation).
		items = p.itemArena.make(n, p.rem(), len(p.src))
		keys := p.keyArena.make(n, p.rem(), len(p.src))
		for i, it := range p.items[base:] {
			keys[i] = hclsyntax.ObjectConsKeyExpr{Wrapped: it.key, ForceNonLiteral: it.force}
			items[i] = hclsyntax.ObjectConsItem{KeyExpr: &keys[i], ValueExpr: it.val}
		}
		p.items = p.items[:base]
	}
	x := p.objects.take()
	if x == nil {
		x = p.objects.refill(p.rem(), len(p.src))
	}
	x.Items = items
	p.setRng(&x.SrcRange, open.sp(), cl.ep())
	p.setTRng(&x.OpenRange, open)
	return x
}

// finishFor parses a for expression after its opening bracket; the caller
// has set nl to false and restores it.
func (p *parser) finishFor(open token) hclsyntax.Expression {
	p.read() // "for"
	obj := open.typ == tOBrace
	closeType := tCBrack
	if obj {
		closeType = tCBrace
	}
	var keyName string
	v := p.expect(tIdent)
	valName := p.text(v)
	if p.peek().typ == tComma {
		p.read()
		keyName = valName
		valName = p.text(p.expect(tIdent))
	}
	if !p.isKeyword(p.read(), "in") {
		bail()
	}
	coll := p.parseExpression()
	p.expect(tColon)
	var keyExpr hclsyntax.Expression
	valExpr := p.parseExpression()
	if p.peek().typ == tFatArrow {
		p.read()
		keyExpr = valExpr
		valExpr = p.parseExpression()
	}
	group := false
	if p.peek().typ == tEllipsis {
		p.read()
		group = true
	}
	var cond hclsyntax.Expression
	if p.isKeyword(p.peek(), "if") {
		p.read()
		cond = p.parseExpression()
	}
	cl := p.expect(closeType)
	if obj != (keyExpr != nil) || group && !obj {
		bail()
	}
	x := p.fors.take()
	if x == nil {
		x = p.fors.refill(p.rem(), len(p.src))
	}
	x.KeyVar, x.ValVar = keyName, valName
	x.CollExpr, x.KeyExpr, x.ValExpr, x.CondExpr = coll, keyExpr, valExpr, cond
	x.Group = group
	p.setRng(&x.SrcRange, open.sp(), cl.ep())
	p.setTRng(&x.OpenRange, open)
	p.setTRng(&x.CloseRange, cl)
	return x
}
