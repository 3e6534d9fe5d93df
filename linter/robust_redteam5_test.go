package linter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
