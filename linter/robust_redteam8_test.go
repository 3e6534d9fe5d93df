package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// A provider block with for_each (OpenTofu 1.9: one provider configuration
// per region) may read each.key and each.value: they are unknown there (a
// provider's body is read only for the credentials it holds), with no notice.
// Before: 'Reference to each outside for_each: each is only available in a
// block with for_each' at a block that has one. Its credentials are still
// found.
func TestProviderForEachEach(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "regions" {
  default = ["us-east-1", "eu-west-1"]
}
provider "aws" {
  alias      = "r"
  for_each   = toset(var.regions)
  region     = each.key
  profile    = "p-${each.value}"
  access_key = "AKIAIOSFODNN7EXAMPLE"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	for _, n := range res.Notices {
		t.Errorf("notice: %s:%d: %s", n.File, n.Line, n.Message)
	}
	var creds, star int
	for _, f := range res.Findings {
		switch f.Rule {
		case "hardcoded-credentials":
			creds++
		case "wildcard-action":
			star++
		}
	}
	if creds != 1 || star != 1 {
		t.Errorf("%d hardcoded-credentials and %d wildcard-action findings, want 1 each", creds, star)
	}
	// each outside any for_each is still said
	writeFile(t, dir, "main.tf", `provider "aws" {
  region = each.key
}
`)
	res = lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Message, "each outside for_each") {
		t.Errorf("notices %+v, want one about each outside for_each", res.Notices)
	}
}

// TestInvalidPolicyValueArticle: a policy that is an object (jsonencode
// forgotten) is 'this is an object', not 'this is a object'.
func TestInvalidPolicyValueArticle(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "o" {
  policy = { Version = "2012-10-17" }
}
resource "aws_iam_policy" "n" {
  policy = 5
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	var msgs []string
	for _, e := range res.Errors {
		msgs = append(msgs, e.Message)
	}
	all := strings.Join(msgs, "\n")
	if !strings.Contains(all, "this is an object.") || !strings.Contains(all, "this is a number.") || strings.Contains(all, "a object") {
		t.Errorf("errors:\n%s", all)
	}
}
