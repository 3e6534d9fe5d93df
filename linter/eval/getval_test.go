package eval

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestGetValIsGetsVal checks that GetVal(k) is Get(k).Val (cty.NilVal where
// Get returns nil) for members spelled out, derived from an object or map
// value, missing, null, unknown, of an instance, and under non-ASCII keys.
func TestGetValIsGetsVal(t *testing.T) {
	obj := cty.ObjectVal(map[string]cty.Value{
		"name": cty.StringVal("r"), "path": cty.NullVal(cty.String), "n": cty.NumberIntVal(3),
		"tags": cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b")}), "ünï": cty.StringVal("x"),
		"u": cty.UnknownVal(cty.String), "l": cty.ListVal([]cty.Value{cty.StringVal("a")}),
	})
	spelled := &Node{Val: obj}
	var ms Members
	ms.Set("name", &Node{Val: cty.StringVal("spelled")})
	ms.Set("dup", &Node{Val: cty.StringVal("first")})
	ms.Set("dup", nil) // a duplicate key: the member is the value's
	ms.Into(spelled)
	inst := &Node{Val: obj}
	inst.SetInst(`module.m["k"].aws_iam_role.r`)
	var im Members
	im.Set("name", &Node{Val: cty.StringVal("i")})
	im.Into(inst)
	nodes := map[string]*Node{
		"nil":     nil,
		"object":  {Val: obj},
		"spelled": spelled,
		"inst":    inst,
		"map":     {Val: cty.MapVal(map[string]cty.Value{"name": cty.StringVal("m"), "ünï": cty.StringVal("y")})},
		"unknown": {Val: cty.DynamicVal},
		"null":    {Val: cty.NullVal(obj.Type())},
		"nilval":  {},
		"string":  {Val: cty.StringVal("s")},
	}
	for name, n := range nodes {
		for _, k := range []string{"name", "path", "n", "tags", "ünï", "u", "l", "dup", "missing", ""} {
			want := cty.NilVal
			if c := n.Get(k); c != nil {
				want = c.Val
			}
			got := n.GetVal(k)
			if (got == cty.NilVal) != (want == cty.NilVal) || (got != cty.NilVal && !got.RawEquals(want)) {
				t.Errorf("%s: GetVal(%q) = %#v, Get(%q).Val = %#v", name, k, got, k, want)
			}
		}
	}
}
