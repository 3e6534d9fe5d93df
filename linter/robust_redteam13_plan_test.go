package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// redteam13Plan is a plan with one variable (so that the plan's source is
// read for the values it gives its variables itself) and a policy that
// grants everything.
const redteam13Plan = `{"format_version":"1.2","terraform_version":"1.9.0","variables":{"v":{"value":"x"}},"resource_changes":[
{"address":"aws_iam_policy.a","mode":"managed","type":"aws_iam_policy","name":"a","change":{"actions":["create"],"before":null,
"after":{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}]}`

// TestPlanSourceVariablesBounded: the variable defaults and .tfvars of a
// plan's source directory were parsed by hclparse and evaluated by hcl
// aside from the loader, without its checks: nested for expressions hung
// the run, and brackets nested 200,000 deep overflowed hclsyntax's stack
// (a fatal error, no report). They are read as the loader reads a file
// now: the plan is linted, within bounded time.
func TestPlanSourceVariablesBounded(t *testing.T) {
	x := nestedFors()
	cases := map[string][2]string{
		"default-fors":   {"vars.tf", "variable \"w\" {\n  default = " + x + "\n}\n"},
		"tfvars-fors":    {"terraform.tfvars", "w = " + x + "\n"},
		"deep-brackets":  {"vars.tf", "variable \"w\" {\n  default = " + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + "\n}\n"},
		"deep-tfvars":    {"terraform.tfvars", "w = " + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + "\n"},
		"auto-tfvars":    {"x.auto.tfvars", "w = " + x + "\n"},
		"default-nested": {"vars.tf", "variable \"w\" {\n  default = {(" + x + "[0][0][0][0][0][0][0][0][0]) = 1}\n}\n"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := writeFile(t, dir, "plan.json", redteam13Plan)
			writeFile(t, dir, "main.tf", "variable \"v\" {}\nvariable \"w\" { default = null }\nresource \"aws_iam_policy\" \"a\" {\n  policy = \"{}\"\n}\n")
			writeFile(t, dir, c[0], c[1])
			res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{p}})
			if !hasFinding(res, "wildcard-action", "plan.json", 0, 0) {
				t.Errorf("plan not linted: %+v %+v", res.Findings, res.Errors)
			}
		})
	}
}

// TestPlanHugeVariableNotice: a plan variable whose value is larger than
// --max-file-size is not applied to the source, and a notice says so,
// naming the variable. The values went into a temporary .tfvars.json that
// the loader then refused: the notice named /tmp/iamlint-plan-NNN.tfvars.json,
// a file the user never wrote, and no variable was applied.
func TestPlanHugeVariableNotice(t *testing.T) {
	dir := t.TempDir()
	plan := strings.Replace(redteam13Plan, `"variables":{"v":{"value":"x"}}`,
		`"variables":{"v":{"value":"x"},"big":{"value":"`+strings.Repeat("y", 5<<20)+`"}}`, 1)
	p := writeFile(t, dir, "plan.json", plan)
	writeFile(t, dir, "main.tf", "variable \"v\" {}\nvariable \"big\" {}\nresource \"aws_iam_policy\" \"a\" {\n  policy = \"{}\"\n}\n")
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{p}})
	if !hasFinding(res, "wildcard-action", "plan.json", 0, 0) {
		t.Errorf("plan not linted: %+v", res.Findings)
	}
	var said bool
	for _, n := range res.Notices {
		if strings.Contains(n.File+n.Message, "iamlint-plan-") {
			t.Errorf("notice names the temporary file: %+v", n)
		}
		said = said || strings.HasPrefix(n.Message, "Plan variables not applied to the source: the plan's values of var.big are larger than --max-file-size (4194304 bytes)")
	}
	if !said {
		t.Errorf("no notice of var.big: %+v", res.Notices)
	}
}
