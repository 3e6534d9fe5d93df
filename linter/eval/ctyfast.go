package eval

import (
	"reflect"
	"unsafe"

	"github.com/zclconf/go-cty/cty"
)

// Objects and tuples are most of what evaluation builds: cty.ObjectVal
// makes three maps per object (the attribute types, a normalized copy of
// them inside the new object type, the values) and cty.TupleVal a slice of
// types and a type per tuple. objectVal and tupleVal build the same values
// with the type taken from a table of the types made so far (most objects
// of a configuration have the shape of another: the statements of its
// policies, the bodies of its blocks of a type) and the values map or
// slice only.
//
// cty has no constructor taking a type and the values, so the value is
// assembled with unsafe (ctyValue mirrors cty.Value's two fields; the
// layout is checked once, at start, against cty's own: when it differs,
// cty.ObjectVal and cty.TupleVal are used). TestObjectValMatchesCty and
// TestTupleValMatchesCty compare the results with cty's.

// ctyValue has the layout of cty.Value.
type ctyValue struct {
	ty cty.Type
	v  any
}

// fastValues says whether ctyValue has the layout of cty.Value.
var fastValues = func() bool {
	t := reflect.TypeOf(cty.Value{})
	if t.NumField() != 2 || t.Size() != unsafe.Sizeof(ctyValue{}) {
		return false
	}
	f0, f1 := t.Field(0), t.Field(1)
	if f0.Type != reflect.TypeOf(cty.Type{}) || f0.Offset != unsafe.Offsetof(ctyValue{}.ty) ||
		f1.Type != reflect.TypeOf((*any)(nil)).Elem() || f1.Offset != unsafe.Offsetof(ctyValue{}.v) {
		return false
	}
	// The same value built both ways.
	s := cty.StringVal("x")
	return makeValue(cty.String, rawOf(s)).RawEquals(s)
}()

// makeValue returns the cty value of type ty whose internal representation
// is v (as cty keeps it: map[string]any for an object, []any for a tuple).
func makeValue(ty cty.Type, v any) cty.Value {
	return *(*cty.Value)(unsafe.Pointer(&ctyValue{ty: ty, v: v}))
}

// rawOf returns the internal representation of v (marks included).
func rawOf(v cty.Value) any {
	return (*ctyValue)(unsafe.Pointer(&v)).v
}

// typeTable holds the object and tuple types built by objectVal and
// tupleVal, by a key made of their attribute names and the keys of their
// attribute (element) types. One per evaluator (single goroutine).
type typeTable struct {
	byKey map[string]cty.Type
	// ids numbers the object and tuple types of byKey by the address of
	// their attribute type map (element type slice), which a type shares
	// with every copy of it: the key of a type that has one is short.
	ids map[unsafe.Pointer]uint32
	buf []byte
}

// maxTypeTable bounds the types a table keeps (a configuration that makes
// ever new shapes is evaluated the plain way past it).
const maxTypeTable = 1 << 16

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
		id, ok := t.ids[*(*unsafe.Pointer)(unsafe.Pointer(&m))]
		if !ok {
			return b, false
		}
		return append(b, 'O', byte(id), byte(id>>8), byte(id>>16), byte(id>>24)), true
	case ty.IsTupleType():
		s := ty.TupleElementTypes()
		if len(s) == 0 {
			return append(b, 't'), true
		}
		id, ok := t.ids[unsafe.Pointer(unsafe.SliceData(s))]
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

// plainName reports whether an attribute name needs no normalization (and
// cannot be confused with the key's separators): ASCII without NUL.
func plainName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0 || c >= 0x80 {
			return false
		}
	}
	return true
}

// lookup returns the type stored under key, or makes it with mk and stores
// it (numbered by id, the address mk's type is known by) when the table has
// room.
func (t *typeTable) lookup(key []byte, mk func() (cty.Type, unsafe.Pointer)) cty.Type {
	if ty, ok := t.byKey[string(key)]; ok {
		return ty
	}
	ty, id := mk()
	if t.byKey == nil {
		t.byKey = map[string]cty.Type{}
		t.ids = map[unsafe.Pointer]uint32{}
	}
	if len(t.byKey) < maxTypeTable {
		t.byKey[string(key)] = ty
		t.ids[id] = uint32(len(t.ids))
	}
	return ty
}

// objectVal returns cty.ObjectVal of the values of n.Attrs (n.Keys are its
// keys, each once).
func (ev *evaluator) objectVal(n *Node) cty.Value {
	if fastValues && len(n.Keys) > 0 && len(n.Keys) == len(n.Attrs) {
		t := &ev.types
		var small [16]cty.Value
		vals := small[:0]
		b := append(t.buf[:0], 'o')
		ok := true
		for _, k := range n.Keys {
			c := n.Attrs[k]
			if c == nil || !plainName(k) {
				ok = false
				break
			}
			vals = append(vals, c.Val)
			b = append(append(b, k...), 0)
			if b, ok = t.appendTypeKey(b, c.Val.Type()); !ok {
				break
			}
		}
		t.buf = b
		if ok {
			ty := t.lookup(b, func() (cty.Type, unsafe.Pointer) {
				attrs := make(map[string]cty.Type, len(n.Keys))
				for i, k := range n.Keys {
					attrs[k] = vals[i].Type()
				}
				ty := cty.Object(attrs)
				m := ty.AttributeTypes()
				return ty, *(*unsafe.Pointer)(unsafe.Pointer(&m))
			})
			raw := make(map[string]any, len(n.Keys))
			for i, k := range n.Keys {
				raw[k] = rawOf(vals[i])
			}
			return makeValue(ty, raw)
		}
	}
	attrs := ev.valMap()
	for k, c := range n.Attrs {
		attrs[k] = c.Val
	}
	v := cty.ObjectVal(attrs)
	ev.freeValMap(attrs)
	return v
}

// tupleVal is cty.TupleVal(vals).
func (ev *evaluator) tupleVal(vals []cty.Value) cty.Value {
	if fastValues && len(vals) > 0 {
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
			ty := t.lookup(b, func() (cty.Type, unsafe.Pointer) {
				types := make([]cty.Type, len(vals))
				for i, v := range vals {
					types[i] = v.Type()
				}
				ty := cty.Tuple(types)
				return ty, unsafe.Pointer(unsafe.SliceData(ty.TupleElementTypes()))
			})
			raw := make([]any, len(vals))
			for i, v := range vals {
				raw[i] = rawOf(v)
			}
			return makeValue(ty, raw)
		}
	}
	return cty.TupleVal(vals)
}

// attrVal is v.GetAttr(k) for a known, non-null object v and k one of its
// attribute names, whose type is at: without GetAttr's normalization of
// the name and its three lookups of it (a walk of a big object, as
// jsonencode's, is mostly those). Anything else goes through GetAttr.
func attrVal(v cty.Value, k string, at cty.Type) cty.Value {
	if fastValues {
		if m, ok := rawOf(v).(map[string]any); ok {
			if raw, ok := m[k]; ok {
				return makeValue(at, raw)
			}
		}
	}
	return v.GetAttr(k)
}
