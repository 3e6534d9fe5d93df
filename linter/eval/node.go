package eval

import (
	"sync/atomic"

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
	Val   cty.Value // evaluated value; may be unknown or contain unknowns, never a placeholder "*"
	Range hcl.Range // source range of the expression (or JSON element) that produced Val

	Attrs map[string]*Node // object, map and block-body children (nested blocks: type -> node with Elems)
	Keys  []string         // Attrs keys in source order
	Elems []*Node          // tuple/list/set children; the blocks of one nested block type

	// JSON is set when Val is a string produced by jsonencode(JSON): the located
	// structure of the encoded value.
	JSON *Node

	// Text is set when Val is a string whose bytes come from source text (a
	// heredoc, a quoted template, a file() or templatefile() read): it maps byte
	// offsets in the string back to positions.
	Text *TextMap

	// Ref is set when the value is (exactly) an attribute of another block, such
	// as data.aws_iam_policy_document.x.json.
	Ref *Ref

	// Partial is set when Val is an unknown string from a template (quoted
	// string, heredoc, templatefile) with unknown interpolations: the rest of
	// its text, located. Added by the eval helper.
	Partial *PartialText

	// name is NameRange (nil: none): most often the attribute's name range
	// in the parsed syntax, shared, never written through (SetNameRange
	// points it elsewhere).
	name *hcl.Range

	// more holds the fields few nodes have (Alts, Inst), out of line: a
	// node is made for every value of the configuration. nil: none. A copy
	// of a node shares it; it is never written, only replaced (setMore).
	more *nodeMore
}

// nodeMore is the rarely set part of a Node.
type nodeMore struct {
	// alts: see Node.Alts.
	alts []*Node
	// inst: see Node.Inst.
	inst string
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

// Alts holds the possible values when Val is unknown only because a
// condition could not be known (`cond ? a : b`): each branch, linted alike.
// nil when there are none.
func (n *Node) Alts() []*Node {
	if n.more == nil {
		return nil
	}
	return n.more.alts
}

// SetAlts sets Alts to alts.
func (n *Node) SetAlts(alts []*Node) { n.setMore(alts, n.Inst()) }

// Inst is set when the node is a whole resource or data instance (as in
// `for u in aws_iam_user.x : u.arn`): its address. Get gives an attribute
// of it the Ref a direct reference (aws_iam_user.x["k"].arn) would have.
func (n *Node) Inst() string {
	if n.more == nil {
		return ""
	}
	return n.more.inst
}

// SetInst sets Inst to addr.
func (n *Node) SetInst(addr string) { n.setMore(n.Alts(), addr) }

// setMore gives n its own nodeMore holding alts and inst (none when both
// are empty): copies of n keep theirs.
func (n *Node) setMore(alts []*Node, inst string) {
	if alts == nil && inst == "" {
		n.more = nil
		return
	}
	n.more = &nodeMore{alts: alts, inst: inst}
}

// Ref names an attribute of another block instance.
type Ref struct {
	Address string // full address, with module path and instance key
	Attr    string // "json", "arn", "name", ...
}

// TextMap maps byte offsets of a string value to source positions.
type TextMap struct {
	Segments []Segment // sorted by Offset, non-overlapping

	// ix holds the positions in long segments, built by Pos when needed
	// (a pointer: most maps never need one, and one is made for every
	// string of a configuration).
	ix atomic.Pointer[textIndex]
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
}

// Get returns the child for key k (attribute or map key), deriving it from Val
// when the source did not spell it out. It returns nil when Val is known and has
// no such key.
func (n *Node) Get(k string) *Node {
	if n == nil {
		return nil
	}
	if c, ok := n.Attrs[k]; ok {
		if inst := n.Inst(); inst != "" && c != nil {
			cp := *c
			cp.Ref = &Ref{Address: inst, Attr: k}
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
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		var av cty.Value
		if ctyraw.ASCII(k) {
			// An ASCII name is its own normal form: one lookup.
			at, ok := ty.AttributeTypes()[k]
			if !ok {
				return nil
			}
			av = attrVal(v, k, at)
		} else {
			if !ty.HasAttribute(k) {
				return nil
			}
			av = v.GetAttr(k)
		}
		c := &Node{Val: av, Range: n.Range}
		if inst := n.Inst(); inst != "" {
			c.Ref = &Ref{Address: inst, Attr: k}
		}
		return c
	case ty.IsMapType():
		kv := cty.StringVal(k)
		if !v.HasIndex(kv).True() {
			return nil
		}
		return &Node{Val: v.Index(kv), Range: n.Range}
	}
	return nil
}

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
	// members (Attrs, Get).
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
