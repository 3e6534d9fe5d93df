package linter_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// A file under the default size limit whose expression nests by full
// splats (local.y[*][*]..., 1,300,000 of them: 3.9 MB) or by conditionals
// that hclfast hands to hclsyntax (1?1:1?1:..., 1,040,000, and a legacy
// index a.0.1 later in the file) overflowed the parser's stack: a fatal
// error, no report. Now it is a located error, and the other file of the
// directory is linted. The same holds for a template that templatestring
// reads, made at run time (700,000 conditionals: it overflowed hclsyntax's
// stack too).
func TestChainNestingNotFatal(t *testing.T) {
	for name, src := range map[string]string{
		"splats":              "locals {\n  x = local.y" + strings.Repeat("[*]", 1300000) + "\n  y = []\n}\n",
		"hclsyntax splats":    "locals {\n  x = local.y" + strings.Repeat("[*]", 600000) + "\n  y = a.0.1\n}\n",
		"hclsyntax ternaries": "locals {\n  x = " + strings.Repeat("1?1:", 1040000) + "2\n  y = a.0.1\n}\n",
		// A template made at run time, past any file's size limit.
		"templatestring": "locals {\n  x = templatestring(\"$${${local.c}2}\", {})\n  c = replace(format(\"%0700000d\", 0), \"0\", \"1?1:\")\n}\n" +
			"resource \"aws_iam_policy\" \"t\" {\n  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = local.x, Resource = \"*\" }] })\n}\n",
	} {
		dir := t.TempDir()
		writeFile(t, dir, "deep.tf", src)
		writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
		res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
		if len(res.Errors) != 1 || res.Errors[0].Line != 2 || !strings.Contains(res.Errors[0].Message, "nest more than 50000 levels deep") {
			t.Errorf("%s: errors %+v, want one Nesting too deep at line 2", name, res.Errors)
		}
		star := 0
		for _, f := range res.Findings {
			if f.Rule == "wildcard-action" {
				star++
			}
		}
		if star != 1 {
			t.Errorf("%s: %d wildcard-action findings, want 1 (main.tf is linted)", name, star)
		}
	}
}

// Numbers far past any configuration's are an error and unknown, not a
// hang: printing a number takes time that grows faster than its digits
// (a template of 1e99999999 ran past 60 s; 1e-99999 read by tonumber,
// jsondecode, yamldecode or a .tf.json took 9 s or more each, and cty
// compares numbers by printing them), and so does parsing a long run of
// digits (a 4 MB number literal: past 60 s). Found by redteam9.
func TestHugeNumbersBounded(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `locals {
  big   = 1e99999999
  small = tonumber("1e-99999")
  list  = jsondecode("[1e-99999]")
  yaml  = yamldecode("a: 1e-99999")
  prod  = 1e-1000 * 1e-1000 * 1e-1000 * 1e-1000 * 1e-1000
  fine  = 1e300
}
resource "aws_iam_policy" "n" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:${local.big}", "s3:${local.small}", "s3:${local.list[0]}", "s3:${local.yaml.a}", "s3:${local.prod}", "s3:${local.json}", "s3:${local.fine}"], Resource = "*" }] })
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	writeFile(t, dir, "x.tf.json", `{"locals": {"json": 1e-99999}}`)
	writeFile(t, dir, "digits.tf", "locals {\n  d = "+strings.Repeat("9", 4000000)+"\n}\n")
	res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	want := map[string]int{"main.tf:2": 1, "main.tf:3": 1, "main.tf:4": 1, "main.tf:5": 1, "main.tf:6": 1, "x.tf.json:1": 1, "digits.tf:2": 1}
	for _, e := range res.Errors {
		k := fmt.Sprintf("%s:%d", filepath.Base(e.File), e.Line)
		if want[k] == 0 || !(strings.Contains(e.Message, "Number out of range") || strings.Contains(e.Message, "Number too long")) {
			t.Errorf("unexpected error %s: %s", k, e.Message)
			continue
		}
		delete(want, k)
	}
	for k := range want {
		t.Errorf("no number error at %s", k)
	}
	star := 0
	for _, f := range res.Findings {
		if f.Rule == "wildcard-action" {
			star++
		}
	}
	if star != 1 {
		t.Errorf("%d wildcard-action findings, want 1", star)
	}
}

// A plan holding a number of 3 million digits ran past 60 s (its parse
// grows faster than its digits), and one holding 1e-99999 would hang where
// it is printed or compared; terraform writes neither. Each is a located
// plan error now.
func TestPlanHugeNumbers(t *testing.T) {
	base := `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"before":null,"after":{"x":NUM,"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}]}`
	for num, msg := range map[string]string{
		strings.Repeat("9", 3000000): "number of 3000000 characters, longer than iamlint reads (1000)",
		"1e-99999":                   "number out of range",
		"1e99999999":                 "number out of range",
	} {
		dir := t.TempDir()
		file := writeFile(t, dir, "plan.json", strings.Replace(base, "NUM", num, 1))
		res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{file}, Rules: rules.All})
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, msg) || res.Errors[0].Column != 185 {
			t.Errorf("%.20s: errors %+v, want one at column 185 saying %q", num, res.Errors, msg)
		}
	}
	// Numbers terraform writes are read.
	dir := t.TempDir()
	file := writeFile(t, dir, "plan.json", strings.Replace(base, "NUM", "[1e300, 123456789012345678901234567890, -0.000001]", 1))
	res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{file}, Rules: rules.All})
	if len(res.Errors) != 0 || len(res.Findings) == 0 {
		t.Errorf("errors %+v, %d findings", res.Errors, len(res.Findings))
	}
}
