package eval

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// directive evaluates an interpolation part of a template located. Template
// directives (%{ if } and %{ for }) are evaluated so that the text of their
// bodies keeps its own mapping to the source; other parts go through expr.
func (e *env) directive(p hclsyntax.Expression) *Node {
	if j, ok := p.(*hclsyntax.TemplateJoinExpr); ok {
		return e.templateJoin(j)
	}
	return e.expr(p)
}

// isDirective reports whether p is the expression of a %{ if } or %{ for }.
func isDirective(p hclsyntax.Expression) bool {
	switch p.(type) {
	case *hclsyntax.TemplateJoinExpr, *hclsyntax.ConditionalExpr:
		return true
	}
	return false
}

// templateJoin evaluates a %{ for } directive: the located for expression,
// whose string elements are joined with their text maps. Anything it cannot
// locate goes through hcl.
func (e *env) templateJoin(x *hclsyntax.TemplateJoinExpr) *Node {
	// Its for expression's elements are weighed as the text they join,
	// below, not as a tuple (overweight): refused as a tuple, the join
	// went to hcl, which made the text all the same.
	ev := e.s.ev
	prev := ev.unweighed
	ev.unweighed = x.Tuple
	mark := len(ev.diags)
	t := e.expr(x.Tuple)
	ev.unweighed = prev
	for _, d := range ev.diags[mark:] {
		if infiniteSaid(d) {
			// Unknown, as the number is: hcl's join (generic, below,
			// for an element not known) kept it, "+Inf".
			return unknownNode(x.Range())
		}
	}
	return e.joinFor(x, t)
}

// joinFor is templateJoin of x once its for expression is evaluated (t);
// a for over a conditional's value (unknown condition) is joined in each
// branch.
func (e *env) joinFor(x *hclsyntax.TemplateJoinExpr, t *Node) *Node {
	if !t.Val.IsKnown() && len(t.Alts()) > 0 && altLeaves(t) <= maxForks {
		return e.overAlts(t, x.Range(), func(a *Node) *Node { return e.joinFor(x, a) })
	}
	if n := joinedBytes(t.Val); n > maxValueBytes {
		// Before it is joined, here or by hcl: a %{ for } of a thousand
		// times a megabyte was a gigabyte (out of memory), the template
		// holding it checked only once its parts were made.
		e.s.ev.diagUnknown(hcl.DiagError, "Value too large", fmt.Sprintf("the text of the template's %%{ for } directive is more than %d bytes; the value is unknown.", maxValueBytes), x.Range())
		return unknownNode(x.Range())
	} else if e.s.ev.stringWork+n > maxStringWork {
		e.spendBytes(n, x.Range()) // not even made: it says so, once
		return unknownNode(x.Range())
	}
	if !t.Val.IsKnown() || t.Val.IsNull() || !t.Val.CanIterateElements() || len(t.Elems) != t.Val.LengthInt() {
		return e.generic(x)
	}
	var buf strings.Builder
	var segs []Segment
	for _, el := range t.Elems {
		v := el.Val
		if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
			return e.generic(x)
		}
		s := v.AsString()
		segs = append(segs, textSegments(el, len(s), buf.Len())...)
		buf.WriteString(s)
	}
	return &Node{Val: cty.StringVal(buf.String()), Range: x.Range(), Text: NewTextMap(segs)}
}

// joinedBytes returns the bytes of the known strings of v, the elements of
// a %{ for } directive, counting no further than past maxValueBytes (0
// when v is not a known collection).
func joinedBytes(v cty.Value) int {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return 0
	}
	n := 0
	for it := v.ElementIterator(); it.Next() && n <= maxValueBytes; {
		if _, el := it.Element(); el.IsKnown() && !el.IsNull() && el.Type() == cty.String {
			n += len(el.AsString())
		}
	}
	return n
}

// textSegments returns the segments of the known string node n (of length
// size) moved to offset off; without a text map, every byte maps to n's start.
func textSegments(n *Node, size, off int) []Segment {
	if size == 0 {
		return nil
	}
	if n.Text == nil {
		return []Segment{{Offset: off, Len: size, Start: n.Range.Start, File: n.Range.Filename}}
	}
	return shiftSegments(n.Text.Segments(), off)
}

// shiftSegments copies segs moved by off bytes.
func shiftSegments(segs []Segment, off int) []Segment {
	out := make([]Segment, len(segs))
	for i, s := range segs {
		s.Offset += off
		out[i] = s
	}
	return out
}
