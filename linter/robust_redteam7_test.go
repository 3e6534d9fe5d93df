package linter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// One directory named twice, once relative to the current directory and
// once absolute (iamlint infra $PWD/infra, or a CI variable that expands to
// an absolute path beside a relative one), is one root: its findings are
// reported once and counted once, as for iamlint infra infra.
func TestLintSameDirRelativeAndAbsolute(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	writeFile(t, dir, "sub/main.tf", `resource "aws_iam_policy" "q" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, dir)
	if err != nil {
		t.Skip(err) // another volume (Windows)
	}
	once := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}})
	for _, paths := range [][]string{{rel, dir}, {dir, rel}, {dir, filepath.Join(rel, "sub")}, {filepath.Join(dir, "main.tf"), filepath.Join(rel, "main.tf")}} {
		res := lintBounded(t, 30*time.Second, linter.Options{Paths: paths})
		want := once.Summary
		if filepath.Ext(paths[0]) == ".tf" {
			want = linter.Summary{Files: 1, Resources: 1, Policies: 1, Findings: want.Findings / 2}
		}
		if res.Summary != want || len(res.Findings) != want.Findings {
			t.Errorf("%q: %d findings, summary %+v; want %+v", paths, len(res.Findings), res.Summary, want)
		}
	}
}

// A module directory named absolute (iamlint live $PWD/modules) is the
// directory live's call names relative (../../modules/x): it is linted once,
// as the called instance, as for iamlint live modules.
func TestLintCalledModuleNamedAbsolute(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "modules/x/main.tf", `variable "act" { default = "*" }
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.act, Resource = "*" }] })
}
`)
	writeFile(t, dir, "live/prod/main.tf", `module "x" { source = "../../modules/x" }`+"\n")
	t.Chdir(dir)
	opts := linter.Options{Rules: []*linter.Rule{rules.WildcardAction}}
	opts.Paths = []string{"live", "modules"}
	want := lintBounded(t, 30*time.Second, opts)
	if len(want.Findings) != 1 {
		t.Fatalf("live modules: %d findings, want 1: %v", len(want.Findings), want.Findings)
	}
	for _, paths := range [][]string{{"live", filepath.Join(dir, "modules")}, {filepath.Join(dir, "live"), "modules"}, {filepath.Join(dir, "live"), filepath.Join(dir, "modules")}} {
		opts.Paths = paths
		res := lintBounded(t, 30*time.Second, opts)
		if len(res.Findings) != 1 || res.Summary != want.Summary || res.Findings[0].Range.Filename != want.Findings[0].Range.Filename {
			t.Errorf("%q: %d findings, summary %+v; want 1 in %s, %+v", paths, len(res.Findings), res.Summary, want.Findings[0].Range.Filename, want.Summary)
		}
	}
}

// A .tfvars file named as a path (pre-commit passes a changed prod.tfvars)
// that terraform does not load on its own (only terraform.tfvars and
// *.auto.tfvars are) has its values applied by no one: that is a notice
// naming the file and --var-file, not a silent "0 findings" (even when the
// file does not parse). Named with --var-file too, it is applied, and its
// "*" is found.
func TestNamedTfvarsNotLoadedNotice(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "actions" { type = list(string) }
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "arn:aws:s3:::b/*" }] })
}
`)
	prod := writeFile(t, dir, "prod.tfvars", `actions = ["*"]`+"\n")
	bad := writeFile(t, dir, "bad.tfvars.json", `{"actions": [`+"\n")
	auto := writeFile(t, dir, "x.auto.tfvars", `actions = ["s3:GetObject"]`+"\n")
	notice := func(res *linter.Result, name string) bool {
		for _, n := range res.Notices {
			if filepath.Base(n.File) == name && strings.Contains(n.Message, "--var-file") {
				return true
			}
		}
		return false
	}
	opts := linter.Options{Rules: []*linter.Rule{rules.WildcardAction}}
	for _, f := range []string{prod, bad} {
		opts.Paths = []string{f}
		res := lintBounded(t, 30*time.Second, opts)
		if !notice(res, filepath.Base(f)) {
			t.Errorf("%s named: no notice that its values are not applied (notices %v)", filepath.Base(f), res.Notices)
		}
	}
	opts.Paths = []string{auto}
	if res := lintBounded(t, 30*time.Second, opts); notice(res, "x.auto.tfvars") {
		t.Errorf("x.auto.tfvars named: notice %v, but terraform loads it", res.Notices)
	}
	opts.Paths, opts.VarFiles = []string{prod}, []string{prod}
	res := lintBounded(t, 30*time.Second, opts)
	if notice(res, "prod.tfvars") || !hasFinding(res, "wildcard-action", "prod.tfvars", 1, 0) {
		t.Errorf("prod.tfvars named and --var-file: findings %v, notices %v; want its \"*\" found and no notice", res.Findings, res.Notices)
	}
}
