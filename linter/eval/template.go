package eval

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/internal/fpath"
)

// template evaluates a quoted string or heredoc, mapping the bytes of the
// result back to the source.
func (e *env) template(x *hclsyntax.TemplateExpr) *Node {
	plain := len(x.Parts) == 1 && literalPart(x.Parts[0])
	// A plain string (most of them) is made once per evaluation (each
	// instance of a block or module shares it, as the constant expressions
	// are) when nothing makes it differ from one evaluation to the next.
	ev := e.s.ev
	share := plain && e.tvars == nil && e.jsrc == nil && ev.opts.Known == nil && !e.once()
	var slot *literalSlot
	if share {
		if ev.literals == nil {
			ev.literals, _ = ev.opts.literalMemos.Get().(*literalMemo)
			if ev.literals == nil {
				ev.literals = new(literalMemo)
			}
		}
		slot = ev.literals.slot(x)
		if slot.x == x {
			return slot.n
		}
	}
	file := x.SrcRange.Filename
	var ts *textSource
	if e.jsrc != nil && e.jsrc.file == file {
		ts = e.jsrc.textSource() // positions are in the decoded .tf.json string
	} else {
		ts = ev.textSource(file)
	}
	heredoc := ts.heredoc(x)
	if plain {
		// What assemble makes of it, without its builder and copy.
		n := ev.literalNode(x, ts, heredoc)
		if share {
			*slot = literalSlot{x: x, n: n}
		}
		return n
	}
	// The parts of most templates fit the array on the stack.
	var small [8]*Node
	var parts []*Node
	if len(x.Parts) <= len(small) {
		parts = small[:len(x.Parts)]
	} else {
		parts = make([]*Node, len(x.Parts))
	}
	for i, p := range x.Parts {
		if !literalPart(p) {
			parts[i] = e.directive(p)
		}
	}
	return e.assemble(x, ts, heredoc, parts, 0)
}

// literalMemo holds the nodes of the plain strings last evaluated, by
// their template (a slot each, picked from its address): a module's
// strings, evaluated again in each of its instances, are made once, with
// a look-up and a store that cost less than a map's (which grew with
// every string of the estate). A string whose slot another took is made
// again: the same node, but its own.
type literalMemo struct {
	slots [512]literalSlot
}

type literalSlot struct {
	x *hclsyntax.TemplateExpr
	n *Node
}

// slot returns the slot of x (holding x's node, or another's, or none).
func (m *literalMemo) slot(x *hclsyntax.TemplateExpr) *literalSlot {
	p := uintptr(unsafe.Pointer(x))
	return &m.slots[(p>>4^p>>13)%uintptr(len(m.slots))]
}

// literalNode is the node of template x, a plain string.
func (ev *evaluator) literalNode(x *hclsyntax.TemplateExpr, ts *textSource, heredoc bool) *Node {
	// lit.Val is the string value (cty.StringVal(str), normalized
	// already: making it again would normalize it again).
	lit := x.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !lazyText {
		var small [1]Segment
		return newTextNode(lit.Val, x.SrcRange, appendLiteral(small[:0], ts.src, lit.SrcRange, lit.Val.AsString(), !heredoc, 0))
	}
	return ev.newLazyTextNode(lit.Val, x.SrcRange, textRecipe{x: x, ts: ts})
}

// lazyText turns the recipes on (tests compare with the segments made
// when the template is evaluated).
var lazyText = true

// maxRecipeParts is the most interpolations a textRecipe holds.
const maxRecipeParts = 4

// maxRecipeLen is the longest interpolated text a textRecipe holds (its
// lengths are 16 bits: a longer one and the segments are made at once).
const maxRecipeLen = 1<<16 - 1

// textRecipe makes the segments of the text of template x (read from its
// source ts) as assemble would: each literal part mapped to the source
// (appendLiteral), the k-th interpolation's text (of lens[k] bytes) to its
// "${". For templates of literal parts and at most maxRecipeParts
// interpolations that are not directives (whose bodies have maps of their
// own), known or not: a few bytes, where the segments are 88 each, and
// most are never read. 24 bytes: with the node and its TextMap, a string
// node is 256 (TestLazyTextNodeSize).
type textRecipe struct {
	x    *hclsyntax.TemplateExpr
	ts   *textSource
	lens [maxRecipeParts]uint16
}

// textSource is the text templates are read from: a file's bytes (shared
// by the recipes of its templates), or the buffer of a template parsed from
// a decoded .tf.json string (json), which has no escapes of its own.
type textSource struct {
	src  []byte
	json bool
}

// heredoc reports whether template x, read from ts, is a heredoc (its
// literals are taken as they are, not unescaped), as template tells.
func (ts *textSource) heredoc(x *hclsyntax.TemplateExpr) bool {
	if ts.json {
		return true
	}
	src := ts.src
	return src != nil && x.SrcRange.Start.Byte+2 <= len(src) && bytes.HasPrefix(src[x.SrcRange.Start.Byte:], []byte("<<"))
}

// textSource returns the source of file's templates (see source), one per
// file and evaluation.
func (ev *evaluator) textSource(file string) *textSource {
	if ts := ev.lastTS; ts != nil && ev.lastTSName == file {
		return ts
	}
	ts := ev.textSrcs[file]
	if ts == nil {
		src := ev.source(file)
		ts = &textSource{src: src}
		if src == nil {
			return ts // not read yet: not remembered
		}
		if ev.textSrcs == nil {
			ev.textSrcs = map[string]*textSource{}
		}
		ev.textSrcs[file] = ts
	}
	ev.lastTS, ev.lastTSName = ts, file
	return ts
}

// segments makes the segments (nil: none).
func (r *textRecipe) segments() []Segment {
	if r.long() {
		segs := r.appendSegments(nil)
		if cap(segs)-len(segs) <= len(segs)/8 {
			// Sized by appendLiteral (scanSegsHint): kept as it is, not
			// copied (a long string's segments twice at once).
			return segs[:len(segs):len(segs)]
		}
		return copySegments(segs)
	}
	// Most texts: made on the stack, then copied. Never returned as they
	// are, which would move the array to the heap for every text (896
	// bytes allocated, then copied all the same).
	var small [8]Segment
	return copySegments(r.appendSegments(small[:0]))
}

// long reports whether a literal part of the template is scanSizeFrom
// bytes of source or more (appendLiteral sizes its segments).
func (r *textRecipe) long() bool {
	for _, p := range r.x.Parts {
		if rng := p.Range(); literalPart(p) && rng.End.Byte-rng.Start.Byte >= scanSizeFrom {
			return true
		}
	}
	return false
}

