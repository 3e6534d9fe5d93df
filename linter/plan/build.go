package plan

import (
	"encoding/binary"
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// unknownTree is after_unknown decoded: true (unknown), nil or false (known),
// map[string]*unknownTree for objects, []*unknownTree for arrays.
type unknownTree struct {
	all   bool
	attrs map[string]*unknownTree
	elems []*unknownTree
}

// allUnknown is the tree of a value after_unknown marks true (read-only,
// shared: most unknown attributes of a plan are such leaves).
var allUnknown = &unknownTree{all: true}

// unknowns decodes the after_unknown value at i.
func (s *scanner) unknowns(i int) (*unknownTree, int) {
	switch {
	case i < len(s.src) && s.src[i] == 't':
		return allUnknown, s.literal(i, "true")
	case i < len(s.src) && s.src[i] == '{':
		t := &unknownTree{}
		end := s.object(i, func(k string, _, _, v int) int {
			c, e := s.unknowns(v)
			if c != nil {
				if t.attrs == nil {
					t.attrs = map[string]*unknownTree{}
				}
				t.attrs[k] = c
			}
			return e
		})
		if t.attrs == nil {
			return nil, end
		}
		return t, end
	case i < len(s.src) && s.src[i] == '[':
		t := &unknownTree{}
		any := false
		end := s.array(i, func(v int) int {
			c, e := s.unknowns(v)
			any = any || c != nil
			t.elems = append(t.elems, c)
			return e
		})
		if !any {
			return nil, end
		}
		return t, end
	}
	return nil, s.skip(i)
}

func (t *unknownTree) attr(k string) *unknownTree {
	if t == nil {
		return nil
	}
	return t.attrs[k]
}

// allAttrs returns the attributes of t (nil for nil).
func (t *unknownTree) allAttrs() map[string]*unknownTree {
	if t == nil {
		return nil
	}
	return t.attrs
}

func (t *unknownTree) elem(i int) *unknownTree {
	if t == nil || i >= len(t.elems) {
		return nil
	}
	return t.elems[i]
}

// node builds the located value at i, marking unknown what unk says is
// unknown. It returns the node and the offset after the value.
//
// depth is 0 for a block body and 1 for its attributes. The body always
// gets a Node; its attributes get one when they are containers (objects,
// lists), unknown, or strings that may hold a policy document. Scalars
// (other strings, numbers, bools, null) are only in the body's Val:
// eval.Node.Get derives them with the body's range. On big plans this saves
// a Node (272 bytes) for most attributes. An unknown attribute that
// Terraform left out of after gets a Node at the body's range (one Node
// shared by all such attributes of a body: Nodes are read-only). Deeper (nested blocks, tags, lists), a value gets
// a Node only when it is a string that may hold a policy document (its text
// starts with '{' or '[') or a container on the way to one; other values live
// only in the parent's Val, and eval.Node.Get/Index derive them with the
// parent's range. Plans are large and a Node costs 272 bytes.
func (s *scanner) node(i int, unk *unknownTree, depth int) (*eval.Node, int) {
	n, v, _, end := s.value(i, unk, depth, true)
	if n == nil {
		n = &eval.Node{Val: v, Range: s.rng(i, end)}
	}
	return n, end
}

// value returns the value at i, with its Node when it deserves one (always
// when must is set), and the id of its type.
func (s *scanner) value(i int, unk *unknownTree, depth int, must bool) (*eval.Node, cty.Value, typeID, int) {
	if unk != nil && unk.all {
		end := s.skip(i)
		if depth > 1 {
			return nil, cty.DynamicVal, tidDynamic, end
		}
		return &eval.Node{Val: cty.DynamicVal, Range: s.rng(i, end)}, cty.DynamicVal, tidDynamic, end
	}
	if i >= len(s.src) {
		s.fail(i, "unexpected end of input, expected a value")
	}
	switch c := s.src[i]; c {
	case 't':
		return nil, cty.True, tidBool, s.literal(i, "true")
	case 'f':
		return nil, cty.False, tidBool, s.literal(i, "false")
	case 'n':
		return nil, cty.NullVal(cty.DynamicPseudoType), tidDynamic, s.literal(i, "null")
	case '"':
		str, end, ascii := s.strASCII(i)
		v := stringVal(str, ascii)
		if !must && depth >= 1 && !mayBeDocument(str) && !s.locateAll {
			return nil, v, tidString, end // no Node: most strings are names and ARNs
		}
		return &eval.Node{Val: v, Range: s.rng(i, end)}, v, tidString, end
	case '{', '[':
	default:
		end := s.skip(i) // validates the number grammar
		v, err := cty.ParseNumberVal(string(s.src[i:end]))
		if err != nil {
			s.fail(i, "invalid number")
		}
		return nil, v, tidNumber, end
	}
	n := &eval.Node{}
	var end int
	var tid typeID
	switch s.src[i] {
	case '{':
		// The members are gathered first (on the scanner's stack, shared
		// by the nested objects) so that the maps are made at their size.
		base := len(s.members)
		end = s.object(i, func(k string, ks, ke, v int) int {
			// A null attribute needs no Node of its own (Get derives it).
			// Attributes of a body get a Node when they are containers,
			// strings that may hold a policy, or unknown; scalars (names,
			// numbers, flags, null) live in the body's Val only.
			c, cv, ct, e := s.value(v, unk.attr(k), depth+1, false)
			if c != nil {
				c.NameRange = s.rng(ks, ke)
			}
			s.members = append(s.members, member{k, c, cv, ct})
			return e
		})
		ms := s.members[base:]
		located := 0
		for _, m := range ms {
			if m.node != nil {
				located++
			}
		}
		// Terraform omits unknown attributes from after; after_unknown names them.
		var missing []string
		for k, u := range unk.allAttrs() {
			if u != nil && u.all && !hasMember(ms, k) {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		locMissing := 0 // unknown attributes left out of after, located at depth 0
		if depth == 0 {
			locMissing = len(missing)
		}
		n.Attrs = make(map[string]*eval.Node, located+locMissing)
		if located+locMissing > 0 {
			n.Keys = make([]string, 0, located+locMissing)
		}
		for _, m := range ms {
			if m.node != nil {
				if _, dup := n.Attrs[m.key]; !dup {
					n.Keys = append(n.Keys, m.key)
				}
				n.Attrs[m.key] = m.node
			} else {
				delete(n.Attrs, m.key) // a duplicate key: the last one wins
			}
		}
		n.Range = s.rng(i, end)
		if locMissing > 0 {
			// Kept located (at the body) so that an unknown policy is seen;
			// one read-only Node is shared by all of them.
			shared := &eval.Node{Val: cty.DynamicVal, Range: n.Range}
			for _, k := range missing {
				n.Keys = append(n.Keys, k)
				n.Attrs[k] = shared
			}
		}
		n.Val, tid = s.objectVal(ms, missing)
		clear(ms)
		s.members = s.members[:base]
	case '[':
		var vals []cty.Value
		var starts []int
		located := false
		base := len(s.tids)
		end = s.array(i, func(v int) int {
			c, cv, ct, e := s.value(v, unk.elem(len(vals)), depth+1, false)
			located = located || c != nil
			n.Elems = append(n.Elems, c)
			vals = append(vals, cv)
			s.tids = append(s.tids, ct)
			starts = append(starts, v, e)
			return e
		})
		n.Range = s.rng(i, end)
		if located || (s.locateAll && len(vals) > 0) {
			// Elems is all or nothing: give every element its Node.
			for k, c := range n.Elems {
				if c == nil {
					n.Elems[k] = &eval.Node{Val: vals[k], Range: s.rng(starts[2*k], starts[2*k+1])}
				}
			}
		} else {
			n.Elems = nil
		}
		n.Val, tid = s.tupleVal(vals, s.tids[base:])
		s.tids = s.tids[:base]
	}
	if !must && depth > 1 && len(n.Attrs) == 0 && len(n.Elems) == 0 && !s.locateAll {
		return nil, n.Val, tid, end
	}
	return n, n.Val, tid, end
}

// objectVal returns the object of the members ms and the unknown
// attributes missing (cty.ObjectVal, with the plan's shared type when it
// can), and the id of its type.
func (s *scanner) objectVal(ms []member, missing []string) (cty.Value, typeID) {
	size := len(ms) + len(missing)
	if size == 0 {
		return cty.EmptyObjectVal, tidEmptyObject
	}
	if s.types != nil {
		if v, tid, ok := s.sharedObject(ms, missing); ok {
			return v, tid
		}
	}
	// cty.ObjectVal copies the map: a small one is the scanner's own,
	// reused. A big one is made anew, so that clearing the reused map
	// stays cheap.
	var attrVals map[string]cty.Value
	if size <= maxReusedVals {
		if s.vals == nil {
			s.vals = make(map[string]cty.Value, maxReusedVals)
		}
		attrVals = s.vals
		defer clear(attrVals)
	} else {
		attrVals = make(map[string]cty.Value, size)
	}
	for _, m := range ms {
		attrVals[m.key] = m.val
	}
	for _, k := range missing {
		attrVals[k] = cty.DynamicVal
	}
	return cty.ObjectVal(attrVals), tidNone
}

// sharedObject is objectVal with the type of the members' shape from
// s.types; ok is false when the shape has a member of a type it does not
// know, a key that is not ASCII or a duplicate key.
func (s *scanner) sharedObject(ms []member, missing []string) (v cty.Value, tid typeID, ok bool) {
	key := append(s.shape[:0], '{')
	for _, m := range ms {
		if m.tid == tidNone || !isASCII(m.key) {
			return cty.NilVal, tidNone, false
		}
		key = appendShape(key, m.key, m.tid)
	}
	for _, k := range missing {
		if !isASCII(k) {
			return cty.NilVal, tidNone, false
		}
		key = appendShape(key, k, tidDynamic)
	}
	s.shape = key
	size := len(ms) + len(missing)
	raw := make(map[string]any, size)
	for _, m := range ms {
		raw[m.key] = internal(m.val)
	}
	for _, k := range missing {
		raw[k] = internal(cty.DynamicVal)
	}
	if len(raw) != size {
		return cty.NilVal, tidNone, false // a duplicate key
	}
	e, ok := s.types.get(key, func() cty.Type {
		at := make(map[string]cty.Type, size)
		for _, m := range ms {
			at[m.key] = m.val.Type()
		}
		for _, k := range missing {
			at[k] = cty.DynamicPseudoType
		}
		return cty.Object(at)
	})
	if !ok {
		return cty.NilVal, tidNone, false
	}
	return makeValue(e.ty, raw), e.id, true
}

// tupleVal returns cty.TupleVal(vals), with the plan's shared type when
// it can (tids are the elements' type ids), and the id of its type.
func (s *scanner) tupleVal(vals []cty.Value, tids []typeID) (cty.Value, typeID) {
	if len(vals) == 0 {
		return cty.EmptyTupleVal, tidEmptyTuple
	}
	if s.types == nil {
		return cty.TupleVal(vals), tidNone
	}
	key := append(s.shape[:0], '[')
	for _, t := range tids {
		if t == tidNone {
			return cty.TupleVal(vals), tidNone
		}
		key = binary.AppendUvarint(key, uint64(t))
	}
	s.shape = key
	e, ok := s.types.get(key, func() cty.Type {
		et := make([]cty.Type, len(vals))
		for k, v := range vals {
			et[k] = v.Type()
		}
		return cty.Tuple(et)
	})
	if !ok {
		return cty.TupleVal(vals), tidNone
	}
	raw := make([]any, len(vals))
	for k, v := range vals {
		raw[k] = internal(v)
	}
	return makeValue(e.ty, raw), e.id
}

// maxReusedVals is the largest object whose values are gathered in the
// scanner's reused map (scanner.vals).
const maxReusedVals = 32

// member is an object member read by value, before its maps are made.
type member struct {
	key  string
	node *eval.Node
	val  cty.Value
	tid  typeID
}

func hasMember(ms []member, k string) bool {
	for _, m := range ms {
		if m.key == k {
			return true
		}
	}
	return false
}

// mayBeDocument reports whether a string may hold a JSON policy document.
func mayBeDocument(str string) bool {
	for k := 0; k < len(str); k++ {
		switch str[k] {
		case ' ', '\t', '\n', '\r':
			continue
		case '{', '[':
			return true
		}
		return false
	}
	return false
}

// sharedBody builds the block body at i (an object) like node, except that
// an attribute whose JSON text is byte for byte that of a located, known
// attribute of share (the after body of the same change) reuses share's Node
// (Nodes are read-only). An update changes a few attributes of a resource;
// the rest, policies included, then costs nothing twice.
func (s *scanner) sharedBody(i int, share *eval.Node) (*eval.Node, int) {
	n := &eval.Node{Attrs: map[string]*eval.Node{}}
	vals := map[string]cty.Value{}
	end := s.object(i, func(k string, ks, ke, v int) int {
		e := s.skip(v)
		if a := share.Attrs[k]; a != nil && a.Val != cty.NilVal && a.Val.IsWhollyKnown() &&
			a.Range.Filename == s.name && a.Range.End.Byte-a.Range.Start.Byte == e-v &&
			string(s.src[a.Range.Start.Byte:a.Range.End.Byte]) == string(s.src[v:e]) {
			if _, dup := n.Attrs[k]; !dup {
				n.Keys = append(n.Keys, k)
			}
			n.Attrs[k] = a
			vals[k] = a.Val
			return e
		}
		c, cv, _, e2 := s.value(v, nil, 1, false)
		if c != nil {
			c.NameRange = s.rng(ks, ke)
			if _, dup := n.Attrs[k]; !dup {
				n.Keys = append(n.Keys, k)
			}
			n.Attrs[k] = c
		} else {
			delete(n.Attrs, k)
		}
		vals[k] = cv
		return e2
	})
	n.Range = s.rng(i, end)
	if len(vals) == 0 {
		n.Val = cty.EmptyObjectVal
	} else {
		n.Val = cty.ObjectVal(vals)
	}
	return n, end
}
