package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestLintFunctionWorkBounded: function calls whose work grows faster than
// their input (distinct compares every pair; a set compares every unknown
// element with every other; converting a tuple to a list unifies its
// element types pairwise), or that are called again and again on large
// collections, are bounded: each is a few lines that ran for minutes or
// hours. The values are unknown with an error at the call, and the rest of
// the module is linted.
func TestLintFunctionWorkBounded(t *testing.T) {
	pol := `
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/${jsonencode(local.x)}" }] })
}
resource "aws_iam_policy" "ok" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`
	cases := map[string]string{
		// 10^6 elements: 5*10^11 comparisons.
		"distinct": `distinct(flatten([for i in range(1000) : range(1000)]))`,
		// 40,000 unknown elements: each compared with all the others.
		"toset-unknown":    `toset(flatten([for i in range(200) : [for j in range(200) : uuid()]]))`,
		"setunion-unknown": `setunion(flatten([for i in range(200) : [for j in range(200) : uuid()]]), [])`,
		// A tuple of 40,000 elements, some unknown: unified pairwise.
		"sort-unknown": `sort(flatten([for i in range(200) : [for j in range(200) : j == 0 ? uuid() : "a"]]))`,
		// 200,000 calls of a function on 1,000 elements.
		"repeated":       `[for i in range(1000) : [for j in range(200) : length(distinct(range(1000)))]]`,
		"repeated-toset": `[for i in range(1000) : [for j in range(200) : length(toset(flatten([for k in range(10) : range(100)])))]]`,
		// A for over a set holding an unknown, or over more than 16 x
		// --max-instances elements, was handed to hcl, which iterated its
		// body outside the budgets (10^9 elements: hours, gigabytes).
		"set-unknown-body": `[for x in toset(concat([uuid()], range(1000))) : [for y in toset(concat([uuid()], range(1000))) : [for z in range(1000) : z]]]`,
		"large-body":       `[for x in flatten([for i in range(20) : range(1000)]) : [for y in range(1000) : [for z in range(1000) : z]]]`,
		"large-calls":      `[for x in flatten([for i in range(20) : range(1000)]) : distinct(range(1000))]`,
		// try and can were handed to hcl whole, outside the budgets.
		"can-fors":     `can([for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]])`,
		"try-fors":     `try([for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]], 1)`,
		"can-distinct": `can(distinct(flatten([for i in range(1000) : range(1000)])))`,
		// So was a splat's source.
		"splat-fors":     `length([for i in range(1000) : [for j in range(1000) : [for k in range(1000) : k]]][*])`,
		"splat-distinct": `length(distinct(flatten([for i in range(1000) : range(1000)]))[*])`,
	}
	for name, x := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", "locals {\n  x = "+x+"\n}\n"+pol)
			res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
			if !hasFinding(res, "wildcard-action", "main.tf", 9, 0) {
				t.Errorf("policy ok not linted: %+v", res.Findings)
			}
			var tooLarge bool
			for _, e := range res.Errors {
				tooLarge = tooLarge || strings.Contains(e.Message, "Evaluation too large") && e.Line == 2
			}
			if !tooLarge {
				t.Errorf("want an Evaluation too large error on line 2, got %+v", res.Errors)
			}
		})
	}
}

// TestLintVariableSetConversionBounded: a module input of 40,000 unknown
// elements converted to its variable's set(string) type: cty compares each
// unknown element with every other (past 60 s before).
func TestLintVariableSetConversionBounded(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "m/main.tf", `variable "ids" { type = set(string) }
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [for i in var.ids : "arn:aws:s3:::${i}"] }] })
}
`)
	writeFile(t, dir, "main.tf", `module "m" {
  source = "./m"
  ids    = flatten([for i in range(200) : [for j in range(200) : uuid()]])
}
resource "aws_iam_policy" "ok" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	if !hasFinding(res, "wildcard-action", "main.tf", 6, 0) {
		t.Errorf("policy ok not linted: %+v", res.Findings)
	}
	var tooLarge bool
	for _, e := range res.Errors {
		tooLarge = tooLarge || strings.Contains(e.Message, "Evaluation too large") && e.Line == 3
	}
	if !tooLarge {
		t.Errorf("want an Evaluation too large error on line 3, got %+v", res.Errors)
	}
}

// TestLintCallWorkSaidOnce: once a root module's call-work budget is
// spent, later conversions of module inputs are unknown without saying so
// again (one "Evaluation too large" error per root module, as for the
// other budgets).
func TestLintCallWorkSaidOnce(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "m/main.tf", `variable "ids" { type = set(string) }
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [for i in var.ids : "arn:aws:s3:::${i}"] }] })
}
`)
	writeFile(t, dir, "main.tf", `variable "u" { type = string }
locals {
  ids = flatten([for i in range(200) : [for j in range(200) : "${var.u}-${i}-${j}"]])
}
module "a" {
  source = "./m"
  ids    = local.ids
}
module "b" {
  source = "./m"
  ids    = local.ids
}
`)
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	n := 0
	for _, e := range res.Errors {
		if strings.Contains(e.Message, "Evaluation too large") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d Evaluation too large errors, want 1: %+v", n, res.Errors)
	}
}