// appendSegments appends the segments to segs.
func (r *textRecipe) appendSegments(segs []Segment) []Segment {
	file := r.x.SrcRange.Filename
	src, heredoc := r.ts.src, r.ts.heredoc(r.x)
	off, k := 0, 0
	for _, p := range r.x.Parts {
		if literalPart(p) {
			lit := p.(*hclsyntax.LiteralValueExpr)
			s := lit.Val.AsString()
			segs = appendLiteral(segs, src, lit.SrcRange, s, !heredoc, off)
			off += len(s)
			continue
		}
		l := int(r.lens[k])
		k++
		if l > 0 {
			segs = append(segs, Segment{Offset: off, Len: l, Start: interpStart(src, p.Range()), File: file})
		}
		off += l
	}
	return segs
}

// lazyTextNode is a string node with its text map made from a recipe,
// allocated at once.
type lazyTextNode struct {
	n  Node
	tm TextMap
}

// lazyTextStrNode is a lazyTextNode with the string its value holds
// (newLazyTextStr): a string in a cty value is otherwise boxed in an
// allocation of its own, 16 bytes more to allocate and to sweep.
type lazyTextStrNode struct {
	lazyTextNode
	s string
}

// newLazyTextNode returns a node for the string v at rng whose text map
// is made by r when read.
func (ev *evaluator) newLazyTextNode(v cty.Value, rng hcl.Range, r textRecipe) *Node {
	t := slabNew(ev.slabs, &ev.texts)
	t.tm.r = r
	t.n.Val, t.n.Range, t.n.Text = v, rng, &t.tm
	return &t.n
}

// newLazyTextStr is newLazyTextNode for the string str, its value's
// internal string the node's own (ctyraw.StringIn) when it may be.
func (ev *evaluator) newLazyTextStr(str string, rng hcl.Range, r textRecipe) *Node {
	if !ctyraw.Fast() || !ctyraw.ASCIIText(str) {
		return ev.newLazyTextNode(ctyraw.StringVal(str, false), rng, r)
	}
	t := slabNew(ev.slabs, &ev.textStrs)
	t.tm.r = r
	t.s = str
	t.n.Val, t.n.Range, t.n.Text = ctyraw.StringIn(&t.s), rng, &t.tm
	return &t.n
}

// lazyPartialNode is an unknown string node with its partial text, whose
// map is made from a recipe, allocated at once.
type lazyPartialNode struct {
	n  Node
	m  nodeMore
	p  PartialText
	tm TextMap
}

// newLazyPartialNode returns an unknown string node at rng whose partial
// text is text, its map made by r when read.
func (ev *evaluator) newLazyPartialNode(text string, rng hcl.Range, r textRecipe) *Node {
	t := slabNew(ev.slabs, &ev.parts)
	t.tm.r = r
	t.p = PartialText{Text: text, Map: &t.tm}
	t.m.partial = &t.p
	t.n.Val, t.n.Range, t.n.more = cty.UnknownVal(cty.String), rng, &t.m
	return &t.n
}

// maxTemplateAlts bounds the unknown conditionals of one template that are
// expanded into alternatives (2^n texts).
const maxTemplateAlts = 3

// literalText is the text of p, a literal part (literalPart), without
// AsString's checks of what literalPart checked.
func literalText(p hclsyntax.Expression) string {
	v := p.(*hclsyntax.LiteralValueExpr).Val
	if s, ok := RawString(v); ok {
		return s
	}
	return v.AsString()
}

// RawString returns the text of v when v is a known string without marks,
// read off its internal value (a Go string is the internal value of a
// string and of no other value: a null's is nil, an unknown's or a marked
// value's another type): what IsKnown, IsNull, Type and AsString find,
// without their checks (each compares types through an interface). ok is
// false for any other value, and whenever ctyraw.Raw may not be used (not
// ctyraw.Fast). Package extract reads its trees' strings so too.
func RawString(v cty.Value) (string, bool) {
	if !ctyraw.Fast() {
		return "", false
	}
	s, ok := ctyraw.Raw(v).(string)
	return s, ok
}

func literalPart(p hclsyntax.Expression) bool {
	lit, ok := p.(*hclsyntax.LiteralValueExpr)
	if !ok {
		return false
	}
	if _, ok := RawString(lit.Val); ok {
		return true // a known string without marks: what the checks below find
	}
	return lit.Val.Type() == cty.String && lit.Val.IsKnown() && !lit.Val.IsNull()
}

