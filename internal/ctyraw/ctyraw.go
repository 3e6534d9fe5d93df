// Package ctyraw builds cty values from their parts, without cty's
// constructors, for the two places that build most of them: the plan
// loader (linter/plan) and the evaluator (linter/eval).
//
// cty.ObjectVal makes three maps for every object (the attribute types it
// is given, the object type's own normalized copy of them, the values) and
// normalizes every key and string (NFC); cty.TupleVal makes a slice of
// types and a type per tuple. Most objects of a plan or a configuration
// have the shape of another (the statements of its policies, the resources
// of a type), so the callers make each object and tuple type once per
// shape (Types) and the value around it with Make: a cty.Value is its type
// and its internal value (for an object, a map[string]any of its
// attributes' internal values; for a tuple, an []any; marks and unknowns
// stay inside those, as cty keeps them), which is what cty's constructors
// make. ASCII names and strings are already NFC.
//
// cty has no constructor taking a type and an internal value, so a value
// is assembled with unsafe: value mirrors cty.Value's two fields. This is
// the only copy of that trick. Its layout is checked once, when the
// package starts (Fast): the fields' names, types, offsets and size by
// reflection, then values built by Make must RawEqual cty's own. When the
// check fails (another go-cty), Fast is false and the callers use cty's
// constructors. The package's tests compare values made by Make with
// cty's constructors' on a matrix of values (unknowns, refinements, marks,
// nulls, collections, non-NFC names) and exercise the fallback (SetFast).
//
// The one other unsafe read here, AttrsAddr, takes the address of an
// object type's attribute map (ElemsAddr: of a tuple type's element slice)
// as an identity of the type for the evaluator's table: cty hands out the
// type's own map and slice, which TestTypeAddrs checks.
package ctyraw

import (
	"encoding/binary"
	"reflect"
	"unsafe"

	"github.com/zclconf/go-cty/cty"
)

// value has the layout of cty.Value (checked by layoutOK).
type value struct {
	ty cty.Type
	v  any
}

// fast says whether value has the layout of cty.Value; see Fast.
var fast = layoutOK()

// Fast reports whether Make and Raw may be used: cty.Value has the layout
// the package expects. When false, build values with cty's constructors.
func Fast() bool { return fast }

// SetFast sets what Fast reports and returns a function restoring it. It
// is for tests (to exercise the constructors' path); on cannot turn the
// fast path on when the layout check failed.
func SetFast(on bool) (restore func()) {
	old := fast
	fast = on && layoutOK()
	return func() { fast = old }
}

// layoutOK checks cty.Value against value: by reflection, then by building
// values both ways.
func layoutOK() bool {
	t := reflect.TypeOf(cty.Value{})
	if t.Size() != unsafe.Sizeof(value{}) || t.NumField() != 2 {
		return false
	}
	f0, f1 := t.Field(0), t.Field(1)
	if f0.Name != "ty" || f0.Type != reflect.TypeOf(cty.Type{}) || f0.Offset != unsafe.Offsetof(value{}.ty) ||
		f1.Name != "v" || f1.Type != reflect.TypeOf((*any)(nil)).Elem() || f1.Offset != unsafe.Offsetof(value{}.v) {
		return false
	}
	obj := cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.DynamicVal, "c": cty.EmptyTupleVal})
	fastObj := Make(obj.Type(), map[string]any{
		"a": Raw(cty.StringVal("x")), "b": Raw(cty.DynamicVal), "c": Raw(cty.EmptyTupleVal),
	})
	tup := cty.TupleVal([]cty.Value{cty.True, cty.NullVal(cty.DynamicPseudoType)})
	fastTup := Make(tup.Type(), []any{Raw(cty.True), Raw(cty.NullVal(cty.DynamicPseudoType))})
	return fastObj.RawEquals(obj) && fastTup.RawEquals(tup) && Make(cty.String, "x").RawEquals(cty.StringVal("x"))
}

// Make returns the cty value of type ty whose internal value is raw (as
// cty keeps it: map[string]any for an object, []any for a tuple, the
// elements' internal values in them). Only when Fast.
func Make(ty cty.Type, raw any) cty.Value {
	return *(*cty.Value)(unsafe.Pointer(&value{ty: ty, v: raw}))
}

// Same reports whether a and b are the same value: the same type and the
// same internal value, word for word. It tests identity (two equal values
// made apart may not be Same), never equality: Same values are equal, as
// a cty value is never changed once made. False when not Fast.
func Same(a, b cty.Value) bool {
	if !fast {
		return false
	}
	return *(*[4]uintptr)(unsafe.Pointer(&a)) == *(*[4]uintptr)(unsafe.Pointer(&b))
}

