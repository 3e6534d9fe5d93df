package plan

import (
	"encoding/binary"
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/linter/eval"
)

// unknownTree is after_unknown decoded: true (unknown), nil or false (known),
// attrs for objects (the members that are not nil, each key once: the last
// one), elems for arrays.
type unknownTree struct {
	all   bool
	attrs []unknownAttr
	index map[string]*unknownTree // attrs by key, for a big object
	elems []*unknownTree
	// same, when not nil, is every element of an array of n whose
	// elements are all the same tree (all true: allUnknown), and elems
	// is nil: an array of 40 million trues (a 200 MB plan) held a
	// pointer each, and the copies of its growth, 980 MB of RSS.
	same *unknownTree
	n    int
}

type unknownAttr struct {
	key  string
	tree *unknownTree
}

// maxScannedAttrs is the size of an object of after_unknown from which
// its attributes are looked up in a map rather than scanned.
const maxScannedAttrs = 16

// allUnknown is the tree of a value after_unknown marks true (read-only,
// shared: most unknown attributes of a plan are such leaves).
var allUnknown = &unknownTree{all: true}

// unknowns decodes the after_unknown value at i.
func (s *scanner) unknowns(i int) (*unknownTree, int) {
	switch {
	case i < len(s.src) && s.src[i] == 't':
		return allUnknown, s.literal(i, "true")
	case i < len(s.src) && s.src[i] == '{':
		// The members are gathered on the scanner's stack, shared by the
		// nested objects, and copied at their number.
		// Every member is gathered, those that mark nothing (nil) too,
		// so that a key given twice is told (and its last value counts,
		// whether it marks something or not); they are dropped then.
		base := len(s.unk)
		var keys keyCheck
		dup := false
		end := s.object(i, func(k string, ks, ke, v int) int {
			dup = keys.attr(s, s.unk[base:], k, ks, ke) || dup
			c, e := s.unknowns(v)
			s.unk = append(s.unk, unknownAttr{k, c})
			return e
		})
		as := s.unk[base:]
		if dup {
			as = lastOfEach(as)
		}
		kept := as[:0]
		for _, a := range as {
			if a.tree != nil {
				kept = append(kept, a)
			}
		}
		var t *unknownTree
		if len(kept) > 0 {
			t = s.arena.tree()
			t.attrs = s.arena.copyAttrs(kept)
			t.indexAttrs()
		}
		clear(s.unk[base:])
		s.unk = s.unk[:base]
		return t, end
	case i < len(s.src) && s.src[i] == '[':
		// The elements are kept one by one only from the first that
		// differs from those before it: an array of one tree (all
		// false, all true) is that tree and its length.
		var elems []*unknownTree
		var first *unknownTree
		n := 0
		uniform := true
		end := s.array(i, func(v int) int {
			c, e := s.unknowns(v)
			switch {
			case n == 0:
				first = c
			case uniform && c != first:
				uniform = false
				elems = make([]*unknownTree, n, 2*n+1)
				for k := range elems {
					elems[k] = first
				}
			}
			if !uniform {
				elems = append(elems, c)
			}
			n++
			return e
		})
		if uniform && first == nil {
			return nil, end
		}
		t := s.arena.tree()
		if uniform {
			t.same, t.n = first, n
		} else {
			t.elems = elems
		}
		return t, end
	}
	if c := s.at(i); c != 'f' && !s.isNull(i) {
		// A string or a number said the value was known, silently: an
		// omitted policy marked "true" (a string) was neither linted
		// nor a notice. Terraform writes true, false, or an object or
		// array mirroring the value, as it does at the top.
		s.failType(i, "a boolean, or an object or array mirroring the value")
	}
	return nil, s.skip(i)
}

