package linter_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestNoticesNameKeysAsWritten: a notice about an index or instance key that
// does not exist names the key as Terraform writes it (0, "b", "zz"), not in
// Go syntax (cty.NumberIntVal(0), cty.StringVal("b")).
func TestNoticesNameKeysAsWritten(t *testing.T) {
	dir := t.TempDir()
	tf := `locals {
  y = ["s3:GetObject"]
  m = { a = "x" }
}
resource "aws_iam_role" "r" {
  for_each           = toset(["a"])
  name               = each.key
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r["zz"].name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.y[5], Resource = local.m["b\n"] }] })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lint(t, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
	var msgs []string
	for _, n := range res.Notices {
		msgs = append(msgs, n.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`has no element 5;`, `has no element "b\n";`, `aws_iam_role.r has no instance "zz";`} {
		if !strings.Contains(all, want) {
			t.Errorf("no notice with %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "cty.") {
		t.Errorf("a notice shows Go syntax:\n%s", all)
	}
}

// TestLintFewStatementsManyValues: a trust policy of two statements, 30,000
// condition keys in the first and 30,000 principals in the second (a
// finding each), is linted in time linear in its size. Two walks were
// quadratic: the fast JSON reader compared each key of an object with all
// those before it, and each finding's fingerprint looked for its statement
// by walking every value of the statements before it (an index only for
// documents of 16 statements or more): 14 CPU s at 20,000, minutes at 40,000.
func TestLintFewStatementsManyValues(t *testing.T) {
	const n = 30000
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"},"Condition":{"StringEquals":{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"aws:RequestTag/k%d":"v"`, i)
	}
	b.WriteString(`}}},{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"arn:aws:iam::%012d:root"`, i+1)
	}
	b.WriteString("]}}]}\n")
	dir := t.TempDir()
	writeFile(t, dir, "trust.json", b.String())
	writeFile(t, dir, "main.tf", "resource \"aws_iam_role\" \"r\" {\n  name               = \"r\"\n  assume_role_policy = file(\"${path.module}/trust.json\")\n}\n")
	res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}})
	fps := map[string]bool{}
	for _, f := range res.Findings {
		if f.Rule == "trust-without-mfa" {
			fps[f.Fingerprint] = true
		}
	}
	if len(fps) != n {
		t.Errorf("%d distinct trust-without-mfa fingerprints, want %d (findings %d, errors %+v)", len(fps), n, len(res.Findings), res.Errors)
	}
}

// TestLintPolicyDocumentManySids: a data "aws_iam_policy_document" whose
// dynamic statement block makes 30,000 statements, each with its own Sid,
// is linted in time linear in their number: merging the statements as the
// provider does (a Sid replaces the statement with the same Sid) compared
// each with all those before it, in the model and in the rendered json
// (9 CPU s at 20,000).
func TestLintPolicyDocumentManySids(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = toset(flatten([for i in range(0, 30) : [for j in range(0, 1000) : tostring(i * 1000 + j)]]))
    content {
      sid       = "S${statement.key}"
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b${statement.key}/*"]
    }
  }
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
`)
	res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}, MaxInstances: 100000})
	if len(res.Errors) > 0 {
		t.Errorf("errors: %+v", res.Errors)
	}
	// The document and the policy that consumes it: one policy, over
	// the managed policy quota.
	if res.Summary.Policies != 1 || len(res.Findings) != 1 || res.Findings[0].Rule != "policy-too-large" {
		t.Errorf("summary %+v, findings %+v; want one policy, too large", res.Summary, res.Findings)
	}
}
