package linter_test

import (
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestLintSetFunctionsLinear: setunion, setsubtract and setintersection of
// 60,000 strings and distinct of 60,000 objects are computed (Terraform
// computes them), their values right: go-cty walks each set it combines,
// sorting it each time (seconds for 60,000 strings), and distinct compared
// every pair, so their calls spent the budget of function calls ("Evaluation
// too large", the policy unknown: red team 21). A walk of a set of 60,000
// objects still costs go-cty seconds: setunion of objects may spend the
// budget at its consumer; this test keeps to strings there.
func TestLintSetFunctionsLinear(t *testing.T) {
	const locals = `locals {
  g    = flatten([for a in range(300) : [for b in range(200) : "s3:Get${a}x${b}"]])
  objs = [for x in local.g : { a = x }]
}
`
	cases := map[string]string{
		"setunion":              `length(setunion(local.g, ["x", "s3:Get0x0"])) == 60001`,
		"setunion-contains":     `contains(setunion(local.g, ["x"]), "s3:Get299x199")`,
		"setsubtract":           `length(setsubtract(local.g, ["s3:Get0x0", "y"])) == 59999`,
		"setsubtract-small":     `one(setsubtract(concat(local.g, ["z"]), local.g)) == "z"`,
		"setintersection-large": `contains(setintersection(local.g, local.g), "s3:Get299x199")`,
		"setintersection":       `one(setintersection(local.g, ["s3:Get5x5", "q"], toset(["s3:Get5x5"]))) == "s3:Get5x5"`,
		"distinct-objects":      `distinct(local.objs)[59999].a == "s3:Get299x199"`,
		"distinct-repeated":     `length(distinct(concat(local.objs, slice(local.objs, 0, 100)))) == 60000`,
	}
	for name, cond := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", locals+`resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = `+cond+` ? "*" : "s3:GetObject", Resource = "*" }] })
}
`)
			res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}})
			if !hasFinding(res, "wildcard-action", "main.tf", 6, 0) {
				t.Errorf("the condition is not known true: no wildcard-action finding; said: %s", said(res))
			}
		})
	}
}
