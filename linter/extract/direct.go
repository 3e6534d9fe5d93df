package extract

import (
	"math/bits"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// directDocs lets fromJSON build the document of a usual jsonencode policy
// straight from its nodes (directDoc) instead of through iam.FromTree over
// nodeTrees (tests compare both ways).
var directDocs = true

// maxDirectKeys bounds the members of an object directDoc reads (its test
// for duplicate keys compares every pair).
const maxDirectKeys = 16

// directBuilder builds, in buffers it reuses from one document to the
// next, the statements of the jsonencode policies fromJSON gives it
// (directDoc): what iam.FromTree builds of the nodeTree of the policy,
// when FromTree would report nothing about it and meets no conditional,
// without the nodeTrees, their interface, the lookups of every element
// name in every statement and the second walk for the size. It gives up
// (false) on anything else, before it changes anything but its buffers:
// fromJSON then takes the general way, which says what it is.
type directBuilder struct {
	stmts   []iam.Statement
	scopes  []iam.StatementScope
	scopeOf []int32
	vals    []iam.Value
	prs     []iam.Principal
	conds   []iam.Condition
	mem     []dmember // the members being read, a stack (see members)

	files iam.RangeMaker // the ranges' file ids

	unknown bool // the document is Unknown (an unknown statement)
	size    int  // the compact size of what was read so far (iam's compactSize)
	sized   bool // size holds (no unknown met)
}

// directBuilders holds the builders of extractors done with theirs (as
// arenas holds their treeArenas).
var directBuilders = sync.Pool{New: func() any { return new(directBuilder) }}

// dnode is a value directDoc reads: a node (n), or a value a node holds
// without a node of its own (n nil), which eval.Node.Get and Index would
// make one for, located where that node is (at), with no name range.
type dnode struct {
	n    *eval.Node
	v    cty.Value
	at   *hcl.Range // n's Range, or that of the node the value is part of
	kind iam.TreeKind
}

// dmember is a member of an object (key) or an element of an array.
type dmember struct {
	key string
	d   dnode
}

// nodeOf is the dnode of n, false when n is nil or holds a conditional
// (a choice the general way records: see choices.r).
func nodeOf(n *eval.Node) (dnode, bool) {
	if n == nil || len(n.Alts()) > 0 {
		return dnode{}, false
	}
	return dnode{n: n, v: n.Val, at: &n.Range, kind: nodeKind(n)}, true
}

// partOf is the dnode of v, a value of the node at at (see dnode).
func partOf(v cty.Value, at *hcl.Range) dnode {
	return dnode{v: v, at: at, kind: valKind(v)}
}

// keyRange is where a finding about member d points (iam's keyRange of its
// nodeTree): its name, else the value.
func (d *dnode) keyRange() hcl.Range {
	if d.n != nil {
		if r := d.n.NameRange(); r != (hcl.Range{}) {
			return r
		}
	}
	return *d.at
}

// rng is iam.MakeRange(r) (see iam.RangeMaker).
func (b *directBuilder) rng(r hcl.Range) iam.Range { return b.files.Make(r) }

// reset empties the buffers, dropping what they point to.
func (b *directBuilder) reset() {
	clear(b.stmts)
	clear(b.scopes)
	clear(b.vals)
	clear(b.prs)
	clear(b.conds)
	clear(b.mem)
	b.stmts, b.scopes, b.scopeOf = b.stmts[:0], b.scopes[:0], b.scopeOf[:0]
	b.vals, b.prs, b.conds, b.mem = b.vals[:0], b.prs[:0], b.conds[:0], b.mem[:0]
	b.unknown, b.size, b.sized = false, 0, true
}

// directDoc builds the document of the jsonencode argument arg for kind
// as iam.FromTree(newTree(arg, ch), kind) does for a ch with no branch
// picked, when that reports nothing and meets no conditional; ok is false
// for any other argument (and then nothing but b's buffers changed).
func (b *directBuilder) directDoc(arg *eval.Node, kind iam.Kind) (d *iam.Document, ok bool) {
	// The buffers are emptied once, after the document (without a
	// deferred call): a build that panicked (the extractor recovers)
	// left them as they were, emptied here.
	if len(b.stmts)+len(b.scopes)+len(b.scopeOf)+len(b.vals)+len(b.prs)+len(b.conds)+len(b.mem) != 0 {
		b.reset()
	}
	b.unknown, b.size, b.sized = false, 0, true
	d, ok = b.build(arg, kind)
	b.reset()
	return d, ok
}

// build is directDoc on empty buffers, which it leaves as they are.
func (b *directBuilder) build(arg *eval.Node, kind iam.Kind) (d *iam.Document, ok bool) {
	t, ok := nodeOf(arg)
	if !ok {
		return nil, false
	}
	switch t.kind {
	case iam.TreeUnknown:
		return &iam.Document{Kind: kind, Range: b.rng(*t.at), Unknown: true}, true
	case iam.TreeObject:
	default:
		return nil, false // "Policy is not a JSON object"
	}
	first, ok := b.members(&t)
	if !ok {
		return nil, false
	}
	var version, statement *dnode
	id := false
	b.objectSize(first)
	for i := first; i < len(b.mem); i++ {
		m := &b.mem[i]
		switch m.key {
		case "Version":
			if version != nil {
				return nil, false
			}
			version = &m.d
		case "Statement":
			if statement != nil {
				return nil, false
			}
			statement = &m.d
		case "Id":
			// Only the size reads it: a scalar's (the general way
			// walks anything else, and records a conditional).
			if id || !b.idSize(&m.d) {
				return nil, false
			}
			id = true
		default:
			// An element in another case, an unknown key or an
			// unrecognized member.
			return nil, false
		}
	}
	var vers iam.Value
	if version != nil && version.kind != iam.TreeNull {
		if vers, ok = b.scalar(version); !ok {
			return nil, false
		}
	} else if version != nil {
		b.size += 4
	}
	if statement == nil || statement.kind == iam.TreeNull {
		return nil, false // "The policy has no Statement element."
	}
	switch st := statement; st.kind {
	case iam.TreeUnknown:
		b.unknown, b.sized = true, false
	case iam.TreeObject:
		if !b.statement(st) {
			return nil, false
		}
	case iam.TreeArray:
		el, ok := b.elems(st)
		if !ok {
			return nil, false
		}
		b.arraySize(el)
		for i := el; i < len(b.mem); i++ {
			e := &b.mem[i].d
			switch e.kind {
			case iam.TreeNull:
				b.size += 4
			case iam.TreeUnknown:
				b.unknown, b.sized = true, false
			case iam.TreeObject:
				if !b.statement(e) {
					return nil, false
				}
			default:
				return nil, false // "Invalid policy statement"
			}
		}
	default:
		return nil, false // "Invalid policy Statement"
	}
	d = iam.PackDocument(kind, b.stmts, b.scopes, b.scopeOf)
	d.Range = b.rng(*t.at)
	if version != nil && version.kind != iam.TreeNull {
		d.SetVersion(vers)
	}
	d.Unknown = b.unknown
	if !d.Unknown && b.sized {
		d.Size = b.size
	}
	return d, true
}

// idSize adds the size of the policy's Id d, a scalar or null; false for
// any other value.
func (b *directBuilder) idSize(d *dnode) bool {
	switch d.kind {
	case iam.TreeNull:
		b.size += 4
	case iam.TreeString, iam.TreeNumber, iam.TreeBool, iam.TreeUnknown:
		b.scalarOf(d, true)
	default:
		return false
	}
	return true
}

// members appends the members of object d to b.mem, in the order of
// nodeTree.Keys, and returns where they start; false when the direct way
// does not read the object: a node whose members are not just its own (a
// map's, a value's with other attributes, a resource instance's), or with
// a nil member or a key twice.
func (b *directBuilder) members(d *dnode) (first int, ok bool) {
	first = len(b.mem)
	n := d.n
	if n != nil && n.IsObject() {
		if n.Inst() != "" || len(n.Keys) > maxDirectKeys {
			return first, false
		}
		if v := n.Val; v != cty.NilVal && v.IsKnown() {
			// (a null one is no object)
			if !v.Type().IsObjectType() || !sameKeys(n.Keys, v.Type().AttributeTypes()) {
				return first, false
			}
		}
		for i, c := range n.Kids() {
			k := n.Keys[i]
			for _, p := range n.Keys[:i] {
				if p == k {
					b.mem = b.mem[:first]
					return first, false
				}
			}
			cd, ok := nodeOf(c)
			if !ok {
				b.mem = b.mem[:first]
				return first, false
			}
			b.mem = append(b.mem, dmember{key: k, d: cd})
		}
		return first, true
	}
	if n != nil && (len(n.Keys) > 0 || n.Inst() != "") {
		return first, false
	}
	// A known object or map without members of its own: Get derives
	// each, in the order of its keys (sorted, as cty iterates them).
	v := d.v
	if !isKnown(v) || v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		return first, false
	}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		b.mem = append(b.mem, dmember{key: k.AsString(), d: partOf(ev, d.at)})
	}
	return first, true
}

