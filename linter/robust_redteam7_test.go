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

// templatestring (Terraform 1.9) renders a template held in a string, as
// templatefile does a file's: a policy built with it is linted (its finding
// at the call), not left unknown; with a variable that has no value it is
// unknown (a notice, never "*"); a template that does not parse is a
// located warning, and the value is unknown.
func TestTemplateStringEvaluated(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "nope" { type = string }
locals {
  tpl = <<-EOT
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$${act}", "Resource": "%%{ for r in res }$${r}%%{ endfor }"}]}
  EOT
  bad = "%%{ if }"
}
resource "aws_iam_policy" "known" {
  policy = templatestring(local.tpl, { act = "*", res = ["*"] })
}
resource "aws_iam_policy" "unknown" {
  policy = templatestring(local.tpl, { act = var.nope, res = ["*"] })
}
resource "aws_iam_policy" "invalid" {
  policy = templatestring(local.bad, {})
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
	if !hasFinding(res, "wildcard-action", "main.tf", 9, 12) || len(res.Findings) != 1 {
		t.Errorf("findings %v; want one wildcard-action at main.tf:9:12 (the call)", res.Findings)
	}
	unknown := map[int]bool{}
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "unknown before apply") {
			unknown[n.Line] = true
		}
	}
	if !unknown[12] || !unknown[15] {
		t.Errorf("notices %v; want the policies at lines 12 and 15 unknown before apply", res.Notices)
	}
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "templatestring") && strings.Contains(n.Message, "unknown function") {
			t.Errorf("notice %q", n.Message)
		}
	}
}

// aws_sesv2_email_identity_policy (SES v2's sending authorization policy,
// the successor of aws_ses_identity_policy) is a resource policy: its
// Principal "*" is found.
func TestSESv2IdentityPolicyLinted(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_sesv2_email_identity_policy" "p" {
  email_identity = "example.com"
  policy_name    = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "ses:SendEmail", Resource = "*" }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardPrincipal}})
	if !hasFinding(res, "wildcard-principal", "main.tf", 4, 0) || res.Summary.Policies != 1 {
		t.Errorf("findings %v, summary %+v; want wildcard-principal at line 4 in 1 policy", res.Findings, res.Summary)
	}
}

// A .tfvars file in a directory without .tf files (envs/prod.tfvars, passed
// with terraform apply -var-file) is read for credentials as the .tfvars of
// a module directory are, even unused: its secret key is reported, at its
// line. It was not read at all (a directory with only .tfvars files, named,
// was "Nothing to lint").
func TestTfvarsOnlyDirScannedForCredentials(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_iam_user" "u" {
  name = "u"
}
`)
	writeFile(t, dir, "envs/prod.tfvars", "region = \"eu-west-1\"\naws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ\"\n")
	writeFile(t, dir, "envs/dev.tfvars.json", `{"aws_access_key_id": "AKIAIOSFODNN7EXAMPLZ"}`+"\n")
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.HardcodedCredentials}})
	if !hasFinding(res, "hardcoded-credentials", "prod.tfvars", 2, 0) || !hasFinding(res, "hardcoded-credentials", "dev.tfvars.json", 1, 0) {
		t.Errorf("findings %v; want the keys of envs/prod.tfvars:2 and envs/dev.tfvars.json:1", res.Findings)
	}
	res = lintBounded(t, 30*time.Second, linter.Options{Paths: []string{filepath.Join(dir, "envs")}, Rules: []*linter.Rule{rules.HardcodedCredentials}})
	if !hasFinding(res, "hardcoded-credentials", "prod.tfvars", 2, 0) || res.Summary.Files != 2 {
		t.Errorf("envs named: findings %v, summary %+v; want its key, in 2 files", res.Findings, res.Summary)
	}
}

// A reference to an ephemeral resource (Terraform 1.10) is unknown, as its
// values exist only while terraform runs: the policy that uses it is
// "unknown before apply", and no notice calls the declared block an
// undeclared resource.
func TestEphemeralReferenceUnknown(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `ephemeral "aws_secretsmanager_secret_version" "x" {
  secret_id = "x"
}
resource "aws_iam_policy" "p" {
  policy = ephemeral.aws_secretsmanager_secret_version.x.secret_string
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
	unknown := false
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "undeclared") {
			t.Errorf("notice %q", n.Message)
		}
		unknown = unknown || strings.Contains(n.Message, "unknown before apply")
	}
	if !unknown || len(res.Findings) != 0 {
		t.Errorf("findings %v, notices %v; want the policy unknown before apply", res.Findings, res.Notices)
	}
}

// transpose and matchkeys are evaluated as Terraform evaluates them (they
// were unknown): a "*" they pass into a policy is found.
func TestTransposeMatchkeysEvaluated(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `locals {
  t = transpose({ a = ["*", "s3:GetObject"], b = ["*"] })
  m = matchkeys(["*", "s3:PutObject", "s3:GetObject"], ["x", "y", "x"], ["x"])
}
resource "aws_iam_policy" "t" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = keys(local.t), Resource = "arn:aws:s3:::b/*" }] })
}
resource "aws_iam_policy" "n" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.t["*"][1] == "b" ? "s3:GetObject" : "*", Resource = "arn:aws:s3:::b/*" }] })
}
resource "aws_iam_policy" "m" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.m, Resource = "arn:aws:s3:::b/*" }] })
}
resource "aws_iam_policy" "e" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = concat(["s3:GetObject"], matchkeys(["*"], ["x"], ["z"])), Resource = "arn:aws:s3:::b/*" }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
	got := map[string]bool{}
	for _, f := range res.Findings {
		got[f.Resource] = true
	}
	for _, want := range []string{"aws_iam_policy.t", "aws_iam_policy.m"} {
		if !got[want] {
			t.Errorf("no wildcard-action for %s: findings %v, notices %v", want, res.Findings, res.Notices)
		}
	}
	if got["aws_iam_policy.n"] || got["aws_iam_policy.e"] || len(res.Notices) != 0 {
		t.Errorf("findings %v, notices %v; want none for aws_iam_policy.n (transpose lists a then b) and .e (matchkeys matched nothing), and no notice", res.Findings, res.Notices)
	}
}
