package eval

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

// The set functions (setunion, setsubtract, setintersection) and distinct
// of wholly known elements of one type are computed here through Go maps:
// go-cty converts each argument to a set and walks each set it combines,
// and a walk of a set sorts its elements (sort.SliceStable comparing with
// Equals, or for objects with their hash bytes made anew for each
// comparison: seconds for 60,000 strings, tens of seconds for objects),
// and its distinct compares every pair. The values are go-cty's: the set
// of the same elements (cty.SetVal, which hashes each element once; its
// order when walked is go-cty's own), distinct's list in the order of
// first occurrence. Red team 21: setunion of 60,000 strings spent the
// budget of function calls (an error, the policy unknown), setsubtract
// and setintersection of 60,000 strings took 5-7 CPU s.

// valueSet is a set of known, unmarked values of one type: strings by
// their text, anything else by go-cty's set hash, then Equals (go-cty's
// set rules).
type valueSet struct {
	strs    map[string]struct{}
	buckets map[int][]cty.Value
}

func newValueSet(ty cty.Type, n int) *valueSet {
	if ty == cty.String {
		return &valueSet{strs: make(map[string]struct{}, n)}
	}
	return &valueSet{buckets: make(map[int][]cty.Value, n)}
}

// add adds v; false when the set holds it already.
func (s *valueSet) add(v cty.Value) bool {
	if s.strs != nil && !v.IsNull() {
		k := v.AsString()
		if _, ok := s.strs[k]; ok {
			return false
		}
		s.strs[k] = struct{}{}
		return true
	}
	h := v.Hash()
	for _, o := range s.buckets[h] {
		if o.Equals(v).True() {
			return false
		}
	}
	if s.buckets == nil {
		s.buckets = map[int][]cty.Value{}
	}
	s.buckets[h] = append(s.buckets[h], v)
	return true
}

func (s *valueSet) has(v cty.Value) bool {
	if s.strs != nil && !v.IsNull() {
		_, ok := s.strs[v.AsString()]
		return ok
	}
	for _, o := range s.buckets[v.Hash()] {
		if o.Equals(v).True() {
			return true
		}
	}
	return false
}

// knownElems returns the elements of v, a wholly known, unmarked, non-empty
// list, set or tuple whose elements have one type (other than dynamic,
// holding none), and that type. A set's elements are walked once (sorted
// by go-cty).
func knownElems(v cty.Value) ([]cty.Value, cty.Type, bool) {
	if v.IsNull() || !v.IsKnown() || v.IsMarked() {
		return nil, cty.NilType, false
	}
	ty := v.Type()
	var et cty.Type
	switch {
	case ty.IsListType() || ty.IsSetType():
		et = ty.ElementType()
	case ty.IsTupleType():
		tys := ty.TupleElementTypes()
		if len(tys) == 0 {
			return nil, cty.NilType, false
		}
		et = tys[0]
		for _, t := range tys[1:] {
			if !t.Equals(et) {
				return nil, cty.NilType, false
			}
		}
	default:
		return nil, cty.NilType, false
	}
	if et == cty.DynamicPseudoType || et.HasDynamicTypes() || v.LengthInt() == 0 || !ctyraw.WhollyKnown(v) {
		return nil, cty.NilType, false
	}
	if raw, ets, rt, ok := rawElems(v); ok {
		out := make([]cty.Value, len(raw))
		for i, r := range raw {
			if ets != nil {
				rt = ets[i]
			}
			out[i] = ctyraw.Make(rt, r)
		}
		return out, et, true
	}
	return v.AsValueSlice(), et, true
}

// maxSetOpArgs is the most arguments setOpFast takes: the evaluator's
// relocation of a set's elements to its arguments' is not linear in the
// arguments (setunion of 3,000 one-element sets, 12 s): more go through
// go-cty, counted (callCost).
const maxSetOpArgs = 64

// setOpArgs returns the elements of each argument of the set function
// name and their one type, when setOpFast computes it: every argument is
// known to knownElems, of the same element type, as many as the function
// takes.
func setOpArgs(name string, vals []cty.Value) ([][]cty.Value, cty.Type, bool) {
	switch name {
	case "setunion", "setintersection":
		if len(vals) < 1 {
			return nil, cty.NilType, false
		}
	case "setsubtract":
		if len(vals) != 2 {
			return nil, cty.NilType, false
		}
	default:
		return nil, cty.NilType, false
	}
	if len(vals) > maxSetOpArgs {
		return nil, cty.NilType, false
	}
	elems := make([][]cty.Value, len(vals))
	et := cty.NilType
	for i, v := range vals {
		el, t, ok := knownElems(v)
		if !ok || (et != cty.NilType && !t.Equals(et)) {
			return nil, cty.NilType, false
		}
		elems[i], et = el, t
	}
	return elems, et, true
}

// setOpFast is setunion, setsubtract or setintersection (name) of vals,
// computed in time linear in their elements, and the list of its elements
// (in no particular order); false when setOpArgs does not
// take vals (or a value holds marks, which the evaluator does not make:
// cty's Hash panics on them).
func setOpFast(name string, vals []cty.Value) (res, elems cty.Value, ok bool) {
	defer func() {
		if recover() != nil {
			res, elems, ok = cty.NilVal, cty.NilVal, false
		}
	}()
	args, et, ok := setOpArgs(name, vals)
	if !ok {
		return cty.NilVal, cty.NilVal, false
	}
	var out []cty.Value
	switch name {
	case "setunion":
		n := 0
		for _, el := range args {
			n += len(el)
		}
		s := newValueSet(et, n)
		for _, el := range args {
			for _, v := range el {
				if s.add(v) {
					out = append(out, v)
				}
			}
		}
	case "setsubtract":
		sub := newValueSet(et, len(args[1]))
		for _, v := range args[1] {
			sub.add(v)
		}
		seen := newValueSet(et, len(args[0]))
		for _, v := range args[0] {
			if !sub.has(v) && seen.add(v) {
				out = append(out, v)
			}
		}
	case "setintersection":
		seen := newValueSet(et, len(args[0]))
		for _, v := range args[0] {
			if seen.add(v) {
				out = append(out, v)
			}
		}
		for _, el := range args[1:] {
			if len(out) == 0 {
				break
			}
			s := newValueSet(et, len(el))
			for _, v := range el {
				s.add(v)
			}
			kept := out[:0]
			for _, v := range out {
				if s.has(v) {
					kept = append(kept, v)
				}
			}
			out = kept
		}
	}
	if len(out) == 0 {
		return cty.SetValEmpty(et), cty.ListValEmpty(et), true
	}
	return cty.SetVal(out), cty.ListVal(out), true
}

// distinctKnown is distinct of l, a wholly known, unmarked list: its
// elements in the order of their first occurrence, each once.
func distinctKnown(l cty.Value) cty.Value {
	if l.LengthInt() == 0 {
		return l
	}
	s := newValueSet(l.Type().ElementType(), l.LengthInt())
	var out []cty.Value
	for it := l.ElementIterator(); it.Next(); {
		_, v := it.Element()
		if s.add(v) {
			out = append(out, v)
		}
	}
	return cty.ListVal(out)
}

// distinctFast reports whether distinctFunc computes distinct of v through
// distinctKnown (callCost counts no pairs for it): a wholly known,
// unmarked list or tuple of elements of one type.
func distinctFast(v cty.Value) bool {
	if !v.Type().IsListType() && !v.Type().IsTupleType() {
		return false
	}
	_, _, ok := knownElems(v)
	return ok
}