// assemble builds the located text of template x from its evaluated parts.
// A part that is unknown only because a condition is (an ${ a ? b : c } or
// %{ if } whose condition is known after apply) makes the template
// alternatives, one text per branch, so each is linted like the branches of
// a conditional expression; the text with the part unknown stays as the
// node's PartialOf.
func (e *env) assemble(x *hclsyntax.TemplateExpr, ts *textSource, heredoc bool, parts []*Node, depth int) *Node {
	if n := e.assemblePlain(x, ts, parts); n != nil {
		return n
	}
	src := ts.src
	if depth < maxTemplateAlts {
		for i, n := range parts {
			if n == nil || n.Val.IsKnown() || len(n.Alts()) == 0 {
				continue
			}
			alts := make([]*Node, len(n.Alts()))
			for j, a := range n.Alts() {
				cp := append([]*Node(nil), parts...)
				cp[i] = a
				alts[j] = e.assemble(x, ts, heredoc, cp, depth+1)
			}
			whole := e.assemble(x, ts, heredoc, parts, maxTemplateAlts)
			an := &Node{Val: cty.UnknownVal(cty.String), Range: x.SrcRange}
			an.SetPartial(whole.PartialOf())
			an.SetAltsOf(n, alts)
			return an
		}
	}
	file := x.SrcRange.Filename
	interps := 0
	lazy := lazyText // the segments made from a recipe when read
	// parts[i] is nil exactly where x.Parts[i] is a literal (literalPart:
	// template evaluates the others, and an alternative replaces one of
	// those).
	for i, p := range x.Parts {
		if parts[i] != nil {
			interps++
			lazy = lazy && !isDirective(p)
		}
	}
	lazy = lazy && interps <= maxRecipeParts
	r := textRecipe{x: x, ts: ts}
	// First the text of each interpolation and the length of the whole
	// (what is said of a part, in the order of the parts), then the text
	// written into a buffer of that length: no growing, no slack.
	var smallStrs [8]string
	strs := smallStrs[:0]
	if interps > len(smallStrs) {
		strs = make([]string, 0, interps)
	}
	var smallOK [8]bool
	oks := smallOK[:0]
	if interps > len(smallOK) {
		oks = make([]bool, 0, interps)
	}
	total := 0 // bytes so far
	unknown := false
	for i, p := range x.Parts {
		n := parts[i]
		if n == nil {
			total += len(literalText(p))
			continue
		}
		v := n.Val
		str, ok := "", true
		if t, plain := RawString(v); plain {
			str = t // a known string (most interpolations): as below
		} else {
			switch {
			case !v.IsKnown():
				ok = false
			case v.IsNull():
				e.warnUnknown("Invalid template interpolation value", "The interpolated value is null; the string is unknown.", p.Range())
				ok = false
			case v.Type() == cty.String && !v.IsMarked():
				str = v.AsString()
			case v.Type() == cty.Number && !v.IsMarked():
				// As convert.Convert writes a number (count.index).
				str = numberText(v)
			default:
				sv, err := convert.Convert(v, cty.String)
				if err != nil {
					e.warnUnknown("Invalid template interpolation value", "Cannot include the value in a string: "+err.Error()+". The string is unknown.", p.Range())
					ok = false
				} else if !sv.IsKnown() {
					ok = false
				} else {
					str = sv.AsString()
				}
			}
		}
		off := total
		if off+len(str) > maxValueBytes {
			e.s.ev.diagUnknown(hcl.DiagError, "Value too large", fmt.Sprintf("the template's text is more than %d bytes; the value is unknown.", maxValueBytes), x.SrcRange)
			return unknownNode(x.SrcRange)
		}
		if e.s.ev.stringWork+off+len(str) > maxStringWork {
			// Not even made: spendBytes says so, once.
			e.spendBytes(off+len(str), x.SrcRange)
			return unknownNode(x.SrcRange)
		}
		if !ok {
			// An unknown interpolation: its own partial text, or the marker.
			unknown = true
			if n.PartialOf() != nil {
				str = n.PartialOf().Text
			} else {
				str = UnknownMarker
			}
		}
		strs = append(strs, str)
		oks = append(oks, ok)
		total += len(str)
	}
	if lazy {
		for _, str := range strs {
			if len(str) > maxRecipeLen {
				lazy = false
				break
			}
		}
	}
	buf := e.s.ev.strBytes(total)
	// The segments are built on the stack and copied once: most templates
	// have a few. Not with a recipe (lazy), which makes them when read:
	// the array is not even zeroed then.
	var segs []Segment
	if !lazy {
		var small [8]Segment
		segs = small[:0]
	}
	k := 0 // interpolations so far
	for i, p := range x.Parts {
		if parts[i] == nil {
			lit := p.(*hclsyntax.LiteralValueExpr)
			s := literalText(p)
			if !lazy {
				segs = appendLiteral(segs, src, lit.SrcRange, s, !heredoc, len(buf))
			}
			buf = append(buf, s...)
			continue
		}
		str, ok := strs[k], oks[k]
		if lazy {
			r.lens[k] = uint16(len(str))
			k++
			buf = append(buf, str...)
			continue
		}
		k++
		n := parts[i]
		off := len(buf)
		// The body text of a directive keeps its own mapping.
		if isDirective(p) && (ok && n.Text != nil || !ok && n.PartialOf() != nil) {
			if ok {
				segs = append(segs, shiftSegments(n.Text.Segments(), off)...)
			} else {
				segs = append(segs, shiftSegments(n.PartialOf().Map.Segments(), off)...)
			}
			buf = append(buf, str...)
			continue
		}
		// Interpolated bytes all map to the "${" that produced them.
		if len(str) > 0 {
			segs = append(segs, Segment{Offset: off, Len: len(str), Start: interpStart(src, p.Range()), File: file})
		}
		buf = append(buf, str...)
	}
	if !e.spendBytes(len(buf), x.SrcRange) {
		return unknownNode(x.SrcRange)
	}
	if unknown {
		if lazy {
			return e.s.ev.newLazyPartialNode(bytesString(buf), x.SrcRange, r)
		}
		return newPartialNode(bytesString(buf), x.SrcRange, segs)
	}
	str := bytesString(buf)
	if lazy {
		return e.s.ev.newLazyTextStr(str, x.SrcRange, r)
	}
	return newTextNode(ctyraw.StringVal(str, ctyraw.ASCIIText(str)), x.SrcRange, segs)
}

// assemblePlain is what assemble makes of template x when its text is
// written from a recipe and every interpolation is a known string (most
// templates: "${var.name}-role") or number (count.index), in one pass
// over the parts: the text, its recipe, the bytes spent. nil, with nothing done, for any other
// template, and for a text that assemble would find too large (which it
// then says).
func (e *env) assemblePlain(x *hclsyntax.TemplateExpr, ts *textSource, parts []*Node) *Node {
	if !lazyText {
		return nil
	}
	r := textRecipe{x: x, ts: ts}
	var strs [maxRecipeParts]string
	total, k := 0, 0
	for i, p := range x.Parts {
		n := parts[i]
		if n == nil {
			total += len(literalText(p))
			continue
		}
		if k == maxRecipeParts || isDirective(p) {
			return nil
		}
		str, ok := RawString(n.Val)
		if !ok {
			// A number (count.index), as assemble writes it.
			v := n.Val
			if v.Type() != cty.Number || !v.IsKnown() || v.IsNull() || v.IsMarked() {
				return nil
			}
			str = numberText(v)
		}
		if len(str) > maxRecipeLen {
			return nil
		}
		strs[k], r.lens[k] = str, uint16(len(str))
		k++
		total += len(str)
	}
	ev := e.s.ev
	if total > maxValueBytes || ev.stringWork+total > maxStringWork {
		return nil
	}
	ev.stringWork += total // spendBytes, which finds it within the bound
	buf := ev.strBytes(total)
	k = 0
	for i, p := range x.Parts {
		if parts[i] == nil {
			buf = append(buf, literalText(p)...)
			continue
		}
		buf = append(buf, strs[k]...)
		k++
	}
	return ev.newLazyTextStr(bytesString(buf), x.SrcRange, r)
}

// numberText is the text of a known, non-null number v as convert.Convert
// writes it (big.Float's Text('f', -1)): an integer that fits an int64
// (count.index) without copying the big.Float and formatting it through
// its decimal conversion. Only at a precision of 64 bits or more (cty's
// integers, parsed numbers): at less, the shortest text that reads back
// as the value ends in zeros (2^60 at 53 bits is 1152921504606847000).
func numberText(v cty.Value) string {
	if ctyraw.Fast() {
		if bf, ok := ctyraw.Raw(v).(*big.Float); ok && bf.Prec() >= 64 && bf.IsInt() && !(bf.Sign() == 0 && bf.Signbit()) {
			if i, acc := bf.Int64(); acc == big.Exact {
				return strconv.FormatInt(i, 10)
			}
		}
	}
	return v.AsBigFloat().Text('f', -1)
}

// partialNode is an unknown string node with its partial text, the text's
// map and up to three segments, allocated at once; partialNode1 and
// partialNode2 are the same for one and two segments (416 and 512 bytes,
// not 640).
type partialNode struct {
	n   Node
	m   nodeMore
	p   PartialText
	tm  TextMap
	hdr madeSegs
	seg [3]Segment
}

