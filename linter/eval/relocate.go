package eval

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

// elemFuncs are the functions whose result elements are elements of their
// arguments (reordered, filtered or flattened); pickFuncs return one of them.
var (
	elemFuncs = map[string]bool{"toset": true, "tolist": true, "distinct": true, "sort": true, "compact": true,
		"flatten": true, "reverse": true, "slice": true, "setunion": true, "setintersection": true,
		"setsubtract": true, "coalescelist": true, "values": true}
	pickFuncs = map[string]bool{"lookup": true, "coalesce": true, "one": true}
)

// maxRelocate bounds the argument elements searched by relocate.
const maxRelocate = 1 << 16

// relocate gives the known string elements of n, the result of a function
// that reorders or picks elements of its arguments, the location of the
// first argument element with the same value, so that a finding points at
// the element the user wrote rather than at the call. A scalar result is
// located the same way. n is returned unchanged when nothing matches.
func relocate(n *Node, args []*Node) *Node {
	v := n.Val
	if !v.IsKnown() || v.IsNull() || len(n.Elems) > 0 || n.Text != nil || n.JSONArg() != nil {
		return n
	}
	ty := v.Type()
	list := ty.IsListType() || ty.IsSetType() || ty.IsTupleType()
	if !list && ty != cty.String {
		return pickNode(n, args)
	}
	if list && v.LengthInt() > maxRelocate {
		return n
	}
	idx := map[string]*Node{}
	budget := maxRelocate
	var walk func(a *Node)
	walk = func(a *Node) {
		if a == nil || budget <= 0 {
			return
		}
		budget--
		if a.Val.IsKnown() && !a.Val.IsNull() && a.Val.Type() == cty.String && a.Range.Filename != "" {
			if _, ok := idx[a.Val.AsString()]; !ok {
				idx[a.Val.AsString()] = a
			}
			return
		}
		for _, c := range a.Elems {
			walk(c)
		}
		for i, k := range a.Keys {
			if c := a.kidAt(i); c != nil {
				walk(c)
			} else {
				walk(a.Attr(k))
			}
		}
	}
	for _, a := range args {
		walk(a)
	}
	if len(idx) == 0 {
		return n
	}
	at := func(ev cty.Value) *Node {
		if ev.IsKnown() && !ev.IsNull() && ev.Type() == cty.String {
			if src := idx[ev.AsString()]; src != nil {
				c := *src
				c.Val, c.name = ev, nil
				return &c
			}
		}
		return nil
	}
	if !list {
		if c := at(v); c != nil {
			c.name = n.name
			return c
		}
		return n
	}
	elems := make([]*Node, 0, v.LengthInt())
	found := false
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		c := at(ev)
		if c == nil {
			c = &Node{Val: ev, Range: n.Range}
		} else {
			found = true
		}
		elems = append(elems, c)
	}
	if found {
		n.Elems = elems // n is the call's own result, not shared
	}
	return n
}

// splitElems locates the elements of n = split(sep, str) inside str when
// str's text is mapped to the source.
func splitElems(n *Node, args []*Node) *Node {
	if len(args) != 2 || args[1].Text == nil || len(n.Elems) > 0 {
		return n
	}
	v, sep, str := n.Val, args[0].Val, args[1].Val
	if !v.IsWhollyKnown() || v.IsNull() || !v.Type().IsListType() || !sep.IsKnown() || sep.IsNull() ||
		sep.Type() != cty.String || !str.IsKnown() || str.IsNull() || str.Type() != cty.String {
		return n
	}
	s, sp := str.AsString(), sep.AsString()
	off := 0
	elems := make([]*Node, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		el := ev.AsString()
		if off+len(el) > len(s) || s[off:off+len(el)] != el {
			return n
		}
		c := &Node{Val: ev, Range: n.Range}
		if el != "" {
			if r, ok := args[1].Text.Range(off, off+len(el)); ok {
				c.Range = r
			}
		}
		elems = append(elems, c)
		off += len(el) + len(sp)
	}
	n.Elems = elems
	return n
}

