package load

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestDuplicateShadowed: of two resource or data blocks of one address
// (one file or two, .tf and .tf.json, in a check block or not, with count
// or for_each on either, in the root or in a called module), the instances
// of the second are listed too and are Shadowed, those of the first are
// not: what resolves a reference by address skips the shadowed ones.
// Providers are never shadowed, and plain blocks are not.
func TestDuplicateShadowed(t *testing.T) {
	dir := t.TempDir()
	doc := func(name, action string) string {
		return fmt.Sprintf("data \"aws_iam_policy_document\" %q {\n  statement {\n    actions   = [%q]\n    resources = [\"*\"]\n  }\n}\n", name, action)
	}
	write(t, dir, "a.tf", doc("d", "*")+`resource "aws_iam_role" "r" {
  count = 1
  name  = "r1"
}
check "c" {
`+doc("c", "*")+`}
`+doc("e", "*")+`resource "aws_iam_user" "u" { name = "u" }
module "m" { source = "./m" }
provider "aws" { region = "us-east-1" }
`)
	write(t, dir, "b.tf", doc("d", "s3:GetObject")+`resource "aws_iam_role" "r" {
  for_each = toset(["a"])
  name     = "r2"
}
`+doc("c", "s3:GetObject")+`resource "aws_iam_role" "r" {
  count = 1
  name  = "r3"
}
`)
	write(t, dir, "c.tf.json", `{"data": {"aws_iam_policy_document": {"e": {"statement": {"actions": ["iam:*"], "resources": ["*"]}}}}}`+"\n")
	write(t, dir, "m/main.tf", doc("d", "*")+doc("d", "s3:GetObject"))
	res := load(t, Options{Paths: []string{dir}})
	var got []string
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			got = append(got, fmt.Sprintf("%s %s:%d %v", b.Address, filepath.Base(b.Range.Filename), b.Range.Start.Line, b.Shadowed()))
		}
	}
	sort.Strings(got)
	want := []string{
		`aws_iam_role.r["a"] b.tf:7 true`,
		`aws_iam_role.r[0] a.tf:7 false`,
		`aws_iam_role.r[0] b.tf:17 true`,
		`aws_iam_user.u a.tf:25 false`,
		`data.aws_iam_policy_document.c a.tf:12 false`,
		`data.aws_iam_policy_document.c b.tf:11 true`,
		`data.aws_iam_policy_document.d a.tf:1 false`,
		`data.aws_iam_policy_document.d b.tf:1 true`,
		`data.aws_iam_policy_document.d main.tf:1 false`, // m linted as a root too
		`data.aws_iam_policy_document.d main.tf:7 true`,
		`data.aws_iam_policy_document.e a.tf:19 false`,
		`data.aws_iam_policy_document.e c.tf.json:1 true`,
		`module.m.data.aws_iam_policy_document.d main.tf:1 false`,
		`module.m.data.aws_iam_policy_document.d main.tf:7 true`,
		`provider.aws a.tf:27 false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	a, b := filepath.Join(dir, "a.tf"), filepath.Join(dir, "b.tf")
	for _, w := range []struct{ summary, at, detail string }{
		{"Duplicate data configuration", b + ":1", "already declared at " + a + ":1,"},
		{"Duplicate resource configuration", b + ":7", "already declared at " + a + ":7,"},
		{"Duplicate data configuration", b + ":11", "already declared at " + a + ":12,"},
		{"Duplicate resource configuration", b + ":17", "already declared at " + a + ":7,"},
		{"Duplicate data configuration", filepath.Join(dir, "c.tf.json") + ":1", "already declared at " + a + ":19,"},
		{"Duplicate data configuration", filepath.Join(dir, "m", "main.tf") + ":7", "already declared at " + filepath.Join(dir, "m", "main.tf") + ":1,"},
	} {
		if !hasDiagDetail(res, w.summary, w.at, w.detail) {
			t.Errorf("no %q error at %s naming %q: %v", w.summary, w.at, w.detail, summarize(res.Diags))
		}
	}
}

// hasDiagDetail is hasDiag for an error whose detail holds detail.
func hasDiagDetail(res *eval.Result, summary, at, detail string) bool {
	for _, d := range res.Diags {
		if d.Severity == hcl.DiagError && d.Summary == summary && d.Subject != nil && strings.HasPrefix(d.Error(), at+",") && strings.Contains(d.Detail, detail) {
			return true
		}
	}
	return false
}

// TestDuplicateOutputsProviders: a second output of one name is an error
// at it, naming the first, which is the one a caller reads (the last one
// was read, without a word); two provider configurations of one name and
// alias (none, or the same literal) are an error at the second, and both
// are still listed (linted). Distinct aliases, and an alias that is not a
// literal, are not compared.
func TestDuplicateOutputsProviders(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `module "m" { source = "./m" }
resource "aws_iam_user" "u" { name = module.m.o }
provider "aws" { region = "us-east-1" }
provider "aws" { alias = "a" }
provider "aws" { alias = "b" }
provider "aws" { alias = var.x }
provider "aws" { alias = var.x }
variable "x" { default = "a" }
`)
	write(t, dir, "p.tf", `provider "aws" { region = "us-west-2" }
provider "aws" { alias = "a" }
provider "google" {}
`)
	write(t, dir, "m/main.tf", `output "o" { value = "first" }
output "o" { value = "second" }
`)
	res := load(t, Options{Paths: []string{dir}})
	main, p, m := filepath.Join(dir, "main.tf"), filepath.Join(dir, "p.tf"), filepath.Join(dir, "m", "main.tf")
	for _, w := range []struct{ summary, at, detail string }{
		{"Duplicate output definition", m + ":2", "already defined at " + m + ":1,"},
		{"Duplicate provider configuration", p + ":1", `A default (non-aliased) provider configuration for "aws" was already given at ` + main + ":3,"},
		{"Duplicate provider configuration", p + ":2", `with alias "a" was already given at ` + main + ":4,"},
	} {
		if !hasDiagDetail(res, w.summary, w.at, w.detail) {
			t.Errorf("no %q error at %s naming %q: %v", w.summary, w.at, w.detail, summarize(res.Diags))
		}
	}
	n := 0
	for _, d := range res.Diags {
		if strings.HasPrefix(d.Summary, "Duplicate") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d duplicate errors, want 3: %v", n, summarize(res.Diags))
	}
	if v := block(t, res, "aws_iam_user.u").Body.Attr("name"); v == nil || !v.Val.IsKnown() || v.Val.AsString() != "first" {
		t.Errorf("module.m.o = %#v, want the first output's \"first\"", v)
	}
	providers := 0
	for _, b := range res.Modules[0].Blocks {
		if b.Mode == "provider" {
			providers++
		}
	}
	if providers != 8 {
		t.Errorf("%d provider blocks, want all 8", providers)
	}
}