// elems appends the elements of array d to b.mem and returns where they
// start; false when one is nil or holds a conditional.
func (b *directBuilder) elems(d *dnode) (first int, ok bool) {
	first = len(b.mem)
	n := d.n
	if n != nil && n.IsObject() {
		return first, false
	}
	if n != nil && (len(n.Elems) > 0 || !isKnown(n.Val)) {
		// Its own elements (none: an empty tuple constructor's node,
		// which has no value).
		if nodeLen(n) != len(n.Elems) {
			return first, false
		}
		for _, c := range n.Elems {
			cd, ok := nodeOf(c)
			if !ok {
				b.mem = b.mem[:first]
				return first, false
			}
			b.mem = append(b.mem, dmember{d: cd})
		}
		return first, true
	}
	v := d.v
	if !isKnown(v) || v.IsNull() || !v.CanIterateElements() {
		return first, false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		b.mem = append(b.mem, dmember{d: partOf(ev, d.at)})
	}
	return first, true
}

// objectSize adds to the size what the object whose members start at
// b.mem[first] adds besides its members' values.
func (b *directBuilder) objectSize(first int) {
	n := len(b.mem) - first
	b.size += 2 + max(n-1, 0)
	for i := first; i < len(b.mem); i++ {
		k := b.mem[i].key
		if strings.Contains(k, iam.UnknownPart) {
			b.sized = false
		}
		b.size += iam.QuotedLen(k) + 1
	}
}