// try evaluates the call x of try as generic does (hcl), its try function
// telling which argument it took (tryTakingFunc), and locates the result
// there (tryFallback); pf is what preflight evaluated of its arguments.
func (e *env) try(x *hclsyntax.FunctionCallExpr, pf *preflown) *Node {
	ev := e.s.ev
	args, took := ev.tryArgs, ev.tryTook // an evaluation inside this one (templatefile) restores them
	ev.tryArgs, ev.tryTook = x.Args, -1
	n := e.generic(x)
	i := ev.tryTook
	ev.tryArgs, ev.tryTook = args, took
	if pf != nil && i >= 0 && i < len(pf.inf) && pf.inf[i] {
		return e.tryInfinite(x, i)
	}
	return e.tryFallback(n, x, i, pf)
}

// tryInfinite is try(...) whose argument took (which hcl evaluated without
// error) made an infinite number: unknown, as that number is where it is
// made (hugeNumber), with an error. hcl's own evaluation keeps the
// infinity: try(tostring(pow(10, 1000)), "s3:GetObject") was an action
// named "+Inf".
func (e *env) tryInfinite(x *hclsyntax.FunctionCallExpr, took int) *Node {
	e.s.ev.diagUnknown(hcl.DiagError, "Number out of range", fmt.Sprintf("try: argument %d makes an infinite number (as a division by zero does, or a result past about 1e308 of pow() and the other functions that compute in 64-bit floats); an infinite number is no value of a configuration or a policy, and the value is unknown.", took+1), x.Range())
	return unknownNode(x.Range())
}

// tryFallback locates the result n of try(...), which is the value of its
// argument took, the first that evaluates without error (-1: unknown or
// none): that argument's located evaluation, when it gives that value, is
// where the elements were written (try(var.cfg.actions, ["s3:GetObject"])
// points into the variable's value or at the fallback). That is
// preflight's (pf), when it evaluated the arguments; else the argument is
// evaluated again, located (the arguments before it, which try skipped,
// are not), and what that says of it (hcl evaluated it without error) is
// dropped.
func (e *env) tryFallback(n *Node, x *hclsyntax.FunctionCallExpr, took int, pf *preflown) *Node {
	if took < 0 || took >= len(x.Args) || !n.Val.IsWhollyKnown() || n.Val.IsNull() {
		return n
	}
	a := x.Args[took]
	if iterates(a) {
		// A for expression is not evaluated twice (its work counts
		// against the root's budget), and its result is left
		// unlocated: preflight's evaluation of it could locate it, a
		// change of the findings' positions left to a change of its
		// own.
		return n
	}
	if pf != nil {
		if c := pf.nodes[took]; c.Val.IsWhollyKnown() && c.Val.RawEquals(n.Val) {
			return c
		}
		return n
	}
	// The budgets are restored with the diagnostics: a budget crossed
	// here (its error said once, then dropped) left every value after it
	// unknown without an error.
	ev := e.s.ev
	mark, work, forWork, callWork, tooDeep := len(ev.diags), ev.stringWork, ev.forWork, ev.callWork, ev.evalTooDeep
	c := e.expr(a)
	inf := false
	for _, d := range ev.diags[mark:] {
		inf = inf || infiniteSaid(d)
	}
	ev.diags = ev.diags[:mark]
	ev.stringWork, ev.forWork, ev.callWork, ev.evalTooDeep = work, forWork, callWork, tooDeep
	if inf {
		return e.tryInfinite(x, took)
	}
	if c.Val.IsWhollyKnown() && c.Val.RawEquals(n.Val) {
		return c
	}
	return n
}

// elementAt is element(list, i) of a located list: the located element.
func elementAt(n *Node, args []*Node) *Node {
	if len(args) != 2 || len(args[0].Elems) == 0 || !n.Val.IsKnown() {
		return n
	}
	iv := args[1].Val
	if !iv.IsKnown() || iv.IsNull() || iv.Type() != cty.Number {
		return n
	}
	i, acc := iv.AsBigFloat().Int64()
	if acc != big.Exact {
		return n
	}
	// As go-cty's element: the index modulo the length, counted from the
	// end when negative (element(l, -1) is the last).
	l := int64(len(args[0].Elems))
	if i %= l; i < 0 {
		i += l
	}
	el := args[0].Elems[int(i)]
	if !el.Val.RawEquals(n.Val) {
		return n
	}
	return el
}

