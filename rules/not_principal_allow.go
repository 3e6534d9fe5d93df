package rules

import (
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// NotPrincipalAllow fires on a grant with NotPrincipal.
var NotPrincipalAllow = &linter.Rule{
	ID:       "not-principal-allow",
	Title:    "grant with NotPrincipal",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `Allow with NotPrincipal grants access to every principal except the listed ones: ` +
			`anonymous users and every other AWS account included. AWS advises against it.`,
		Fix: `Use Principal with the principals that need access. To keep someone out, use a Deny ` +
			`statement with a condition on aws:PrincipalArn or aws:PrincipalAccount.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
		},
	},
	Check: checkNotPrincipalAllow,
}

func checkNotPrincipalAllow(p *linter.Pass) {
	var denied denyIndex
	grants(p, func(d *iam.Document, s *iam.Statement) {
		if !s.NotPrincipal().Present || denied.statementCancelled(d, s) {
			return
		}
		var ids []iam.Value
		for _, np := range s.NotPrincipals() {
			ids = append(ids, np.ID)
		}
		p.ReportDoc(d, s.NotPrincipal().Range.HCL(), 0, "statement allows every principal except %s%s",
			list(ids), conditionNote(s))
	})
}