type partialNode1 struct {
	n   Node
	m   nodeMore
	p   PartialText
	tm  TextMap
	hdr madeSegs
	seg [1]Segment
}

type partialNode2 struct {
	n   Node
	m   nodeMore
	p   PartialText
	tm  TextMap
	hdr madeSegs
	seg [2]Segment
}

// newPartialNode returns an unknown string node at rng whose partial text
// is text, its bytes mapped to (a copy of) segs.
func newPartialNode(text string, rng hcl.Range, segs []Segment) *Node {
	var n *Node
	var m *nodeMore
	var p *PartialText
	var tm *TextMap
	var hdr *madeSegs
	var dst []Segment // room for segs, allocated with the node
	switch len(segs) {
	case 1:
		t := &partialNode1{}
		n, m, p, tm, hdr, dst = &t.n, &t.m, &t.p, &t.tm, &t.hdr, t.seg[:]
	case 2:
		t := &partialNode2{}
		n, m, p, tm, hdr, dst = &t.n, &t.m, &t.p, &t.tm, &t.hdr, t.seg[:]
	case 3:
		t := &partialNode{}
		n, m, p, tm, hdr, dst = &t.n, &t.m, &t.p, &t.tm, &t.hdr, t.seg[:]
	default:
		n := &Node{Val: cty.UnknownVal(cty.String), Range: rng}
		n.SetPartial(&PartialText{Text: text, Map: NewTextMap(copySegments(segs))})
		return n
	}
	copy(dst, segs)
	hdr.segs = dst
	tm.made.Store(hdr)
	*p = PartialText{Text: text, Map: tm}
	m.partial = p
	n.Val, n.Range, n.more = cty.UnknownVal(cty.String), rng, m
	return n
}

// copySegments returns segs in a slice of its own (nil when empty).
func copySegments(segs []Segment) []Segment {
	if len(segs) == 0 {
		return nil
	}
	return append(make([]Segment, 0, len(segs)), segs...)
}

// textNode is a string node with its text map and (most often) the one
// segment of that map, allocated at once: there is one per string of the
// configuration.
type textNode struct {
	n   Node
	tm  TextMap
	hdr madeSegs
	seg [1]Segment
}

// newTextNode returns a node for the string v at rng whose bytes map to
// (a copy of) segs.
func newTextNode(v cty.Value, rng hcl.Range, segs []Segment) *Node {
	var n *Node
	var tm *TextMap
	var hdr *madeSegs
	var dst []Segment // room for segs, allocated with the node
	switch len(segs) {
	case 1:
		t := &textNode{}
		n, tm, hdr, dst = &t.n, &t.tm, &t.hdr, t.seg[:]
	case 2:
		t := &textNode2{}
		n, tm, hdr, dst = &t.n, &t.tm, &t.hdr, t.seg[:]
	case 3:
		t := &textNode3{}
		n, tm, hdr, dst = &t.n, &t.tm, &t.hdr, t.seg[:]
	case 4:
		t := &textNode4{}
		n, tm, hdr, dst = &t.n, &t.tm, &t.hdr, t.seg[:]
	default:
		t := &textNode{}
		n, tm, hdr = &t.n, &t.tm, &t.hdr
		hdr.segs = copySegments(segs)
	}
	if dst != nil {
		copy(dst, segs)
		hdr.segs = dst
	}
	tm.made.Store(hdr)
	n.Val, n.Range, n.Text = v, rng, tm
	return n
}

// textNode2, textNode3 and textNode4 are textNode for texts of two, three
// and four segments (a template with an interpolation or two).
type textNode2 struct {
	n   Node
	tm  TextMap
	hdr madeSegs
	seg [2]Segment
}

type textNode3 struct {
	n   Node
	tm  TextMap
	hdr madeSegs
	seg [3]Segment
}

type textNode4 struct {
	n   Node
	tm  TextMap
	hdr madeSegs
	seg [4]Segment
}

// interpStart returns the position of the "${" (or "%{") that opens the
// interpolation whose expression is at r.
func interpStart(src []byte, r hcl.Range) hcl.Pos {
	b := r.Start.Byte
	if src == nil || b > len(src) {
		return r.Start
	}
	for i := b - 1; i >= 1 && i >= b-64; i-- {
		if src[i] == '\n' {
			break
		}
		if src[i] == '{' && (src[i-1] == '$' || src[i-1] == '%') {
			return hcl.Pos{Line: r.Start.Line, Column: r.Start.Column - utf8.RuneCount(src[i-1:b]), Byte: i - 1}
		}
	}
	return r.Start
}

// mapLiteral maps the string val, read from the literal at rng in src, to
// segments at offset off of the enclosing string. quoted says whether
// backslash escapes apply (quoted strings) or not (heredocs). Source bytes
// missing from the value (indentation stripped by <<-, whitespace trimmed by
// ~) are skipped.
func mapLiteral(src []byte, rng hcl.Range, val string, quoted bool, off int) []Segment {
	return appendLiteral(nil, src, rng, val, quoted, off)
}

// appendLiteral is mapLiteral appending the segments to dst.
func appendLiteral(dst []Segment, src []byte, rng hcl.Range, val string, quoted bool, off int) []Segment {
	file := rng.Filename
	if len(val) == 0 {
		return dst
	}
	if src == nil || rng.End.Byte > len(src) || rng.Start.Byte > rng.End.Byte {
		return append(dst, Segment{Offset: off, Len: len(val), Start: rng.Start, File: file})
	}
	if lit := src[rng.Start.Byte:rng.End.Byte]; len(lit) >= len(val) && string(lit[:len(val)]) == val &&
		!strings.ContainsAny(val, `\$%`) {
		// The common case: the source spells the value out as is (no
		// escape, no $${ or %%{), one verbatim run, as the loop below finds.
		return append(dst, Segment{Offset: off, Len: len(val), Start: rng.Start, File: file, Verbatim: true, Src: lit[:len(val)]})
	}
	if lit := src[rng.Start.Byte:rng.End.Byte]; len(lit) >= scanSizeFrom {
		dst = slices.Grow(dst, scanSegsHint(lit))
	}
	return appendLiteralScan(dst, src, rng, val, quoted, off)
}

// scanSizeFrom is the source length from which appendLiteral sizes the
// segments it appends before the scan (scanSegsHint), not by doubling: a
// long quoted string with an escape every few bytes (a one-line policy,
// {\"Version\":...) has a segment (88 bytes) every few bytes, and the
// doubling allocated about twice the segments again, garbage while the
// scan ran (1 MB of such a string: 190 MB allocated, most of the peak).
const scanSizeFrom = 4096