// flattenElems is flatten(list) of a located list: the located leaves, when
// they line up with the result.
func flattenElems(n *Node, args []*Node) *Node {
	v := n.Val
	if len(args) != 1 || len(n.Elems) > 0 || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return n
	}
	var leaves []*Node
	var walk func(a *Node) bool
	walk = func(a *Node) bool {
		av := a.Val
		if !av.IsKnown() {
			return false
		}
		if av.IsNull() || !(av.Type().IsListType() || av.Type().IsTupleType() || av.Type().IsSetType()) {
			leaves = append(leaves, a)
			return true
		}
		if av.LengthInt() != len(a.Elems) {
			return false
		}
		for _, c := range a.Elems {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if len(args[0].Elems) == 0 || !walk(args[0]) || len(leaves) != v.LengthInt() {
		return n
	}
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		if !leaves[i].Val.RawEquals(ev) {
			return n
		}
	}
	n.Elems = leaves
	return n
}

// pickNode locates a result n that is one of the arguments or one of their
// elements (lookup(map, key) of an object, coalesce(a, b)): the first
// located node with the same value.
func pickNode(n *Node, args []*Node) *Node {
	budget := maxRelocate
	try := func(c *Node) *Node {
		budget--
		if c == nil || c.Range.Filename == "" || !c.Val.IsWhollyKnown() || !c.Val.RawEquals(n.Val) {
			return nil
		}
		cp := *c
		cp.name = nil
		return &cp
	}
	for _, a := range args {
		if c := try(a); c != nil {
			return c
		}
	}
	for _, a := range args {
		for i, k := range a.Keys {
			if budget <= 0 {
				return n
			}
			kc := a.kidAt(i)
			if kc == nil {
				kc = a.Attr(k)
			}
			if c := try(kc); c != nil {
				return c
			}
		}
		for _, el := range a.Elems {
			if budget <= 0 {
				return n
			}
			if c := try(el); c != nil {
				return c
			}
		}
	}
	return n
}

