package linter_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// writeTree writes files (by slash path) under a new temporary directory
// and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// reportsBothWays lints opts one root at a time and the whole-model way,
// with and without the principals, checks that the JSON, SARIF and text
// reports are the same, and returns the result of the first way without
// them and why it was done again (none: "").
func reportsBothWays(t *testing.T, opts linter.Options) (*linter.Result, string) {
	t.Helper()
	withP := opts
	withP.Principals = true
	if _, redone := reportsBothWays1(t, withP); redone != "" {
		t.Logf("with the principals, done again: %s", redone)
	}
	return reportsBothWays1(t, opts)
}

func reportsBothWays1(t *testing.T, opts linter.Options) (*linter.Result, string) {
	t.Helper()
	var redone []string
	linter.SetRootsRedone(func(why string) { redone = append(redone, why) })
	defer linter.SetRootsRedone(nil)
	reports := func() (*linter.Result, string) {
		res, err := linter.Lint(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		meta := report.Meta{ToolName: "iamlint", Rules: rules.All}
		for _, f := range []func(*bytes.Buffer) error{
			func(b *bytes.Buffer) error { return report.JSON(b, res, meta) },
			func(b *bytes.Buffer) error { return report.SARIF(b, res, meta) },
			func(b *bytes.Buffer) error { return report.Text(b, res, meta) },
		} {
			if err := f(&b); err != nil {
				t.Fatal(err)
			}
		}
		return res, b.String()
	}
	res, roots := reports()
	old := linter.SetNoRoots(true)
	_, whole := reports()
	linter.SetNoRoots(old)
	if roots != whole {
		t.Errorf("reports differ:\none root at a time:\n%s\nwhole model:\n%s", roots, whole)
	}
	return res, strings.Join(redone, "; ")
}

// A module directory is also a root of its own, linted before the root
// that calls it (its name sorts first): its entities are Partial (its user
// has no finding of its own, the called instance does), known only once
// the caller is linted.
func TestRootsCalleeBeforeCaller(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a_mod/main.tf": `variable "name" {}
resource "aws_iam_user" "u" { name = var.name }
resource "aws_iam_user_login_profile" "p" { user = aws_iam_user.u.name }
`,
		"b_env/main.tf": `module "m" {
  source = "../a_mod"
  name   = "alice"
}
`,
	})
	res, redone := reportsBothWays(t, linter.Options{Paths: []string{dir}, Rules: rules.All})
	if redone != "" {
		t.Errorf("done again: %s", redone)
	}
	var called, own int
	for _, f := range res.Findings {
		if f.Rule == "mfa-not-enforced" {
			if strings.HasPrefix(f.Resource, "module.m.") {
				called++
			} else {
				own++
			}
		}
	}
	if called != 1 || own != 0 {
		t.Errorf("mfa-not-enforced: %d of the called instance (want 1), %d of the module linted on its own (want 0)", called, own)
	}
	// Linted alone, the module directory has the finding.
	alone, err := linter.Lint(context.Background(), linter.Options{Paths: []string{filepath.Join(dir, "a_mod")}, Rules: rules.All})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range alone.Findings {
		if f.Rule == "mfa-not-enforced" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the module linted alone: %d mfa-not-enforced findings, want 1", n)
	}
}

// A call whose source the roots' text does not show as written (an
// escape in the string) is found by the evaluation: the run is done again
// the whole-model way, with the same reports.
func TestRootsCallerUnseen(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a_mod/main.tf": `variable "name" {}
resource "aws_iam_user" "u" { name = var.name }
resource "aws_iam_user_login_profile" "p" { user = aws_iam_user.u.name }
`,
		"b_env/main.tf": `module "m" {
  source = "../a\u005fmod"
  name   = "alice"
}
`,
	})
	_, redone := reportsBothWays(t, linter.Options{Paths: []string{dir}, Rules: rules.All})
	if !strings.Contains(redone, "called by a module") {
		t.Errorf("done again: %q, want the unseen call", redone)
	}
}

// Two roots call one module under the same address with inputs that give
// its policy other statements: a finding's fingerprint names the statement
// of the first root's document, which the other root's lint cannot see;
// the documents in the module's files are kept until the last root that
// calls it is linted. When a call is not seen in the text (an escape), the
// run is done again the whole-model way.
func TestRootsSharedModuleAddress(t *testing.T) {
	files := map[string]string{
		"mod/main.tf": `variable "extra" { default = false }
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(var.extra ? [{ Sid = "Extra", Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] : [],
      [{ Effect = "Allow", Action = "*", Resource = "*" }])
  })
}
`,
		"envs/a/main.tf": `module "m" {
  source = "../../mod"
  extra  = true
}
`,
		"envs/b/main.tf": `module "m" {
  source = "../../mod"
}
`,
	}
	for _, p := range []bool{false, true} {
		_, redone := reportsBothWays(t, linter.Options{Paths: []string{writeTree(t, files)}, Rules: rules.All, Principals: p})
		if redone != "" {
			t.Errorf("principals %v: done again: %s", p, redone)
		}
	}
	files["envs/b/main.tf"] = strings.Replace(files["envs/b/main.tf"], "../../mod", `../../m\u006fd`, 1)
	_, redone := reportsBothWays(t, linter.Options{Paths: []string{writeTree(t, files)}, Rules: rules.All})
	if !strings.Contains(redone, "documents in the same file in another root") {
		t.Errorf("done again: %q, want the shared address", redone)
	}
}

// A permissions boundary named by ARN is the policy attached under that
// ARN in another root: the run is done again the whole-model way.
func TestRootsBoundaryElsewhere(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/main.tf": `resource "aws_iam_policy" "b" {
  name   = "boundary"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
resource "aws_iam_role" "holder" {
  name               = "holder"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role_policy_attachment" "x" {
  role       = aws_iam_role.holder.name
  policy_arn = "arn:aws:iam::123456789012:policy/boundary"
}
`,
		"b/main.tf": `resource "aws_iam_role" "r" {
  name                 = "r"
  permissions_boundary = "arn:aws:iam::123456789012:policy/boundary"
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "a" {
  role   = aws_iam_role.r.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" }] })
}
resource "aws_iam_role_policy" "b" {
  role   = aws_iam_role.r.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ec2:RunInstances"], Resource = "*" }] })
}
`,
	})
	_, redone := reportsBothWays(t, linter.Options{Paths: []string{dir}, Rules: rules.All})
	if !strings.Contains(redone, "boundary") {
		t.Errorf("done again: %q, want the boundary", redone)
	}
}

// A rule that panics on some documents becomes errors at those documents,
// and the run completes, one root at a time as on the whole model.
func TestRootsRulePanics(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 60}); err != nil {
		t.Fatal(err)
	}
	boom := &linter.Rule{ID: "boom", Title: "panics", Severity: linter.Low, Check: func(p *linter.Pass) {
		for _, d := range p.Model.Documents {
			if strings.HasSuffix(d.Address, "[1]") {
				panic("boom at " + d.Address)
			}
			p.ReportDoc(d, d.Range.HCL(), 0, "seen")
		}
	}}
	all := append(append([]*linter.Rule(nil), rules.All...), boom)
	res, redone := reportsBothWays(t, linter.Options{Paths: []string{dir}, Rules: all, KnownRules: nil})
	if redone != "" {
		t.Errorf("done again: %s", redone)
	}
	n := 0
	for _, e := range res.Errors {
		if strings.Contains(e.Message, "rule boom failed") {
			n++
		}
	}
	if n == 0 {
		t.Error("no error for the panicking rule")
	}
	if res.Summary.Findings == 0 {
		t.Error("no findings")
	}
}

// The generated estate and the corpus give the same reports one root at a
// time and whole, without being done again.
func TestRootsMatchWhole(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 120}); err != nil {
		t.Fatal(err)
	}
	paths := []string{dir}
	for _, c := range []string{"kics", "checkov", "trivy", "regula", "real"} {
		p := filepath.Join("..", "..", "shared", "corpus", c)
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		}
	}
	if testing.Short() {
		paths = paths[:1]
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			_, redone := reportsBothWays(t, linter.Options{Paths: []string{p}, Rules: rules.All})
			if redone != "" {
				t.Errorf("done again: %s", redone)
			}
		})
	}
}

// A trust policy in a module names its principal from an input: one root
// passes a value known only after apply (no shape), a later one the ARN of
// a user it creates (a shape). Where the merged model would give the first
// root's lookup the later root's shape, the run is done again the
// whole-model way (extract.Joiner.ShapesMissed); either way, the reports
// are the same.
func TestRootsShapeFromLaterRoot(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"mod/main.tf": `variable "who" {}
resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = var.who } }]
  })
}
`,
		"a/main.tf": `variable "who" {}
