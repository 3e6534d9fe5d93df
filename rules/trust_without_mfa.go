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
	rootOrUserARN = regexp.MustCompile(`^arn:[a-z*-]+:iam::(\d{12}|\*):(root|user/.+)$`)
)

// personOrAccount reports whether an AWS principal ID is a whole account or
// an IAM user, and returns its text (or, for a template known only in part,
// its shape: arn:aws:iam::*:root).
func personOrAccount(g *iam.Graph, id iam.Value) (string, bool) {
	t, ok := g.Shape(id)
	if !ok {
		return "", false
	}
	// IAM does not trim a principal: " 123456789012" is no account
	// (policy-invalid), it matches no one.
	if id.Known && accountIDRE.MatchString(t) {
		return t, true
	}
	return t, rootOrUserARN.MatchString(t)
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
			if _, ok := grantsAssumeRole.in(s); !ok {
				continue
			}
			guarded := false
			for _, c := range s.Conditions() {
				if isMFAKey(c) || keyIs(c, "sts:ExternalId") && restricts(c) || !c.Key.Known {
					guarded = true
				}
			}
			if guarded {
				continue
			}
			for _, pr := range s.Principals() {
				if !pr.Type.Is("AWS") {
					continue
				}
				text, ok := personOrAccount(graph(p), pr.ID)
				if !ok {
					continue
				}
				var who string
				switch {
				case strings.Contains(text, ":user/"):
					who = "IAM user " + text
					if !pr.ID.Known {
						who = "an IAM user of this configuration (ARN known after apply)"
					}
				case !strings.HasSuffix(text, ":root"):
					who = "every principal of account " + text
				default:
					acct := strings.Split(text, ":")[4]
					switch {
					case !pr.ID.Known:
						acct = "(known after apply)"
					case acct == "*":
						acct = "* (any account)"
					}
					who = "every principal of account " + acct
				}
				p.ReportDoc(d, pr.ID.Range.HCL(), 0, "trust policy lets %s assume the role without MFA: add a condition "+
					"Bool aws:MultiFactorAuthPresent = true (or sts:ExternalId for a third party), or trust specific roles%s", who, looseNote(s, "sts:ExternalId"))
			}
		}
	}
}
