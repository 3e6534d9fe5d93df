package extract

import (
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// maxVariants bounds how many alternatives of one policy (both branches of
// each unknown condition) are built; past it the remaining conditionals are
// unknown.
const maxVariants = 16

// choices picks one branch of each conditional (eval.Node.Alts) met while
// building one variant of a policy.
type choices struct {
	pick    map[*eval.Node]int // nil until a branch is picked
	pending *eval.Node         // first conditional met with no branch picked
	arena   *treeArena         // where newTree allocates, when set
}

// treeArena holds the nodeTrees of one iam.FromTree call: FromTree makes one
// per member and element it reads (tens per policy) and keeps none of them
// once it returns, so the next call reuses them (reset).
type treeArena struct {
	buf  []nodeTree
	used int
	subs []*nodeTree // the trees of members and elements (nodeTree.sub)
}

// trees returns room for n trees of members or elements, from the
// arena's buffer.
func (a *treeArena) trees(n int) []*nodeTree {
	if len(a.subs)+n > cap(a.subs) {
		a.subs = make([]*nodeTree, 0, max(2*cap(a.subs), 64, n))
	}
	k := len(a.subs)
	a.subs = a.subs[:k+n]
	return a.subs[k : k+n : k+n]
}

func (a *treeArena) alloc() *nodeTree {
	if a.used == len(a.buf) {
		// The trees handed out stay where they are (still in use);
		// the next calls use the bigger buffer.
		a.buf, a.used = make([]nodeTree, max(2*len(a.buf), 32)), 0
	}
	a.used++
	return &a.buf[a.used-1]
}

// reset makes the trees handed out free again.
func (a *treeArena) reset() {
	clear(a.buf[:a.used]) // what they point to may go
	a.used = 0
	clear(a.subs)
	a.subs = a.subs[:0]
}

// r resolves n through the picked branches of its conditionals (one pick
// for the nodes of one eval.Node.Choice). A conditional with no pick is
// returned as is (unknown) and recorded.
func (c *choices) r(n *eval.Node) *eval.Node {
	for n != nil && len(n.Alts()) > 0 && !isKnown(n.Val) {
		if c == nil {
			return n
		}
		i, ok := c.pick[n.Choice()]
		if !ok {
			if c.pending == nil {
				c.pending = n
			}
			return n
		}
		n = n.Alts()[i]
	}
	return n
}

// variants builds one result per combination of the branches of the
// conditionals that build meets, up to maxVariants.
func variants[T any](build func(c *choices) T) []T {
	// The first variant on its own: most values hold no conditional, and
	// then it is the only one.
	c0 := &choices{}
	v0 := build(c0)
	if !moreVariants(c0) {
		return []T{v0}
	}
	return otherVariants(c0, build)
}

// moreVariants reports whether the first variant, built with c0 (no
// branch picked), met a conditional whose branches are to be built: then
// that first variant is not one of the results (otherVariants builds
// them), else it is the only one.
func moreVariants(c0 *choices) bool {
	p0 := c0.pending
	return p0 != nil && len(p0.Alts()) <= maxVariants
}

// otherVariants builds the variants of variants after the first one,
// built with c0, met a conditional (moreVariants).
func otherVariants[T any](c0 *choices, build func(c *choices) T) []T {
	p0 := c0.pending
	var out []T
	queue := make([]*choices, 0, len(p0.Alts()))
	for i := range p0.Alts() {
		queue = append(queue, &choices{pick: map[*eval.Node]int{p0.Choice(): i}})
	}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		c.pending = nil
		v := build(c)
		if p := c.pending; p != nil && len(out)+len(queue)+len(p.Alts()) <= maxVariants {
			for i := range p.Alts() {
				nc := make(map[*eval.Node]int, len(c.pick)+1)
				for k, x := range c.pick {
					nc[k] = x
				}
				nc[p.Choice()] = i
				queue = append(queue, &choices{pick: nc})
			}
			continue
		}
		out = append(out, v)
	}
	return out
}

func isKnown(v cty.Value) bool { return v != cty.NilVal && v.IsKnown() }

// docText returns the known string n holds, when it may be the rendered
// json of a data document (a key of byJSON): a jsonencode text left
// unwritten (eval.Node.LazyJSON) is written only when it may be one
// (mayBeRendered).
func docText(n *eval.Node) (string, bool) {
	if n.LazyJSON() {
		if !mayBeRendered(n) {
			return "", false
		}
		return n.JSONText()
	}
	if v := n.Val; isKnown(v) && !v.IsNull() && v.Type() == cty.String {
		return v.AsString(), true
	}
	return "", false
}

