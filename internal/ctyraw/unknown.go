package ctyraw

import "github.com/zclconf/go-cty/cty"

// maxScanDepth bounds the nesting ScanUnknown walks.
const maxScanDepth = 64

// ScanUnknown reports whether v holds an unknown value anywhere (the
// opposite of v.IsWhollyKnown()); ok is false when it cannot tell: v
// holds a mark, nests deeper than 64, or holds a value of a kind it does
// not walk (a capsule). cty's IsWhollyKnown iterates every collection and
// structure with an element iterator and makes a number per element; with
// Fast the attributes and elements of objects, tuples, lists and maps are
// read from their internal values instead, without allocating (a set is
// still iterated).
func ScanUnknown(v cty.Value) (unknown, ok bool) { return scanUnknown(v, 0) }

// WhollyKnown is v.IsWhollyKnown(), mostly by ScanUnknown.
func WhollyKnown(v cty.Value) bool {
	if unknown, ok := scanUnknown(v, 0); ok {
		return !unknown
	}
	return v.IsWhollyKnown()
}

func scanUnknown(v cty.Value, depth int) (unknown, ok bool) {
	if v.IsMarked() || depth > maxScanDepth {
		return false, false
	}
	if !v.IsKnown() {
		return true, true
	}
	if v.IsNull() {
		return false, true
	}
	ty := v.Type()
	switch {
	case ty.IsPrimitiveType():
		return false, true
	case ty.IsObjectType():
		var m map[string]any
		if fast {
			m, _ = Raw(v).(map[string]any)
		}
		for k, at := range ty.AttributeTypes() {
			var av cty.Value
			if m != nil {
				av = Make(at, m[k])
			} else {
				av = v.GetAttr(k)
			}
			u, k := scanUnknown(av, depth+1)
			if !k {
				return false, false
			}
			unknown = unknown || u
		}
	case ty.IsTupleType() || ty.IsListType():
		if !fast {
			return scanElements(v, depth)
		}
		s, _ := Raw(v).([]any)
		if s == nil {
			return scanElements(v, depth)
		}
		var ets []cty.Type // a tuple's element types; a list's is et
		var et cty.Type
		if ty.IsTupleType() {
			ets = ty.TupleElementTypes()
		} else {
			et = ty.ElementType()
		}
		for i, e := range s {
			if ets != nil {
				et = ets[i]
			}
			u, k := scanUnknown(Make(et, e), depth+1)
			if !k {
				return false, false
			}
			unknown = unknown || u
		}
	case ty.IsMapType():
		if !fast {
			return scanElements(v, depth)
		}
		m, _ := Raw(v).(map[string]any)
		if m == nil {
			return scanElements(v, depth)
		}
		et := ty.ElementType()
		for _, e := range m {
			u, k := scanUnknown(Make(et, e), depth+1)
			if !k {
				return false, false
			}
			unknown = unknown || u
		}
	case ty.IsSetType():
		return scanElements(v, depth)
	default:
		return false, false
	}
	return unknown, true
}

// scanElements is scanUnknown of the elements of a collection or tuple v,
// by cty's element iterator.
func scanElements(v cty.Value, depth int) (unknown, ok bool) {
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		u, k := scanUnknown(ev, depth+1)
		if !k {
			return false, false
		}
		unknown = unknown || u
	}
	return unknown, true
}