module "m" {
  source = "../mod"
  who    = var.who
}
`,
		"b/main.tf": `resource "aws_iam_user" "u" { name = "u" }
module "m" {
  source = "../mod"
  who    = aws_iam_user.u.arn
}
`,
	})
	if _, redone := reportsBothWays(t, linter.Options{Paths: []string{dir}, Rules: rules.All}); redone != "" {
		t.Logf("done again: %s", redone)
	}
}

// Roots call module directories shared with other roots, each reached by
// roots far apart in root order, with roots between them that do not
// call it: the findings in each shared directory are located in the
// documents of every root that reaches it (resolveDir, which reads the
// findings recorded by directory, not every finding linted since), as
// the whole model locates them.
func TestRootsManySharedModules(t *testing.T) {
	files := map[string]string{}
	const mods, roots = 5, 12
	for m := range mods {
		files[fmt.Sprintf("modules/m%d/main.tf", m)] = `variable "extra" { default = false }
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(var.extra ? [{ Sid = "Extra", Effect = "Allow", Action = "s3:*", Resource = "*" }] : [],
      [{ Effect = "Allow", Action = "*", Resource = "*" }])
  })
}
`
	}
	for r := range roots {
		var b strings.Builder
		for i, m := range []int{r % mods, (r*3 + 1) % mods} {
			fmt.Fprintf(&b, "module \"c%d\" {\n  source = \"../../modules/m%d\"\n  extra  = %v\n}\n", i, m, (r+i)%3 == 0)
		}
		fmt.Fprintf(&b, `resource "aws_iam_user_policy" "u" {
  user   = "u%d"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })
}
`, r)
		files[fmt.Sprintf("roots/r%02d/main.tf", r)] = b.String()
	}
	res, redone := reportsBothWays(t, linter.Options{Paths: []string{writeTree(t, files)}, Rules: rules.All})
	if redone != "" {
		t.Errorf("done again: %s", redone)
	}
	inMods := 0
	for _, f := range res.Findings {
		if strings.Contains(filepath.ToSlash(f.Range.Filename), "modules/m") {
			inMods++
		}
	}
	if inMods == 0 {
		t.Errorf("no finding in the shared modules (%d findings)", len(res.Findings))
	}
}