// scanSegsHint is about the number of segments appendLiteralScan makes of
// the literal lit: two for each escape or $${ and %%{ (it, and the verbatim
// run after it), and one. A hint: the scan appends past it when lit has
// more (composed characters, skipped whitespace).
func scanSegsHint(lit []byte) int {
	n := 1
	for i := 0; i < len(lit); i++ {
		switch lit[i] {
		case '\\':
			n += 2
			i++ // the escaped byte (\\ is one escape)
		case '$', '%':
			n += 2
		}
	}
	return n
}

// scanRuns lets appendLiteralScan read the bulk of a verbatim run in a
// loop of its own (tests compare with reading it byte by byte).
var scanRuns = true

// appendLiteralScan is appendLiteral for a value the source does not
// spell out as is: it walks the source and the value side by side,
// appending the segments to dst (not to a slice of their own that
// appendLiteral then copied).
func appendLiteralScan(dst []Segment, src []byte, rng hcl.Range, val string, quoted bool, off int) []Segment {
	file := rng.Filename
	segs := dst
	i, end, j := rng.Start.Byte, rng.End.Byte, 0
	pos := rng.Start
	cur := -1 // index in segs of the open verbatim segment
	srcStart := 0
	closeRun := func() {
		if cur >= 0 {
			segs[cur].Src = src[srcStart : srcStart+segs[cur].Len]
			cur = -1
		}
	}
	advance := func() {
		c := src[i]
		i++
		pos.Byte++
		if c == '\n' {
			pos.Line++
			pos.Column = 1
		} else if i >= len(src) || src[i]&0xC0 != 0x80 {
			pos.Column++
		}
	}
	nonVerbatim := func(n, srcN int) {
		closeRun()
		segs = append(segs, Segment{Offset: off + j, Len: n, Start: pos, File: file})
		j += n
		for k := 0; k < srcN && i < end; k++ {
			advance()
		}
		segs[len(segs)-1].End = pos
	}
	// escapeNext reports whether the first ASCII byte after the character
	// at i is a \u or \U escape (the character may begin a run of it);
	// asc caches that byte's index, so the scan is linear.
	asc := -1
	escapeNext := func(i int) bool {
		if asc <= i {
			for asc = i + 1; asc < end && src[asc] >= utf8.RuneSelf; asc++ {
			}
		}
		return asc+1 < end && src[asc] == '\\' && (src[asc+1] == 'u' || src[asc+1] == 'U')
	}
	for j < len(val) {
		if cur >= 0 && scanRuns {
			// The bulk of a verbatim run: an ASCII byte the value holds
			// as it is, followed by another ASCII byte that is no
			// escape, is what every check below lets through to the
			// run (no character to compose, no escape, no $${ or %%{),
			// without them (an indented heredoc is scanned through).
			for i+1 < end && j < len(val) {
				c, d := src[i], src[i+1]
				if c >= utf8.RuneSelf || d >= utf8.RuneSelf || c != val[j] || c == '\\' || c == '$' || c == '%' || d == '\\' {
					break
				}
				segs[cur].Len++
				j++
				i++
				pos.Byte++
				if c == '\n' {
					pos.Line++
					pos.Column = 1
				} else {
					pos.Column++
				}
			}
			if j >= len(val) {
				break
			}
		}
		if i >= end {
			closeRun()
			segs = append(segs, Segment{Offset: off + j, Len: len(val) - j, Start: pos, File: file})
			break
		}
		c := src[i]
		if quoted && c&0xC0 != 0x80 && (c == '\\' || c != val[j] || escapeNext(i)) {
			// A run cty composes (NFC) through \u escapes: "e\u0301",
			// or reorders: "x\u0301\u0323" (dot below, then acute),
			// whose first bytes are the value's.
			if n, out, ok := nfcHCLEscRun(src[i:end]); ok && strings.HasPrefix(val[j:], string(out)) {
				nonVerbatim(len(out), n)
				continue
			}
		}
		if quoted && c == '\\' && i+1 < end {
			srcN, out := escapeLen(src[i:end])
			if out > 0 && j+out <= len(val) {
				nonVerbatim(out, srcN)
				continue
			}
		}
		if (c == '$' || c == '%') && i+2 < end && src[i+1] == c && src[i+2] == '{' && j+1 < len(val) && val[j] == c && val[j+1] == '{' {
			nonVerbatim(2, 3)
			continue
		}
		if c&0xC0 != 0x80 { // not inside a character
			if n, out, ok := NFCChange(src[i:end]); ok && strings.HasPrefix(val[j:], string(out)) {
				// A letter and its combining marks, composed in the
				// value (cty's NFC): one segment, and the text after
				// is mapped on (it was all located at this run).
				nonVerbatim(len(out), n)
				continue
			}
		}
		if c == val[j] {
			if cur < 0 {
				segs = append(segs, Segment{Offset: off + j, Start: pos, File: file, Verbatim: true})
				cur = len(segs) - 1
				srcStart = i
			}
			segs[cur].Len++
			j++
			advance()
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			closeRun()
			advance()
			continue
		}
		closeRun()
		segs = append(segs, Segment{Offset: off + j, Len: len(val) - j, Start: pos, File: file})
		break
	}
	closeRun()
	return segs
}

// nfcHCLEscRun is NFCChange for the source of a quoted HCL string at the
// start of b, whose run may hold \u and \U escapes: n is the run's length
// in b, out the run composed. It is false when no escape is decoded
// (NFCChange's case).
func nfcHCLEscRun(b []byte) (n int, out []byte, ok bool) {
	n, out, escaped, ok := NFCEscapedRun(b, hclUnicode)
	return n, out, ok && escaped
}

