package rules

import (
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// NotResourceAllow fires on a grant with NotResource.
var NotResourceAllow = &linter.Rule{
	ID:       "not-resource-allow",
	Title:    "grant with NotResource",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: `Allow with NotResource grants the actions on every resource except the listed ones, ` +
			`including resources created later and resources of other accounts (in a resource policy).`,
		Fix: `Use Resource with the ARNs the actions need. To exclude a few resources from a broader ` +
			`grant, add a Deny statement for them.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
		},
	},
	Check: checkNotResourceAllow,
}

func checkNotResourceAllow(p *linter.Pass) {
	var denied denyIndex
	grants(p, func(d *iam.Document, s *iam.Statement) {
		if !s.NotResource().Present || denied.statementCancelled(d, s) {
			return
		}
		p.ReportDoc(d, s.NotResource().Range.HCL(), 0, "statement allows its actions on every resource except %s%s",
			list(s.NotResources()), conditionNote(s))
	})
}