// arraySize adds to the size what the array whose elements start at
// b.mem[first] adds besides its elements.
func (b *directBuilder) arraySize(first int) {
	b.size += 2 + max(len(b.mem)-first-1, 0)
}

// scalar is iam's builder.scalar of d, with its size; false for a kind it
// warns about (a number or bool too: IAM wants a string).
func (b *directBuilder) scalar(d *dnode) (iam.Value, bool) { return b.scalarOf(d, false) }

// scalarOf is scalar, taking a number or bool too when anyScalar (a
// condition value).
func (b *directBuilder) scalarOf(d *dnode, anyScalar bool) (iam.Value, bool) {
	switch d.kind {
	case iam.TreeString, iam.TreeNumber, iam.TreeBool:
		if d.kind != iam.TreeString && !anyScalar {
			return iam.Value{}, false
		}
		s, _ := scalarText(d.v)
		if d.kind == iam.TreeString {
			b.size += iam.QuotedLen(s)
		} else {
			b.size += len(s)
		}
		return iam.Value{Text: s, Known: true, Range: b.rng(*d.at)}, true
	case iam.TreeUnknown:
		b.sized = false
		v := iam.Value{Range: b.rng(*d.at)}
		if n := d.n; n != nil {
			if p := n.PartialOf(); p != nil && !isKnown(n.Val) {
				v.SetPartial(strings.ReplaceAll(p.Text, eval.UnknownMarker, iam.UnknownPart))
			}
		}
		return v, true
	}
	return iam.Value{}, false
}

// list is iam's builder.list of d: its values, a slice of b.vals (which
// PackDocument copies), or an empty slice for an empty array; anyScalar as
// for scalarOf.
func (b *directBuilder) list(d *dnode, anyScalar bool) ([]iam.Value, bool) {
	switch d.kind {
	case iam.TreeString, iam.TreeNumber, iam.TreeBool, iam.TreeUnknown:
		v, ok := b.scalarOf(d, anyScalar)
		if !ok {
			return nil, false // "... must be a string or an array of strings"
		}
		a := len(b.vals)
		b.vals = append(b.vals, v)
		return b.vals[a:len(b.vals):len(b.vals)], true
	case iam.TreeArray:
		el, ok := b.elems(d)
		if !ok {
			return nil, false
		}
		b.arraySize(el)
		a := len(b.vals)
		for i := el; i < len(b.mem); i++ {
			v, ok := b.scalarOf(&b.mem[i].d, anyScalar)
			if !ok {
				return nil, false // "Each ... must be a string" (a null too)
			}
			b.vals = append(b.vals, v)
		}
		b.mem = b.mem[:el]
		if len(b.vals) == a {
			return make([]iam.Value, 0), true
		}
		return b.vals[a:len(b.vals):len(b.vals)], true
	}
	return nil, false
}

