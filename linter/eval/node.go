package eval

import (
	"math"
	"slices"
	"sync/atomic"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/linter/iam"
)

// Node is a located value: an evaluated cty value together with where each part
// of it came from in the source. It is what the evaluator produces for every
// attribute of every block, and what package extract turns into the IAM model.
//
// Children are filled only where the source spelled them out (an object or tuple
// constructor, a block body, a reference to a local or variable whose own
// expression is located, a jsonencode argument). Where they are not (a value
// computed by a function), Get and Index derive a child whose Range is the
// parent's: less precise, never wrong.
type Node struct {
	// Val is the evaluated value; it may be unknown or hold unknowns,
	// never a placeholder "*". It is cty.NilVal for a resource body or a
	// shape (no value made), and for the jsonencode text of a resource's
	// attribute left unwritten (LazyJSON: Value writes it).
	Val   cty.Value
	Range hcl.Range // source range of the expression (or JSON element) that produced Val

	// Keys are the member names of an object, map or block body, in
	// source order (nested blocks: type -> node with Elems). The slice is
	// often shared by nodes of the same shape: never written through.
	// Attr, Lookup and Kid give the members; SetAttrs and SetAttr set them.
	Keys  []string
	Elems []*Node // tuple/list/set children; the blocks of one nested block type

	// Text is set when Val is a string whose bytes come from source text (a
	// heredoc, a quoted template, a file() or templatefile() read): it maps byte
	// offsets in the string back to positions.
	Text *TextMap

	// name is NameRange (nil: none): most often the attribute's name range
	// in the parsed syntax, shared, never written through (SetNameRange
	// points it elsewhere).
	name *hcl.Range

	// more holds the fields few nodes have (JSONArg, RefTo, PartialOf,
	// Alts, Inst, the index of many members), out of line: a node is made
	// for every value of the configuration. nil: none. A copy of a node
	// shares it; it is never written, only replaced (editMore).
	more *nodeMore

	// kp is the members (kids): kids()[i] is the member named Keys[i]
	// (nil: none spelled out, as Get derives it from Val). kp is non-nil
	// exactly when the node has members of its own (IsObject), and then
	// points to the first of len(Keys) members (to noKid when there are
	// none). A slice, not a map (a map cost about 250 bytes and two
	// allocations per object, and most have a few members); held as a
	// pointer to its first element, its length that of Keys (which
	// setKids sets with it: only setKids writes Keys), not a slice
	// header, which keeps a Node small (TestNodeSize).
	kp **Node
}

// nodeMore is the rarely set part of a Node.
type nodeMore struct {
	// json: see Node.JSONArg.
	json *Node
	// ref: see Node.RefTo.
	ref *Ref
	// partial: see Node.PartialOf.
	partial *PartialText
	// rare holds the fields fewer nodes still have (nil: none): a
	// nodeMore is made with every jsonencode, reference and partial text.
	// Never written, only replaced (editMore), as the nodeMore.
	rare *nodeRare
}

// nodeRare is the part of a nodeMore few nodes have.
type nodeRare struct {
	// alts: see Node.Alts.
	alts []*Node
	// choice: see Node.Choice (nil: the node itself).
	choice *Node
	// inst: see Node.Inst.
	inst string
	// index: the position of each key of Keys, when there are more than
	// indexFrom (see SetAttrs).
	index map[string]int32
	// sensitive: see Node.Sensitive.
	sensitive bool
}

// moreFields is a nodeMore and its nodeRare, as editMore edits them.
type moreFields struct {
	json    *Node
	ref     *Ref
	partial *PartialText
	alts    []*Node
	choice  *Node
	inst    string
	index   map[string]int32
	sens    bool
}

// NameRange is the range of the attribute name or block header when this
// node is an attribute or a block; zero otherwise.
func (n *Node) NameRange() hcl.Range {
	if n.name == nil {
		return hcl.Range{}
	}
	return *n.name
}

// SetNameRange sets NameRange to r (zero: none).
func (n *Node) SetNameRange(r hcl.Range) {
	if r == (hcl.Range{}) {
		n.name = nil
		return
	}
	n.name = &r
}

// setNameAt sets NameRange to *p, which must not change afterwards (a
// range in the parsed syntax).
func (n *Node) setNameAt(p *hcl.Range) { n.name = p }

