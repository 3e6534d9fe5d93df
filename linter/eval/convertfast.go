package eval

import (
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// convertValue is convert.Convert(v, ty) for a variable's type constraint,
// with the same result and error, in time linear in v's size where go-cty's
// is quadratic: converting a tuple to a list or set, or an object to a map,
// go-cty unifies the converted elements' types by comparing every pair of
// them (sortTypes) even when the element type is given and every element
// has it. A list(string) variable given 20,000 strings in a .tfvars file
// took 5.4 s, 50,000 strings 32 s (red team 16). Here each element is
// converted on its own (recursively) to the element type of ty when that
// has no dynamic parts, so the converted elements all have one type and
// the collection is built directly; anything else (an error, a marked or
// partly unknown collection, dynamic element types) goes to go-cty, whose
// errors come at the first element that does not convert, before the
// unification.
func convertValue(v cty.Value, ty cty.Type) (cty.Value, error) {
	if out, ok := uniformConvert(v, ty); ok {
		// list(any), set(any), map(any) of elements of one type: go-cty
		// unifies their types pairwise (a list(any) variable of 60,000
		// strings spent the budget of function calls, an error).
		return out, nil
	}
	if out, ok := convertLinear(v, ty); ok {
		return out, nil
	}
	return convert.Convert(v, ty)
}

// ConvertValue is convertValue for the other packages: the lists of
// .iamlint.hcl (exclude, enable, disable, rule options), which went to
// go-cty's quadratic conversion (200,000 exclude patterns ran past a
// minute).
func ConvertValue(v cty.Value, ty cty.Type) (cty.Value, error) {
	return convertValue(v, ty)
}

// minLinearConvert is the least number of elements convertLinear takes:
// below it go-cty's pairwise unification costs less than the checks here.
const minLinearConvert = 64

// convertLinear converts v to ty as convertValue says, false when it does
// not apply or an element does not convert (go-cty then says why).
func convertLinear(v cty.Value, ty cty.Type) (cty.Value, bool) {
	if !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return cty.NilVal, false
	}
	vt := v.Type()
	var want cty.Type
	switch {
	case (ty.IsListType() || ty.IsSetType()) && vt.IsTupleType():
		want = ty.ElementType()
	case ty.IsMapType() && vt.IsObjectType():
		want = ty.ElementType()
	default:
		return cty.NilVal, false
	}
	if want.HasDynamicTypes() || v.LengthInt() < minLinearConvert {
		return cty.NilVal, false
	}
	et := want.WithoutOptionalAttributesDeep()
	conv := func(el cty.Value) (cty.Value, bool) {
		if el.IsMarked() {
			return cty.NilVal, false
		}
		out, ok := convertLinear(el, want)
		if !ok {
			var err error
			if out, err = convert.Convert(el, want); err != nil {
				return cty.NilVal, false
			}
		}
		return out, out.Type().Equals(et)
	}
	if ty.IsMapType() {
		m := make(map[string]cty.Value, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, el := it.Element()
			out, ok := conv(el)
			if !ok {
				return cty.NilVal, false
			}
			m[k.AsString()] = out
		}
		return cty.MapVal(m), true
	}
	elems := make([]cty.Value, 0, v.LengthInt())
	for it := v.ElementIterator(); it.Next(); {
		_, el := it.Element()
		out, ok := conv(el)
		if !ok {
			return cty.NilVal, false
		}
		elems = append(elems, out)
	}
	if ty.IsSetType() {
		return cty.SetVal(elems), true
	}
	return cty.ListVal(elems), true
}
