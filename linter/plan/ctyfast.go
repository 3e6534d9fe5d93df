package plan

import (
	"encoding/binary"
	"reflect"
	"sync"
	"unsafe"

	"github.com/zclconf/go-cty/cty"
)

// cty.ObjectVal makes three maps for every object (the attribute types it
// is given, the object type's own copy of them, and the values) and
// normalizes every key and string (NFC). On a big plan, where the resources
// of one type share their attribute names and types, the type maps alone
// were an eighth of the loaded plan. So the loader builds each object and
// tuple type once per shape (typeCache) and the value around it directly:
// a cty.Value is its type and its internal value (for an object, a
// map[string]any of the attributes' internal values; for a tuple, an []any),
// which is what cty.ObjectVal and cty.TupleVal make. ASCII keys and strings
// are already NFC. The layout of cty.Value is checked when the package
// starts (fastCty); if it is not the one expected (another go-cty), every
// value is made by cty's constructors as before.

// rawValue has the layout of cty.Value.
type rawValue struct {
	ty cty.Type
	v  any
}

// internal returns the internal value of v.
func internal(v cty.Value) any { return (*rawValue)(unsafe.Pointer(&v)).v }

// makeValue returns the cty.Value of type ty and internal value v.
func makeValue(ty cty.Type, v any) cty.Value {
	var out cty.Value
	*(*rawValue)(unsafe.Pointer(&out)) = rawValue{ty: ty, v: v}
	return out
}

// fastCty says whether cty.Value has the layout of rawValue and values made
// by makeValue equal cty's own.
var fastCty = func() bool {
	t := reflect.TypeOf(cty.Value{})
	if t.Size() != unsafe.Sizeof(rawValue{}) || t.NumField() != 2 {
		return false
	}
	f0, f1 := t.Field(0), t.Field(1)
	if f0.Name != "ty" || f0.Type != reflect.TypeOf(cty.Type{}) || f0.Offset != unsafe.Offsetof(rawValue{}.ty) ||
		f1.Name != "v" || f1.Type != reflect.TypeOf((*any)(nil)).Elem() || f1.Offset != unsafe.Offsetof(rawValue{}.v) {
		return false
	}
	obj := cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.DynamicVal, "c": cty.EmptyTupleVal})
	fast := makeValue(obj.Type(), map[string]any{
		"a": internal(cty.StringVal("x")), "b": internal(cty.DynamicVal), "c": internal(cty.EmptyTupleVal),
	})
	tup := cty.TupleVal([]cty.Value{cty.True, cty.NullVal(cty.DynamicPseudoType)})
	fastTup := makeValue(tup.Type(), []any{internal(cty.True), internal(cty.NullVal(cty.DynamicPseudoType))})
	return fast.RawEquals(obj) && fastTup.RawEquals(tup) && makeValue(cty.String, "x").RawEquals(cty.StringVal("x"))
}()

// typeID names a type the loader knows: a primitive one, or an object or
// tuple type of typeCache. Zero is a type it does not know (a value made by
// cty's constructors): the objects and tuples holding one are made so too.
type typeID uint32

const (
	tidNone typeID = iota
	tidString
	tidNumber
	tidBool
	tidDynamic // also the type of null and of an unknown value
	tidEmptyObject
	tidEmptyTuple
	tidFirst // the first id of typeCache
)

// maxCachedTypes bounds typeCache: a plan of that many shapes has little
// to share, and the rest are made by cty's constructors.
const maxCachedTypes = 1 << 16

// typeCache holds the object and tuple types of one plan by shape (the
// attribute names and the ids of their types, in the order read; the
// element type ids). Safe for concurrent use. Types are immutable, so the
// values of a shape share one.
type typeCache struct {
	mu    sync.RWMutex
	types map[string]typeEntry
}

type typeEntry struct {
	ty cty.Type
	id typeID
}

func newTypeCache() *typeCache {
	if !fastCty {
		return nil
	}
	return &typeCache{types: map[string]typeEntry{}}
}

// get returns the type of shape key, making it with mk when it is new; ok
// is false when the cache is full.
func (c *typeCache) get(key []byte, mk func() cty.Type) (typeEntry, bool) {
	c.mu.RLock()
	e, ok := c.types[string(key)]
	c.mu.RUnlock()
	if ok {
		return e, true
	}
	ty := mk()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.types[string(key)]; ok {
		return e, true
	}
	if len(c.types) >= maxCachedTypes {
		return typeEntry{}, false
	}
	e = typeEntry{ty: ty, id: tidFirst + typeID(len(c.types))}
	c.types[string(key)] = e
	return e, true
}

// appendShape appends an attribute name (length first, so that no two
// shapes have the same key) or an element's type id to a shape key.
func appendShape(key []byte, name string, id typeID) []byte {
	key = binary.AppendUvarint(key, uint64(len(name)))
	key = append(key, name...)
	return binary.AppendUvarint(key, uint64(id))
}

// isASCII reports whether s is ASCII (and so NFC, as cty keeps strings).
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stringVal is cty.StringVal(str), without normalizing an ASCII string.
func stringVal(str string, ascii bool) cty.Value {
	if ascii && fastCty {
		return makeValue(cty.String, str)
	}
	return cty.StringVal(str)
}
