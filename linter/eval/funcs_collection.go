package eval

import (
	"errors"
	"fmt"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// transposeFunc is Terraform's transpose: a map of lists of strings turned
// inside out (each string of a list becomes a key, listing the keys whose
// lists hold it, in key order).
var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		in := args[0]
		if !in.IsWhollyKnown() {
			return cty.UnknownVal(ret), nil
		}
		out := map[string][]cty.Value{}
		for it := in.ElementIterator(); it.Next(); {
			k, list := it.Element()
			if list.IsNull() {
				return cty.UnknownVal(ret), errors.New("input must not hold null lists")
			}
			for li := list.ElementIterator(); li.Next(); {
				_, v := li.Element()
				if v.IsNull() {
					return cty.UnknownVal(ret), errors.New("input lists must not contain null values")
				}
				out[v.AsString()] = append(out[v.AsString()], k)
			}
		}
		if len(out) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		m := make(map[string]cty.Value, len(out))
		for k, keys := range out {
			m[k] = cty.ListVal(keys)
		}
		return cty.MapVal(m), nil
	},
})

// matchkeysFunc is Terraform's matchkeys(values, keys, searchset): the
// elements of values whose element of keys at the same index is in
// searchset, in order.
var matchkeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		if ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()}); ty == cty.NilType {
			return cty.NilType, errors.New("keys and searchset must be of the same type")
		}
		return args[0].Type(), nil
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		values := args[0]
		if !values.IsWhollyKnown() || !args[1].IsWhollyKnown() || !args[2].IsWhollyKnown() {
			return cty.UnknownVal(ret), nil
		}
		if values.LengthInt() != args[1].LengthInt() {
			return cty.UnknownVal(ret), errors.New("length of keys and values should be equal")
		}
		ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()})
		keys, err := convert.Convert(args[1], ty)
		if err != nil {
			return cty.UnknownVal(ret), err
		}
		search, err := convert.Convert(args[2], ty)
		if err != nil {
			return cty.UnknownVal(ret), err
		}
		var out []cty.Value
		if set, ok := stringSet(keys, search); ok {
			// Strings (the common case): one pass over each list, not
			// keys x searchset comparisons (40,000 of each took minutes).
			i := 0
			for it := keys.ElementIterator(); it.Next(); i++ {
				if _, k := it.Element(); set[k.AsString()] {
					out = append(out, values.Index(cty.NumberIntVal(int64(i))))
				}
			}
			if len(out) == 0 {
				return cty.ListValEmpty(ret.ElementType()), nil
			}
			return cty.ListVal(out), nil
		}
		if keys.LengthInt()*search.LengthInt() > maxMatchkeysPairs {
			return cty.UnknownVal(ret), fmt.Errorf("%d keys against a searchset of %d are too many to compare (at most %d pairs when they are not strings)",
				keys.LengthInt(), search.LengthInt(), maxMatchkeysPairs)
		}
		i := 0
		for it := keys.ElementIterator(); it.Next(); i++ {
			_, k := it.Element()
			for si := search.ElementIterator(); si.Next(); {
				_, s := si.Element()
				eq := k.Equals(s)
				if !eq.IsKnown() {
					return cty.UnknownVal(ret), nil
				}
				if eq.True() {
					out = append(out, values.Index(cty.NumberIntVal(int64(i))))
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(ret.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

// maxMatchkeysPairs bounds the comparisons of matchkeys over keys and
// searchsets that are not plain strings (each key against each element).
const maxMatchkeysPairs = 1 << 22

// stringSet returns the elements of search as a set when keys and search
// are lists of strings, none null or marked (sensitive), so that matchkeys
// can look keys up instead of comparing each with each.
func stringSet(keys, search cty.Value) (map[string]bool, bool) {
	if !keys.Type().ElementType().Equals(cty.String) || !search.Type().ElementType().Equals(cty.String) ||
		keys.ContainsMarked() || search.ContainsMarked() {
		return nil, false
	}
	for it := keys.ElementIterator(); it.Next(); {
		if _, k := it.Element(); k.IsNull() {
			return nil, false
		}
	}
	set := make(map[string]bool, search.LengthInt())
	for it := search.ElementIterator(); it.Next(); {
		_, v := it.Element()
		if v.IsNull() {
			return nil, false
		}
		set[v.AsString()] = true
	}
	return set, true
}