// valuesElems is values(map) of a located map or object: its located
// values, in key order.
func valuesElems(n *Node, args []*Node) *Node {
	v := n.Val
	if len(args) != 1 || len(n.Elems) > 0 || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() ||
		args[0].NumAttrs() != v.LengthInt() {
		return n
	}
	keys := make([]string, 0, v.LengthInt())
	for i, k := range args[0].Keys[:args[0].NumKids()] {
		if args[0].kids()[i] != nil {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	elems := make([]*Node, 0, len(keys))
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		c := args[0].Attr(keys[i])
		if !c.Val.RawEquals(ev) {
			return n
		}
		elems = append(elems, c)
	}
	n.Elems = elems
	return n
}

// partialList is the result of concat (or setunion) when some arguments are
// unknown: a node whose value is unknown (its length is) but whose Elems
// hold the known elements, located, and one unknown element per unknown
// argument, so that what is known is still linted. nil when an argument is
// not a list, or when the elements would be more than maxRelocate (a
// chain of locals each the concat of the one before twice doubled them at
// every level, the unknown ones too: 40,000 such locals took all memory).
func partialList(args []*Node, rng hcl.Range) *Node {
	if len(args) == 0 {
		return nil
	}
	var elems []*Node
	for _, a := range args {
		v := a.Val
		switch {
		case !v.IsKnown():
			if len(a.Elems) > 0 { // itself partial
				if len(elems)+len(a.Elems) > maxRelocate {
					return nil
				}
				elems = append(elems, a.Elems...)
				continue
			}
			elems = append(elems, &Node{Val: cty.DynamicVal, Range: a.Range})
		case v.IsNull() || !v.CanIterateElements() || v.Type().IsMapType() || v.Type().IsObjectType():
			return nil
		case len(elems)+v.LengthInt() > maxRelocate:
			return nil
		default:
			for i := 0; i < v.LengthInt(); i++ {
				c := a.Index(i)
				if c == nil {
					return nil
				}
				elems = append(elems, c)
			}
		}
	}
	if len(elems) == 0 {
		return nil
	}
	return &Node{Val: cty.DynamicVal, Range: rng, Elems: elems}
}

// partialPass is compact / distinct / tolist / toset / sort / flatten of a
// partial list (see partialList): the same known elements (compact drops
// known empty strings and nulls), still partial.
func partialPass(name string, args []*Node, rng hcl.Range) *Node {
	if len(args) != 1 || args[0].Val.IsKnown() || len(args[0].Elems) == 0 {
		return nil
	}
	var elems []*Node
	for _, c := range args[0].Elems {
		v := c.Val
		if name == "compact" && v.IsKnown() && (v.IsNull() || v.Type() == cty.String && v.AsString() == "") {
			continue
		}
		if name == "flatten" && v.IsKnown() && !v.IsNull() && (v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType()) {
			if p := partialList([]*Node{c}, rng); p != nil {
				elems = append(elems, p.Elems...)
			}
			continue
		}
		elems = append(elems, c)
	}
	if len(elems) == 0 {
		return nil
	}
	return &Node{Val: cty.DynamicVal, Range: rng, Elems: elems}
}

// splat evaluates list[*].attr located: the value is hcl's, and each element
// is the located element of the source with the traversal applied, when the
// splat is of that simple form and the elements line up.
func (e *env) splat(x *hclsyntax.SplatExpr) *Node {
	if splats(x) > maxSplats {
		e.s.ev.diagUnknown(hcl.DiagError, "Expression too complex", fmt.Sprintf("more than %d splat operators ([*], .*) in one expression: each one nests the elements once more (400 of them took 33 s and 2 GB); the value is unknown.", maxSplats), x.SrcRange)
		return unknownNode(x.SrcRange)
	}
	pf, ok := e.preflight([]hclsyntax.Expression{x.Source}, x.SrcRange)
	if !ok {
		return unknownNode(x.SrcRange)
	}
	// hcl evaluates the splat over the source preflight evaluated, when
	// it said nothing of it: hcl's own evaluation of the source calls the
	// functions without the evaluator's fast paths (a splat over tolist of
	// 60,000 objects: go-cty unified their types pairwise, past 60 s).
	if pf != nil && !pf.said {
		if src := pf.nodes[0]; !src.Val.IsKnown() && len(src.Alts()) > 0 && altLeaves(src) <= maxForks {
			// A conditional's value (unknown condition): the splat of
			// each branch.
			return e.splatAlts(x, src)
		}
	}
	gx := x
	if pf != nil && !pf.said && pf.nodes[0].Val.IsKnown() {
		lit := *x
		lit.Source = &hclsyntax.LiteralValueExpr{Val: pf.nodes[0].Val, SrcRange: x.Source.Range()}
		gx = &lit
	}
	n := e.generic(gx)
	n.Range = x.SrcRange
	var src *Node
	if pf != nil && !pf.said {
		src = pf.nodes[0]
	} else if pf == nil && !n.Val.IsKnown() {
		// Not weighed (preflight left it to hcl): evaluated here, as
		// splatLocated would, to find a conditional's branches.
		if src = e.expr(x.Source); !src.Val.IsKnown() && len(src.Alts()) > 0 && altLeaves(src) <= maxForks {
			return e.splatAlts(x, src)
		}
	}
	return e.splatLocated(x, n, src)
}

// splatAlts is the splat x over src, a conditional's value: over each of
// its branches, located.
func (e *env) splatAlts(x *hclsyntax.SplatExpr, src *Node) *Node {
	return e.overAlts(src, x.SrcRange, func(a *Node) *Node {
		if !a.Val.IsKnown() {
			if len(a.Alts()) > 0 {
				return e.splatAlts(x, a)
			}
			return unknownNode(x.SrcRange)
		}
		lit := *x
		lit.Source = &hclsyntax.LiteralValueExpr{Val: a.Val, SrcRange: x.Source.Range()}
		n := e.generic(&lit)
		n.Range = x.SrcRange
		return e.splatLocated(x, n, a)
	})
}

// splatLocated locates n, the value of the splat x, in the elements of its
// source src (evaluated again when nil).
func (e *env) splatLocated(x *hclsyntax.SplatExpr, n, src *Node) *Node {
	v := n.Val
	if !v.IsKnown() || v.IsNull() || !(v.Type().IsListType() || v.Type().IsTupleType()) || v.LengthInt() == 0 {
		return n
	}
	var steps hcl.Traversal
	switch each := x.Each.(type) {
	case *hclsyntax.AnonSymbolExpr:
		if each != x.Item {
			return n
		}
	case *hclsyntax.RelativeTraversalExpr:
		if s, ok := each.Source.(*hclsyntax.AnonSymbolExpr); !ok || s != x.Item {
			return n
		}
		steps = each.Traversal
	default:
		return n
	}
	// The source located: preflight's, when it evaluated it and said
	// nothing of it (what it said is dropped: an evaluation again says it).
	if src == nil {
		src = e.expr(x.Source)
	}
	sv := src.Val
	if !sv.IsKnown() || sv.IsNull() {
		return n
	}
	if st := sv.Type(); !st.IsListType() && !st.IsTupleType() && !st.IsSetType() {
		// A single value (var.arn[*]): hcl makes it a tuple of one
		// element (LengthInt of a string or number panics).
		if v.LengthInt() != 1 {
			return n
		}
		el := src
		if len(steps) > 0 {
			el = e.applySteps(el, steps, x.SrcRange)
		}
		if el == nil || !el.Val.RawEquals(v.Index(cty.NumberIntVal(0))) {
			return n
		}
		n.Elems = []*Node{el}
		return n
	}
	if sv.LengthInt() != v.LengthInt() {
		return n
	}
	// A set's elements are read in its order (hcl's too): by its nodes,
	// when it has them all (alignSetElems), not by Index (a walk each).
	if !(sv.Type().IsListType() || sv.Type().IsTupleType()) && !(sv.Type().IsSetType() && len(src.Elems) == sv.LengthInt()) {
		return n
	}
	elems := make([]*Node, 0, v.LengthInt())
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		el := src.Index(i)
		if el == nil {
			return n
		}
		if len(steps) > 0 {
			el = e.applySteps(el, steps, x.SrcRange)
		}
		if el == nil || !el.Val.RawEquals(ev) {
			return n
		}
		elems = append(elems, el)
	}
	n.Elems = elems
	return n
}

