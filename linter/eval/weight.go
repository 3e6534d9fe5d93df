package eval

import (
	"fmt"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

// A value may share its parts: local.b = { l = local.a, r = local.a } holds
// local.a twice in the memory of one, and 60 such locals are 2^60 elements
// in a few kilobytes. The function calls bound their arguments (tooLarge),
// but tuple, object and for expressions did not, and every walk of such a
// value ran for ever: tags = local.a39 on an aws_iam_user, or the object as
// a policy Condition (jsonencode's scan for unknowns), past a minute each
// (red team 17). A tuple, object or for expression whose value weighs more
// than maxValueBytes (elementBytes an element, as stringBytes counts them,
// a string's bytes divided by stringShare, a shared part counted each
// time) is now an error and unknown, as a function's result would be.
// Weighing it walks its members once: the weight of a large composite is
// kept, by the address of its internal map or slice, for the values built
// from it.

// stringShare divides the bytes of a string in valueWeight: a string is
// shared by the values that hold it (file() makes one per file, and a for
// expression of a thousand file() calls of a 240 KB file holds it a
// thousand times), and is read by a walk at a cost per byte much smaller
// than an element's. A value is so bounded at about a million elements
// or 1 GiB of strings read by a walk (a string used several times counted
// each time).
const stringShare = 16

// weightKeepFrom is the weight from which a composite's weight is kept.
const weightKeepFrom = 4 << 10

// weightKey is the identity of a composite value: the address of its
// internal map, or of its internal slice's elements and their number.
type weightKey struct {
	p unsafe.Pointer
	n int
}

// valueWeight returns the weight of v, counted no further than past
// maxValueBytes, the weights of large composites kept.
func (ev *evaluator) valueWeight(v cty.Value) int {
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	ty := v.Type()
	if ty == cty.String && !v.IsMarked() {
		return len(v.AsString()) / stringShare
	}
	if ty.IsPrimitiveType() || v.IsMarked() || !ctyraw.Fast() || !(ty.IsObjectType() || ty.IsTupleType() || ty.IsListType() || ty.IsMapType()) {
		return stringBytes(v, maxValueBytes)
	}
	var key weightKey
	switch r := ctyraw.Raw(v).(type) {
	case map[string]any:
		key = weightKey{p: *(*unsafe.Pointer)(unsafe.Pointer(&r))}
	case []any:
		if len(r) == 0 {
			return 0
		}
		key = weightKey{p: unsafe.Pointer(unsafe.SliceData(r)), n: len(r)}
	default:
		return stringBytes(v, maxValueBytes)
	}
	if w, ok := ev.weights[key]; ok {
		return w
	}
	n := 0
	switch {
	case ty.IsObjectType():
		m := ctyraw.Raw(v).(map[string]any)
		for k, at := range ty.AttributeTypes() {
			if n > maxValueBytes {
				break
			}
			n += elementBytes + len(k) + ev.valueWeight(ctyraw.Make(at, m[k]))
		}
	case ty.IsMapType():
		et := ty.ElementType()
		for k, raw := range ctyraw.Raw(v).(map[string]any) {
			if n > maxValueBytes {
				break
			}
			n += elementBytes + len(k) + ev.valueWeight(ctyraw.Make(et, raw))
		}
	default:
		raw := ctyraw.Raw(v).([]any)
		var ets []cty.Type
		var et cty.Type
		if ty.IsTupleType() {
			ets = ty.TupleElementTypes()
		} else {
			et = ty.ElementType()
		}
		for i, r := range raw {
			if n > maxValueBytes {
				break
			}
			if ets != nil {
				et = ets[i]
			}
			n += elementBytes + ev.valueWeight(ctyraw.Make(et, r))
		}
	}
	n = min(n, maxValueBytes+1)
	if n >= weightKeepFrom {
		if ev.weights == nil {
			ev.weights = map[weightKey]int{}
		}
		ev.weights[key] = n
	}
	return n
}

// overweight reports, and says, whether the value of n, made by the
// expression at rng (a tuple, object or for expression), weighs more than
// maxValueBytes; the caller then makes it unknown.
func (e *env) overweight(n *Node, rng hcl.Range) bool {
	if n.Val == cty.NilVal || e.s.ev.valueWeight(n.Val) <= maxValueBytes {
		return false
	}
	e.s.ev.diagUnknown(hcl.DiagError, "Value too large", fmt.Sprintf("the value holds more than %d elements or %d bytes of strings (a part used several times counted each time); the value is unknown.", maxValueBytes/elementBytes, maxValueBytes*stringShare), rng)
	return true
}
