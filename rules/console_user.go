package rules

import "github.com/iamlint/iamlint/linter"

// ConsoleUser fires on every aws_iam_user_login_profile.
var ConsoleUser = &linter.Rule{
	ID:       "console-user",
	Title:    "console password for an IAM user",
	Severity: linter.Low,
	Doc: linter.Doc{
		Why: `An aws_iam_user_login_profile gives an IAM user a console password: a long-lived credential ` +
			`managed per account, outside your identity provider, that must be rotated, protected with ` +
			`MFA and removed by hand when the person leaves.`,
		Fix: `Sign people in through an identity provider: IAM Identity Center (permission sets) or a SAML/OIDC ` +
			`provider with roles. Keep IAM users with console access only for break-glass, with MFA enforced.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#enable-identity-center-for-people",
			"https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html",
		},
	},
	Check: checkConsoleUser,
}

func checkConsoleUser(p *linter.Pass) {
	for _, lp := range graph(p).LoginProfiles {
		p.Report(linter.Finding{
			Message:  "console password for an IAM user: sign people in through an identity provider (IAM Identity Center, SAML or OIDC) and roles instead",
			Range:    lp.Range,
			Resource: lp.Address,
			Related:  lp.Related,
		})
	}
}
