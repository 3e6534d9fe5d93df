package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Numbers and strings interpolated in a template are written as hcl (and
// convert.Convert) write them.
func TestTemplateInterpolationsAsHCL(t *testing.T) {
	for _, src := range []string{
		`"n=${10} ${-3} ${1.5} ${1/3} ${1e30} ${-0} ${0} ${2/7*7} ${9007199254740993}"`,
		`"s=${"a"}${"é"} b=${true} ${false}"`,
		`"${upper("x")}-${length([1, 2])}"`,
	} {
		x, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		want, diags := x.Value(&hcl.EvalContext{Functions: Functions()})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		n, diags := Static(x, map[string][]byte{"t.tf": []byte(src)})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if !n.Val.RawEquals(want) {
			t.Errorf("%s = %#v, hcl gives %#v", src, n.Val, want)
		}
	}
}