// unkArena is where the unknownTrees of a change's after_unknown are
// made: they are read only while the change's values are built (build),
// so one arena serves change after change (reset), instead of two
// allocations per change of a big plan left for the collector. Chunks are
// never grown (the trees point into them). A nil arena allocates.
type unkArena struct {
	trees  [][]unknownTree
	attrs  [][]unknownAttr
	nt, na int // the trees and attributes handed out
}

// unkChunk is the number of trees or attributes of a chunk of unkArena.
const unkChunk = 256

func (a *unkArena) tree() *unknownTree {
	if a == nil {
		return &unknownTree{}
	}
	c, k := a.nt/unkChunk, a.nt%unkChunk
	if c == len(a.trees) {
		a.trees = append(a.trees, make([]unknownTree, unkChunk))
	}
	a.nt++
	return &a.trees[c][k]
}

// copyAttrs returns a copy of attrs, made in the arena (its capacity is
// its length: nothing appends to it).
func (a *unkArena) copyAttrs(attrs []unknownAttr) []unknownAttr {
	n := len(attrs)
	if a == nil || n > unkChunk {
		return append([]unknownAttr(nil), attrs...)
	}
	c, k := a.na/unkChunk, a.na%unkChunk
	if k+n > unkChunk {
		c, k = c+1, 0 // the rest of this chunk stays unused
	}
	for c >= len(a.attrs) {
		a.attrs = append(a.attrs, make([]unknownAttr, unkChunk))
	}
	a.na = c*unkChunk + k + n
	out := a.attrs[c][k : k+n : k+n]
	copy(out, attrs)
	return out
}

// reset makes the arena's trees and attributes free for the next change
// (cleared: they hold strings and maps of this one).
func (a *unkArena) reset() {
	for c := 0; c*unkChunk < a.nt; c++ {
		clear(a.trees[c][:min(unkChunk, a.nt-c*unkChunk)])
	}
	for c := 0; c*unkChunk < a.na; c++ {
		clear(a.attrs[c][:min(unkChunk, a.na-c*unkChunk)])
	}
	a.nt, a.na = 0, 0
}

// lastOfEach keeps, in as (in place), the last member of each key.
func lastOfEach(as []unknownAttr) []unknownAttr {
	last := make(map[string]int, len(as))
	for i, a := range as {
		last[a.key] = i
	}
	kept := as[:0]
	for i, a := range as {
		if last[a.key] == i {
			kept = append(kept, a)
		}
	}
	return kept
}

// indexAttrs indexes the members of a big object. Their keys are
// distinct: unknowns keeps the last member of each key given twice
// (lastOfEach).
func (t *unknownTree) indexAttrs() {
	if len(t.attrs) > maxScannedAttrs {
		t.index = make(map[string]*unknownTree, len(t.attrs))
		for _, a := range t.attrs {
			t.index[a.key] = a.tree
		}
	}
}

func (t *unknownTree) attr(k string) *unknownTree {
	if t == nil {
		return nil
	}
	if t.index != nil {
		return t.index[k]
	}
	for _, a := range t.attrs {
		if a.key == k {
			return a.tree
		}
	}
	return nil
}

// allAttrs returns the attributes of t (nil for nil).
func (t *unknownTree) allAttrs() []unknownAttr {
	if t == nil {
		return nil
	}
	return t.attrs
}

