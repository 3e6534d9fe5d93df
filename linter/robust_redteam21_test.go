package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestLintUniformCollectionsLinear: functions given a tuple (object) of
// 60,000 elements of one type, converted to the set, list or map their
// parameter takes (setsubtract, setintersection, transpose, tomap,
// setproduct, a splat over tolist of objects, under try or can), are evaluated in time
// linear in the elements, and their value is known. go-cty unifies the
// element types pairwise (sortTypes) even when they are all the same
// type: each of these ran past 60 s (red team 21). Sets of 60,000
// elements cost go-cty a sort at each iteration (seconds): their calls may
// spend the budget of function calls instead, said at the call.
func TestLintUniformCollectionsLinear(t *testing.T) {
	const locals = `variable "anyl" {
  type    = list(any)
  default = flatten([for a in range(300) : [for b in range(200) : "s3:Get${a}x${b}"]])
}
locals {
  g = flatten([for a in range(300) : [for b in range(200) : "s3:Get${a}x${b}"]])
  o = merge([for a in range(300) : {for b in range(200) : "k${a}x${b}" => "s3:Get${a}x${b}"}]...)
}
`
	cases := map[string]string{
		"setsubtract":     `contains(setsubtract(local.g, ["s3:Get0x0"]), "s3:Get299x199")`,
		"setintersection": `contains(setintersection(local.g, local.g), "s3:Get299x199")`,
		"tomap":           `tomap(local.o)["k299x199"] == "s3:Get299x199"`,
		"transpose":       `contains(keys(transpose({for k, v in local.o : k => [v]})), "s3:Get299x199")`,
		"setproduct":      `length(setproduct(local.g, ["a"])) == 60000`,
		"splat-tolist":    `contains(tolist([for x in local.g : {a = x}])[*].a, "s3:Get299x199")`,
		"chunklist":       `length(chunklist([for x in local.g : {a = x}], 2)) == 30000`,
		// A list(any) variable given 60,000 strings: the budget of
		// function calls was spent converting it, an error.
		"variable-list-any": `contains(var.anyl, "s3:Get299x199")`,
		// try and can: hcl evaluated their arguments again, without
		// the fast paths.
		"try-tolist":    `contains(try(tolist([for x in local.g : {a = x}])[*].a, []), "s3:Get299x199")`,
		"can-tomap":     `can(tomap(local.o))`,
		"can-transpose": `can(transpose({for k, v in local.o : k => [v]}))`,
		"can-fails":     `!can(tomap(local.o)["nope"])`,
		"try-fails":     `try(tomap(local.o)["nope"], "fallback") == "fallback"`,
	}
	sets := map[string]bool{"setsubtract": true, "setintersection": true}
	for name, cond := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", locals+`resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = `+cond+` ? "*" : "s3:GetObject", Resource = "*" }] })
}
`)
			limit := 10 * time.Second
			if sets[name] {
				limit = 20 * time.Second // 7 s here, past 60 s before
			}
			res := lintBounded(t, limit, linter.Options{Paths: []string{dir}})
			if sets[name] {
				for _, e := range res.Errors {
					if strings.HasPrefix(e.Message, "Evaluation too large: the function calls") && e.Line == 10 {
						return
					}
				}
			}
			if !hasFinding(res, "wildcard-action", "main.tf", 10, 0) {
				t.Errorf("the condition is not known true: no wildcard-action finding; said: %s", said(res))
			}
		})
	}
}
