package hclfast

import (
	"reflect"
	"runtime"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestTraverserAt checks the steps whose interface values point into their
// traversal node (traverserAt): same dynamic types and values as the usual
// conversion for type switches, assertions, == and reflect.DeepEqual, with
// hclsyntax's tree for the same source, also after collections.
func TestTraverserAt(t *testing.T) {
	src := []byte("a = var.x\nb = aws_iam_role.r.arn\nc = each.value[0].name\nd = x\ne = [for s in local.l : s.arn]\n")
	f := ParseConfig(src, "t.tf")
	if f == nil {
		t.Fatal("not parsed by the fast path")
	}
	want, diags := hclsyntax.ParseConfig(src, "t.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	runtime.GC()
	runtime.GC()
	if !reflect.DeepEqual(want.Body, f.Body) {
		t.Fatalf("tree differs from hclsyntax's: %s", diff(want.Body, f.Body))
	}
	attrs := f.Body.(*hclsyntax.Body).Attributes
	wantAttrs := want.Body.(*hclsyntax.Body).Attributes
	for _, name := range []string{"a", "b", "c", "d"} {
		got := attrs[name].Expr.(*hclsyntax.ScopeTraversalExpr).Traversal
		exp := wantAttrs[name].Expr.(*hclsyntax.ScopeTraversalExpr).Traversal
		if len(got) != len(exp) {
			t.Fatalf("%s: %d steps, want %d", name, len(got), len(exp))
		}
		for i := range got {
			if _, idx := got[i].(hcl.TraverseIndex); !idx && got[i] != exp[i] { // cty numbers hold pointers: no ==
				t.Errorf("%s step %d: %#v != %#v", name, i, got[i], exp[i])
			}
			switch s := got[i].(type) {
			case hcl.TraverseRoot:
				if s != exp[i].(hcl.TraverseRoot) {
					t.Errorf("%s step %d: root %#v", name, i, s)
				}
			case hcl.TraverseAttr:
				if s != exp[i].(hcl.TraverseAttr) {
					t.Errorf("%s step %d: attr %#v", name, i, s)
				}
			case hcl.TraverseIndex:
				if !s.Key.RawEquals(exp[i].(hcl.TraverseIndex).Key) {
					t.Errorf("%s step %d: index %#v", name, i, s)
				}
			default:
				t.Errorf("%s step %d: type %T", name, i, s)
			}
		}
		if got.RootName() != exp.RootName() {
			t.Errorf("%s: root name %q, want %q", name, got.RootName(), exp.RootName())
		}
	}
	// The values stay put while the node lives (a collection does not move
	// or free them) and a map keyed by them finds them.
	runtime.GC()
	m := map[hcl.Traverser]bool{}
	for _, a := range attrs {
		if e, ok := a.Expr.(*hclsyntax.ScopeTraversalExpr); ok {
			for _, s := range e.Traversal {
				if _, ok := s.(hcl.TraverseIndex); !ok {
					m[s] = true
				}
			}
		}
	}
	for _, name := range []string{"a", "b", "d"} {
		for _, s := range wantAttrs[name].Expr.(*hclsyntax.ScopeTraversalExpr).Traversal {
			if !m[s] {
				t.Errorf("%s: step %#v not found by value", name, s)
			}
		}
	}
}
