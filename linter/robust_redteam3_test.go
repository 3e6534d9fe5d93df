package linter_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanRoleReadBackConfigured: a role whose configuration sets
// managed_policy_arns and an inline_policy block, and an
// aws_iam_role_policy_attachment and aws_iam_role_policy writing the same
// policies. HCL reports the policies on the role and on the other
// resources; the plan must give the same (address, rule) pairs, loaded
// whole or streamed. The role's own attributes were dropped as read back
// by the provider (dropReadBack), so the plan had no finding on the role.
func TestPlanRoleReadBackConfigured(t *testing.T) {
	dir := t.TempDir()
	tf := `resource "aws_iam_role" "ops" {
  name               = "ops"
  description        = "operations (v2)"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }] })
  inline_policy {
    name   = "ops"
    policy = jsonencode({ Statement = [{ Action = "dynamodb:*", Effect = "Allow", Resource = "*" }], Version = "2012-10-17" })
  }
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_role_policy" "ops" {
  name   = "ops"
  role   = aws_iam_role.ops.id
  policy = jsonencode({ Statement = [{ Action = "dynamodb:*", Effect = "Allow", Resource = "*" }], Version = "2012-10-17" })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	want := pairs(lint(t, linter.Options{Paths: []string{dir}, Rules: rules.All}))
	if !strings.Contains(strings.Join(want, "\n"), "aws_iam_role.ops admin-policy-attached") {
		t.Fatalf("HCL twin: %v, want admin-policy-attached on the role", want)
	}
	plan := filepath.Join("..", "testdata", "plans", "redteam-role-readback-configured", "plan.json")
	lintBothLoads(t, linter.Options{Paths: []string{plan}, Rules: rules.All}, func(stream bool, res *linter.Result) {
		got := pairs(res)
		if !eq(got, want) {
			t.Errorf("stream %v: plan findings\n%s\nwant (HCL)\n%s", stream, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// TestUnknownEffectOrActionsNotice: a known policy whose statement's Effect
// or Action values are unknown before apply (variables with no value) could
// not be judged: what it grants is not known, so a notice says so, one per
// document. A statement with no Effect at all is policy-invalid's, not
// unknown: no notice. Before, none of them gave a notice: the unknown
// grant was passed over in silence.
func TestUnknownEffectOrActionsNotice(t *testing.T) {
	dir := t.TempDir()
	tf := `variable "effect" { type = string }
variable "actions" { type = list(string) }
variable "action" { type = string }

resource "aws_iam_policy" "effect" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = var.effect, Action = "*", Resource = "*" }] })
}

resource "aws_iam_policy" "actions" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })
}

resource "aws_iam_policy" "one_action" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", NotAction = ["s3:GetObject", var.action], Resource = "*" }] })
}

data "aws_iam_policy_document" "d" {
  statement {
    effect    = var.effect
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "no_effect" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_policy" "known" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lint(t, linter.Options{Paths: []string{dir}, Rules: rules.All})
	var got []string
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "Effect or actions are unknown before apply") {
			got = append(got, n.Resource)
		}
	}
	sort.Strings(got)
	want := []string{"aws_iam_policy.actions", "aws_iam_policy.effect", "aws_iam_policy.one_action", "data.aws_iam_policy_document.d"}
	if !eq(got, want) {
		t.Errorf("notices on %v, want %v", got, want)
	}
}

