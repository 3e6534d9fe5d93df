package plan

import (
	"encoding/binary"
	"sync"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/zclconf/go-cty/cty"
)

// cty.ObjectVal makes three maps for every object and normalizes every key
// and string (NFC). On a big plan, where the resources of one type share
// their attribute names and types, the type maps alone were an eighth of
// the loaded plan. So the loader builds each object and tuple type once per
// shape (typeCache) and the value around it with ctyraw.Make (see package
// ctyraw for how and why, and its layout check: when it fails, every value
// is made by cty's constructors).

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

// typeCache holds the object and tuple types of one plan by shape (the
// attribute names and the ids of their types, in the order read; the
// element type ids). Safe for concurrent use. Types are immutable, so the
// values of a shape share one.
type typeCache struct {
	mu    sync.RWMutex
	types ctyraw.Types
}

type typeEntry struct {
	ty cty.Type
	id typeID
}

func newTypeCache() *typeCache {
	if !ctyraw.Fast() {
		return nil
	}
	return &typeCache{}
}

// get returns the type of shape key, making it with mk when it is new; ok
// is false when the cache is full.
func (c *typeCache) get(key []byte, mk func() cty.Type) (typeEntry, bool) {
	c.mu.RLock()
	e, ok := c.types.Get(key)
	c.mu.RUnlock()
	if !ok {
		ty := mk()
		c.mu.Lock()
		if e, ok = c.types.Get(key); !ok {
			e, ok = c.types.Put(key, ty)
		}
		c.mu.Unlock()
		if !ok {
			return typeEntry{}, false
		}
	}
	return typeEntry{ty: e.Ty, id: tidFirst + typeID(e.ID)}, true
}

// appendShape appends an attribute name and the id of its type to a shape
// key.
func appendShape(key []byte, name string, id typeID) []byte {
	return binary.AppendUvarint(ctyraw.AppendName(key, name), uint64(id))
}
