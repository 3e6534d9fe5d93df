package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestForCallWalkIsWalk: forCallWalker.walk notes what hclsyntax.Walk
// with the walker notes (a for expression, the first call), on type
// constraints, constants and expressions of every kind it passes to Walk.
func TestForCallWalkIsWalk(t *testing.T) {
	for _, src := range []string{
		`string`,
		`list(string)`,
		`map(object({ a = string, b = optional(list(string), []) }))`,
		`object({ a = optional(string, upper("x")), b = optional(list(string), [for s in ["a"] : s]) })`,
		`optional(tuple([string, number]), [1, 2])`,
		`[for s in ["a", "b"] : upper(s)]`,
		`{ for k, v in { a = 1 } : k => v }`,
		`{ (upper("k")) = [for x in [1] : x] }`,
		`{ "k${lower("a")}" = 1 }`,
		`"a-${upper("b")}-%{ for x in ["c"] }${x}%{ endfor }"`,
		`"plain"`,
		`true ? tolist([1]) : [for x in [2] : x]`,
		`-abs(1)`,
		`(min(1, 2))`,
		`[1, 2][0]`,
		`x.y[0].z`,
		`jsonencode({ a = [for x in [1] : x], b = max(1, 2) })`,
		`{ a = { b = { c = [1, { d = lower("X") }] } } }`,
		`[for x in [1] : x][0]`,
		`"${[for x in [1] : x][0]}"`,
	} {
		x, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", src, diags)
		}
		var want, got forCallWalker
		_ = hclsyntax.Walk(x, &want)
		got.walk(x)
		if got != want {
			t.Errorf("%s: walk fors=%v call=%v, Walk fors=%v call=%v", src, got.fors, got.call, want.fors, want.call)
		}
	}
}