// JSONArg is set when Val is a string produced by jsonencode(JSON): the
// located structure of the encoded value. nil when there is none.
func (n *Node) JSONArg() *Node {
	if n.more == nil {
		return nil
	}
	return n.more.json
}

// SetJSONArg sets JSONArg to j.
func (n *Node) SetJSONArg(j *Node) {
	if j != n.JSONArg() {
		n.editMore(func(m *moreFields) { m.json = j })
	}
}

// RefTo is set when the value is (exactly) an attribute of another block,
// such as data.aws_iam_policy_document.x.json. nil when there is none.
func (n *Node) RefTo() *Ref {
	if n.more == nil {
		return nil
	}
	return n.more.ref
}

// SetRef sets RefTo to r.
func (n *Node) SetRef(r *Ref) {
	if r != n.RefTo() {
		n.editMore(func(m *moreFields) { m.ref = r })
	}
}

// SetRefTo sets RefTo to a reference to attr of the block at address: the
// reference and the node's nodeMore allocated at once when the node has
// none (most references).
func (n *Node) SetRefTo(address, attr string) {
	if n.more != nil {
		n.SetRef(&Ref{Address: address, Attr: attr})
		return
	}
	t := &refMore{r: Ref{Address: address, Attr: attr}}
	t.m.ref = &t.r
	n.more = &t.m
}

// refMore is a nodeMore with the reference it holds.
type refMore struct {
	m nodeMore
	r Ref
}

// PartialOf is set when Val is an unknown string from a template (quoted
// string, heredoc, templatefile) with unknown interpolations: the rest of
// its text, located. nil when there is none.
func (n *Node) PartialOf() *PartialText {
	if n.more == nil {
		return nil
	}
	return n.more.partial
}

// SetPartial sets PartialOf to p.
func (n *Node) SetPartial(p *PartialText) {
	if p != n.PartialOf() {
		n.editMore(func(m *moreFields) { m.partial = p })
	}
}

// Alts holds the possible values when Val is unknown only because a
// condition could not be known (`cond ? a : b`): each branch, linted alike.
// nil when there are none.
func (n *Node) Alts() []*Node {
	if n.more == nil || n.more.rare == nil {
		return nil
	}
	return n.more.rare.alts
}

// SetAlts sets Alts to alts, n its own choice (and that of its copies).
func (n *Node) SetAlts(alts []*Node) {
	n.editMore(func(m *moreFields) { m.alts, m.choice = alts, n })
}

// Choice is what picks a branch of Alts: the node itself, or, for a value
// made from each branch of another's Alts (an attribute, an element, a
// function's result, a for expression over it), that other's choice, its
// branches made in the same order. Nodes of one choice take the same branch
// (one condition: `local.c.actions` and `local.c.resources`, for local.c
// a conditional, are of one pick of its branches, as in Terraform).
func (n *Node) Choice() *Node {
	if n.more == nil || n.more.rare == nil || n.more.rare.choice == nil {
		return n
	}
	return n.more.rare.choice
}

// SetAltsOf sets Alts to alts, made from each branch of choice's Alts in
// turn (len(alts) == len(choice.Alts())), and n's Choice to choice's.
func (n *Node) SetAltsOf(choice *Node, alts []*Node) {
	c := choice.Choice()
	n.editMore(func(m *moreFields) { m.alts, m.choice = alts, c })
}

// Inst is set when the node is a whole resource or data instance (as in
// `for u in aws_iam_user.x : u.arn`): its address. Get gives an attribute
// of it the Ref a direct reference (aws_iam_user.x["k"].arn) would have.
func (n *Node) Inst() string {
	if n.more == nil || n.more.rare == nil {
		return ""
	}
	return n.more.rare.inst
}

// SetInst sets Inst to addr.
func (n *Node) SetInst(addr string) { n.editMore(func(m *moreFields) { m.inst = addr }) }

// Sensitive is set when the node's value is one Terraform marks sensitive
// and prints as "(sensitive value)": the value of a variable declared
// sensitive or ephemeral (and an attribute or element of it), of a
// sensitive() call, and what an operator or a function call (but
// nonsensitive()) computes from such a value. The reports print no value
// of it; a number or a short string cannot be masked by its text
// (Module.Sensitive), so the extraction carries this mark to the model
// (iam.Setting.Sensitive).
func (n *Node) Sensitive() bool {
	return n != nil && n.more != nil && n.more.rare != nil && n.more.rare.sensitive
}