// keyValue is iam's builder.keyValue: the value of an object key, unknown
// when the key is known only in part.
func (b *directBuilder) keyValue(k string, rng hcl.Range) iam.Value {
	if !strings.Contains(k, iam.UnknownPart) {
		return iam.Value{Text: k, Known: true, Range: b.rng(rng)}
	}
	v := iam.Value{Range: b.rng(rng)}
	if k != iam.UnknownPart {
		v.SetPartial(k)
	}
	return v
}

// The statement elements, as bits of a set.
const (
	hasSid = 1 << iota
	hasEffect
	hasAction
	hasNotAction
	hasResource
	hasNotResource
	hasPrincipal
	hasNotPrincipal
	hasCondition
)

// statementElement is the bit of statement element k, 0 for any other key
// (one in another case among them: the general way matches those).
func statementElement(k string) int {
	switch k {
	case "Sid":
		return hasSid
	case "Effect":
		return hasEffect
	case "Action":
		return hasAction
	case "NotAction":
		return hasNotAction
	case "Resource":
		return hasResource
	case "NotResource":
		return hasNotResource
	case "Principal":
		return hasPrincipal
	case "NotPrincipal":
		return hasNotPrincipal
	case "Condition":
		return hasCondition
	}
	return 0
}

// statement reads statement object t into a new statement of b, as iam's
// builder.statement does; false when it would report something (an
// unrecognized member, an element of the wrong kind) or the statement is
// unknown in a way it reads (an unknown key).
func (b *directBuilder) statement(t *dnode) bool {
	first, ok := b.members(t)
	if !ok {
		return false
	}
	ok = b.statementOf(t, first)
	b.mem = b.mem[:first]
	return ok
}

// statementOf is statement of t, whose members are b.mem[first:].
func (b *directBuilder) statementOf(t *dnode, first int) bool {
	var ok bool
	var at [9]*dnode // by element, its member when present and not null
	seen := 0
	b.objectSize(first)
	for i := first; i < len(b.mem); i++ {
		m := &b.mem[i]
		e := statementElement(m.key)
		if e == 0 || seen&e != 0 {
			return false
		}
		seen |= e
		if m.d.kind == iam.TreeNull {
			b.size += 4 // absent, but written
			continue
		}
		at[bits.TrailingZeros(uint(e))] = &m.d
	}

	b.stmts = append(b.stmts, iam.Statement{})
	s := &b.stmts[len(b.stmts)-1]
	s.Range = b.rng(*t.at)
	if d := at[0]; d != nil {
		v, ok := b.scalar(d)
		if !ok {
			return false
		}
		s.SetSid(v)
	}
	var ex iam.StatementExtra
	if d := at[1]; d != nil {
		v, ok := b.scalar(d)
		if !ok {
			return false
		}
		s.SetEffect(v)
	}
	if s.Actions, s.Action, ok = b.listElement(at[2]); !ok {
		return false
	}
	if ex.NotActions, ex.NotAction, ok = b.listElement(at[3]); !ok {
		return false
	}
	if s.Resources, s.Resource, ok = b.listElement(at[4]); !ok {
		return false
	}
	if ex.NotResources, ex.NotResource, ok = b.listElement(at[5]); !ok {
		return false
	}
	var scope iam.StatementScope
	if d := at[6]; d != nil {
		scope.Principal = iam.Element{Present: true, Range: b.rng(d.keyRange())}
		if scope.Principals, ok = b.principals(d); !ok {
			return false
		}
	}
	if d := at[7]; d != nil {
		ex.NotPrincipal = iam.Element{Present: true, Range: b.rng(d.keyRange())}
		if ex.NotPrincipals, ok = b.principals(d); !ok {
			return false
		}
	}
	if d := at[8]; d != nil {
		scope.Condition = iam.Element{Present: true, Range: b.rng(d.keyRange())}
		if scope.Conditions, ok = b.conditions(d); !ok {
			return false
		}
	}
	s.SetExtra(ex)
	k := int32(-1)
	if scope.Principals != nil || scope.Conditions != nil || scope.Principal.Present || scope.Condition.Present {
		k = int32(len(b.scopes))
		b.scopes = append(b.scopes, scope)
	}
	b.scopeOf = append(b.scopeOf, k)
	return true
}

