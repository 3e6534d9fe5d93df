package eval

import (
	"math"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

// The argument of jsonencode is most often an object or tuple constructor
// (a policy literal), and what reads it is its JSON text (the call's
// value) and its located members (Node.JSONArg, which package extract turns
// into the policy): the cty value of each object and tuple in it is built
// only to be encoded once and dropped. So the constructors of such an
// argument (the argument itself and the constructors that are directly its
// members or elements, at any depth) are evaluated as shapes: nodes with
// their members or elements and no value (Val is cty.NilVal, as a
// resource's body), and the text is written from the nodes (appendShape),
// as appendJSON writes the value they stand for. When the text cannot be
// written so (an unknown or dynamic-typed part, a text past maxShortJSON,
// a key that is not ASCII), the values are built (materialize) and the
// call goes the general way, as if they had been built all along.
//
// A shape node is a node whose Val is cty.NilVal with members (IsObject)
// or elements (Elems non-nil); its members and elements are shapes or
// nodes with a value, and no node with a value holds a shape. Readers of
// Node.JSONArg take it as the object or tuple it stands for (package
// extract's nodeTree does).
//
// TestJSONShapesMatchValues compares the texts and the nodes with those
// built with the values.

// lazyJSON turns the shapes on (tests compare with the values built).
var lazyJSON = true

// shapeArg reports whether the argument of the call x is evaluated as a
// shape: jsonencode with one argument outside a plan's source (whose
// values a plan merge reads).
func (e *env) shapeArg(x *hclsyntax.FunctionCallExpr, name string) bool {
	return lazyJSON && name == "jsonencode" && len(x.Args) == 1 && !x.ExpandFinal && e.s.ev.opts.Known == nil
}

// shape evaluates x as a shape when it is an object or tuple constructor
// that expr would not take from the constant expressions (those are
// shared, with their values), else as expr does.
func (e *env) shape(x hcl.Expression) *Node {
	switch t := x.(type) {
	case *hclsyntax.ObjectConsExpr:
		if e.cached(x) {
			return e.constNode(x)
		}
		return e.objectShape(t, true)
	case *hclsyntax.TupleConsExpr:
		if e.cached(x) {
			return e.constNode(x)
		}
		return e.tuple(t, true)
	case *hclsyntax.FunctionCallExpr:
		if n := e.concatShape(t); n != nil {
			return n
		}
	}
	return e.expr(x)
}

// concatShapes turns concatShape on (tests compare with the values built).
var concatShapes = true

// concatShape evaluates x, a call of concat in a shape (a policy's
// Statement = concat([...], local.more)), as a tuple shape of the elements
// of its arguments, evaluated as shapes: what concat makes of them
// (concatTuples, located elements), without its value (nor those of the
// objects and tuples its arguments spell out), when each argument is a
// tuple shape or a tuple value located element by element (locatedTuple)
// and they are far from too large. Otherwise the arguments' values are
// built (materialize) and concat goes the way call takes it.
// nil, with nothing evaluated, when x is not a call of concat, or when
// expr would not call it (a constant expression it takes from the cache,
// a .tfvars value, the depth bound).
func (e *env) concatShape(x *hclsyntax.FunctionCallExpr) *Node {
	ev := e.s.ev
	if !concatShapes || x.ExpandFinal || len(x.Args) == 0 || ev.static || ev.evalDepth >= maxEvalDepth ||
		strings.TrimPrefix(x.Name, "core::") != "concat" || e.cached(x) {
		return nil
	}
	ev.evalDepth++ // as expr counts the call
	defer func() { ev.evalDepth-- }()
	var small [4]*Node
	args := small[:0]
	total, ok := 0, true
	for _, a := range x.Args {
		c := e.shape(a)
		args = append(args, c)
		switch {
		case isShape(c) && c.kp == nil && len(c.Elems) <= maxMixed:
			total += len(c.Elems)
		case !isShape(c) && locatedTuple(c):
			total += len(c.Elems)
		default:
			ok = false
		}
	}
	// What tooLargeArgs and concat's tooLarge count, bounded above: a
	// concat that says its value is too large goes the way call takes it.
	// (shapeBytes counts an object shape's names as written, which the
	// value has in NFC: at most three times longer.)
	size := 0
	for _, c := range args {
		if !ok {
			break
		}
		if isShape(c) {
			size += shapeBytes(c, maxValueBytes)
		} else {
			size += stringBytes(c.Val, maxValueBytes)
		}
		ok = 3*size <= maxValueBytes
	}
	rng := x.Range()
	if !ok {
		for _, c := range args {
			ev.materialize(c)
		}
		if e.tooLargeArgs("concat", rng, args) {
			return unknownNode(rng)
		}
		return e.concat(x, args, rng)
	}
	n := ev.newNode()
	n.Range = rng
	n.Elems = make([]*Node, 0, total)
	for _, c := range args {
		n.Elems = append(n.Elems, c.Elems...)
	}
	return n
}

// locatedTuple reports whether n holds a known, non-null, unmarked tuple
// that concatTuples takes (not too mixed) and whose elements are its
// Elems: each element's value is the very value of the tuple's element
// (ctyraw.Same), so the tuple of Elems' values is n's.
func locatedTuple(n *Node) bool {
	v := n.Val
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || v.IsMarked() || !v.Type().IsTupleType() || tooMixed(v) ||
		len(n.Elems) != v.LengthInt() || !ctyraw.Fast() {
		return false
	}
	raw, ok := ctyraw.Raw(v).([]any)
	if !ok || len(raw) != len(n.Elems) {
		return false
	}
	tys := v.Type().TupleElementTypes()
	for i, c := range n.Elems {
		if c == nil || !ctyraw.Same(c.Val, ctyraw.Make(tys[i], raw[i])) {
			return false
		}
	}
	return true
}

// cached reports whether expr takes x from the constant expressions
// (constNode): an expression evaluated once gains nothing from the cache.
func (e *env) cached(x hcl.Expression) bool {
	if e.consts == nil || e.once() {
		return false
	}
	_, ok := e.consts.constSet()[x]
	return ok
}

// namedShape is named for a member or element of a shape.
func (e *env) namedShape(x hcl.Expression, nameRange *hcl.Range) *Node {
	switch t := x.(type) {
	case *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr:
		c := e.shape(x)
		c.setNameAt(nameRange)
		return c
	case *hclsyntax.FunctionCallExpr:
		if c := e.concatShape(t); c != nil {
			c.setNameAt(nameRange) // a node of its own, as named's of a call
			return c
		}
	}
	return e.named(x, nameRange)
}

// isShape reports whether n is a shape node.
func isShape(n *Node) bool {
	return n.Val == cty.NilVal && (n.kp != nil || n.Elems != nil)
}

// materialize builds the values of the shape n and of the shapes it holds,
// in place, as object and tuple (expr1) build them.
func (ev *evaluator) materialize(n *Node) {
	if !isShape(n) {
		return
	}
	if n.kp != nil {
		kids := n.kids()
		for _, c := range kids {
			if c != nil {
				ev.materialize(c)
			}
		}
		var own []string
		n.Val, own = ev.objectValOf(n.Keys[:len(kids)], kids)
		n.setKidsAt(own, kids, n.keyIndex())
		return
	}
	for _, c := range n.Elems {
		ev.materialize(c)
	}
	n.Val = ev.tupleOf(n.Elems)
}

// encodeShape returns the JSON text of the shape n, what encodeShort
// returns for its value (false: not written so; see above).
func (ev *evaluator) encodeShape(n *Node) (string, bool) {
	return ev.shortText(appendShape(ev.jsonBuf[:0], n, maxShortJSON))
}

// appendShape appends the JSON text of the value the shape n stands for
// to buf, as appendJSONMax writes that value: the members of an object by
// their names sorted, each member or element as appendJSONElem writes it.
func appendShape(buf []byte, n *Node, limit int) ([]byte, bool) {
	if len(buf) > limit {
		return buf, false
	}
	var ok bool
	if n.kp == nil {
		buf = append(buf, '[')
		for i, c := range n.Elems {
			if i > 0 {
				buf = append(buf, ',')
			}
			if buf, ok = appendShapeElem(buf, c, limit); !ok {
				return buf, false
			}
		}
		return append(buf, ']'), true
	}
	kids := n.kids()
	keys := n.Keys[:len(kids)]
	var small [16]int
	order := small[:0]
	for i, k := range keys {
		if !ctyraw.ASCII(k) || kids[i] == nil {
			// cty.ObjectVal normalizes a name that is not ASCII.
			return buf, false
		}
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	buf = append(buf, '{')
	for j, i := range order {
		if j > 0 {
			buf = append(buf, ',')
		}
		buf = appendJSONString(buf, keys[i])
		buf = append(buf, ':')
		if buf, ok = appendShapeElem(buf, kids[i], limit); !ok {
			return buf, false
		}
	}
	return append(buf, '}'), true
}

// appendShapeElem is appendShape for a member or element c: a shape, or
// a node with a value (appendJSONElem).
func appendShapeElem(buf []byte, c *Node, limit int) ([]byte, bool) {
	if c == nil {
		return buf, false
	}
	if isShape(c) {
		return appendShape(buf, c, limit)
	}
	if c.Val == cty.NilVal {
		return buf, false
	}
	return appendJSONElem(buf, c.Val, limit)
}

// unknownShapes turns unknownShapeJSON on (tests compare with the values
// built).
var unknownShapes = true

// unknownShapeJSON returns what jsonencode returns for the shape n when the
// value it stands for holds an unknown (ok false otherwise, or when that
// is not told without the value): the unknown text of an object or tuple
// (partlyUnknownJSON), the shape left as it is. The values of a policy of a
// module evaluated with unknown variables are not built only to be found
// unknown. The general way says the value is too large where stringBytes
// would count more than maxValueBytes: so is it left to it.
func (e *env) unknownShapeJSON(n *Node) (cty.Value, bool) {
	if !unknownShapes {
		return cty.NilVal, false
	}
	unknown, ok := shapeUnknown(n)
	if !ok || !unknown || shapeBytes(n, maxValueBytes) > maxValueBytes {
		return cty.NilVal, false
	}
	if n.kp != nil {
		return unknownJSONObject, true
	}
	return unknownJSONTuple, true
}

// shapeUnknown reports whether the value the shape n stands for holds an
// unknown (ctyraw.ScanUnknown of it); ok is false when it cannot tell (a
// mark, a key that is not ASCII, which the value's object normalizes, a
// member that is neither a shape nor a value).
func shapeUnknown(n *Node) (unknown, ok bool) {
	var elems []*Node
	if n.kp != nil {
		elems = n.kids()
		if len(n.Keys) < len(elems) {
			return false, false
		}
		for _, k := range n.Keys[:len(elems)] {
			if !ctyraw.ASCII(k) {
				return false, false
			}
		}
	} else {
		elems = n.Elems
	}
	for _, c := range elems {
		var u bool
		switch {
		case c == nil:
			return false, false
		case isShape(c):
			u, ok = shapeUnknown(c)
		case c.Val == cty.NilVal:
			return false, false
		default:
			u, ok = ctyraw.ScanUnknown(c.Val)
		}
		if !ok {
			return false, false
		}
		unknown = unknown || u
	}
	return unknown, true
}

// shapeBytes is stringBytes of the value the shape n stands for (whose
// keys are ASCII: shapeUnknown), counted up to past limit.
func shapeBytes(n *Node, limit int) int {
	total := 0
	add := func(c *Node) {
		if isShape(c) {
			total += shapeBytes(c, limit-total)
		} else {
			total += stringBytes(c.Val, limit-total)
		}
	}
	if n.kp != nil {
		kids := n.kids()
		for i, k := range n.Keys[:len(kids)] {
			if total > limit {
				break
			}
			total += elementBytes + len(k)
			add(kids[i])
		}
		return total
	}
	for _, c := range n.Elems {
		if total > limit {
			break
		}
		total += elementBytes
		add(c)
	}
	return total
}

// lazyTexts leaves the text of a jsonencode call unwritten where the call
// is the whole expression of an attribute of a resource's body (policy =
// jsonencode({...}), the usual way to write a policy), its argument is a
// shape whose text appendShape writes, and none of its strings is one that
// Options.KeepText reports. What reads such a policy is package extract,
// which builds it from the located argument (Node.JSONArg) and takes its
// size from that structure: the text was most often written only to be
// dropped (with its scan for credentials, which KeepText makes sure find
// nothing in it). The node's Val is then cty.NilVal (LazyJSON); Value and
// JSONText give the text, written when asked. Readers in this package (a
// reference to the attribute, the resource's value) set Val first
// (forceJSON); readers after the evaluation, which run on several
// goroutines, write nothing: they ask for the text when they need it (a
// text that may be a rendered document's). Tests compare with the texts
// written at once (lazyTexts off).
var lazyTexts = true

// LazyJSON reports whether n is a jsonencode call's node whose text was
// left unwritten (see lazyTexts): its Val is cty.NilVal, Value gives it.
func (n *Node) LazyJSON() bool {
	return n.Val == cty.NilVal && n.more != nil && n.more.json != nil && n.kp == nil && n.Elems == nil
}

// Value is n.Val, with the text of a LazyJSON node written (not kept in
// n: see lazyTexts).
func (n *Node) Value() cty.Value {
	if !n.LazyJSON() {
		return n.Val
	}
	return jsonTextVal(n.more.json)
}

// JSONText returns the text of a LazyJSON node (false for any other).
func (n *Node) JSONText() (string, bool) {
	if !n.LazyJSON() {
		return "", false
	}
	buf, ok := appendShape(nil, n.more.json, math.MaxInt)
	if !ok {
		return "", false // never, for a shape lazyTextOK accepted
	}
	return string(buf), true
}

// JSONKeys returns the member names of the object the text of the
// LazyJSON node n is, and whether it is one (an array otherwise).
func (n *Node) JSONKeys() ([]string, bool) {
	if !n.LazyJSON() || n.more.json.kp == nil {
		return nil, false
	}
	a := n.more.json
	return a.Keys[:len(a.kids())], true
}

// jsonTextVal is the string jsonencode returns for the shape arg, which
// lazyTextOK accepted: what call makes of encodeShape's text.
func jsonTextVal(arg *Node) cty.Value {
	buf, ok := appendShape(nil, arg, math.MaxInt)
	if !ok {
		// Never, for a shape lazyTextOK accepted: unknown, not a text cut short.
		return cty.UnknownVal(cty.String)
	}
	str := string(buf)
	return ctyraw.StringVal(str, ctyraw.ASCII(str))
}

// forceJSON sets the Val of a LazyJSON node n (the evaluation's own
// readers, on its goroutine).
func forceJSON(n *Node) {
	if n != nil && n.LazyJSON() {
		n.Val = jsonTextVal(n.more.json)
	}
}

// lazyTextOK reports whether appendShape writes the text of the shape n
// within maxShortJSON bytes (then encodeShape returns it, and call its
// node with nothing else done, whenever it is written) and keep reports
// none of its strings, without writing it.
func lazyTextOK(n *Node, keep func(string) bool) bool {
	b := textBound{keep: keep, limit: maxShortJSON}
	return b.shape(n) && b.total <= maxShortJSON
}

// textBound adds to total at least the length of the text appendShape
// writes, walking what it writes; its methods return false where
// appendShape declines, or when keep reports a string. It stops (true) as
// soon as total is past limit.
type textBound struct {
	keep         func(string) bool
	total, limit int
}

// quoted counts the string s quoted by appendJSONString (an escape is at
// most six bytes for one), and asks keep.
func (b *textBound) quoted(s string) bool {
	b.total += 6*len(s) + 2
	return !b.keep(s)
}

// shape is for appendShape.
func (b *textBound) shape(n *Node) bool {
	if n.kp == nil {
		b.total += 2 + len(n.Elems)
		for _, c := range n.Elems {
			if b.total > b.limit {
				return true
			}
			if !b.shapeElem(c) {
				return false
			}
		}
		return true
	}
	kids := n.kids()
	keys := n.Keys[:len(kids)]
	b.total += 2 + len(kids)
	for i, k := range keys {
		if !ctyraw.ASCII(k) || kids[i] == nil {
			return false
		}
	}
	for i, k := range keys {
		if b.total > b.limit {
			return true
		}
		if !b.quoted(k) || !b.shapeElem(kids[i]) {
			return false
		}
	}
	return true
}

// shapeElem is for appendShapeElem.
func (b *textBound) shapeElem(c *Node) bool {
	switch {
	case c == nil:
		return false
	case isShape(c):
		return b.shape(c)
	case c.Val == cty.NilVal:
		return false
	}
	return b.elem(c.Val)
}

// elem is for appendJSONElem.
func (b *textBound) elem(v cty.Value) bool {
	if ctyraw.Fast() {
		// A known, unmarked string (the internal value of no other).
		if s, ok := ctyraw.Raw(v).(string); ok {
			return b.quoted(s)
		}
	}
	if v.Type() == cty.DynamicPseudoType {
		return false
	}
	return b.value(v)
}

// value is for appendJSONMax: it declines where appendJSONMax does.
func (b *textBound) value(v cty.Value) bool {
	if b.total > b.limit {
		return true
	}
	if v.IsMarked() || !v.IsKnown() {
		return false
	}
	if v.IsNull() {
		b.total += 4
		return true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return b.quoted(v.AsString())
	case ty == cty.Number:
		if v.RawEquals(cty.PositiveInfinity) || v.RawEquals(cty.NegativeInfinity) {
			return false
		}
		var small [64]byte
		b.total += len(v.AsBigFloat().Append(small[:0], 'f', -1))
		return true
	case ty == cty.Bool:
		b.total += 5
		return true
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		if (ty.IsListType() || ty.IsSetType()) && ty.ElementType() == cty.DynamicPseudoType {
			return false
		}
		n := v.LengthInt()
		b.total += 2 + n
		var raw []any
		if ctyraw.Fast() && !ty.IsSetType() {
			raw, _ = ctyraw.Raw(v).([]any)
		}
		if raw != nil && len(raw) == n {
			// The elements read off the internal value, as ScanUnknown
			// reads them: v.Index converts the index to an int each time.
			var et cty.Type
			var ets []cty.Type
			if ty.IsTupleType() {
				ets = ty.TupleElementTypes()
			} else {
				et = ty.ElementType()
			}
			for i, e := range raw {
				if b.total > b.limit {
					return true
				}
				if ets != nil {
					et = ets[i]
				}
				if !b.elem(ctyraw.Make(et, e)) {
					return false
				}
			}
			return true
		}
		if !ty.IsSetType() {
			for i := 0; i < n; i++ {
				if b.total > b.limit {
					return true
				}
				if !b.elem(v.Index(indexKey(i))) {
					return false
				}
			}
			return true
		}
		for it := v.ElementIterator(); it.Next(); {
			if b.total > b.limit {
				return true
			}
			if _, ev := it.Element(); !b.elem(ev) {
				return false
			}
		}
		return true
	case ty.IsMapType():
		if ty.ElementType() == cty.DynamicPseudoType {
			return false
		}
		b.total += 2 + v.LengthInt()
		for it := v.ElementIterator(); it.Next(); {
			if b.total > b.limit {
				return true
			}
			ek, ev := it.Element()
			if !b.quoted(ek.AsString()) || !b.elem(ev) {
				return false
			}
		}
		return true
	case ty.IsObjectType():
		atys := ty.AttributeTypes()
		for _, at := range atys {
			if at == cty.DynamicPseudoType {
				return false
			}
		}
		b.total += 2 + len(atys)
		for k, at := range atys {
			if b.total > b.limit {
				return true
			}
			if !b.quoted(k) || !b.elem(attrVal(v, k, at)) {
				return false
			}
		}
		return true
	}
	return false
}
