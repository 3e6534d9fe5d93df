package rules

import (
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// WildcardAction fires on a grant of every action: "*" or "*:*".
var WildcardAction = &linter.Rule{
	ID:       "wildcard-action",
	Title:    "grant of every action",
	Severity: linter.Critical,
	Doc: linter.Doc{
		Why: `An Allow statement with Action "*" (or "*:*") grants every action of every AWS service, ` +
			`including iam:* and organizations:*: whoever holds it is an administrator of the account ` +
			`(or, in a resource policy, may do anything the resource supports).`,
		Fix: `List the actions the workload needs ("s3:GetObject", "sqs:SendMessage", ...). IAM Access ` +
			`Analyzer can generate a policy from CloudTrail activity. If full administration is really ` +
			`intended, attach the AWS managed AdministratorAccess policy to a role people assume with MFA.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
		},
	},
	Check: checkWildcardAction,
}

func checkWildcardAction(p *linter.Pass) {
	var denied denyIndex
	grants(p, func(d *iam.Document, s *iam.Statement) {
		for _, a := range s.Actions {
			if isEveryAction(a) && !denied.valueCancelled(d, s, a) {
				// "statement grants every action (%q)%s%s", a.Text,
				// prefixSpace(resourceScope(s)), conditionNote(s), built
				// in one buffer.
				var small [256]byte
				b := append(small[:0], "statement grants every action ("...)
				b = appendQuoted(b, a.Text)
				b = appendSpacedScope(append(b, ')'), s)
				b = append(b, conditionNote(s)...)
				p.ReportDocMessage(d, a.Range.HCL(), 0, string(b))
			}
		}
	})
}
