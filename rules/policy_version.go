package rules

import (
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// PolicyVersion fires on a policy whose Version is missing or "2008-10-17":
// policy variables (${aws:username}) are then literal text.
var PolicyVersion = &linter.Rule{
	ID:       "policy-version",
	Title:    "policy language version missing or outdated",
	Severity: linter.Low,
	Doc: linter.Doc{
		Why: `Without "Version": "2012-10-17" (or with the old "2008-10-17") IAM reads the policy with the ` +
			`2008 language: policy variables such as ${aws:username} or ${aws:PrincipalTag/team} are ` +
			`taken as literal text, so a statement meant for "each user's own folder" matches nothing ` +
			`(or the wrong thing), and newer features are unavailable.`,
		Fix: `Add "Version": "2012-10-17" at the top of the policy (data "aws_iam_policy_document" sets it ` +
			`by default). In Terraform templates, write policy variables as $${aws:username}.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
		},
	},
	Check: checkPolicyVersion,
}

func checkPolicyVersion(p *linter.Pass) {
	documents(p.Model, func(d *iam.Document) {
		if synthetic(d) {
			return
		}
		note := ""
		if usesPolicyVariables(d) {
			note = "; its policy variables (${...}) are literal text"
		}
		switch {
		case d.Version().Known && d.Version().Text == "2008-10-17":
			p.ReportDoc(d, d.Version().Range.HCL(), 0, "policy Version is \"2008-10-17\": policy variables are not supported%s; use \"2012-10-17\"", note)
		case !d.Version().Known && d.Version().Range.IsZero() && !d.Unknown && len(d.Statements) > 0:
			p.ReportDoc(d, d.Range.HCL(), 0, "policy has no Version, so IAM reads it as \"2008-10-17\" and policy variables are not supported%s; add \"Version\": \"2012-10-17\"", note)
		}
	})
}

// usesPolicyVariables reports whether a known Resource or condition value of
// the document holds an IAM policy variable such as ${aws:username}.
func usesPolicyVariables(d *iam.Document) bool {
	has := func(vs []iam.Value) bool {
		for _, v := range vs {
			if v.Known && strings.Contains(v.Text, "${") {
				return true
			}
		}
		return false
	}
	for _, s := range d.Statements {
		if s == nil {
			continue
		}
		if has(s.Resources) || has(s.NotResources()) {
			return true
		}
		for _, c := range s.Conditions() {
			if has(c.Values) {
				return true
			}
		}
	}
	return false
}
