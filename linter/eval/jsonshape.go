package eval

import (
	"math"
	"slices"
	"strings"
	"unsafe"

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
			size += ev.valueBytes(c.Val, maxValueBytes)
		}
		ok = 3*size <= maxValueBytes
	}
	rng := x.Range()
	if !ok {
		for _, c := range args {
			ev.materialize(c)
		}
		concat := func(args []*Node) *Node {
			if e.tooLargeArgs("concat", rng, args) {
				return unknownNode(rng)
			}
			return e.concat(x, args, rng)
		}
		if n := e.forkAlts(args, rng, concat); n != nil {
			return n
		}
		return concat(args)
	}
	n := ev.newNode()
	n.Range = rng
	n.Elems = make([]*Node, 0, total)
	for _, c := range args {
		n.Elems = append(n.Elems, c.Elems...)
	}
	return n
}

// valueBytes is stringBytes(v, limit), remembered for a list, tuple, map
// or object value (by the very value: ctyraw.Same) whose count was within
// its limit, so exact: concat's argument is often a local
// (Statement = concat([...], local.more)) that each of a module's policies
// refers to.
func (ev *evaluator) valueBytes(v cty.Value, limit int) int {
	if !ctyraw.Fast() {
		return stringBytes(v, limit)
	}
	switch ctyraw.Raw(v).(type) {
	case []any, map[string]any:
	default:
		return stringBytes(v, limit)
	}
	words := *(*[4]uintptr)(unsafe.Pointer(&v))
	slot := &ev.sizes[(words[3]>>4^words[3]>>10)%uintptr(len(ev.sizes))]
	if ctyraw.Same(slot.v, v) && slot.n <= limit {
		return slot.n
	}
	n := stringBytes(v, limit)
	if n <= limit {
		*slot = sizeSlot{v: v, n: n}
	}
	return n
}

// sizeSlot is a value whose stringBytes is n.
type sizeSlot struct {
	v cty.Value
	n int
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
	if !e.csetOK {
		e.cset, e.csetOK = e.consts.constSet(), true
	}
	return e.cset.has(x)
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
// their names sorted, each member or element as jsonText.elem writes it.
func appendShape(buf []byte, n *Node, limit int) ([]byte, bool) {
	w := jsonText{buf: buf, limit: limit}
	ok := w.shape(n)
	return w.buf, ok
}

// shape writes the text of the shape n (appendShape).
func (w *jsonText) shape(n *Node) bool {
	if w.over() {
		return false
	}
	if n.kp == nil {
		w.open('[', len(n.Elems))
		for i, c := range n.Elems {
			w.sep(i)
			if !w.shapeElem(c) {
				return false
			}
		}
		w.close(']')
		return true
	}
	kids := n.kids()
	keys := n.Keys[:len(kids)]
	for i, k := range keys {
		if !ctyraw.ASCII(k) || kids[i] == nil {
			// cty.ObjectVal normalizes a name that is not ASCII.
			return false
		}
	}
	w.open('{', len(keys))
	if w.count {
		// In any order.
		for i, k := range keys {
			if !w.key(k) || !w.shapeElem(kids[i]) {
				return false
			}
		}
		return true
	}
	var small [16]int
	order := small[:0]
	for i := range keys {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	for j, i := range order {
		w.sep(j)
		if !w.key(keys[i]) || !w.shapeElem(kids[i]) {
			return false
		}
	}
	w.close('}')
	return true
}

// shapeElem writes the text of c, a member or element of a shape: a
// shape, or a node with a value (elem).
func (w *jsonText) shapeElem(c *Node) bool {
	switch {
	case c == nil:
		return false
	case isShape(c):
		return w.shape(c)
	case c.Val == cty.NilVal:
		return false
	}
	return w.elem(c.Val)
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
	return ctyraw.StringVal(str, ctyraw.ASCIIText(str))
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
// node with nothing else done, whenever it is written) and Options.KeepText
// reports none of its strings, without writing it: jsonText's walk,
// counting, with KeepText asked through the evaluator's keepMemo (call
// asks only when KeepText is set).
func (ev *evaluator) lazyTextOK(n *Node) bool {
	if ev.keeps == nil {
		ev.keeps, _ = ev.opts.keepMemos.Get().(*keepMemo)
		if ev.keeps == nil {
			ev.keeps = &keepMemo{f: ev.opts.KeepText}
		}
	}
	w := jsonText{count: true, memo: ev.keeps, limit: maxShortJSON}
	if w.shape(n) {
		return w.total <= maxShortJSON
	}
	if w.total <= maxShortJSON {
		return false // a string KeepText reports, or a value appendShape does not write
	}
	// Past the limit counting six bytes a byte of each string: counted
	// again, exactly (a policy of 30,000 resources, 900 KB, counted as 4.4
	// MB, was written for each of the 1,000 instances of its resource).
	w = jsonText{count: true, exact: true, memo: ev.keeps, limit: maxShortJSON}
	return w.shape(n) && w.total <= maxShortJSON
}

// keepMemo remembers what keep (Options.KeepText) said of the strings it
// was last asked about, by the string's bytes (their address and length:
// the same bytes, so the same answer). The strings of the jsonencode
// arguments of a module's resources are most often the same strings in
// each instance (member names and plain strings of the syntax, a
// variable's elements: shared, not copied), which lazyTextOK would scan
// again in each. A slot holds its string, so its bytes are never another
// string's while it is there.
type keepMemo struct {
	f     func(string) bool
	slots [256]keepSlot
	// vals holds the counts of the lists, tuples, maps and objects last
	// walked (countValue): a module's variable (Action = var.actions) is
	// the same value in each of its resources.
	vals [64]countSlot
	// xvals holds those of the exact counts (jsonText.exact), apart: a
	// value counted both ways, in each instance, is found in both.
	xvals [64]countSlot
}

// countSlot is what jsonText's count of v found: the bytes counted and
// whether it went through.
type countSlot struct {
	v     cty.Value
	total int
	ok    bool
}

// countValue is w.value(v) counting (w.memo set) for a list, tuple, map or
// object v, its count remembered by the value (ctyraw.Same: the very
// value, which is never changed once made). The count is made from
// nothing (a walk of its own, which the limit stops no sooner than the
// walk of the whole would), then added: what lazyTextOK finds of the whole
// is the same.
func (w *jsonText) countValue(v cty.Value) bool {
	words := *(*[4]uintptr)(unsafe.Pointer(&v))
	vals := &w.memo.vals
	if w.exact {
		vals = &w.memo.xvals
	}
	slot := &vals[(words[3]>>4^words[3]>>10)%uintptr(len(vals))]
	if !ctyraw.Same(slot.v, v) {
		c := jsonText{count: true, exact: w.exact, memo: w.memo, limit: w.limit}
		ok := c.value(v)
		*slot = countSlot{v: v, total: c.total, ok: ok}
	}
	w.total += slot.total
	return slot.ok
}

type keepSlot struct {
	s    string
	keep bool
}

// keep is f(s), remembered.
func (m *keepMemo) keep(s string) bool {
	if s == "" {
		return m.f(s) // no bytes to tell it by (an empty slot's string)
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	slot := &m.slots[(p>>3^p>>11^uintptr(len(s)))%uintptr(len(m.slots))]
	if len(slot.s) == len(s) && unsafe.StringData(slot.s) == unsafe.StringData(s) {
		return slot.keep
	}
	k := m.f(s)
	*slot = keepSlot{s: s, keep: k}
	return k
}
