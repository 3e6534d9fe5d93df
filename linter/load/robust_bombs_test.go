package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
)

// Expressions whose cost multiplies: nested for expressions over range(1000)
// (10^9 elements), nested dynamic blocks, a string that doubles 40 times
// (34 TB) and a list that does (4 * 2^40 elements) end in a
// located error, within bounded time and memory; other root modules are
// evaluated.
func TestEvaluationBombsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("15-20 s")
	}
	dir := t.TempDir()
	write(t, dir, "for.tf", `locals {
  x = flatten([for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]])
}
resource "aws_iam_user" "f" {
  name = length(local.x)
}
`)
	var b strings.Builder
	b.WriteString("locals {\n  s0 = \"0123456789abcdef0123456789abcdef\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  s%d = \"${local.s%d}${local.s%d}\"\n", i, i-1, i-1)
	}
	b.WriteString("  j = join(\"\", [for i in range(1000) : local.s20])\n}\n")
	b.WriteString("resource \"aws_iam_user\" \"s\" {\n  name = local.s40\n}\nresource \"aws_iam_user\" \"j\" {\n  name = local.j\n}\n")
	write(t, dir, "double.tf", b.String())
	b.Reset()
	b.WriteString("locals {\n  l0 = [1, 2, 3, 4]\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  l%d = concat(local.l%d, local.l%d)\n", i, i-1, i-1)
	}
	b.WriteString("}\nresource \"aws_iam_user\" \"l\" {\n  name = length(local.l40)\n}\n")
	write(t, dir, "lists/main.tf", b.String())
	write(t, dir, "dynamic/main.tf", `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = range(1000)
    content {
      actions   = ["s3:GetObject"]
      resources = ["*"]
      dynamic "condition" {
        for_each = range(1000)
        content {
          test     = "StringEquals"
          variable = "aws:x"
          values   = [for k in range(1000) : tostring(k)]
        }
      }
    }
  }
}
`)
	// Another root module has its own budget.
	write(t, dir, "other/ok.tf", `resource "aws_iam_user" "ok" {
  name = length(flatten([for i in range(100) : [for j in range(100) : j]]))
}
`)
	// Not bounded(): its 10 s watchdog is too tight for this on a busy
	// 2-CPU machine (15-20 s alone).
	cpu := cputime.Used()
	res := load(t, Options{Paths: []string{dir}})
	if used := cputime.Used() - cpu; used > 4*time.Minute { // a guard against runaway work, not a speed target
		t.Errorf("Load used %v CPU", used)
	}
	if !hasDiag(res, hcl.DiagError, "Evaluation too large", filepath.Join(dir, "for.tf")+":2,") {
		t.Errorf("want Evaluation too large in for.tf, got %v", summarize(res.Diags))
	}
	// concat of tuples counts in the calls' budget (it counted nothing,
	// and the doubling stopped at "Value too large" past a million
	// elements): spent at about half a million.
	if !hasDiag(res, hcl.DiagError, "Evaluation too large", filepath.Join(dir, "lists", "main.tf")) {
		t.Errorf("want Evaluation too large in lists/main.tf, got %v", summarize(res.Diags))
	}
	if !hasDiag(res, hcl.DiagError, "Evaluation too large", filepath.Join(dir, "dynamic", "main.tf")) {
		t.Errorf("want Evaluation too large in dynamic/main.tf, got %v", summarize(res.Diags))
	}
	if !hasDiag(res, hcl.DiagError, "Value too large", filepath.Join(dir, "double.tf")) {
		t.Errorf("want Value too large in double.tf, got %v", summarize(res.Diags))
	}
	for _, a := range []string{"aws_iam_user.f", "aws_iam_user.s", "aws_iam_user.j", "aws_iam_user.l"} {
		if v := block(t, res, a).Body.Attr("name").Val; v.IsKnown() {
			t.Errorf("%s: name is %#v, want unknown", a, v)
		}
	}
	if v := block(t, res, "aws_iam_user.ok").Body.Attr("name").Val; !v.IsKnown() || v.AsBigFloat().String() != "10000" {
		t.Errorf("aws_iam_user.ok: name is %#v, want 10000", v)
	}
}