// markSensitive returns n marked Sensitive: n itself when it is already
// (or nil), a copy of it otherwise (n may be shared: a module input's
// node is its caller's).
func markSensitive(n *Node) *Node {
	if n == nil || n.Sensitive() {
		return n
	}
	c := *n
	c.editMore(func(m *moreFields) { m.sens = true })
	return &c
}

// MarkSensitive is markSensitive, for the plan: a value whose expression
// reads a variable the configuration declares sensitive.
func MarkSensitive(n *Node) *Node { return markSensitive(n) }

// keyIndex is the index of the keys (nil: none).
func (n *Node) keyIndex() map[string]int32 {
	if n.more == nil || n.more.rare == nil {
		return nil
	}
	return n.more.rare.index
}

// editMore gives n its own nodeMore, a copy of its present one changed by
// f (none when all is empty): copies of n keep theirs.
func (n *Node) editMore(f func(m *moreFields)) {
	var m moreFields
	if o := n.more; o != nil {
		m.json, m.ref, m.partial = o.json, o.ref, o.partial
		if r := o.rare; r != nil {
			m.alts, m.choice, m.inst, m.index, m.sens = r.alts, r.choice, r.inst, r.index, r.sensitive
		}
	}
	f(&m)
	if m.alts == nil {
		m.choice = nil
	}
	rare := m.alts != nil || m.inst != "" || m.index != nil || m.sens
	if m.json == nil && m.ref == nil && m.partial == nil && !rare {
		n.more = nil
		return
	}
	nm := &nodeMore{json: m.json, ref: m.ref, partial: m.partial}
	if rare {
		nm.rare = &nodeRare{alts: m.alts, choice: m.choice, inst: m.inst, index: m.index, sensitive: m.sens}
	}
	n.more = nm
}

// Ref names an attribute of another block instance.
type Ref struct {
	Address string // full address, with module path and instance key
	Attr    string // "json", "arn", "name", ...
}

// TextMap maps byte offsets of a string value to source positions: its
// Segments. The map of a template's text is most often made from the
// template when first read (few are: those of policies and of strings
// that hold a credential), not when the template is evaluated.
type TextMap struct {
	// made holds the segments: given (NewTextMap, SetSegments) or, with a
	// recipe, made from it when first asked for (safe for concurrent
	// readers). nil: none yet.
	made atomic.Pointer[madeSegs]
	// r, when r.x is set, makes the segments (see textRecipe): held in
	// the map, not pointed to (one is made for every string of a
	// configuration).
	r textRecipe
}

// madeSegs is the segments of a TextMap, and the positions in long
// segments that Pos builds when needed (ix: most maps never need one).
type madeSegs struct {
	segs []Segment
	ix   atomic.Pointer[textIndex]
	// order is 0 until Pos first asks, then 1 when the segments are sorted
	// by Offset and do not overlap (what a map is made with), 2 when not.
	order atomic.Int32
}

// NewTextMap returns the map of the segments segs (sorted by Offset,
// non-overlapping).
func NewTextMap(segs []Segment) *TextMap {
	t := &TextMap{}
	t.made.Store(&madeSegs{segs: segs})
	return t
}

// Segments returns the segments (sorted by Offset, non-overlapping); the
// slice is the map's: callers may edit its elements in place, not its
// length (SetSegments).
func (t *TextMap) Segments() []Segment {
	return t.madeSegs().segs
}

// AppendSegments appends the segments to dst, as Segments returns them;
// when they are still to be made by the map's recipe, it makes them there
// and does not keep them: for a reader that reads them once and is done
// with them before dst is used again (the extraction of the policy text
// of a heredoc), which then does not allocate them.
func (t *TextMap) AppendSegments(dst []Segment) []Segment {
	if p := t.made.Load(); p != nil {
		return append(dst, p.segs...)
	}
	if t.r.x == nil {
		return dst
	}
	return t.r.appendSegments(dst)
}

