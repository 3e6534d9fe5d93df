package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/plan"
)

// TestMemberReadersAreGets checks that memberValue and knownStringOf, which
// read a member's value without the Node eval.Node.Get derives, give what
// value, isNull and knownString of Get give: on every body member (and a
// missing one) of the test data and corpus plans, and on bodies whose
// members are spelled out, derived, null, unknown or of a map.
func TestMemberReadersAreGets(t *testing.T) {
	var bodies []*eval.Node
	var paths []string
	for _, g := range []string{"../../testdata/plans/*/*.plan.json", "../plan/testdata/*.json", "../../../shared/corpus/plans/*/*.json"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !plan.IsPlan(src) {
			continue
		}
		pl, _ := plan.Load(p, src, plan.Options{})
		if pl == nil {
			continue
		}
		for _, res := range []*eval.Result{pl.After, pl.Before} {
			if res == nil {
				continue
			}
			for _, m := range res.Modules {
				for _, b := range m.Blocks {
					if b.Body != nil {
						bodies = append(bodies, b.Body)
					}
				}
			}
		}
	}
	if len(bodies) < 50 {
		t.Fatalf("%d plan bodies", len(bodies))
	}
	obj := cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("n"), "path": cty.NullVal(cty.String),
		"u": cty.UnknownVal(cty.String), "num": cty.NumberIntVal(7), "empty": cty.StringVal("")})
	var ms eval.Members
	ms.Set("name", &eval.Node{Val: cty.StringVal("spelled")})
	ms.Set("path", &eval.Node{})
	spelled := &eval.Node{Val: obj}
	ms.Into(spelled)
	bodies = append(bodies, nil, &eval.Node{Val: obj}, spelled, &eval.Node{Val: cty.DynamicVal}, &eval.Node{Val: cty.NullVal(obj.Type())},
		&eval.Node{Val: cty.MapVal(map[string]cty.Value{"name": cty.StringVal("m")})}, &eval.Node{Val: cty.StringVal("s")})
	checked := 0
	for _, n := range bodies {
		keys := []string{"name", "path", "u", "num", "empty", "missing"}
		if n != nil && n.Val.Type().IsObjectType() && n.Val.IsKnown() && !n.Val.IsNull() {
			for k := range n.Val.Type().AttributeTypes() {
				keys = append(keys, k)
			}
		}
		for _, k := range keys {
			c := n.Get(k)
			var wantV iam.Value
			wantOK := false
			if !isNull(c) {
				wantV, wantOK = value(c), true
			}
			gotV, gotOK := memberValue(n, k)
			if gotOK != wantOK || !reflect.DeepEqual(gotV, wantV) {
				t.Fatalf("memberValue(%q) = %+v, %v; value(Get) %+v, present %v (body %v)", k, gotV, gotOK, wantV, wantOK, bodyRange(n))
			}
			if got, want := knownStringOf(n, k), knownString(c); got != want {
				t.Fatalf("knownStringOf(%q) = %q, knownString(Get) %q (body %v)", k, got, want, bodyRange(n))
			}
			checked++
		}
	}
	t.Logf("%d bodies, %d members", len(bodies), checked)
}

func bodyRange(n *eval.Node) string {
	if n == nil {
		return "nil"
	}
	return n.Range.String()
}
