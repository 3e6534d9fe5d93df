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

// A templatestring template is bounded as a templatefile's or a file's is:
// a string of 150,000 lone "$" (built with join, so no file holds it) took
// 20 s in the HCL parser (its time grows with the square of the run); it is
// now a "String too long to parse" error at the call, and the value unknown.
func TestTemplateStringLiteralRunBounded(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `locals {
  d = join("", [for i in range(1000) : join("", [for j in range(150) : "$"])])
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Resource = templatestring(local.d, {}) }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	found := false
	for _, e := range res.Errors {
		if strings.Contains(e.Message, "String too long to parse") && e.Line == 6 {
			found = true
		}
	}
	if !found {
		t.Errorf("no 'String too long to parse' error at the call (line 6): errors %+v", res.Errors)
	}
}

// templatestring with one argument is a located notice, as templatefile's
// is: it was a stub taking any arguments, so the policy was silently
// unknown ("0 findings", no notice).
func TestTemplateStringArity(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Resource = templatestring("arn:aws:s3:::*") }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	found := false
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "templatestring: wrong number of arguments") && n.Line == 3 {
			found = true
		}
	}
	if !found {
		t.Errorf("no notice of templatestring's arguments at line 3: notices %+v, errors %+v", res.Notices, res.Errors)
	}
}

// A template past the bounds of a file (brackets 1,001 deep, an expression
// 11,000 levels deep, a run of 150,000 "$") is not parsed and its value
// is unknown; the file that holds the call was parsed and the rest of it is
// linted. The errors said "Brackets in main.tf nest more than 1000 levels
// deep; the file is not parsed." of a templatestring template (built with
// join, so main.tf itself nests 3 levels). So for a template file (the
// template file is not parsed, the value of the call unknown) and a --var
// value (the value is not parsed, the variable unknown).
func TestTemplateTooDeepValueUnknown(t *testing.T) {
	dir := t.TempDir()
	deep := strings.Repeat("[", 1001) + strings.Repeat("]", 1001)
	writeFile(t, dir, "deep.tpl", "${jsonencode("+deep+")}")
	writeFile(t, dir, "main.tf", `variable "v" {
  type = list(string)
}
locals {
  brackets = "$${jsonencode(${join("", [for i in range(1001) : "["])}${join("", [for i in range(1001) : "]"])})}"
  chain    = "$${${join("", [for i in range(11) : join("", [for j in range(1000) : "1 + "])])}1}"
  dollars  = join("", [for i in range(1000) : join("", [for j in range(150) : "$"])])
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Resource = [templatestring(local.brackets, {}), templatestring(local.chain, {}), templatestring(local.dollars, {}), templatefile("${path.module}/deep.tpl", {})] }] })
}
resource "aws_iam_policy" "ok" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All, Vars: []string{"v=" + deep}})
	want := []string{
		"Brackets in the template of templatestring(...) nest more than 1000 levels deep; the template is not parsed, and the value of templatestring(...) is unknown.",
		"The expression that starts here in the template of templatestring(...) nests more than 10000 levels deep (operators, conditionals, template directives); the template is not parsed, and the value of templatestring(...) is unknown.",
		"The heredoc or string that starts here in the template of templatestring(...) has 150000 lines",
		"deep.tpl nest more than 1000 levels deep; the template file is not parsed, and the value of templatefile(...) is unknown.",
		"Brackets in <value for var.v> nest more than 1000 levels deep; the value is not parsed, and var.v is unknown.",
	}
	for _, w := range want {
		found := false
		for _, e := range res.Errors {
			found = found || strings.Contains(e.Message, w)
		}
		if !found {
			t.Errorf("no error %q; errors:\n%+v", w, res.Errors)
		}
	}
	for _, e := range res.Errors {
		if strings.Contains(e.Message, "; the file is not parsed") || strings.Contains(e.Message, "main.tf") {
			t.Errorf("error says the file is not parsed: %+v", e)
		}
	}
	found := false
	for _, f := range res.Findings {
		found = found || (f.Rule == "wildcard-action" && f.Range.Start.Line == 14)
	}
	if !found {
		t.Errorf("the rest of main.tf is not linted: findings %+v", res.Findings)
	}
}