// madeSegs returns the segments made (by the recipe, the first time),
// nil when there are none.
func (t *TextMap) madeSegs() *madeSegs {
	if p := t.made.Load(); p != nil {
		return p
	}
	if t.r.x == nil {
		return nil
	}
	m := &madeSegs{segs: t.r.segments()}
	if !t.made.CompareAndSwap(nil, m) {
		return t.made.Load() // made meanwhile by another goroutine
	}
	return m
}

// SetSegments replaces the segments (not safe for concurrent use).
func (t *TextMap) SetSegments(segs []Segment) {
	t.r = textRecipe{}
	t.made.Store(&madeSegs{segs: segs})
}

// Segment is a run of bytes of the string that were copied from the source.
type Segment struct {
	Offset int     // byte offset in the string value
	Len    int     // bytes
	Start  hcl.Pos // position of the first byte in the source file
	File   string
	// Verbatim is true when each byte maps 1:1 to source bytes (so offsets inside the
	// segment can be mapped by counting). False for interpolated results, whose bytes
	// all map to Start.
	Verbatim bool
	Src      []byte // the source bytes the segment was read from, when Verbatim (for line/column counting)
	// End, when its Line is set, is the source position just after a
	// non-Verbatim segment that spells its bytes with an escape (\" or
	// \u002a in a quoted string), so that a range ending in it ends after
	// the escape, not one column into it. Zero: unknown.
	End hcl.Pos
}

// Get returns the child for key k (attribute or map key), deriving it from Val
// when the source did not spell it out. It returns nil when Val is known and has
// no such key.
func (n *Node) Get(k string) *Node {
	if n == nil {
		return nil
	}
	if c, ok := n.Lookup(k); ok {
		if inst := n.Inst(); inst != "" && c != nil {
			cp := *c
			cp.SetRefTo(inst, k)
			return &cp
		}
		return c
	}
	v := n.Val
	if v == cty.NilVal || v.IsNull() {
		return nil
	}
	if !v.IsKnown() {
		return &Node{Val: cty.DynamicVal, Range: n.Range}
	}
	av, ok := memberVal(v, k)
	if !ok {
		return nil
	}
	c := &Node{Val: av, Range: n.Range}
	if inst := n.Inst(); inst != "" && v.Type().IsObjectType() {
		c.SetRefTo(inst, k)
	}
	return c
}

// GetVal is Get(k).Val without the Node Get derives when the source did not
// spell the member out (cty.NilVal where Get returns nil): for a reader of
// the value only. A big plan's bodies hold their scalars in Val alone, and
// a derived Node is 208 bytes of garbage per read.
func (n *Node) GetVal(k string) cty.Value {
	if n == nil {
		return cty.NilVal
	}
	if c, ok := n.Lookup(k); ok {
		return c.Value()
	}
	v := n.Val
	if v == cty.NilVal || v.IsNull() {
		return cty.NilVal
	}
	if !v.IsKnown() {
		return cty.DynamicVal
	}
	if av, ok := memberVal(v, k); ok {
		return av
	}
	return cty.NilVal
}

// memberVal is the value of the attribute (object) or key (map) k of the
// known, non-null value v, and whether v has it.
func memberVal(v cty.Value, k string) (cty.Value, bool) {
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		if ctyraw.ASCII(k) {
			// An ASCII name is its own normal form: one lookup.
			at, ok := ty.AttributeTypes()[k]
			if !ok {
				return cty.NilVal, false
			}
			return attrVal(v, k, at), true
		}
		if !ty.HasAttribute(k) {
			return cty.NilVal, false
		}
		return v.GetAttr(k), true
	case ty.IsMapType():
		kv := cty.StringVal(k)
		if !v.HasIndex(kv).True() {
			return cty.NilVal, false
		}
		return v.Index(kv), true
	}
	return cty.NilVal, false
}

// indexFrom is the number of members from which a node keeps an index of
// its keys (below, Lookup compares the keys in turn).
const indexFrom = 12

// noKids is the members of an object with none (non-nil: see IsObject),
// and noKid what the kp of such an object points to.
var (
	noKids = []*Node{}
	noKid  *Node
)

// IsObject reports whether the node has members of its own (an object or
// map constructor, a block body, a decoded object), maybe none.
func (n *Node) IsObject() bool { return n.kp != nil }

// kids returns the members (nil: not an object; see kp).
func (n *Node) kids() []*Node {
	if n.kp == nil {
		return nil
	}
	if len(n.Keys) == 0 {
		return noKids
	}
	// kp points to the first element of a slice of len(Keys) members of
	// its own (SetAttrs), alive as long as the node points to it.
	return unsafe.Slice(n.kp, len(n.Keys))
}

