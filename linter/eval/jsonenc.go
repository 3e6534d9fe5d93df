package eval

import (
	"math"
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/jsonstr"
)

// appendJSON appends the JSON text of a wholly known, unmarked value to
// buf, byte for byte as cty/json.Marshal(v, v.Type()) writes it (and so as
// jsonencode does), without its per-value allocations (a path step, a
// buffer per string): jsonencode of big policy literals is a good part of
// evaluating a policy-heavy estate. It returns false for anything it does not
// handle the same way (infinity, capsules, dynamic-typed parts); the caller
// then uses cty/json.
func appendJSON(buf []byte, v cty.Value) ([]byte, bool) {
	return appendJSONMax(buf, v, math.MaxInt)
}

// appendJSONMax is appendJSON declining (false) as soon as buf is longer
// than limit: a value that is a small graph of shared parts can stand for
// a text of gigabytes.
func appendJSONMax(buf []byte, v cty.Value, limit int) ([]byte, bool) {
	if len(buf) > limit {
		return buf, false
	}
	if v.IsMarked() || !v.IsKnown() {
		return buf, false
	}
	if v.IsNull() {
		return append(buf, "null"...), true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return appendJSONString(buf, v.AsString()), true
	case ty == cty.Number:
		if v.RawEquals(cty.PositiveInfinity) || v.RawEquals(cty.NegativeInfinity) {
			return buf, false
		}
		return v.AsBigFloat().Append(buf, 'f', -1), true
	case ty == cty.Bool:
		if v.True() {
			return append(buf, "true"...), true
		}
		return append(buf, "false"...), true
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		if ty.IsListType() || ty.IsSetType() {
			if ty.ElementType() == cty.DynamicPseudoType {
				return buf, false
			}
		}
		buf = append(buf, '[')
		if !ty.IsSetType() {
			// By index: no iterator (a set is iterated in its own order).
			for i, n := 0, v.LengthInt(); i < n; i++ {
				if i > 0 {
					buf = append(buf, ',')
				}
				var ok bool
				if buf, ok = appendJSONElem(buf, v.Index(indexKey(i)), limit); !ok {
					return buf, false
				}
			}
			return append(buf, ']'), true
		}
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			_, ev := it.Element()
			var ok bool
			if buf, ok = appendJSONElem(buf, ev, limit); !ok {
				return buf, false
			}
		}
		return append(buf, ']'), true
	case ty.IsMapType():
		if ty.ElementType() == cty.DynamicPseudoType {
			return buf, false
		}
		buf = append(buf, '{')
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			ek, ev := it.Element()
			buf = appendJSONString(buf, ek.AsString())
			buf = append(buf, ':')
			var ok bool
			if buf, ok = appendJSONElem(buf, ev, limit); !ok {
				return buf, false
			}
		}
		return append(buf, '}'), true
	case ty.IsObjectType():
		atys := ty.AttributeTypes()
		var small [16]string
		names := small[:0]
		for k, at := range atys {
			if at == cty.DynamicPseudoType {
				return buf, false
			}
			names = append(names, k)
		}
		sort.Strings(names)
		buf = append(buf, '{')
		for i, k := range names {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendJSONString(buf, k)
			buf = append(buf, ':')
			var ok bool
			if buf, ok = appendJSONElem(buf, attrVal(v, k, atys[k]), limit); !ok {
				return buf, false
			}
		}
		return append(buf, '}'), true
	}
	return buf, false
}

// indexKeys are the numbers 0..len-1 as cty values, made once: a list or
// tuple element read by Index(indexKey(i)) costs no allocation, where an
// ElementIterator allocates itself and a number per element.
var indexKeys = func() []cty.Value {
	keys := make([]cty.Value, 1024)
	for i := range keys {
		keys[i] = cty.NumberIntVal(int64(i))
	}
	return keys
}()

// indexKey returns the number i as a cty value.
func indexKey(i int) cty.Value {
	if i < len(indexKeys) {
		return indexKeys[i]
	}
	return cty.NumberIntVal(int64(i))
}

// appendJSONElem is appendJSON for a member of a collection or structure,
// whose declared type is its own (a dynamic-typed member would be wrapped
// with its type by cty/json: not handled).
func appendJSONElem(buf []byte, v cty.Value, limit int) ([]byte, bool) {
	if v.Type() == cty.DynamicPseudoType {
		return buf, false
	}
	return appendJSONMax(buf, v, limit)
}

// appendJSONString appends s quoted as encoding/json.Marshal quotes it
// (jsonstr.Append with HTML escaping, a table lookup per byte; it compared
// each byte with seven others before: a third of the writing of a policy's
// text). TestAppendJSONStringIsMarshal.
func appendJSONString(buf []byte, s string) []byte { return jsonstr.Append(buf, s, true) }
