package rules

import (
	"regexp"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// TrustWithoutMFA fires on a trust grant of sts:AssumeRole to people or
// whole accounts without an MFA or sts:ExternalId condition.
var TrustWithoutMFA = &linter.Rule{
	ID:       "trust-without-mfa",
	Title:    "role assumable by people or accounts without MFA",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `A role whose trust policy lets a whole account (arn:aws:iam::ACCOUNT:root or a bare account ID) ` +
			`or IAM users assume it, with no aws:MultiFactorAuthPresent condition, can be assumed with a ` +
			`leaked access key alone. Role-to-role trust (:role/ principals), service and federated ` +
			`principals are not reported; a statement with sts:ExternalId (the third-party pattern) is not either.`,
		Fix: `Add a condition Bool aws:MultiFactorAuthPresent = true (or NumericLessThan aws:MultiFactorAuthAge) ` +
			`to the statement, or trust specific roles instead of the account. For a third party, require ` +
			`sts:ExternalId.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html#MFAProtectedAPI-cross-account-delegation",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
		},
	},
	Check: checkTrustWithoutMFA,
}

var (
	accountIDRE   = regexp.MustCompile(`^\d{12}$`)
	rootOrUserARN = regexp.MustCompile(`^arn:[a-z-]+:iam::\d{12}:(root|user/.+)$`)
)

// personOrAccount reports whether an AWS principal ID is a whole account or
// an IAM user.
func personOrAccount(id iam.Value) bool {
	if !id.Known {
		return false
	}
	t := strings.TrimSpace(id.Text)
	return accountIDRE.MatchString(t) || rootOrUserARN.MatchString(t)
}

func checkTrustWithoutMFA(p *linter.Pass) {
	if p.Model == nil {
		return
	}
	for _, d := range p.Model.Documents {
		if d == nil || d.Kind != iam.Trust {
			continue
		}
		for _, s := range d.Statements {
			if s == nil || !s.IsAllow() {
				continue
			}
			if _, ok := grantsAction(s, "sts:AssumeRole"); !ok {
				continue
			}
			guarded := false
			for _, c := range s.Conditions {
				if isMFAKey(c) || keyIs(c, "sts:ExternalId") || !c.Key.Known {
					guarded = true
				}
			}
			if guarded {
				continue
			}
			for _, pr := range s.Principals {
				if !pr.Type.Is("AWS") || !personOrAccount(pr.ID) {
					continue
				}
				who := "IAM users of account " + pr.ID.Text
				if strings.Contains(pr.ID.Text, ":user/") {
					who = "IAM user " + pr.ID.Text
				} else if !strings.HasSuffix(pr.ID.Text, ":root") {
					who = "every principal of account " + pr.ID.Text
				} else {
					who = "every principal of account " + strings.Split(pr.ID.Text, ":")[4]
				}
				p.ReportDoc(d, pr.ID.Range, 0, "trust policy lets %s assume the role without MFA: add a condition "+
					"Bool aws:MultiFactorAuthPresent = true (or sts:ExternalId for a third party), or trust specific roles", who)
			}
		}
	}
}
