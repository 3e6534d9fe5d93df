package rules

import (
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// MFAConditionIneffective fires on MFA conditions that do not do what they
// seem, because aws:MultiFactorAuthPresent is absent (not false) from
// requests signed with long-term access keys.
var MFAConditionIneffective = &linter.Rule{
	ID:       "mfa-condition-ineffective",
	Title:    "MFA condition that does not enforce MFA",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `aws:MultiFactorAuthPresent is not false but absent in requests signed with long-term access ` +
			`keys. So a Deny with Bool aws:MultiFactorAuthPresent = "false" never matches them (keys slip ` +
			`through the guard); an Allow with BoolIfExists ... = "true" matches them (keys pass without MFA); ` +
			`an Allow with Bool ... = "false" grants exactly to sessions without MFA. Service and federated ` +
			`principals never carry MFA, so an MFA condition in their trust statement is dead or blocks everything.`,
		Fix: `In a Deny guard use BoolIfExists aws:MultiFactorAuthPresent = "false" (the AWS documented form). ` +
			`In an Allow use Bool aws:MultiFactorAuthPresent = "true" (absent key: no match). Remove MFA ` +
			`conditions from Service and Federated trust statements and scope them with their own keys ` +
			`(aws:SourceArn, the OIDC :sub claim).`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists",
		},
	},
	Check: checkMFAConditionIneffective,
}

func checkMFAConditionIneffective(p *linter.Pass) {
	if p.Model == nil {
		return
	}
	for _, d := range p.Model.Documents {
		if d == nil {
			continue
		}
		for _, s := range d.Statements {
			if s == nil {
				continue
			}
			serviceTrust, people := "", false
			if d.Kind == iam.Trust {
				for _, pr := range s.Principals() {
					if pr.Type.Is("Service") || pr.Type.Is("Federated") {
						serviceTrust = pr.Type.Text
					}
					people = people || pr.Type.Is("AWS")
				}
			}
			for _, c := range s.Conditions() {
				if !isMFAKey(c) {
					continue
				}
				rng := c.Operator.Range
				if rng.Filename() == "" {
					rng = c.Key.Range
				}
				switch {
				case serviceTrust != "" && people:
					// The condition guards the AWS principals of the statement:
					// removing it would open them; the service is what is cut off.
					p.ReportDoc(d, rng.HCL(), 0, "MFA condition on %s on a trust statement that also names a %s principal, which never carries MFA "+
						"and so can never assume the role through it: move the %s principal to a statement of its own without the MFA condition",
						c.Key.Text, serviceTrust, serviceTrust)
				case serviceTrust != "":
					p.ReportDoc(d, rng.HCL(), 0, "MFA condition on %s on a trust statement for a %s principal, which never carries MFA: "+
						"remove it and scope the statement with the principal's own keys (aws:SourceArn, the OIDC :sub claim)", c.Key.Text, serviceTrust)
				case !keyIs(c, "aws:MultiFactorAuthPresent"):
				case s.IsDeny() && opIs(c, "Bool") && hasValue(c, "false"):
					p.ReportDoc(d, rng.HCL(), 0, "Deny with Bool aws:MultiFactorAuthPresent = false does not match requests signed with "+
						"long-term access keys (the key is absent, not false), so they slip through: use BoolIfExists")
				case s.IsAllow() && opIs(c, "BoolIfExists") && hasValue(c, "true"):
					p.ReportDoc(d, rng.HCL(), 0, "Allow with BoolIfExists aws:MultiFactorAuthPresent = true also matches requests signed with "+
						"long-term access keys, which carry no MFA: use Bool")
				case s.IsAllow() && (opIs(c, "Bool") || opIs(c, "BoolIfExists")) && hasValue(c, "false"):
					p.ReportDoc(d, rng.HCL(), 0, "Allow with %s aws:MultiFactorAuthPresent = false grants to sessions without MFA: "+
						"require \"true\" in an Allow, or move the condition to a Deny with BoolIfExists", c.Operator.Text)
				}
			}
		}
	}
}