// Kids returns the members by position in Keys (nil: not an object). The
// slice is the node's: callers only read it.
func (n *Node) Kids() []*Node { return n.kids() }

// AttrMap returns the members spelled out in a map of their own (nil: not
// an object).
func (n *Node) AttrMap() map[string]*Node {
	if n.kp == nil {
		return nil
	}
	m := make(map[string]*Node, n.NumKids())
	for i, c := range n.kids() {
		if c != nil {
			m[n.Keys[i]] = c
		}
	}
	return m
}

// NumKids is the number of members (len(Keys) for most nodes; a key whose
// member is nil counts).
func (n *Node) NumKids() int {
	if n.kp == nil {
		return 0
	}
	return len(n.Keys)
}

// Kid returns the member at position i (named Keys[i]); nil when the node
// has none spelled out there.
func (n *Node) Kid(i int) *Node { return n.kids()[i] }

// NumAttrs is the number of members spelled out (non-nil).
func (n *Node) NumAttrs() int {
	c := 0
	for _, k := range n.kids() {
		if k != nil {
			c++
		}
	}
	return c
}

// keyPos returns the position of k in Keys, -1 when absent.
func (n *Node) keyPos(k string) int {
	if idx := n.keyIndex(); idx != nil {
		if i, ok := idx[k]; ok && int(i) < n.NumKids() {
			return int(i)
		}
		return -1
	}
	if n.kp == nil {
		return -1
	}
	for i, o := range n.Keys {
		if o == k {
			return i
		}
	}
	return -1
}

// kidAt returns the member at position i, nil when there is none.
func (n *Node) kidAt(i int) *Node {
	if i < n.NumKids() {
		return n.kids()[i]
	}
	return nil
}

// Lookup returns the member spelled out under k (no derivation from Val):
// what a map of the members would give.
func (n *Node) Lookup(k string) (*Node, bool) {
	if n == nil || n.kp == nil {
		return nil, false
	}
	if i := n.keyPos(k); i >= 0 {
		if c := n.kids()[i]; c != nil {
			return c, true
		}
	}
	return nil, false
}

// Attr returns the member spelled out under k, or nil (see Lookup).
func (n *Node) Attr(k string) *Node {
	c, _ := n.Lookup(k)
	return c
}

// SetAttrs makes keys and kids (kids[i] the member named keys[i], each key
// once, len(kids) == len(keys)) the node's members; the node keeps both
// slices (kids is its own from now on; keys only read). kids nil: no
// members (not an object); empty: an object with none.
func (n *Node) SetAttrs(keys []string, kids []*Node) {
	if len(keys) != len(kids) || len(kids) > math.MaxInt32 {
		panic("eval: SetAttrs with keys and members of different lengths")
	}
	var index map[string]int32
	if len(keys) > indexFrom {
		index = make(map[string]int32, len(keys))
		for i, k := range keys {
			index[k] = int32(i)
		}
	}
	n.setKids(keys, kids, index)
}

// setKidsAt is SetAttrs with the index pos of keys made already (nil:
// none made).
func (n *Node) setKidsAt(keys []string, kids []*Node, pos map[string]int32) {
	if pos == nil {
		n.SetAttrs(keys, kids)
		return
	}
	n.setKids(keys, kids, pos)
}

// setKids sets the members and their index.
func (n *Node) setKids(keys []string, kids []*Node, index map[string]int32) {
	if len(kids) != len(keys) && kids != nil {
		panic("eval: members and keys of different lengths")
	}
	n.Keys = keys
	switch {
	case kids == nil:
		n.kp = nil
	case len(kids) == 0:
		n.Keys, n.kp = nil, &noKid
	default:
		n.kp = &kids[0]
	}
	if index != nil || n.keyIndex() != nil {
		n.editMore(func(m *moreFields) { m.index = index })
	}
}