// listElement is iam's builder.listElement of the element d (nil: absent).
func (b *directBuilder) listElement(d *dnode) ([]iam.Value, iam.Element, bool) {
	if d == nil {
		return nil, iam.Element{}, true
	}
	vs, ok := b.list(d, false)
	if !ok {
		return nil, iam.Element{}, false
	}
	return vs, iam.Element{Present: true, Range: b.rng(d.keyRange())}, true
}

// principals is iam's builder.principals of d (a slice of b.prs), false
// when it would report something.
func (b *directBuilder) principals(d *dnode) ([]iam.Principal, bool) {
	switch d.kind {
	case iam.TreeUnknown:
		id, _ := b.scalar(d)
		b.prs = append(b.prs, iam.Principal{Type: iam.Value{Range: b.rng(*d.at)}, ID: id})
		return b.prs[len(b.prs)-1:], true
	case iam.TreeString:
		s, _ := scalarText(d.v)
		if s != "*" {
			return nil, false // "the string is taken as an AWS principal"
		}
		b.size += iam.QuotedLen(s)
		r := b.rng(*d.at)
		b.prs = append(b.prs, iam.Principal{Type: iam.KnownValueAt("*", r), ID: iam.KnownValueAt("*", r)})
		return b.prs[len(b.prs)-1:], true
	case iam.TreeObject:
	default:
		return nil, false
	}
	mf, ok := b.members(d)
	if !ok {
		return nil, false
	}
	defer func() { b.mem = b.mem[:mf] }()
	b.objectSize(mf)
	a := len(b.prs)
	for i := mf; i < len(b.mem); i++ {
		m := &b.mem[i]
		if m.d.kind == iam.TreeNull {
			b.size += 4
			continue
		}
		typ := b.keyValue(m.key, m.d.keyRange())
		ids, ok := b.list(&m.d, false)
		if !ok {
			return nil, false
		}
		for _, id := range ids {
			b.prs = append(b.prs, iam.Principal{Type: typ, ID: id})
		}
	}
	if len(b.prs) == a {
		return nil, true
	}
	return b.prs[a:len(b.prs):len(b.prs)], true
}

// conditions is iam's builder.conditions of d (a slice of b.conds), false
// when it would report something.
func (b *directBuilder) conditions(d *dnode) ([]iam.Condition, bool) {
	switch d.kind {
	case iam.TreeUnknown:
		b.sized = false
		r := b.rng(*d.at)
		b.conds = append(b.conds, iam.Condition{Operator: iam.UnknownValueAt(r), Key: iam.UnknownValueAt(r)})
		return b.conds[len(b.conds)-1:], true
	case iam.TreeObject:
	default:
		return nil, false
	}
	of, ok := b.members(d)
	if !ok {
		return nil, false
	}
	defer func() { b.mem = b.mem[:of] }()
	b.objectSize(of)
	a := len(b.conds)
	for i := of; i < len(b.mem); i++ {
		ot := &b.mem[i].d
		op := b.mem[i].key
		switch ot.kind {
		case iam.TreeNull:
			b.size += 4
			continue
		case iam.TreeUnknown:
			b.sized = false
			opv := b.keyValue(op, ot.keyRange())
			b.conds = append(b.conds, iam.Condition{Operator: opv, Key: iam.UnknownValueAt(b.rng(*ot.at))})
			continue
		case iam.TreeObject:
		default:
			return nil, false // "The condition operator must hold an object"
		}
		opv := b.keyValue(op, ot.keyRange())
		kf, ok := b.members(ot)
		if !ok {
			return nil, false
		}
		b.objectSize(kf)
		for j := kf; j < len(b.mem); j++ {
			kt := &b.mem[j].d
			if kt.kind == iam.TreeNull {
				b.size += 4
				continue
			}
			c := iam.Condition{Operator: opv, Key: b.keyValue(b.mem[j].key, kt.keyRange())}
			if c.Values, ok = b.list(kt, true); !ok {
				return nil, false
			}
			b.conds = append(b.conds, c)
		}
		b.mem = b.mem[:kf]
	}
	if len(b.conds) == a {
		return nil, true
	}
	return b.conds[a:len(b.conds):len(b.conds)], true
}