// maxSplats bounds the splat operators of one expression (hcl evaluates
// the ones nested in a splat itself): each nests the elements it reaches
// once more, so that their number grows with them. Real configurations
// have one or two.
const maxSplats = 8

// splats counts the splat operators in x.
func splats(x hclsyntax.Expression) int {
	n := 0
	_ = hclsyntax.VisitAll(x, func(node hclsyntax.Node) hcl.Diagnostics {
		if _, ok := node.(*hclsyntax.SplatExpr); ok {
			n++
		}
		return nil
	})
	return n
}

// uniformList converts a known tuple whose elements all have one primitive
// type to the list type ty directly: go-cty's conversion unifies the element
// types pairwise, which is quadratic (sort() of a 5,000-string literal took
// seconds). The list shares the tuple's internal slice when it can be read
// (cty's values are never changed): AsValueSlice and ListVal made a number
// of each index and two copies of the elements at each call.
func uniformList(v cty.Value, ty cty.Type) (cty.Value, bool) {
	et, ok := uniformTuple(v, ty)
	if !ok {
		return cty.NilVal, false
	}
	if raw, _, _, ok := rawElems(v); ok {
		return ctyraw.Make(cty.List(et), raw), true
	}
	return cty.ListVal(v.AsValueSlice()), true
}

