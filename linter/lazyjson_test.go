package linter_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// lazyJSONSrc holds policies written as jsonencode of a literal (whose
// text the evaluator leaves unwritten) next to what reads their text: a
// reference to the attribute (an output, a local, another policy), a
// reference to the whole resource and to its group, credentials in a
// policy's strings and member names, an attribute whose name says it holds
// a secret, a policy that is a data document's rendered json, and texts
// that are not written when evaluated (unknown, too odd).
const lazyJSONSrc = `
variable "unknown" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "empty" {}
resource "aws_iam_policy" "a" {
  name   = "a"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
}
resource "aws_iam_policy" "copy" {
  name   = "copy"
  policy = aws_iam_policy.a.policy
}
resource "aws_iam_policy" "each" {
  for_each = toset(["x", "y"])
  name     = each.key
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "arn:aws:iam::123456789012:role/${each.key}" }] })
}
locals {
  texts = [for p in aws_iam_policy.each : p.policy]
  whole = aws_iam_policy.a
  again = jsondecode(aws_iam_policy.a.policy)
}
resource "aws_iam_role_policy" "again" {
  name   = "again"
  role   = "r"
  policy = jsonencode(local.again)
}
resource "aws_iam_role_policy" "listed" {
  name   = "listed"
  role   = "r"
  policy = local.texts[0]
}
resource "aws_iam_role_policy" "whole" {
  name   = "whole"
  role   = "r"
  policy = local.whole.policy
}
resource "aws_iam_user_policy" "key" {
  name   = "key"
  user   = "u"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*", Condition = { StringEquals = { "aws:x" = "AKIAIOSFODNN7EXAMPLE" } } }] })
}
resource "aws_iam_user_policy" "keyname" {
  name   = "keyname"
  user   = "u"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*", Sid = "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }] })
}
resource "aws_secretsmanager_secret_version" "v" {
  secret_id     = "s"
  secret_string = jsonencode({ aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", id = "AKIAIOSFODNN7EXAMPLE" })
}
resource "aws_iam_role_policy" "rendered" {
  name   = "rendered"
  role   = "r"
  policy = jsonencode({})
}
resource "aws_iam_role_policy" "rendered_version" {
  name   = "rendered_version"
  role   = "r"
  policy = jsonencode({ Version = "2012-10-17" })
}
resource "aws_iam_role_policy" "partly" {
  name   = "partly"
  role   = "r"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.unknown, Resource = "*" }] })
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "in"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  }
}
resource "aws_organizations_policy" "scp" {
  name    = "scp"
  type    = jsonencode({ a = 1 })
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })
}
output "text" {
  value = aws_iam_policy.a.policy
}
`

// TestLazyJSONTextsSameReports lints the cases above and a generated
// estate with the texts of jsonencode left unwritten where the evaluator
// may (the default) and written when evaluated (KeepText nil): the same
// reports, byte for byte.
func TestLazyJSONTextsSameReports(t *testing.T) {
	dir := writeTree(t, map[string]string{"odd/main.tf": lazyJSONSrc})
	if _, err := estate.Generate(filepath.Join(dir, "estate"), estate.Options{Files: 40}); err != nil {
		t.Fatal(err)
	}
	for _, paths := range [][]string{{filepath.Join(dir, "odd")}, {filepath.Join(dir, "estate")}} {
		reports := func() string {
			res, err := linter.Lint(context.Background(), linter.Options{Paths: paths, Principals: true})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			meta := report.Meta{ToolName: "iamlint", Rules: rules.All}
			if err := report.JSON(&b, res, meta); err != nil {
				t.Fatal(err)
			}
			if err := report.Text(&b, res, meta); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		lazy := reports()
		old := linter.SetKeepText(nil)
		written := reports()
		linter.SetKeepText(old)
		if lazy != written {
			t.Errorf("%s: reports differ:\nlazy texts:\n%s\nwritten texts:\n%s", paths[0], lazy, written)
		}
		if len(lazy) < 1000 {
			t.Errorf("%s: a short report: %s", paths[0], lazy)
		}
	}
}
