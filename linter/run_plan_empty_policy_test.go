package linter

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestEmptyPolicyInPlan: an empty policy string in a plan (a state can hold
// one: the plan exists, so the provider took it) is no policy, in every way
// a plan is loaded; the same attribute in HCL is a document with a parse
// error (policy-invalid: terraform plan would fail).
func TestEmptyPolicyInPlan(t *testing.T) {
	dir := t.TempDir()
	plan := `{"format_version":"1.2","terraform_version":"1.9.0",
"planned_values":{"root_module":{"resources":[
 {"address":"aws_iam_role_policy.p","mode":"managed","type":"aws_iam_role_policy","name":"p","values":{"name":"p","role":"r","policy":""}},
 {"address":"aws_iam_policy.q","mode":"managed","type":"aws_iam_policy","name":"q","values":{"name":"q","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}}
]}},
"resource_changes":[
 {"address":"aws_iam_role_policy.p","mode":"managed","type":"aws_iam_role_policy","name":"p","change":{"actions":["no-op"],"before":{"name":"p","role":"r","policy":""},"after":{"name":"p","role":"r","policy":""},"after_unknown":{}}},
 {"address":"aws_iam_policy.q","mode":"managed","type":"aws_iam_policy","name":"q","change":{"actions":["create"],"before":null,"after":{"name":"q","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}
]}`
	planFile := filepath.Join(dir, "plan.json")
	hclDir := filepath.Join(dir, "hcl")
	if err := os.WriteFile(planFile, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(hclDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(hclDir, "main.tf"), []byte("resource \"aws_iam_role_policy\" \"p\" {\n  name   = \"p\"\n  role   = \"r\"\n  policy = \"\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rule := &Rule{ID: "r", Severity: High, Check: func(p *Pass) {
		for _, d := range p.Model.Documents {
			msg := d.Address
			if len(d.ParseErrors()) > 0 {
				msg += " invalid: " + d.ParseErrors()[0].Text
			}
			p.ReportDocMessage(d, d.Range.HCL(), 0, msg)
		}
	}}
	messages := func(paths ...string) []string {
		res, err := Lint(context.Background(), Options{Paths: paths, Rules: []*Rule{rule}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.Message)
		}
		slices.Sort(got)
		return got
	}
	forPlanLoadModes(func(mode string) {
		if got, want := messages(planFile), []string{"aws_iam_policy.q"}; !slices.Equal(got, want) {
			t.Errorf("plan, %s: documents %q, want %q", mode, got, want)
		}
	})
	want := []string{"aws_iam_role_policy.p invalid: the policy is empty; aws_iam_role_policy.policy needs a policy document"}
	if got := messages(hclDir); !slices.Equal(got, want) {
		t.Errorf("HCL: documents %q, want %q", got, want)
	}
}