func (t *unknownTree) elem(i int) *unknownTree {
	if t == nil {
		return nil
	}
	if t.same != nil {
		if i < t.n {
			return t.same
		}
		return nil
	}
	if i >= len(t.elems) {
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
	case 't', 'f':
		v, lit := cty.True, "true"
		if c == 'f' {
			v, lit = cty.False, "false"
		}
		end := s.literal(i, lit)
		if s.locateAll {
			// A setting a rule reports at (password-policy-weak).
			return &eval.Node{Val: v, Range: s.rng(i, end)}, v, tidBool, end
		}
		return nil, v, tidBool, end
	case 'n':
		return nil, cty.NullVal(cty.DynamicPseudoType), tidDynamic, s.literal(i, "null")
	case '"':
		str, end, ascii := s.strASCII(i)
		v := ctyraw.StringVal(str, ascii)
		if !must && depth >= 1 && !mayBeDocument(str) && !s.locateAll {
			return nil, v, tidString, end // no Node: most strings are names and ARNs
		}
		return &eval.Node{Val: v, Range: s.rng(i, end)}, v, tidString, end
	case '{', '[':
	default:
		end := s.skip(i) // validates the number grammar
		if end-i > maxNumberText {
			// Parsing and printing such a number takes time that grows
			// faster than its digits: a plan holding 3 million of them ran
			// past 60 s. terraform writes no such number.
			s.fail(i, "number of %d characters, longer than iamlint reads (%d)", end-i, maxNumberText)
		}
		v, err := cty.ParseNumberVal(string(s.src[i:end]))
		if err != nil {
			// Its grammar is valid (skip): its exponent is past an int32
			// (1e9999999999).
			s.fail(i, "number out of range: beyond 1e±1233, past what iamlint evaluates (printing it takes minutes)")
		}
		// Past big.Float's exponent (1e1000000000, 1e-1000000000) the
		// parse is infinite, or zero: those were read as +Inf (a password
		// length "not a whole number") and 0, while nearer ones failed.
		if f := v.AsBigFloat(); f.IsInf() || (f.Sign() == 0 && nonZeroDigits(s.src[i:end])) {
			s.fail(i, "number out of range: beyond 1e±1233, past what iamlint evaluates (printing it takes minutes)")
		} else if f.Sign() != 0 {
			if exp := f.MantExp(nil); exp > maxNumberExp || exp < -maxNumberExp {
				s.fail(i, "number out of range: beyond 1e±1233, past what iamlint evaluates (printing it takes minutes)")
			}
		}
		if s.locateAll {
			return &eval.Node{Val: v, Range: s.rng(i, end)}, v, tidNumber, end
		}
		return nil, v, tidNumber, end
	}
	if s.src[i] == '{' {
		return s.objectValue(i, unk, depth, must)
	}
	return s.arrayValue(i, unk, depth, must)
}

// nonZeroDigits reports whether the mantissa of the JSON number num (its
// digits before any exponent) has a digit other than 0.
func nonZeroDigits(num []byte) bool {
	for _, c := range num {
		switch {
		case c == 'e' || c == 'E':
			return false
		case c >= '1' && c <= '9':
			return true
		}
	}
	return false
}

// maxNumberText and maxNumberExp bound the numbers of a plan: their text,
// and their binary exponent (2^4096 is about 1e1233; eval's bound too).
const (
	maxNumberText = 1000
	maxNumberExp  = 4096
)

