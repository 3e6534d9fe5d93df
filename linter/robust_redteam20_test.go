package linter_test

import (
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestLintForOverLargeSet: a for expression over a set of 30,000 strings
// whose elements are located (toset of a flatten) binds them in time
// linear in their number. Red team 20 first bound them with the set's
// length counted for each element (cty walks a set to count it): 18.5 CPU s
// instead of 1.6 for this configuration.
func TestLintForOverLargeSet(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `locals {
  s = toset(flatten([for i in range(0, 30) : [for j in range(0, 1000) : "s3:Get${i * 1000 + j}"]]))
  l = [for a in local.s : a]
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = ["s3:GetObject", length(local.l) > 0 ? "*" : "x"], Resource = "*"}]})
}
`)
	res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}, MaxInstances: 100000})
	n := 0
	for _, f := range res.Findings {
		if f.Rule == "wildcard-action" {
			n++
		}
	}
	if n != 1 || len(res.Errors) > 0 {
		t.Errorf("%d wildcard-action findings, errors %+v; want 1 and none", n, res.Errors)
	}
}