// SetAttr sets the member k to c: in place when k is a key (the members
// are written through: copies of the node share them, as they shared a
// map), else appended to copies of Keys and the members.
func (n *Node) SetAttr(k string, c *Node) {
	if i := n.keyPos(k); i >= 0 {
		n.kids()[i] = c
		return
	}
	l := n.NumKids()
	keys := append(n.Keys[:l:l], k)
	kids := append(n.kids()[:l:l], c)
	if old := n.keyIndex(); old != nil {
		idx := make(map[string]int32, len(keys))
		for k, i := range old {
			idx[k] = i
		}
		idx[k] = int32(l)
		n.setKids(keys, kids, idx)
		return
	}
	n.SetAttrs(keys, kids)
}

// DeleteAttr makes the member k absent (a nil member: Keys keep it).
func (n *Node) DeleteAttr(k string) {
	if i := n.keyPos(k); i >= 0 {
		n.kids()[i] = nil
	}
}

// CopyAttrs gives n members of its own (a copy of the slice of the node
// it was copied from), so that SetAttr and DeleteAttr on n leave the
// other's alone. The index, never written, stays shared.
func (n *Node) CopyAttrs() {
	if n.NumKids() == 0 {
		return
	}
	kids := append(make([]*Node, 0, n.NumKids()), n.kids()...)
	n.kp = &kids[0]
}

// ClearAttrs removes the members (not an object any more).
func (n *Node) ClearAttrs() { n.setKids(nil, nil, nil) }

// Index returns the i-th element of a list, tuple or set value.
func (n *Node) Index(i int) *Node {
	if n == nil {
		return nil
	}
	if i < len(n.Elems) {
		return n.Elems[i]
	}
	if len(n.Elems) > 0 {
		return nil
	}
	v := n.Val
	if v == cty.NilVal || v.IsNull() || !v.IsKnown() || !v.CanIterateElements() {
		return nil
	}
	if i >= v.LengthInt() {
		return nil
	}
	if ty := v.Type(); ty.IsListType() || ty.IsTupleType() {
		return &Node{Val: v.Index(indexKey(i)), Range: n.Range}
	}
	j := 0
	for it := v.ElementIterator(); it.Next(); j++ {
		if j == i {
			_, ev := it.Element()
			return &Node{Val: ev, Range: n.Range}
		}
	}
	return nil
}

// Block is one instance of a resource, data or provider block after evaluation.
type Block struct {
	Mode    string // "resource", "data" or "provider"
	Type    string // aws_iam_role, aws (for a provider)
	Name    string // the block's name label ("" for providers; the alias when set)
	Address string // full address: module.a.aws_iam_policy.p["x"], data.aws_iam_policy_document.d
	Range   hcl.Range
	// Body holds the attributes and nested blocks (dynamic blocks
	// expanded). A resource block's Body.Val is cty.NilVal (the object of
	// its members is not made) unless Options.Known was set: read its
	// members (Attr, Kids, Get).
	Body   *Node
	Module *Module

	rendered *renderMemo // Render's result (nil: none; data sources only)
}

// renderMemo is the result of Block.Render for the body it was computed
// from.
type renderMemo struct {
	body *Node
	v    cty.Value
	done bool
}

// Render returns r(b.Body), computed once per block: a data source's
// renderer (aws_iam_policy_document's json) is asked for by the evaluator
// when the block is referenced and by package extract several times.
// Every caller must pass the block's own renderer (the block's value is
// remembered for its body, not the renderer). Not safe for concurrent use.
func (b *Block) Render(r DataRenderer) cty.Value {
	if b.rendered == nil || !b.rendered.done || b.rendered.body != b.Body {
		b.rendered = &renderMemo{body: b.Body, v: r(b.Body), done: true}
	}
	return b.rendered.v
}

// DropBody forgets the evaluated body of the block (and what was rendered
// of it), once it has been read.
func (b *Block) DropBody() {
	b.Body = nil
	b.rendered = nil
}

// Module is one module instance after evaluation.
type Module struct {
	Path      string        // "" for the root, module.a, module.a.module.b["k"]
	Dir       string        // directory of the module's source
	CallChain []iam.Related // where this instance is called, innermost first
	Blocks    []*Block
	// Sensitive holds the values (wholly known) of the variables of this
	// instance declared sensitive or ephemeral that its evaluation read:
	// reports print none of them, as Terraform does.
	Sensitive []cty.Value
	// SensitiveKeys holds the attribute names of the objects of those
	// values whose type is not declared (scope.addSensitiveKeys): no
	// address prints them as an instance key.
	SensitiveKeys []string
	// SensitiveRanges are where the values of this instance's variables
	// declared sensitive or ephemeral are written (their defaults, the
	// values given to the root module, literal module arguments): the
	// reports quote none of that text.
	SensitiveRanges []hcl.Range

	// shadowed holds the blocks of Blocks that are a second declaration
	// of an address (see Block.Shadowed); nil when there is none.
	shadowed map[*Block]bool
}