// objectValue is value for the object at i. Its Node is made only when it
// is kept.
func (s *scanner) objectValue(i int, unk *unknownTree, depth int, must bool) (*eval.Node, cty.Value, typeID, int) {
	// The members are gathered first (on the scanner's stack, shared
	// by the nested objects) so that the maps are made at their size.
	base := len(s.members)
	unread := s.unread
	if depth != 0 {
		unread = nil
	}
	// The keys of a block body are checked by the pass, but for before's.
	checkKeys := depth != 0 || s.dupTop
	var keys keyCheck
	end := s.object(i, func(k string, ks, ke, v int) int {
		if unread != nil && unread(k) {
			return s.skip(v) // left out of the body (Options.Unread)
		}
		if checkKeys {
			keys.member(s, s.members[base:], k, ks, ke)
		}
		// A null attribute needs no Node of its own (Get derives it).
		// Attributes of a body get a Node when they are containers,
		// strings that may hold a policy, or unknown; scalars (names,
		// numbers, flags, null) live in the body's Val only.
		// A policy text is decoded into the stream's arena (see
		// Plan.StreamHeld): only a string's, whose value is read at once.
		s.inText = s.texts != nil && v < len(s.src) && s.src[v] == '"' && (k == "policy" || k == "assume_role_policy")
		var c *eval.Node
		var cv cty.Value
		var ct typeID
		var e int
		if depth == 0 && s.locateKeys[k] && !s.locateAll {
			s.locateAll = true
			c, cv, ct, e = s.value(v, unk.attr(k), depth+1, false)
			s.locateAll = false
		} else {
			c, cv, ct, e = s.value(v, unk.attr(k), depth+1, false)
		}
		s.inText = false
		if c != nil {
			c.SetNameRange(s.rng(ks, ke))
		}
		s.members = append(s.members, member{k, c, cv, ct})
		return e
	})
	ms := s.members[base:]
	defer func() {
		clear(ms)
		s.members = s.members[:base]
	}()
	located := 0
	for _, m := range ms {
		if m.node != nil {
			located++
		}
	}
	// Terraform omits unknown attributes from after; after_unknown names them.
	mbase := len(s.missing)
	for _, a := range unk.allAttrs() {
		if a.tree.all && !hasMember(ms, a.key) && (unread == nil || !unread(a.key)) {
			s.missing = append(s.missing, a.key)
		}
	}
	missing := s.missing[mbase:]
	defer func() {
		clear(missing)
		s.missing = s.missing[:mbase]
	}()
	sort.Strings(missing)
	locMissing := 0 // unknown attributes left out of after, located at depth 0
	if depth == 0 && !s.derive {
		locMissing = len(missing)
	}
	if !must && depth > 1 && located+locMissing == 0 && !s.locateAll {
		v, tid := s.objectVal(ms, missing)
		return nil, v, tid, end
	}
	n := &eval.Node{}
	var mem eval.Members
	mem.Grow(located + locMissing)
	for _, m := range ms {
		if m.node != nil {
			mem.Set(m.key, m.node)
		} else if mem.Has(m.key) {
			mem.Set(m.key, nil) // a duplicate key: the last one wins
		}
	}
	n.Range = s.rng(i, end)
	if locMissing > 0 {
		// Kept located (at the body) so that an unknown policy is seen;
		// one read-only Node is shared by all of them.
		shared := &eval.Node{Val: cty.DynamicVal, Range: n.Range}
		for _, k := range missing {
			mem.Set(k, shared)
		}
	}
	mem.Into(n)
	var tid typeID
	n.Val, tid = s.objectVal(ms, missing)
	if !must && depth > 1 && n.NumAttrs() == 0 && !s.locateAll {
		return nil, n.Val, tid, end
	}
	return n, n.Val, tid, end
}

// arrayValue is value for the array at i. Its Node is made only when it
// is kept.
func (s *scanner) arrayValue(i int, unk *unknownTree, depth int, must bool) (*eval.Node, cty.Value, typeID, int) {
	base := len(s.elems)
	located := false
	end := s.array(i, func(v int) int {
		c, cv, ct, e := s.value(v, unk.elem(len(s.elems)-base), depth+1, false)
		located = located || c != nil
		s.elems = append(s.elems, elem{c, cv, ct, v, e})
		return e
	})
	es := s.elems[base:]
	defer func() {
		clear(es)
		s.elems = s.elems[:base]
	}()
	val, tid := s.tupleVal(es)
	keepElems := located || (s.locateAll && len(es) > 0)
	if !must && depth > 1 && !keepElems && !s.locateAll {
		return nil, val, tid, end
	}
	n := &eval.Node{Val: val, Range: s.rng(i, end)}
	if keepElems {
		// Elems is all or nothing: give every element its Node.
		n.Elems = make([]*eval.Node, len(es))
		for k, e := range es {
			n.Elems[k] = e.node
			if e.node == nil {
				n.Elems[k] = &eval.Node{Val: e.val, Range: s.rng(e.start, e.end)}
			}
		}
	}
	return n, val, tid, end
}

