package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// A chain of locals each referring to the one before, and locals each
// nesting operators on the one before, evaluate recursively: past
// eval's depth bound the value is unknown with a located error (before,
// 165,000 chained locals in a 3.7 MB file overflowed the goroutine stack, a
// fatal error); a chain within the bound, and an expression of the depth a
// file may hold, still evaluate.
func TestEvaluationDepthBounded(t *testing.T) {
	chain := func(n int, step string) string {
		var b strings.Builder
		b.WriteString("locals {\n  a0 = 1\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "  a%d = local.a%d%s\n", i, i-1, step)
		}
		fmt.Fprintf(&b, "}\nresource \"aws_iam_user\" \"u\" {\n  name = \"u${local.a%d}\"\n}\n", n-1)
		return b.String()
	}
	for _, tc := range []struct {
		name, src string
		known     bool
	}{
		{"short chain", chain(5000, ""), true},
		{"deep expression in a short chain", chain(3, strings.Repeat("+0", 9000)), true},
		{"long chain", chain(40000, ""), false},
		{"chain of deep expressions", chain(10, strings.Repeat("+0", 9000)), false},
	} {
		dir := t.TempDir()
		write(t, dir, "main.tf", tc.src)
		res := load(t, Options{Paths: []string{dir}})
		v := block(t, res, "aws_iam_user.u").Body.Attr("name").Val
		if v.IsKnown() != tc.known {
			t.Errorf("%s: name = %#v, want known: %v", tc.name, v, tc.known)
		}
		if deep := hasDiag(res, hcl.DiagError, "Evaluation nested too deep", filepath.Join(dir, "main.tf")+":"); deep == tc.known {
			t.Errorf("%s: 'Evaluation nested too deep' reported: %v, want %v (%s)", tc.name, deep, !tc.known, summarize(res.Diags))
		}
	}
}