// Raw returns the internal value of v (its marks and refinements
// included). Only when Fast.
func Raw(v cty.Value) any { return (*value)(unsafe.Pointer(&v)).v }

// ASCII reports whether s is ASCII, and so its own normal form (NFC, as
// cty keeps names and strings). A byte at a time (small enough to be
// inlined: most strings asked are names); ASCIIText for long texts.
func ASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ASCIIText is ASCII, eight bytes at a time from eight bytes on (the last
// word read overlapping the one before): for the texts the evaluator makes
// (the text of each jsonencode, a template's string), which ASCII read a
// byte at a time (0.7% of the instructions of a dense estate).
func ASCIIText(s string) bool {
	if len(s) < 8 {
		return ASCII(s)
	}
	const highs = 0x8080808080808080
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	var m uint64
	i := 0
	for ; i+32 <= len(b); i += 32 {
		m |= binary.LittleEndian.Uint64(b[i:]) | binary.LittleEndian.Uint64(b[i+8:]) |
			binary.LittleEndian.Uint64(b[i+16:]) | binary.LittleEndian.Uint64(b[i+24:])
	}
	for ; i+8 <= len(b); i += 8 {
		m |= binary.LittleEndian.Uint64(b[i:])
	}
	m |= binary.LittleEndian.Uint64(b[len(b)-8:])
	return m&highs == 0
}

// StringVal is cty.StringVal(s), without normalizing s when ascii says it
// is ASCII.
func StringVal(s string, ascii bool) cty.Value {
	if ascii && fast {
		return Make(cty.String, s)
	}
	return cty.StringVal(s)
}

// StringIn is StringVal(*p, true) for an ASCII string *p whose internal
// value is *p itself, not a copy of it: the value's interface points at p
// (cty boxes a string in an allocation of its own; the evaluator keeps the
// string header in the node that holds the value, allocated anyway). *p
// must never change afterwards: the value reads it. Only when Fast, and
// only for an ASCII *p (its own normal form, as StringVal's ascii).
func StringIn(p *string) cty.Value {
	var raw any
	w := (*[2]unsafe.Pointer)(unsafe.Pointer(&raw))
	w[0], w[1] = stringType, unsafe.Pointer(p)
	return Make(cty.String, raw)
}

// stringType is the type word of an interface holding a string.
var stringType = func() unsafe.Pointer {
	var x any = ""
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[0]
}()

// AppendName appends an attribute name to a shape key, its length first so
// that no two shapes have the same key.
func AppendName(key []byte, name string) []byte {
	key = binary.AppendUvarint(key, uint64(len(name)))
	return append(key, name...)
}

// MaxTypes bounds a Types table: a plan or configuration of that many
// shapes has little to share, and the rest are made by cty's constructors.
const MaxTypes = 1 << 16

// Types holds the object and tuple types made so far by shape key (the
// caller's encoding of the attribute names and types), each numbered in
// the order it was added. The zero Types is empty and ready; not safe for
// concurrent use (wrap it in a lock).
type Types struct {
	m map[string]Type
}

// Type is a type of a Types table and its number there.
type Type struct {
	Ty cty.Type
	ID uint32
}

// Get returns the type stored under key.
func (t *Types) Get(key []byte) (Type, bool) {
	e, ok := t.m[string(key)]
	return e, ok
}

// Put stores ty under key (not there yet) and returns it numbered; ok is
// false when the table is full (ty is not stored).
func (t *Types) Put(key []byte, ty cty.Type) (e Type, ok bool) {
	if t.m == nil {
		t.m = map[string]Type{}
	}
	if len(t.m) >= MaxTypes {
		return Type{Ty: ty}, false
	}
	e = Type{Ty: ty, ID: uint32(len(t.m))}
	t.m[string(key)] = e
	return e, true
}

// Len returns the number of types stored.
func (t *Types) Len() int { return len(t.m) }

// AttrsAddr returns the address of m, the attribute type map of an object
// type as ty.AttributeTypes() returns it: the type's own map, shared by
// every copy of the type, so an identity of the type that is cheap to
// hash (a map is a pointer; unsafe reads it).
func AttrsAddr(m map[string]cty.Type) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&m)) }

// ElemsAddr is AttrsAddr for the element types of a tuple type, as
// ty.TupleElementTypes() returns them.
func ElemsAddr(s []cty.Type) unsafe.Pointer { return unsafe.Pointer(unsafe.SliceData(s)) }
