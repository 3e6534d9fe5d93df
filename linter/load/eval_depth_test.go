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

// A chain of locals too deep to evaluate that ends in a local another
// policy reads directly: the chain's value is unknown, and the shared local
// is not (it was: the chain reached it at the depth bound, cut it inside
// its own jsonencode, and it was remembered unknown, so the other policy
// lost its findings; found in review of the depth bound). The error is
// located in the chain.
func TestEvaluationDepthSharedValue(t *testing.T) {
	for _, n := range []int{19990, 29998, 29999, 31000} {
		var b strings.Builder
		b.WriteString(`resource "aws_iam_policy" "a" {
  policy = local.c1
}
resource "aws_iam_policy" "b" {
  policy = local.shared
}
locals {
  shared = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
`)
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "  c%d = local.c%d\n", i, i+1)
		}
		fmt.Fprintf(&b, "  c%d = local.shared\n}\n", n)
		dir := t.TempDir()
		write(t, dir, "main.tf", b.String())
		res := load(t, Options{Paths: []string{dir}})
		if v := block(t, res, "aws_iam_policy.b").Body.Attr("policy").Val; !v.IsKnown() {
			t.Errorf("n=%d: aws_iam_policy.b's policy is unknown (%s)", n, summarize(res.Diags))
		}
		a := block(t, res, "aws_iam_policy.a").Body.Attr("policy").Val
		deep := hasDiag(res, hcl.DiagError, "Evaluation nested too deep", filepath.Join(dir, "main.tf")+":")
		if a.IsKnown() == deep {
			t.Errorf("n=%d: aws_iam_policy.a's policy known: %v, 'Evaluation nested too deep': %v (%s)", n, a.IsKnown(), deep, summarize(res.Diags))
		}
		for _, d := range res.Diags {
			if d.Summary == "Evaluation nested too deep" && d.Subject != nil && d.Subject.Start.Line <= 9 {
				t.Errorf("n=%d: the error is at line %d, not in the chain", n, d.Subject.Start.Line)
			}
		}
	}
}

// A chain of locals, each the concat of the one before twice, that starts
// from an unknown value: the known elements of such a partial list are
// kept only up to eval's bound (65,536). They doubled at every level
// without bound: 60 such locals took all memory, and 20 gave a list of
// a million nodes.
func TestPartialConcatBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("variable \"x\" {}\nresource \"aws_iam_policy\" \"a\" {\n  policy = local.c1\n}\nlocals {\n")
	const n = 20
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  c%d = concat(local.c%d, local.c%d, [\"s3:GetObject\"])\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "  c%d = var.x\n}\n", n)
	dir := t.TempDir()
	write(t, dir, "main.tf", b.String())
	res := load(t, Options{Paths: []string{dir}})
	p := block(t, res, "aws_iam_policy.a").Body.Attr("policy")
	if p.Val.IsKnown() {
		t.Fatalf("policy = %#v, want unknown", p.Val)
	}
	if len(p.Elems) > 1<<16 {
		t.Errorf("the partial list holds %d elements, want at most 65,536", len(p.Elems))
	}
	// A chain short enough keeps its known elements (1 + 2 + ... per level).
	b.Reset()
	b.WriteString("variable \"x\" {}\nresource \"aws_iam_policy\" \"a\" {\n  policy = local.c1\n}\nlocals {\n")
	for i := 1; i < 4; i++ {
		fmt.Fprintf(&b, "  c%d = concat(local.c%d, local.c%d, [\"s3:GetObject\"])\n", i, i+1, i+1)
	}
	b.WriteString("  c4 = var.x\n}\n")
	dir = t.TempDir()
	write(t, dir, "main.tf", b.String())
	res = load(t, Options{Paths: []string{dir}})
	if p := block(t, res, "aws_iam_policy.a").Body.Attr("policy"); len(p.Elems) != 15 {
		t.Errorf("the partial list of 3 levels holds %d elements, want 15 (8 unknown, 7 known)", len(p.Elems))
	}
}