// elem is an array element read by value, before the array is made.
type elem struct {
	node       *eval.Node
	val        cty.Value
	tid        typeID
	start, end int
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
		if m.tid == tidNone || !ctyraw.ASCII(m.key) {
			return cty.NilVal, tidNone, false
		}
		key = appendShape(key, m.key, m.tid)
	}
	for _, k := range missing {
		if !ctyraw.ASCII(k) {
			return cty.NilVal, tidNone, false
		}
		key = appendShape(key, k, tidDynamic)
	}
	s.shape = key
	size := len(ms) + len(missing)
	raw := make(map[string]any, size)
	for _, m := range ms {
		raw[m.key] = ctyraw.Raw(m.val)
	}
	for _, k := range missing {
		raw[k] = ctyraw.Raw(cty.DynamicVal)
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
	return ctyraw.Make(e.ty, raw), e.id, true
}

// tupleVal returns the tuple of the elements es (cty.TupleVal, with the
// plan's shared type when it can), and the id of its type.
func (s *scanner) tupleVal(es []elem) (cty.Value, typeID) {
	if len(es) == 0 {
		return cty.EmptyTupleVal, tidEmptyTuple
	}
	slow := func() (cty.Value, typeID) {
		vals := make([]cty.Value, len(es))
		for k, e := range es {
			vals[k] = e.val
		}
		return cty.TupleVal(vals), tidNone
	}
	if s.types == nil {
		return slow()
	}
	key := append(s.shape[:0], '[')
	for _, e := range es {
		if e.tid == tidNone {
			return slow()
		}
		key = binary.AppendUvarint(key, uint64(e.tid))
	}
	s.shape = key
	t, ok := s.types.get(key, func() cty.Type {
		et := make([]cty.Type, len(es))
		for k, e := range es {
			et[k] = e.val.Type()
		}
		return cty.Tuple(et)
	})
	if !ok {
		return slow()
	}
	raw := make([]any, len(es))
	for k, e := range es {
		raw[k] = ctyraw.Raw(e.val)
	}
	return ctyraw.Make(t.ty, raw), t.id
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

// mayBeDocument reports whether a string may hold a JSON policy document:
// its first byte past white space is a bracket. A leading UTF-8 byte order
// mark is skipped, as the policy parser (iam.ParseJSON) skips it: a policy
// "\ufeff{...}" got no Node, so its findings pointed at the resource's body.
func mayBeDocument(str string) bool {
	k := 0
	if len(str) >= 3 && str[0] == 0xEF && str[1] == 0xBB && str[2] == 0xBF {
		k = 3
	}
	for ; k < len(str); k++ {
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
	n := &eval.Node{}
	var mem eval.Members
	vals := map[string]cty.Value{}
	end := s.object(i, func(k string, ks, ke, v int) int {
		if _, dup := vals[k]; dup {
			s.dupKey(ks, ke, k) // the pass checks after's keys only
		}
		e := s.skip(v)
		if a := share.Attr(k); a != nil && a.Val != cty.NilVal && a.Val.IsWhollyKnown() &&
			a.Range.Filename == s.name && a.Range.End.Byte-a.Range.Start.Byte == e-v &&
			a.Range.Start.Byte >= s.base && a.Range.End.Byte-s.base <= len(s.src) &&
			string(s.src[a.Range.Start.Byte-s.base:a.Range.End.Byte-s.base]) == string(s.src[v:e]) {
			mem.Set(k, a)
			vals[k] = a.Val
			return e
		}
		c, cv, _, e2 := s.value(v, nil, 1, false)
		if c != nil {
			c.SetNameRange(s.rng(ks, ke))
			mem.Set(k, c)
		} else if mem.Has(k) {
			mem.Set(k, nil)
		}
		vals[k] = cv
		return e2
	})
	mem.Into(n)
	n.Range = s.rng(i, end)
	if len(vals) == 0 {
		n.Val = cty.EmptyObjectVal
	} else {
		n.Val = cty.ObjectVal(vals)
	}
	return n, end
}