// Shadowed reports whether b is a second (third...) declaration of an
// address its module already declares (an error, "Duplicate resource
// configuration"): its instances have the addresses of the first
// declaration's, and every reference to those addresses names the first
// declaration's blocks. Such a block is linted on its own; what resolves a
// reference by address (a policy document's json, a role's arn) must skip
// it. Blocks of a plan are never shadowed.
func (b *Block) Shadowed() bool {
	return b.Module != nil && b.Module.shadowed != nil && b.Module.shadowed[b]
}

// Result is what loading and evaluating (HCL or a plan) produces.
type Result struct {
	Modules []*Module
	// Sources holds the content of every file that was read, by the Filename used
	// in ranges, so reports can quote source lines.
	Sources map[string][]byte
	// Files are the Terraform files that were loaded, in order.
	Files []string
	Diags hcl.Diagnostics
}

// DataRenderer computes the attributes of a data source that Terraform reads
// during planning from its configuration alone (aws_iam_policy_document's json),
// given the data block's evaluated body. It returns an object value; attributes
// it cannot know are unknown.
type DataRenderer func(body *Node) cty.Value

// UnknownMarker stands for an unknown interpolation in PartialText.Text.
const UnknownMarker = "__IAMLINT_UNKNOWN__"

// PartialText is the text of a template whose value is unknown only because
// some interpolations are: each unknown interpolation is replaced by
// UnknownMarker. A consumer may parse it (policy JSON in a heredoc) to lint
// what is known; any value containing the marker must be taken as unknown.
type PartialText struct {
	Text string
	Map  *TextMap // byte offsets of Text to source positions
}

// Members gathers the members of an object being built, in order (the
// zero value is empty, ready to use): Set replaces the member of a key
// met again in its place, as a map store does.
type Members struct {
	keys []string
	kids []*Node
	pos  map[string]int32 // positions, once there are more than indexFrom keys
}

// Find returns the position of k, -1 when absent.
func (m *Members) Find(k string) int {
	if m.pos != nil {
		if i, ok := m.pos[k]; ok {
			return int(i)
		}
		return -1
	}
	for i, o := range m.keys {
		if o == k {
			return i
		}
	}
	return -1
}

// Get returns the member set under k (nil: none, or a nil member).
func (m *Members) Get(k string) *Node {
	if i := m.Find(k); i >= 0 {
		return m.kids[i]
	}
	return nil
}

// Has reports whether k was set (a nil member counts).
func (m *Members) Has(k string) bool { return m.Find(k) >= 0 }

// Set sets the member k to c (nil: absent, its key kept in its place).
func (m *Members) Set(k string, c *Node) {
	if i := m.Find(k); i >= 0 {
		m.kids[i] = c
		return
	}
	m.keys, m.kids = append(m.keys, k), append(m.kids, c)
	if m.pos != nil {
		m.pos[k] = int32(len(m.keys) - 1)
	} else if len(m.keys) > indexFrom {
		m.pos = make(map[string]int32, 2*len(m.keys))
		for i, k := range m.keys {
			m.pos[k] = int32(i)
		}
	}
}

// Grow makes room for n more keys.
func (m *Members) Grow(n int) {
	m.keys, m.kids = slices.Grow(m.keys, n), slices.Grow(m.kids, n)
}

// Len is the number of keys set.
func (m *Members) Len() int { return len(m.keys) }

// Keys returns the keys set, in order (shared: only read).
func (m *Members) Keys() []string { return m.keys }

// Into makes the members n's (an object, maybe with none), and empties m
// (n keeps its slices).
func (m *Members) Into(n *Node) {
	kids := m.kids
	if kids == nil {
		kids = noKids
	}
	if m.pos != nil {
		n.setKids(m.keys, kids, m.pos) // the positions are the index
	} else {
		n.SetAttrs(m.keys, kids)
	}
	*m = Members{}
}