// hclUnicode decodes the \u or \U escape of a quoted HCL string at the
// start of b: its rune and source length, 0 for another escape or an
// invalid one.
func hclUnicode(b []byte) (rune, int) {
	if len(b) < 2 || (b[1] != 'u' && b[1] != 'U') {
		return 0, 0 // no other escape composes
	}
	srcN, _ := escapeLen(b)
	if srcN == 0 {
		return 0, 0
	}
	r, err := strconv.ParseUint(string(b[2:srcN]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(r)) {
		return 0, 0
	}
	return rune(r), srcN
}

// escapeLen returns the source length of the escape sequence at the start of
// s and the number of bytes it produces.
func escapeLen(s []byte) (srcN, out int) {
	if len(s) < 2 {
		return 0, 0
	}
	switch s[1] {
	case 'n', 'r', 't', '"', '\\':
		return 2, 1
	case 'u', 'U':
		n := 4
		if s[1] == 'U' {
			n = 8
		}
		if len(s) < 2+n {
			return 0, 0
		}
		r, err := strconv.ParseUint(string(s[2:2+n]), 16, 32)
		if err != nil {
			return 0, 0
		}
		return 2 + n, utf8.RuneLen(rune(r))
	}
	return 0, 0
}

// ---- file functions ----

// summaryOutsideTree is the summary of the error on a path that leads
// outside the scanned tree.
const summaryOutsideTree = "File outside the scanned tree"

// resolveKey and resolved are what resolvePath answered, by path, root
// module directory and module directory: the answer is the same for every
// instance of a module, and resolving asks the file system (an lstat per
// element of the path): a module instantiated 9,801 times with 300 file()
// calls made 2.9 million of them (46 s, then out of memory).
type resolveKey struct{ p, rootDir, realDir string }

type resolved struct {
	name            string
	sev             hcl.DiagnosticSeverity
	summary, detail string // summary "": no diagnostic
	extra           any    // its Extra (MadeUnknown)
}

// resolvePath returns the name (as reached) of a path given to a file
// function, or a diagnostic (new at each call, located at rng) when it
// must not be read.
func (e *env) resolvePath(p string, rng hcl.Range) (string, *hcl.Diagnostic) {
	ev := e.s.ev
	k := resolveKey{p, e.s.rootDir, ""}
	if len(ev.opts.Allowed) > 0 {
		k.realDir = e.s.realDir() // inTree's
	}
	r, ok := ev.resolved[k]
	if !ok {
		name, d := e.resolvePath1(p, rng)
		r = resolved{name: name}
		if d != nil {
			r.sev, r.summary, r.detail, r.extra = d.Severity, d.Summary, d.Detail, d.Extra
		}
		if ev.resolved == nil {
			ev.resolved = map[resolveKey]resolved{}
		}
		ev.resolved[k] = r
	}
	if r.summary == "" {
		return r.name, nil
	}
	return r.name, &hcl.Diagnostic{Severity: r.sev, Summary: r.summary, Detail: r.detail, Subject: rng.Ptr(), Extra: r.extra}
}

// resolveFilePath is resolvePath for file, filebase64, templatefile,
// fileexists and the file digests, which expand a leading "~" to the home
// directory as Terraform's do (homedir.Expand; fileset does not): a path
// outside the scanned tree, in the home directory of the machine that runs
// Terraform, refused as other paths outside are, and never looked at.
// file("~/.aws/x") said "File not found: There is no file at
// <module>/~/.aws/x" (a notice), a path Terraform does not read, and
// fileexists("~/.aws/credentials") was false.
func (e *env) resolveFilePath(p string, rng hcl.Range) (string, *hcl.Diagnostic) {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "~\\") {
		return "", &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summaryOutsideTree,
			Detail: fmt.Sprintf("%s is in the home directory of the machine that runs Terraform (a leading ~ is expanded), outside the scanned directories; iamlint does not read it. The value is unknown.", p), Subject: rng.Ptr(), Extra: MadeUnknown{}}
	}
	if strings.HasPrefix(p, "~") {
		return "", &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Invalid file path",
			Detail: fmt.Sprintf("%s: Terraform cannot expand ~ followed by a user name (it fails: \"cannot expand user-specific home dir\"); the value is unknown.", p), Subject: rng.Ptr(), Extra: MadeUnknown{}}
	}
	return e.resolvePath(p, rng)
}

func (e *env) resolvePath1(p string, rng hcl.Range) (string, *hcl.Diagnostic) {
	name := p
	if !filepath.IsAbs(p) {
		name = filepath.Join(e.s.rootDir, filepath.FromSlash(p))
	}
	allowed := e.s.ev.opts.Allowed
	if len(allowed) == 0 {
		return name, nil
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid file path", Detail: err.Error(), Subject: rng.Ptr()}
	}
	outside := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summaryOutsideTree,
		Detail: fmt.Sprintf("%s resolves to a path outside the scanned directories; iamlint does not read it. The value is unknown.", name), Subject: rng.Ptr(), Extra: MadeUnknown{}}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if os.IsNotExist(err) {
			// A missing file outside the tree is refused as an existing
			// one is: "File not found" (fileexists false) of
			// /etc/x or of a link to it told what exists outside.
			if r, ok := existingPrefix(abs); !ok || !e.inTree(r) {
				return "", outside
			}
			return "", &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "File not found",
				Detail: fmt.Sprintf("There is no file at %s; the value is unknown.", name), Subject: rng.Ptr(), Extra: MadeUnknown{}}
		}
		return "", &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unreadable file", Detail: err.Error(), Subject: rng.Ptr()}
	}
	if e.inTree(real) {
		return name, nil
	}
	return "", outside
}

// inTree reports whether the resolved path real is in a scanned directory
// (Options.Allowed), or in the directory of the module being evaluated (a
// module followed outside the scanned tree may read its own files).
func (e *env) inTree(real string) bool {
	within := func(a string) bool {
		return real == a || strings.HasPrefix(real, a+string(filepath.Separator))
	}
	for _, a := range e.s.ev.opts.Allowed {
		if within(a) {
			return true
		}
	}
	d := e.s.realDir()
	return d != "" && within(d)
}

// existingPrefix is the resolved path of the longest prefix of the
// absolute path abs that exists, or false when it cannot be resolved (a
// dangling symbolic link: where it points cannot be told to be inside).
func existingPrefix(abs string) (string, bool) {
	for p := abs; ; {
		if _, err := os.Lstat(p); err == nil {
			r, err := filepath.EvalSymlinks(p)
			return r, err == nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", false
		}
		p = parent
	}
}

func (e *env) readFile(pn *Node, rng hcl.Range) (string, []byte, bool) {
	if !pn.Val.IsKnown() {
		return "", nil, false
	}
	if pn.Val.IsNull() || pn.Val.Type() != cty.String {
		e.warnUnknown("Invalid file path", "The path must be a string; the value is unknown.", rng)
		return "", nil, false
	}
	name, d := e.resolveFilePath(pn.Val.AsString(), rng)
	if d != nil {
		if d.Summary == "File not found" && e.s.ev.opts.MissingFileWarning {
			d.Severity = hcl.DiagWarning
		}
		e.s.ev.diags = append(e.s.ev.diags, d)
		return "", nil, false
	}
	opts := e.s.ev.opts
	opts.Mu.Lock()
	src, ok := opts.Sources[name]
	opts.Mu.Unlock()
	if !ok {
		var err error
		if opts.ReadFile != nil {
			src, err = opts.ReadFile(name)
		} else {
			src, err = os.ReadFile(name)
		}
		if err != nil {
			sum, sev := "Unreadable file", hcl.DiagError
			if os.IsNotExist(err) {
				sum = "File not found"
				if opts.MissingFileWarning {
					sev = hcl.DiagWarning
				}
			}
			e.s.ev.diagUnknown(sev, sum, fmt.Sprintf("%s: %v; the value is unknown.", name, err), rng)
			return "", nil, false
		}
		opts.Mu.Lock()
		opts.Sources[name] = src
		opts.Mu.Unlock()
	}
	if !utf8.Valid(src) {
		e.s.ev.diagUnknown(hcl.DiagError, "Invalid file content", fmt.Sprintf("%s is not valid UTF-8 text; the value is unknown.", name), rng)
		return "", nil, false
	}
	return name, src, true
}