// TestPlanSensitivePolicyArn: an aws_iam_role_policy_attachment whose
// policy_arn the plan marks sensitive (after_sensitive). The finding of
// admin-policy-attached is located at the attachment's address, out of the
// sensitive value, and its message named the managed policy
// ("AdministratorAccess"); the principals table listed the ARN among the
// role's policies. Neither may print the value.
func TestPlanSensitivePolicyArn(t *testing.T) {
	plan := filepath.Join("..", "testdata", "plans", "redteam-sensitive-policy-arn", "plan.json")
	lintBothLoads(t, linter.Options{Paths: []string{plan}, Rules: rules.All, Principals: true}, func(stream bool, res *linter.Result) {
		found := false
		for _, f := range res.Findings {
			if f.Rule == "admin-policy-attached" && f.Resource == "aws_iam_role_policy_attachment.admin" {
				found = true
			}
			if strings.Contains(f.Message, "AdministratorAccess") {
				t.Errorf("stream %v: %s %s: message prints the sensitive policy_arn: %s", stream, f.Resource, f.Rule, f.Message)
			}
			for _, r := range f.Related {
				if strings.Contains(r.Message, "AdministratorAccess") {
					t.Errorf("stream %v: %s %s: related message prints the sensitive policy_arn: %s", stream, f.Resource, f.Rule, r.Message)
				}
			}
		}
		if !found {
			t.Errorf("stream %v: no admin-policy-attached on the attachment: %v", stream, pairs(res))
		}
		for _, pr := range res.Principals {
			for _, p := range pr.Policies {
				if strings.Contains(p, "AdministratorAccess") {
					t.Errorf("stream %v: principal %s lists the sensitive policy_arn %s", stream, pr.Address, p)
				}
			}
		}
	})
}

// TestHCLSensitiveVariableHidden: the .tf source linted without a plan,
// with variables declared sensitive = true (a default, a --var, a module
// input). Terraform prints none of their values, and a plan's sensitive
// variables are hidden the same way (hideSensitive): no message names
// the value or the account of the ARN. Before, both were printed. A
// variable not declared sensitive is still named.
func TestHCLSensitiveVariableHidden(t *testing.T) {
	dir := t.TempDir()
	tf := `variable "trusted" {
  type      = string
  sensitive = true
  default   = "arn:aws:iam::123456789012:root"
}
variable "given" {
  type      = string
  sensitive = true
}
variable "open" {
  type    = string
  default = "arn:aws:iam::444455556666:root"
}
resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = var.trusted } }] })
}
resource "aws_iam_role" "b" {
  name               = "b"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = var.given } }] })
}
resource "aws_iam_role" "c" {
  name               = "c"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = var.open } }] })
}
module "m" {
  source = "./m"
  arn    = "arn:aws:iam::999988887777:root"
}
`
	mod := `variable "arn" {
  type      = string
  sensitive = true
}
resource "aws_iam_role" "d" {
  name               = "d"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = var.arn } }] })
}
`
	if err := os.MkdirAll(filepath.Join(dir, "m"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "m", "main.tf"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lint(t, linter.Options{Paths: []string{dir}, Rules: rules.All, Principals: true, Vars: []string{"given=arn:aws:iam::111122223333:root"}})
	open := false
	byRole := map[string]int{}
	for _, f := range res.Findings {
		byRole[f.Resource]++
		for _, secret := range []string{"123456789012", "111122223333", "999988887777"} {
			if strings.Contains(f.Message, secret) {
				t.Errorf("%s %s: message prints a sensitive variable's value: %s", f.Resource, f.Rule, f.Message)
			}
		}
		if strings.Contains(f.Message, "444455556666") {
			open = true
		}
	}
	if !open {
		t.Errorf("no message names the account of the variable not declared sensitive: %v", pairs(res))
	}
	for _, r := range []string{"aws_iam_role.a", "aws_iam_role.b", "aws_iam_role.c", "module.m.aws_iam_role.d"} {
		if byRole[r] == 0 {
			t.Errorf("no finding on %s: %v", r, pairs(res))
		}
	}
	for _, pr := range res.Principals {
		for _, secret := range []string{"123456789012", "111122223333", "999988887777"} {
			if strings.Contains(pr.Name+pr.Address, secret) {
				t.Errorf("principal %s (%s) prints a sensitive variable's value", pr.Address, pr.Name)
			}
		}
	}
}