// mayBeRendered reports whether the text of the LazyJSON node n may be a
// rendered document's json (writeDoc, marshalDoc): an object whose members
// are some of Version, Id and Statement in that order. jsonencode writes
// the members by their names sorted (Id, Statement, Version), so a text
// with Version and another member, or any other member, is none.
func mayBeRendered(n *eval.Node) bool {
	keys, ok := n.JSONKeys()
	if !ok {
		return false
	}
	for _, k := range keys {
		switch k {
		case "Id", "Statement":
		case "Version":
			if len(keys) > 1 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isNull reports a known null (or absent) value.
func isNull(n *eval.Node) bool {
	if n == nil {
		return true
	}
	if _, ok := rawString(n.Val); ok {
		return false // a known string (most values asked), told without comparing values
	}
	return (n.Val == cty.NilVal && !n.IsObject() && n.Elems == nil && !n.LazyJSON()) ||
		(n.Val != cty.NilVal && n.Val.IsKnown() && n.Val.IsNull())
}

// nodeTree adapts a located evaluated value to iam.Tree.
type nodeTree struct {
	n    *eval.Node // resolved through the picked branches (choices.r)
	src  *eval.Node // as met: its NameRange is the key range
	c    *choices
	keys []string // Keys, once computed (iam.FromTree asks for them once per name it looks up)
	// kids holds, with keys, the member of each key, when they are all
	// the members Field finds for an ASCII name (see members).
	kids []*eval.Node
	// sub holds the trees of the members (by position in keys, with kids)
	// or elements made so far: iam.FromTree asks for some several times,
	// and CompactSize walks them all again.
	sub  []*nodeTree
	kind iam.TreeKind
	kset bool
}

// plainTrees makes nodeTrees look members up and make the trees of
// members and elements each time they are asked for (tests compare).
var plainTrees = false

func newTree(n *eval.Node, c *choices) *nodeTree {
	r := c.r(n)
	var t *nodeTree
	if c != nil && c.arena != nil {
		t = c.arena.alloc()
	} else {
		t = new(nodeTree)
	}
	*t = nodeTree{n: r, src: n, c: c, kind: nodeKind(r)}
	return t
}

func (t *nodeTree) Kind() iam.TreeKind { return t.kind }

// nodeKind is the iam.TreeKind of a resolved node.
func nodeKind(n *eval.Node) iam.TreeKind {
	v := n.Val
	if _, ok := rawString(v); ok {
		return iam.TreeString
	}
	if v == cty.NilVal {
		switch {
		case n.IsObject():
			return iam.TreeObject
		case n.Elems != nil:
			return iam.TreeArray
		}
		return iam.TreeNull
	}
	if !v.IsKnown() {
		if len(n.Alts()) == 0 && n.IsObject() && hasUnknownKey(n.Keys) {
			// An object unknown only because of an unknown key: its members
			// are known, the key is a partly known string (iam.UnknownPart).
			return iam.TreeObject
		}
		if len(n.Elems) > 0 && len(n.Alts()) == 0 {
			// A list of unknown length with known elements (concat of a
			// known and an unknown list): what is known is linted.
			return iam.TreeArray
		}
		return iam.TreeUnknown
	}
	return knownKind(v)
}

// valKind is nodeKind of a node that holds value v and nothing else (as
// eval.Node.Get and Index derive them).
func valKind(v cty.Value) iam.TreeKind {
	if _, ok := rawString(v); ok {
		return iam.TreeString
	}
	if v == cty.NilVal {
		return iam.TreeNull
	}
	if !v.IsKnown() {
		return iam.TreeUnknown
	}
	return knownKind(v)
}

// knownKind is the iam.TreeKind of a known value.
func knownKind(v cty.Value) iam.TreeKind {
	if v.IsNull() {
		return iam.TreeNull
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return iam.TreeString
	case ty == cty.Number:
		return iam.TreeNumber
	case ty == cty.Bool:
		return iam.TreeBool
	case ty.IsObjectType() || ty.IsMapType():
		return iam.TreeObject
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		return iam.TreeArray
	}
	return iam.TreeUnknown
}

func (t *nodeTree) Scalar() string {
	s, _ := scalarText(t.n.Val)
	return s
}

// hasUnknownKey reports whether an object node has a member under an
// unknown key (see eval's object constructor).
func hasUnknownKey(keys []string) bool {
	for _, k := range keys {
		if strings.Contains(k, eval.UnknownMarker) {
			return true
		}
	}
	return false
}

// rawString is eval.RawString, answering nothing when plainTrees is on.
func rawString(v cty.Value) (s string, ok bool) {
	if plainTrees {
		return "", false
	}
	return eval.RawString(v)
}

// scalarText returns the text of a known string, number or bool.
func scalarText(v cty.Value) (string, bool) {
	if s, ok := rawString(v); ok {
		return s, true
	}
	if !isKnown(v) || v.IsNull() {
		return "", false
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Number:
		return v.AsBigFloat().Text('f', -1), true
	case cty.Bool:
		if v.True() {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// PartialText is the known text of a partly unknown template string.
func (t *nodeTree) PartialText() string {
	if p := t.n.PartialOf(); p != nil && !isKnown(t.n.Val) {
		return strings.ReplaceAll(p.Text, eval.UnknownMarker, iam.UnknownPart)
	}
	return ""
}

func (t *nodeTree) Range() hcl.Range    { return t.n.Range }
func (t *nodeTree) KeyRange() hcl.Range { return t.src.NameRange() }

// Keys returns the object's keys: those of the source in source order, then
// those only the value knows, sorted. The slice is shared (with the node
// when the source lists them all): callers only read it.
func (t *nodeTree) Keys() []string {
	if !t.kset {
		t.members()
	}
	return t.keys
}

// members computes Keys and, for an object whose keys are all its members
// (a known object whose source lists exactly its attributes, as an object
// literal does: nodeKeys returns the node's own keys), its member under each
// key: Field then finds a member by its name in keys, with no map lookup
// (iam.FromTree looks up every element name of a statement, most of them
// absent, then reads the members again for the size of the policy).
//
// For such an object, Get finds an ASCII name that is not one of keys
// nowhere: not in the members (whose keys are keys) and not in the value (whose
// attributes are keys).
func (t *nodeTree) members() {
	n := t.n
	t.keys, t.kset = nodeKeys(n), true
	if plainTrees || t.kind != iam.TreeObject || n.Inst() != "" || len(t.keys) == 0 || len(n.Keys) != len(t.keys) ||
		&n.Keys[0] != &t.keys[0] || !knownObject(n) {
		return
	}
	// The node's own members, by position in its keys (t.keys).
	kids := n.Kids()
	if len(kids) != len(t.keys) {
		return
	}
	for _, c := range kids {
		if c == nil {
			return // (not an object literal after all: Get decides)
		}
	}
	t.kids = kids
}

// knownObject reports whether n is a known object: its value is, or it
// has members and no value (the shape of a jsonencode argument's object,
// or a body).
func knownObject(n *eval.Node) bool {
	if n.Val == cty.NilVal {
		return n.IsObject()
	}
	return n.Val.IsKnown() && !n.Val.IsNull() && n.Val.Type().IsObjectType()
}

// nodeKeys returns the keys of a resolved object node (nodeTree.Keys).
func nodeKeys(n *eval.Node) []string {
	v := n.Val
	if !isKnown(v) || v.IsNull() {
		return n.Keys
	}
	ty := v.Type()
	var all []string
	switch {
	case ty.IsObjectType():
		ats := ty.AttributeTypes()
		if sameKeys(n.Keys, ats) {
			// The source lists exactly the value's attributes (an object
			// literal): that is the order.
			return n.Keys
		}
		for k := range ats {
			all = append(all, k)
		}
	case ty.IsMapType():
		for it := v.ElementIterator(); it.Next(); {
			k, _ := it.Element()
			all = append(all, k.AsString())
		}
	default:
		return nil
	}
	sort.Strings(all)
	has := make(map[string]bool, len(all))
	for _, k := range all {
		has[k] = true
	}
	// Source order first, then what only the value knows.
	var out []string
	seen := map[string]bool{}
	for _, k := range n.Keys {
		if has[k] && !seen[k] {
			out = append(out, k)
			seen[k] = true
		}
	}
	for _, k := range all {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// sameKeys reports whether keys are the names of ats, each once.
func sameKeys(keys []string, ats map[string]cty.Type) bool {
	if len(keys) != len(ats) || len(keys) > 16 {
		return false
	}
	for i, k := range keys {
		if _, ok := ats[k]; !ok {
			return false
		}
		for _, p := range keys[:i] {
			if p == k {
				return false
			}
		}
	}
	return true
}

// FieldsInKeys tells iam.FromTree that Field finds an ASCII key only among
// Keys (iam.KeyedTree): so it does for an object whose members are its
// keys' (members).
func (t *nodeTree) FieldsInKeys() bool {
	if t.kind != iam.TreeObject {
		return false
	}
	if !t.kset {
		t.members()
	}
	return t.kids != nil
}

func (t *nodeTree) Field(key string) iam.Tree {
	if t.kind != iam.TreeObject {
		return nil
	}
	if !t.kset {
		t.members()
	}
	if t.kids != nil {
		for i, k := range t.keys {
			if k == key {
				if st := t.member(i); st != nil {
					return st
				}
				return nil
			}
		}
		if ctyraw.ASCII(key) {
			return nil
		}
	}
	c := t.n.Get(key)
	if c == nil {
		return nil
	}
	return newTree(c, t.c)
}

func (t *nodeTree) Len() int {
	if t.kind != iam.TreeArray {
		return 0
	}
	return nodeLen(t.n)
}

// nodeLen is the length of a resolved array node.
func nodeLen(n *eval.Node) int {
	if !isKnown(n.Val) {
		return len(n.Elems)
	}
	return n.Val.LengthInt()
}

// member returns the tree of the i-th member of an object with kids
// (nil when that member is nil), made once.
func (t *nodeTree) member(i int) *nodeTree {
	c := t.kids[i]
	if c == nil {
		return nil
	}
	if t.sub == nil {
		t.sub = t.subTrees(len(t.kids))
	}
	if t.sub[i] == nil {
		t.sub[i] = newTree(c, t.c)
	}
	return t.sub[i]
}

// elem returns the tree of the i-th element of an array (0 <= i < Len),
// nil when the node has none, made once.
func (t *nodeTree) elem(i int) *nodeTree {
	if t.sub == nil {
		if plainTrees {
			if c := t.n.Index(i); c != nil {
				return newTree(c, t.c)
			}
			return nil
		}
		t.sub = t.subTrees(nodeLen(t.n))
	}
	if t.sub[i] == nil {
		c := t.n.Index(i)
		if c == nil {
			return nil
		}
		t.sub[i] = newTree(c, t.c)
	}
	return t.sub[i]
}

// subTrees returns room for the trees of n members or elements.
func (t *nodeTree) subTrees(n int) []*nodeTree {
	if t.c != nil && t.c.arena != nil {
		return t.c.arena.trees(n)
	}
	return make([]*nodeTree, n)
}

// CompactSize is what iam's compactSize finds walking the tree (the same
// members in the same order, resolved through the same choices): over the
// trees made so far and their members (treeSize), else off the nodes
// without a nodeTree per member (nodeSize).
func (t *nodeTree) CompactSize() (int, bool) { return treeSize(t, 0) }

// treeSize is nodeSize(t.n, t.c, depth) through the trees of t's members
// and elements, where they are made (member, elem).
func treeSize(t *nodeTree, depth int) (int, bool) {
	if depth > iam.MaxSizeDepth {
		return 0, false
	}
	switch t.kind {
	case iam.TreeNull:
		return 4, true
	case iam.TreeString:
		if s, ok := rawString(t.n.Val); ok {
			return iam.QuotedLen(s), true
		}
		return iam.QuotedLen(t.n.Val.AsString()), true
	case iam.TreeArray:
		if plainTrees {
			break
		}
		l := nodeLen(t.n)
		size := 2 + max(l-1, 0)
		for i := 0; i < l; i++ {
			e := t.elem(i)
			if e == nil {
				return 0, false
			}
			m, ok := treeSize(e, depth+1)
			if !ok {
				return 0, false
			}
			size += m
		}
		return size, true
	case iam.TreeObject:
		if !t.kset {
			t.members()
		}
		if t.kids == nil {
			break
		}
		size := 2 + max(len(t.keys)-1, 0)
		for i, k := range t.keys {
			if strings.Contains(k, iam.UnknownPart) {
				return 0, false
			}
			e := t.member(i)
			if e == nil {
				return 0, false
			}
			m, ok := treeSize(e, depth+1)
			if !ok {
				return 0, false
			}
			size += iam.QuotedLen(k) + 1 + m
		}
		return size, true
	}
	return nodeSize(t.n, t.c, depth)
}

func nodeSize(n *eval.Node, c *choices, depth int) (int, bool) {
	if depth > iam.MaxSizeDepth {
		return 0, false
	}
	switch nodeKind(n) {
	case iam.TreeNull:
		return 4, true
	case iam.TreeString:
		if s, ok := rawString(n.Val); ok {
			return iam.QuotedLen(s), true
		}
		return iam.QuotedLen(n.Val.AsString()), true
	case iam.TreeNumber, iam.TreeBool:
		s, _ := scalarText(n.Val)
		return len(s), true
	case iam.TreeArray:
		l := nodeLen(n)
		size := 2 + max(l-1, 0)
		for i := 0; i < l; i++ {
			e := n.Index(i)
			if e == nil {
				return 0, false
			}
			m, ok := nodeSize(c.r(e), c, depth+1)
			if !ok {
				return 0, false
			}
			size += m
		}
		return size, true
	case iam.TreeObject:
		ks := nodeKeys(n)
		size := 2 + max(len(ks)-1, 0)
		for _, k := range ks {
			if strings.Contains(k, iam.UnknownPart) {
				return 0, false
			}
			e := n.Get(k)
			if e == nil {
				return 0, false
			}
			m, ok := nodeSize(c.r(e), c, depth+1)
			if !ok {
				return 0, false
			}
			size += iam.QuotedLen(k) + 1 + m
		}
		return size, true
	}
	return 0, false
}

func (t *nodeTree) Elem(i int) iam.Tree {
	if i < 0 || i >= t.Len() {
		return nil
	}
	if e := t.elem(i); e != nil {
		return e
	}
	return nil
}

// markerTree is a Tree parsed from the text of a partly unknown template:
// any string or key that holds eval.UnknownMarker is unknown.
type markerTree struct{ iam.Tree }

func wrapMarker(t iam.Tree) iam.Tree {
	if t == nil {
		return nil
	}
	return markerTree{t}
}

func (m markerTree) Kind() iam.TreeKind {
	k := m.Tree.Kind()
	switch k {
	case iam.TreeString:
		if s := m.Tree.Scalar(); strings.Contains(s, eval.UnknownMarker) || isBareMarker(s) {
			return iam.TreeUnknown
		}
	}
	// An object with a key known only in part stays an object: iam.FromTree
	// takes such a key as unknown (a condition key, a principal type) or the
	// statement as unknown (an element name).
	return k
}

func (m markerTree) Scalar() string {
	if m.Kind() == iam.TreeUnknown {
		return ""
	}
	return m.Tree.Scalar()
}

// PartialText is the string's text when the marker makes it unknown.
func (m markerTree) PartialText() string {
	if m.Tree.Kind() == iam.TreeString {
		if t := m.Tree.Scalar(); strings.Contains(t, eval.UnknownMarker) {
			return strings.ReplaceAll(t, eval.UnknownMarker, iam.UnknownPart)
		}
	}
	return ""
}

func (m markerTree) Field(key string) iam.Tree { return wrapMarker(m.Tree.Field(key)) }
func (m markerTree) Elem(i int) iam.Tree       { return wrapMarker(m.Tree.Elem(i)) }

// textMapper maps byte offsets of a string that came from source text
// (heredoc, quoted template, file()) to source ranges; offsets the map does
// not cover map to def, the whole expression.
func textMapper(tm *eval.TextMap, def hcl.Range) iam.PosMapper {
	if tm == nil {
		return iam.FixedMapper(def)
	}
	return segMapperOf(tm.Segments(), def)
}

// segMapperOf is the mapper of the segments ts of a text map (textMapper).
func segMapperOf(ts []eval.Segment, def hcl.Range) iam.PosMapper {
	return iam.SegmentMapperOf(len(ts), func(i int) iam.Seg { return segOf(&ts[i]) }, def)
}

// segOf is eval segment g as an iam.Seg.
func segOf(g *eval.Segment) iam.Seg {
	return iam.Seg{Offset: g.Offset, Len: g.Len, File: g.File, Start: g.Start, Verbatim: g.Verbatim, Src: g.Src, End: g.End}
}

// textBuf holds the memory of the text mappers of the policy texts an
// extractor parses the fast way (parseText), reused from one to the
// next: the segments a text map makes from its recipe (not kept in the
// map: nothing else reads them) and the mapper of them.
type textBuf struct {
	segs []eval.Segment
	m    iam.SegmentMapperBuf
}

// textBufs holds the textBufs of extractors done with theirs.
var textBufs = sync.Pool{New: func() any { return new(textBuf) }}

// mapper is textMapper(tm, def) in b's memory, good until b's next
// mapper or clear.
func (b *textBuf) mapper(tm *eval.TextMap, def hcl.Range) iam.PosMapper {
	ts := tm.AppendSegments(b.segs[:0])
	b.segs = ts
	return b.m.MapperOf(len(ts), func(i int) iam.Seg { return segOf(&ts[i]) }, def)
}

// clear drops what the last mapper points to (source bytes).
func (b *textBuf) clear() {
	clear(b.segs)
	b.segs = b.segs[:0]
	b.m.Clear()
}
