package linter_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// Held-back pathological inputs (issue 7, QA round 4).

// TestLintJSONDecodeLongLine: jsondecode(file()) of a minified JSON file
// (one line of 100,000 keys) is linted in bounded time: locating each element
// must not rescan the line from its start (quadratic: minutes).
func TestLintJSONDecodeLongLine(t *testing.T) {
	dir := t.TempDir()
	keys := make([]string, 100000)
	for i := range keys {
		keys[i] = fmt.Sprintf("key-%d", i)
	}
	b, err := json.Marshal(keys)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "keys.json", string(b))
	writeFile(t, dir, "main.tf", `locals {
  keys = jsondecode(file("${path.module}/keys.json"))
}
resource "aws_iam_user_policy" "p" {
  for_each = toset(local.keys)
  user     = each.key
  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	if !hasFinding(res, "wildcard-action", "main.tf", 7, 0) {
		t.Errorf("no wildcard-action at main.tf:7: %+v %+v", res.Findings, res.Errors)
	}
}

// TestLintLongOperatorChains: operator chains without brackets (a + b + ...,
// c ? x : c ? y : ..., nested %{ if } / %{ for } directives) that nest the
// syntax tree hundreds of thousands of levels deep give a located "Nesting
// too deep" error, not a fatal stack overflow of the evaluator; the other
// files are linted.
func TestLintLongOperatorChains(t *testing.T) {
	const n = 200000
	pol := `
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = local.x, Resource = "*" }] })
}
`
	cases := map[string]string{
		"binary":      "locals {\n  x = \"*\"" + strings.Repeat(` == "a" ? "b" : "*"`, n/4) + "\n}\n",
		"plus":        "locals {\n  n = 1" + strings.Repeat("+1", n) + "\n  x = \"*\"\n}\n",
		"conditional": "locals {\n  x = " + strings.Repeat(`1?"*":`, n) + "\"*\"\n}\n",
		"if":          "locals {\n  x = \"" + strings.Repeat("%{if true}", n/2) + "*" + strings.Repeat("%{endif}", n/2) + "\"\n}\n",
		"for":         "locals {\n  x = \"" + strings.Repeat("%{for a in [1]}", n/2) + "*" + strings.Repeat("%{endfor}", n/2) + "\"\n}\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "deep/main.tf", src+pol)
			writeFile(t, dir, "ok/main.tf", `resource "aws_iam_policy" "ok" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
			res := lintBounded(t, 20*time.Second, linter.Options{Paths: []string{dir}})
			if !hasFinding(res, "wildcard-action", "main.tf", 2, 0) {
				t.Errorf("ok/main.tf not linted: %+v", res.Findings)
			}
			var refused bool
			for _, e := range res.Errors {
				if filepath.Base(filepath.Dir(e.File)) == "deep" && e.Line == 2 && strings.Contains(e.Message, "Nesting too deep") {
					refused = true
				}
				if strings.Contains(e.Message, "nternal error") {
					t.Errorf("panic: %+v", e)
				}
			}
			if !refused {
				t.Errorf("want Nesting too deep at deep/main.tf:2, got %+v", res.Errors)
			}
		})
	}
}

// TestLintNestedForBudget: the budget on for-expression iterations holds
// for template %{ for } directives and grouping for expressions too (they
// were evaluated again without it: 10^9 iterations).
func TestLintNestedForBudget(t *testing.T) {
	pol := `
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = local.x, Resource = "*" }] })
}
resource "aws_iam_policy" "ok" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`
	cases := map[string]string{
		"template": `locals {
  x = "%{for i in range(1000)}%{for j in range(1000)}%{for k in range(1000)}*%{endfor}%{endfor}%{endfor}"
}`,
		"group": `locals {
  y = { for i in range(1000) : "a" => [for j in range(1000) : [for k in range(1000) : k]]... }
  x = length(local.y) > 0 ? "*" : "s3:GetObject"
}`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", src+pol)
			res := lintBounded(t, 20*time.Second, linter.Options{Paths: []string{dir}})
			var ok bool
			for _, f := range res.Findings {
				ok = ok || f.Rule == "wildcard-action" && f.Resource == "aws_iam_policy.ok"
			}
			if !ok {
				t.Errorf("policy ok not linted: %+v", res.Findings)
			}
			var tooLarge bool
			for _, e := range res.Errors {
				tooLarge = tooLarge || strings.Contains(e.Message, "Evaluation too large")
			}
			if !tooLarge {
				t.Errorf("want an Evaluation too large error, got %+v", res.Errors)
			}
		})
	}
}

// TestLintGroupingFor: a grouping for expression (k => v...) is evaluated
// by iamlint itself (located, and within the iteration budget): each key
// holds the values in order.
func TestLintGroupingFor(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `locals {
  actions = [{ team = "a", action = "s3:GetObject" }, { team = "b", action = "s3:PutObject" }, { team = "a", action = "*" }]
  by_team = { for x in local.actions : x.team => x.action... }
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = local.by_team["a"], Resource = "*" }] })
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = local.by_team["b"], Resource = "arn:aws:s3:::x/*" }] })
}
`)
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	// The "*" of the third element, where it is written.
	if !hasFinding(res, "wildcard-action", "main.tf", 2, 119) {
		t.Errorf("want wildcard-action at main.tf:2:119, got %+v", res.Findings)
	}
	for _, f := range res.Findings {
		if f.Resource == "aws_iam_policy.b" && f.Rule == "wildcard-action" {
			t.Errorf("team b has no wildcard: %+v", f)
		}
	}
}

// TestLintManyModuleInstances: one element reached through 30,000 instances
// (count = 100 on two nested module calls, count = 3 on the resource) is
// one finding, found in bounded time: the module call chains of the
// findings at one element were compared pairwise (9*10^8 comparisons a
// rule; 2.5 CPU s for 10,000 instances, 53 s for 30,000).
func TestLintManyModuleInstances(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", "module \"a\" {\n  source = \"./m\"\n  count  = 100\n}\n")
	writeFile(t, dir, "m/main.tf", "module \"b\" {\n  source = \"./n\"\n  count  = 100\n}\n")
	writeFile(t, dir, "m/n/main.tf", `resource "aws_iam_policy" "p" {
  count  = 3
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}})
	n := 0
	for _, f := range res.Findings {
		if f.Rule == "wildcard-action" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d wildcard-action findings, want 1 (the element is written once): %+v", n, res.Errors)
	}
}
