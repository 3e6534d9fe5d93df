package rules

import (
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// MFANotEnforced fires on the login profile of a human IAM user whose
// policies, direct or through any group, hold no MFA guard: a Deny with
// BoolIfExists aws:MultiFactorAuthPresent = false, Null
// aws:MultiFactorAuthPresent = true, or NumericGreaterThanIfExists
// aws:MultiFactorAuthAge. When some of the user's policies cannot be seen
// (an external group, a customer managed policy defined elsewhere, a policy
// known only after apply) the rule stays silent: the guard may be there.
var MFANotEnforced = &linter.Rule{
	ID:       "mfa-not-enforced",
	Title:    "console user without an MFA guard policy",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `A user with a console password and no policy that denies access without MFA can sign in with ` +
			`the password alone: a phished or reused password is enough to take over the account. IAM ` +
			`cannot require MFA by itself; a policy must deny requests that were not authenticated with ` +
			`MFA. The guard is found in the user's own policies and in those of every group it belongs to ` +
			`(aws_iam_user_group_membership, aws_iam_group_membership).`,
		Fix: `Attach to the users' group the AWS documented force-MFA policy: a Deny of everything except ` +
			`the IAM actions needed to set up an MFA device (NotAction), with condition BoolIfExists ` +
			`aws:MultiFactorAuthPresent = false. Better, sign people in through IAM Identity Center, which ` +
			`enforces MFA centrally.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html",
		},
	},
	Check: checkMFANotEnforced,
}

func checkMFANotEnforced(p *linter.Pass) {
	for _, lp := range graph(p).LoginProfiles {
		u := lp.User
		if u == nil || u.External {
			continue
		}
		docs, complete := u.UserDocuments()
		if !complete || hasMFAGuard(docs) {
			continue
		}
		p.Report(linter.Finding{
			Message: "this IAM user has a console password but none of its policies, direct or through its groups, " +
				"denies access without MFA: attach a force-MFA policy (Deny with BoolIfExists aws:MultiFactorAuthPresent = false) to its group",
			Range:    lp.Range,
			Resource: lp.Address,
			Related:  lp.Related,
		})
	}
}

// hasMFAGuard reports whether one of the documents denies requests made
// without MFA.
func hasMFAGuard(docs []*iam.Document) bool {
	for _, d := range docs {
		for _, s := range d.AllStatements() {
			if s == nil || !s.IsDeny() {
				continue
			}
			for _, c := range s.Conditions() {
				switch {
				case keyIs(c, "aws:MultiFactorAuthPresent") && opIs(c, "BoolIfExists") && hasValue(c, "false"),
					keyIs(c, "aws:MultiFactorAuthPresent") && opIs(c, "Null") && hasValue(c, "true"),
					keyIs(c, "aws:MultiFactorAuthAge") && opIs(c, "NumericGreaterThanIfExists"):
					return true
				}
			}
		}
	}
	return false
}