func (e *env) fileCall(pn *Node, rng hcl.Range) *Node {
	name, src, ok := e.readFile(pn, rng)
	if !ok {
		return &Node{Val: cty.UnknownVal(cty.String), Range: rng}
	}
	// One value per file: a file() in a for expression or a module's
	// instances copied (and normalized) the file each time (1,000 calls of
	// a 1 MB file: 1 GB; 200,000: out of memory).
	v, ok := e.s.ev.fileVals[name]
	if !ok {
		v = cty.StringVal(string(src))
		if e.s.ev.fileVals == nil {
			e.s.ev.fileVals = map[string]cty.Value{}
		}
		e.s.ev.fileVals[name] = v
	}
	// One text map per file too (shared, as the value): the policy built
	// of it is then built once for all the nodes (extract's textKey).
	t, ok := e.s.ev.fileTexts[name]
	if !ok {
		// cty holds the text in NFC: where that changes it, the bytes
		// after no longer map one to one (a finding after an "e" and a
		// combining accent pointed a byte early, one a code point before
		// the element per accent).
		start := hcl.Pos{Line: 1, Column: 1, Byte: 0}
		segs, n := nfcSegments(src, name, start)
		switch {
		case segs == nil:
			segs = []Segment{{Offset: 0, Len: len(src), Start: start, File: name, Verbatim: true, Src: src}}
		case n != len(v.AsString()):
			segs = []Segment{{Offset: 0, Len: len(v.AsString()), Start: start, File: name}}
		}
		t = NewTextMap(segs)
		if e.s.ev.fileTexts == nil {
			e.s.ev.fileTexts = map[string]*TextMap{}
		}
		e.s.ev.fileTexts[name] = t
	}
	return &Node{Val: v, Range: rng, Text: t}
}

func (e *env) fileExists(pn *Node, rng hcl.Range) *Node {
	if !pn.Val.IsKnown() || pn.Val.IsNull() || pn.Val.Type() != cty.String {
		return &Node{Val: cty.UnknownVal(cty.Bool), Range: rng}
	}
	name, d := e.resolveFilePath(pn.Val.AsString(), rng)
	if d != nil {
		if d.Summary == "File not found" {
			return &Node{Val: cty.False, Range: rng}
		}
		e.s.ev.diags = append(e.s.ev.diags, d)
		return &Node{Val: cty.UnknownVal(cty.Bool), Range: rng}
	}
	st, err := os.Stat(name)
	return &Node{Val: cty.BoolVal(err == nil && st.Mode().IsRegular()), Range: rng}
}

// fileDigest is filebase64, filemd5, filesha1, filesha256, filesha512,
// filebase64sha256 and filebase64sha512: iamlint computes no digest (the
// value is unknown), but a path file() refuses (outside the scanned tree)
// is refused with the same error: they said nothing of /etc/passwd. A
// missing file says nothing: a build artifact (lambda.zip) before the build.
func (e *env) fileDigest(pn *Node, rng hcl.Range) *Node {
	if pn.Val.IsKnown() && !pn.Val.IsNull() && pn.Val.Type() == cty.String {
		if _, d := e.resolveFilePath(pn.Val.AsString(), rng); d != nil && d.Summary != "File not found" {
			e.s.ev.diags = append(e.s.ev.diags, d)
		}
	}
	return &Node{Val: cty.UnknownVal(cty.String), Range: rng}
}

// recursiveTemplate says, as Terraform does, that templatefile and
// templatestring may not be called from inside a template: the value is
// unknown. They were followed 8 levels deep, and a template that calls
// itself 100 times in a %{ for } ran the for budget's 250,000 iterations
// each reading, parsing and rendering the file again (12 CPU s, 950 MB).
func (e *env) recursiveTemplate(fn string, rng hcl.Range) bool {
	if e.depth == 0 {
		return false
	}
	e.s.ev.diagUnknown(hcl.DiagError, "Error in function call", fmt.Sprintf("Call to function %q failed: cannot recursively call %s from inside another template function; the value is unknown.", fn, fn), rng)
	return true
}

// MaxTemplateTokens is the most tokens a template may hold (as a file of
// native syntax at the default --max-file-size): hclsyntax's lexer and
// parser take about 350 bytes a token, and a 4 MiB templatefile of
// "${1}${1}..." (3 million tokens) took 6.4 CPU s and 1.5 GB.
const MaxTemplateTokens = 1 << 20

// parseTemplate parses the template src of a templatefile (file: src is
// the file name's content, its diagnostics are located in it) or of a
// templatestring (not file: src is a string's value, whose positions are
// those of no file, so what it says is located at the call, rng), with the
// bounds of a source file: nesting, runs of literal "$" and "%" (the HCL
// parser's time grows with their square) and expression depth. false: a
// diagnostic says why, and the value is unknown.
func (e *env) parseTemplate(src []byte, name string, rng hcl.Range, file bool) (hclsyntax.Expression, bool) {
	// What the bounds refuse is the template, not the file of the call
	// (parsed, and the rest of it linted): they said "Brackets in main.tf
	// ...; the file is not parsed" of a templatestring template.
	label, what := name, "the template file is not parsed, and the value of templatefile(...) is unknown"
	if !file {
		label, what = "the template of templatestring(...)", "the template is not parsed, and the value of templatestring(...) is unknown"
	}
	fail := func(d *hcl.Diagnostic, located bool) (hclsyntax.Expression, bool) {
		if !located {
			d.Subject = rng.Ptr()
		}
		e.s.ev.diags = append(e.s.ev.diags, ValueNotParsed(d, what))
		return nil, false
	}
	if d := CheckTemplateNesting(src, label, MaxNesting); d != nil {
		return fail(d, false)
	}
	if d := CheckLiterals(src, label, true); d != nil {
		return fail(d, file)
	}
	if len(src) > MaxTemplateTokens {
		if n, at := CountTemplateTokens(src, MaxTemplateTokens); n > MaxTemplateTokens {
			return fail(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many tokens",
				Detail:  fmt.Sprintf("%s holds more than %d tokens (text lines, interpolations and the names, numbers, strings and operators in them; this is token %d), as no real template does: the parser's memory grows with them; "+fileNotParsed+".", label, MaxTemplateTokens, MaxTemplateTokens+1),
				Subject: ByteRange(src, at, name)}, file)
		}
	}
	start := hcl.Pos{Line: 1, Column: 1, Byte: 0}
	if !file {
		start = rng.Start
	}
	tmpl, diags := hclsyntax.ParseTemplate(src, name, start)
	if diags.HasErrors() {
		if file {
			e.s.ev.diags = append(e.s.ev.diags, diags...)
		} else {
			e.warnUnknown("Invalid templatestring template", "The template does not parse: "+diags[0].Summary+": "+diags[0].Detail+" The value is unknown.", rng)
		}
		return nil, false
	}
	if d := CheckDepth(tmpl.(hclsyntax.Node), label, MaxExprDepth); d != nil {
		return fail(d, false)
	}
	return tmpl, true
}

