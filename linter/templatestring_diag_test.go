package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// What a templatestring template says (an unknown template variable) is
// located at the call, not at a line computed from the template's text
// (40 escaped newlines put it at line 45 of a 12-line file), and does not
// quote the template's text: a sensitive variable's value
// ("...$${hunter2_db_password}") was printed in the notice.
func TestTemplateStringDiagnosticsAtCall(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "tpl" {
  sensitive = true
  default   = "arn:aws:s3:::b/$${hunter2_db_password}"
}
locals {
  t = "`+strings.Repeat(`\n`, 40)+`arn:aws:s3:::$${nope}"
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Resource = templatestring(local.t, {}) }] })
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Resource = templatestring(var.tpl, {}) }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	var lines []int
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "hunter2") || strings.Contains(n.Message, "nope") {
			t.Errorf("notice quotes the template's text: %+v", n)
		}
		if strings.Contains(n.Message, "template variable") {
			lines = append(lines, n.Line)
		}
	}
	if len(lines) != 2 || lines[0] != 10 || lines[1] != 14 {
		t.Errorf("template variable notices at lines %v, want [10 14] (the calls); notices %+v", lines, res.Notices)
	}
}
