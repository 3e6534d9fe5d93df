package rules

import (
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// WildcardServiceAction fires on a grant of every action of one service:
// "s3:*", and (with the catalog) any pattern that matches every action of a
// service ("iam:*", "s3*:*"; not "s3:*Object*").
var WildcardServiceAction = &linter.Rule{
	ID:       "wildcard-service-action",
	Title:    "grant of every action of a service",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `An Allow statement with a whole-service wildcard such as "s3:*" or "iam:*" grants every ` +
			`action of that service, today and every action AWS adds later: deleting data, changing ` +
			`resource policies, and for iam:* taking over the account.`,
		Fix: `List the actions the workload needs, or a narrow pattern ("s3:GetObject*"). Scope the ` +
			`Resource to the ARNs it uses.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
			"https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		},
	},
	Check: checkWildcardServiceAction,
}

func checkWildcardServiceAction(p *linter.Pass) {
	var denied denyIndex
	grants(p, func(d *iam.Document, s *iam.Statement) {
		for _, a := range s.Actions {
			if isEveryAction(a) {
				continue // wildcard-action
			}
			svcs := coversService(a.Text)
			if len(svcs) == 0 {
				if svc, ok := serviceWildcard(a); ok {
					svcs = []string{svc} // a service the catalog does not know
				}
			}
			if len(svcs) == 0 || denied.valueCancelled(d, s, a) {
				continue
			}
			p.ReportDoc(d, a.Range.HCL(), 0, "statement grants every %s action (%q)%s%s",
				strings.Join(svcs, ", "), a.Text, prefixSpace(resourceScope(s)), conditionNote(s))
		}
	})
}