// uniformTuple reports whether uniformList converts v to ty, and the
// element type of the list.
func uniformTuple(v cty.Value, ty cty.Type) (cty.Type, bool) {
	if !ty.IsListType() || !v.Type().IsTupleType() {
		return cty.NilType, false
	}
	// Asked first: a tuple of objects is refused without a walk.
	if tys := v.Type().TupleElementTypes(); len(tys) == 0 || !tys[0].IsPrimitiveType() {
		return cty.NilType, false
	}
	return uniformElems(v, ty)
}

// uniformConvert converts v to ty, a list, set or map type, when v is a
// known tuple (for a map: object) of at least two elements (attributes)
// that all have one type, other than dynamic, which ty's element type is
// or takes (dynamic): the collection of v's elements, built directly. That
// is go-cty's result (the unified type of equal types is that type, and no
// element is converted), which go-cty finds by comparing every pair of the
// element types, even equal (sortTypes): setsubtract, setintersection of
// 60,000 strings, transpose or tomap of 60,000 attributes, tolist of
// 60,000 objects each ran past 60 s (red team 21). uniformList's list of a
// primitive type shares the tuple's internal slice.
func uniformConvert(v cty.Value, ty cty.Type) (cty.Value, bool) {
	if lv, ok := uniformList(v, ty); ok {
		return lv, true
	}
	et, ok := uniformElems(v, ty)
	if !ok {
		return cty.NilVal, false
	}
	switch {
	case ty.IsMapType():
		m := make(map[string]cty.Value, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, el := it.Element()
			m[k.AsString()] = el
		}
		return cty.MapVal(m), true
	case ty.IsSetType():
		return cty.SetVal(v.AsValueSlice()), true
	}
	if raw, _, _, ok := rawElems(v); ok {
		return ctyraw.Make(cty.List(et), raw), true
	}
	return cty.ListVal(v.AsValueSlice()), true
}

// uniformElems reports whether uniformConvert converts v to ty, and the
// element type of the collection.
func uniformElems(v cty.Value, ty cty.Type) (cty.Type, bool) {
	if v.IsNull() || !v.IsKnown() || v.IsMarked() {
		return cty.NilType, false
	}
	vt := v.Type()
	var et cty.Type
	switch {
	case (ty.IsListType() || ty.IsSetType()) && vt.IsTupleType():
		tys := vt.TupleElementTypes()
		if len(tys) < 2 {
			return cty.NilType, false
		}
		et = tys[0]
		for _, t := range tys[1:] {
			if !t.Equals(et) {
				return cty.NilType, false
			}
		}
	case ty.IsMapType() && vt.IsObjectType():
		ats := vt.AttributeTypes()
		if len(ats) < 2 {
			return cty.NilType, false
		}
		for _, t := range ats {
			if et == cty.NilType {
				et = t
			} else if !t.Equals(et) {
				return cty.NilType, false
			}
		}
	default:
		return cty.NilType, false
	}
	if et == cty.DynamicPseudoType || et.HasDynamicTypes() {
		return cty.NilType, false
	}
	if want := ty.ElementType(); want != cty.DynamicPseudoType && !want.Equals(et) {
		return cty.NilType, false
	}
	if !ctyraw.WhollyKnown(v) {
		return cty.NilType, false
	}
	return et, true
}

// partialInput keeps the known elements of a partial list (see partialList)
// given to a variable of list or set type, converted to its element type;
// nil when n is not partial or an element does not convert.
func partialInput(n *Node, ty cty.Type) *Node {
	if n.Val.IsKnown() || len(n.Elems) == 0 || len(n.Alts()) > 0 || !(ty.IsListType() || ty.IsSetType()) {
		return nil
	}
	et := ty.ElementType()
	elems := make([]*Node, 0, len(n.Elems))
	for _, el := range n.Elems {
		ev, err := convert.Convert(el.Val, et)
		if err != nil {
			return nil
		}
		c := *el
		c.Val = ev
		elems = append(elems, &c)
	}
	return &Node{Val: cty.UnknownVal(ty), Range: n.Range, Elems: elems}
}
