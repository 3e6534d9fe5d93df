package rules

import (
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// NotActionAllow fires on a grant with NotAction.
var NotActionAllow = &linter.Rule{
	ID:       "not-action-allow",
	Title:    "grant with NotAction",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `Allow with NotAction grants every action except the listed ones, across all services, ` +
			`including services and actions AWS adds later. It is almost always far broader than meant.`,
		Fix: `Use Action with the actions that are needed. To carve out exceptions from a broad grant, ` +
			`keep the grant narrow and add a Deny statement (Deny with NotAction is a fine guard rail).`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
		},
	},
	Check: checkNotActionAllow,
}

func checkNotActionAllow(p *linter.Pass) {
	var denied denyIndex
	grants(p, func(d *iam.Document, s *iam.Statement) {
		if !s.NotAction().Present || denied.statementCancelled(d, s) {
			return
		}
		p.ReportDoc(d, s.NotAction().Range.HCL(), 0, "statement allows every action except %s%s%s",
			list(s.NotActions()), prefixSpace(resourceScope(s)), conditionNote(s))
	})
}
