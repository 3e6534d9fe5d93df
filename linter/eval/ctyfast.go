package eval

import (
	"unsafe"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

// Objects and tuples are most of what evaluation builds: cty.ObjectVal
// makes three maps per object (the attribute types, a normalized copy of
// them inside the new object type, the values) and cty.TupleVal a slice of
// types and a type per tuple. objectVal and tupleVal build the same values
// with the type taken from a table of the types made so far (most objects
// of a configuration have the shape of another: the statements of its
// policies, the bodies of its blocks of a type) and the values map or
// slice only, assembled by ctyraw.Make (see package ctyraw for how and why
// and its layout check: when it fails, cty.ObjectVal and cty.TupleVal are
// used). TestObjectValMatchesCty and TestTupleValMatchesCty compare the
// results with cty's.

// typeTable holds the object and tuple types built by objectVal and
// tupleVal, by a key made of their attribute names and the keys of their
// attribute (element) types. One per evaluator (single goroutine).
type typeTable struct {
	byKey ctyraw.Types
	// ids numbers the object and tuple types of byKey by the address of
	// their attribute type map (element type slice), which a type shares
	// with every copy of it: the key of a type that has one is short.
	ids map[unsafe.Pointer]uint32
	buf []byte
	// keys holds, by number, the attribute names of the object types of
	// byKey in the order their key spells them (objectValKeys): the Keys
	// of every node of that shape.
	keys [][]string
}

// appendTypeKey appends the key of ty to b; false when ty has none (a type
// not made by the table, a capsule).
func (t *typeTable) appendTypeKey(b []byte, ty cty.Type) ([]byte, bool) {
	switch {
	case ty == cty.String:
		return append(b, 'S'), true
	case ty == cty.Number:
		return append(b, 'N'), true
	case ty == cty.Bool:
		return append(b, 'B'), true
	case ty == cty.DynamicPseudoType:
		return append(b, 'D'), true
	case ty.IsObjectType():
		if len(ty.OptionalAttributes()) > 0 {
			return b, false
		}
		m := ty.AttributeTypes()
		if len(m) == 0 {
			return append(b, 'o'), true
		}
		id, ok := t.ids[ctyraw.AttrsAddr(m)]
		if !ok {
			return b, false
		}
		return append(b, 'O', byte(id), byte(id>>8), byte(id>>16), byte(id>>24)), true
	case ty.IsTupleType():
		s := ty.TupleElementTypes()
		if len(s) == 0 {
			return append(b, 't'), true
		}
		id, ok := t.ids[ctyraw.ElemsAddr(s)]
		if !ok {
			return b, false
		}
		return append(b, 'U', byte(id), byte(id>>8), byte(id>>16), byte(id>>24)), true
	case ty.IsListType():
		return t.appendTypeKey(append(b, 'L'), ty.ElementType())
	case ty.IsMapType():
		return t.appendTypeKey(append(b, 'M'), ty.ElementType())
	case ty.IsSetType():
		return t.appendTypeKey(append(b, 'T'), ty.ElementType())
	}
	return b, false
}

// lookup returns the type stored under key, or makes it with mk and stores
// it (numbered by id, the address mk's type is known by) when the table has
// room. num is the type's number in the table, stored is false when it is
// not there.
func (t *typeTable) lookup(key []byte, mk func() (cty.Type, unsafe.Pointer)) (ty cty.Type, num uint32, stored bool) {
	if e, ok := t.byKey.Get(key); ok {
		return e.Ty, e.ID, true
	}
	ty, id := mk()
	e, ok := t.byKey.Put(key, ty)
	if ok {
		if t.ids == nil {
			t.ids = map[unsafe.Pointer]uint32{}
		}
		t.ids[id] = e.ID
	}
	return ty, e.ID, ok
}

// objectVal returns cty.ObjectVal of the values of n's members (n.Keys are
// its keys, each once).
func (ev *evaluator) objectVal(n *Node) cty.Value {
	v, _ := ev.objectValKeys(n, n.Keys)
	return v
}

// objectValKeys returns cty.ObjectVal of the values of n's members, whose keys
// are keys (each once), and the keys for n.Keys: a slice shared by every
// node of the same shape (the same keys in the same order, values of the
// same types), its capacity its length (an append copies it); else keys
// in a slice of their own. The slice is nil when keys is empty.
func (ev *evaluator) objectValKeys(n *Node, keys []string) (cty.Value, []string) {
	if len(keys) != n.NumAttrs() {
		// Not a key per member: the members as they are.
		attrs := ev.valMap()
		for i, k := range n.Keys[:n.NumKids()] {
			if c := n.kids()[i]; c != nil {
				attrs[k] = c.Val
			}
		}
		v := cty.ObjectVal(attrs)
		ev.freeValMap(attrs)
		return v, ownKeys(keys)
	}
	var small [16]*Node
	kids := small[:0]
	for _, k := range keys {
		kids = append(kids, n.Attr(k))
	}
	return ev.objectValOf(keys, kids)
}

// objectValOf is objectValKeys of the object whose members are kids, by
// keys (kids[i] is the member of keys[i]).
func (ev *evaluator) objectValOf(keys []string, kids []*Node) (cty.Value, []string) {
	if ctyraw.Fast() && len(keys) > 0 {
		t := &ev.types
		var small [16]cty.Value
		vals := small[:0]
		b := append(t.buf[:0], 'o')
		ok := true
		for i, k := range keys {
			c := kids[i]
			if c == nil || !ctyraw.ASCII(k) {
				ok = false
				break
			}
			vals = append(vals, c.Val)
			b = ctyraw.AppendName(b, k)
			if b, ok = t.appendTypeKey(b, c.Val.Type()); !ok {
				break
			}
		}
		t.buf = b
		if ok {
			ty, num, stored := t.lookup(b, func() (cty.Type, unsafe.Pointer) {
				attrs := make(map[string]cty.Type, len(keys))
				for i, k := range keys {
					attrs[k] = vals[i].Type()
				}
				ty := cty.Object(attrs)
				m := ty.AttributeTypes()
				return ty, ctyraw.AttrsAddr(m)
			})
			raw := make(map[string]any, len(keys))
			for i, k := range keys {
				raw[k] = ctyraw.Raw(vals[i])
			}
			return ctyraw.Make(ty, raw), t.sharedKeys(num, stored, keys)
		}
	}
	attrs := ev.valMap()
	for i, k := range keys {
		attrs[k] = kids[i].Val
	}
	v := cty.ObjectVal(attrs)
	ev.freeValMap(attrs)
	return v, ownKeys(keys)
}

// sharedKeys returns the keys of the object type numbered num in the table
// (stored false: not there), remembering a copy of keys the first time.
func (t *typeTable) sharedKeys(num uint32, stored bool, keys []string) []string {
	if !stored {
		return ownKeys(keys)
	}
	for int(num) >= len(t.keys) {
		t.keys = append(t.keys, nil)
	}
	if t.keys[num] == nil {
		t.keys[num] = ownKeys(keys)
	}
	return t.keys[num]
}

// tupleVal is cty.TupleVal(vals).
func (ev *evaluator) tupleVal(vals []cty.Value) cty.Value {
	if ctyraw.Fast() && len(vals) > 0 {
		t := &ev.types
		b := append(t.buf[:0], 'u')
		ok := true
		for _, v := range vals {
			if b, ok = t.appendTypeKey(b, v.Type()); !ok {
				break
			}
		}
		t.buf = b
		if ok {
			ty, _, _ := t.lookup(b, func() (cty.Type, unsafe.Pointer) {
				types := make([]cty.Type, len(vals))
				for i, v := range vals {
					types[i] = v.Type()
				}
				ty := cty.Tuple(types)
				return ty, ctyraw.ElemsAddr(ty.TupleElementTypes())
			})
			elems, raw := ev.rawElems(len(vals))
			for i, v := range vals {
				elems[i] = ctyraw.Raw(v)
			}
			return ctyraw.Make(ty, raw)
		}
	}
	return cty.TupleVal(vals)
}

// attrVal is v.GetAttr(k) for a known, non-null object v and k one of its
// attribute names, whose type is at: without GetAttr's normalization of
// the name and its three lookups of it (a walk of a big object, as
// jsonencode's, is mostly those). Anything else goes through GetAttr.
func attrVal(v cty.Value, k string, at cty.Type) cty.Value {
	if ctyraw.Fast() {
		if m, ok := ctyraw.Raw(v).(map[string]any); ok {
			if raw, ok := m[k]; ok {
				return ctyraw.Make(at, raw)
			}
		}
	}
	return v.GetAttr(k)
}

// rawTuple1, rawTuple2 and rawTuple4 are the slice a tuple value holds its
// elements in (cty's []any) with room for the elements, allocated at once.
type rawTuple1 struct {
	s []any
	a [1]any
}

type rawTuple2 struct {
	s []any
	a [2]any
}

type rawTuple4 struct {
	s []any
	a [4]any
}

// anySliceType is the type word of an interface holding a []any.
var anySliceType = func() unsafe.Pointer {
	var x any = []any(nil)
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[0]
}()

// rawElems returns a slice of n elements for a tuple value and that slice
// as the interface ctyraw.Make takes: for a tuple of one to four elements
// (most), the slice header and its elements cut from a slab at once, the
// interface pointing at the header (what converting the slice would
// allocate a copy of). The slice must not be changed once the value is
// made.
func (ev *evaluator) rawElems(n int) ([]any, any) {
	var p *[]any
	switch {
	case !ev.slabs || n == 0 || n > 4:
		s := make([]any, n)
		return s, s
	case n == 1:
		t := ev.rawT1.get()
		t.s, p = t.a[:], &t.s
	case n == 2:
		t := ev.rawT2.get()
		t.s, p = t.a[:], &t.s
	default:
		t := ev.rawT4.get()
		t.s, p = t.a[:n:n], &t.s
	}
	var raw any
	w := (*[2]unsafe.Pointer)(unsafe.Pointer(&raw))
	w[0], w[1] = anySliceType, unsafe.Pointer(p)
	return *p, raw
}