func (e *env) templateFile(pn, vars *Node, rng hcl.Range) *Node {
	unknown := &Node{Val: cty.UnknownVal(cty.String), Range: rng}
	if e.recursiveTemplate("templatefile", rng) {
		return unknown
	}
	name, src, ok := e.readFile(pn, rng)
	if !ok {
		return unknown
	}
	tmpl, ok := e.parseTemplate(src, name, rng, true)
	if !ok {
		return unknown
	}
	if !vars.Val.IsKnown() {
		return unknown
	}
	tv, ok := e.templateVars(vars, "templatefile")
	if !ok {
		return unknown
	}
	te := &env{s: e.s, tvars: tv, depth: e.depth + 1}
	n := te.expr(tmpl)
	c := *n
	c.Range = rng
	if c.Val.IsKnown() && !c.Val.IsNull() && c.Val.Type() != cty.String {
		sv, err := convert.Convert(c.Val, cty.String)
		if err != nil {
			e.warn("Invalid template result", "The template result is not a string: "+err.Error(), rng)
			return unknown
		}
		c.Val = sv
		c.ClearAttrs()
		c.Elems = nil
	}
	return &c
}

// templateString is templatestring(tn, vars) (Terraform 1.9): the string
// tn renders as templatefile renders a file, with the same bounds. The
// template's positions are those of no file (the string's text is not its
// source: escapes, a heredoc's indent), so the result is a string at the
// call, rng, as a computed string is; a result that is not wholly known is
// unknown.
func (e *env) templateString(tn, vars *Node, rng hcl.Range) *Node {
	unknown := &Node{Val: cty.UnknownVal(cty.String), Range: rng}
	if e.recursiveTemplate("templatestring", rng) {
		return unknown
	}
	if !tn.Val.IsKnown() || tn.Val.IsNull() || !tn.Val.Type().Equals(cty.String) || !vars.Val.IsKnown() {
		if tn.Val.IsKnown() && (tn.Val.IsNull() || !tn.Val.Type().Equals(cty.String)) {
			e.warnUnknown("Invalid templatestring template", "The template must be a string; the value is unknown.", tn.Range)
		}
		return unknown
	}
	tmpl, ok := e.parseTemplate([]byte(tn.Val.AsString()), rng.Filename, rng, false)
	if !ok {
		return unknown
	}
	tv, ok := e.templateVars(vars, "templatestring")
	if !ok {
		return unknown
	}
	te := &env{s: e.s, tvars: tv, depth: e.depth + 1}
	before := len(e.s.ev.diags)
	v := te.expr(tmpl).Val
	// The template's text is a value, not the file's source: what it says
	// points at the call (positions inside the text would name lines the
	// file does not have), and does not quote the text, which may be a
	// sensitive variable's.
	for _, d := range e.s.ev.diags[min(before, len(e.s.ev.diags)):] {
		d.Subject, d.Context = rng.Ptr(), nil
		d.Detail = "In the template that templatestring renders (its text is not quoted: it may come from a sensitive variable): " + d.Summary + ". The value is unknown."
		markUnknown(d)
	}
	if !v.IsWhollyKnown() || v.IsNull() {
		return unknown
	}
	if v.Type() != cty.String {
		sv, err := convert.Convert(v, cty.String)
		if err != nil {
			e.warn("Invalid template result", "The template result is not a string: "+err.Error(), rng)
			return unknown
		}
		v = sv
	}
	return &Node{Val: v, Range: rng}
}

// templateVars is the variables of a template, vars (known), by name;
// false, with a warning naming fn, when vars is not an object or a map.
func (e *env) templateVars(vars *Node, fn string) (map[string]*Node, bool) {
	tv := map[string]*Node{}
	if vars.Val.IsNull() {
		return tv, true
	}
	if ty := vars.Val.Type(); !ty.IsObjectType() && !ty.IsMapType() {
		e.warnUnknown("Invalid "+fn+" variables", "The variables must be an object or a map; the value is unknown.", vars.Range)
		return nil, false
	}
	for it := vars.Val.ElementIterator(); it.Next(); {
		k, _ := it.Element()
		if c := vars.Get(k.AsString()); c != nil {
			tv[k.AsString()] = c
		}
	}
	return tv, true
}

// realDir is the module directory, absolute with symlinks resolved.
func (s *scope) realDir() string {
	if s.real == nil {
		d := s.cfg.realDir(&s.ev.opts.realDirs)
		s.real = &d
	}
	return *s.real
}

// realPath is dir made absolute with its symlinks resolved ("" when it
// cannot be made absolute).
//
// cache (nil: none) holds the directories resolved so far, by absolute
// path: a path that is not a link resolves to its resolved parent joined
// with its name, so each directory of a tree costs one lstat instead of one
// per element of its path. It also holds the working directory, under the
// key "" (no absolute path): filepath.Abs asks os.Getwd, two stats, for
// every relative path (about 2% of the CPU of ../shared/corpus/real).
func realPath(dir string, cache *sync.Map) string {
	if cache == nil {
		d, err := filepath.Abs(dir)
		if err != nil {
			return ""
		}
		if r, err := filepath.EvalSymlinks(d); err == nil {
			d = r
		}
		return d
	}
	d := fpath.Clean(dir)
	if !filepath.IsAbs(d) {
		wd, ok := cache.Load("")
		if !ok {
			w, err := os.Getwd()
			if err != nil {
				return ""
			}
			wd, _ = cache.LoadOrStore("", w)
		}
		d = fpath.Join(wd.(string), d)
	}
	return realAbs(d, cache)
}

// realAbs is filepath.EvalSymlinks of the absolute path d, or d when that
// fails, remembered in cache.
func realAbs(d string, cache *sync.Map) string {
	if r, ok := cache.Load(d); ok {
		return r.(string)
	}
	r := d
	if parent := fpath.Dir(d); parent != d {
		if fi, err := os.Lstat(d); err == nil && fi.Mode()&os.ModeSymlink == 0 {
			r = fpath.Join(realAbs(parent, cache), filepath.Base(d))
		} else if x, err := filepath.EvalSymlinks(d); err == nil {
			r = x
		}
	} else if x, err := filepath.EvalSymlinks(d); err == nil {
		r = x
	}
	cache.Store(d, r)
	return r
}
