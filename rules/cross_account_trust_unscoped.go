package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// CrossAccountTrustUnscoped fires on a trust grant to a whole other account
// (a literal account ID or arn:...:iam::ACCOUNT:root) with no sts:ExternalId,
// MFA, aws:PrincipalOrgID or aws:PrincipalArn condition. A named role or user
// of the account is already scoped (as aws:PrincipalArn would be), and
// principals whose account is only known after apply (usually the caller's own
// account) are not judged.
var CrossAccountTrustUnscoped = &linter.Rule{
	ID:       "cross-account-trust-unscoped",
	Title:    "cross-account trust without conditions",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: `A role that trusts another account's root lets every principal of that account that its ` +
			`own administrators allow assume the role; a trust to a named user or role there still ` +
			`depends on that account's hygiene. Without sts:ExternalId (third parties: the confused ` +
			`deputy problem), MFA, aws:PrincipalOrgID or aws:PrincipalArn nothing in this account ` +
			`limits who gets in.`,
		Fix: `Add a condition: sts:ExternalId for a vendor, aws:MultiFactorAuthPresent for people, ` +
			`aws:PrincipalOrgID to stay within your organization, or aws:PrincipalArn to name the ` +
			`roles that may assume this one.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_aws-accounts.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid",
		},
	},
	Check: checkCrossAccountTrustUnscoped,
}

var (
	xaccountIDRE  = regexp.MustCompile(`^\d{12}$`)
	xaccountARNRE = regexp.MustCompile(`^arn:[a-z-]+:iam::(\d{12}):root$`)
)

// accountOf returns the 12-digit account of an AWS principal that is a whole
// account: a bare account ID or the account's root ARN.
func accountOf(id string) (string, bool) {
	if xaccountIDRE.MatchString(id) {
		return id, true
	}
	if m := xaccountARNRE.FindStringSubmatch(id); m != nil {
		return m[1], true
	}
	return "", false
}

// scopingCondition reports whether a trust statement has a condition that
// limits who from another account may assume the role.
func scopingCondition(s *iam.Statement) bool {
	for _, c := range s.Conditions() {
		if !c.Key.Known {
			return true // unknown key: not judged
		}
		if isMFAKey(c) {
			return true // (a misused one is mfa-condition-ineffective's)
		}
		for _, k := range []string{"sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn"} {
			if keyIs(c, k) && restricts(c) {
				return true
			}
		}
	}
	return false
}

func checkCrossAccountTrustUnscoped(p *linter.Pass) {
	grants(p, func(d *iam.Document, s *iam.Statement) {
		if d.Kind != iam.Trust || d.Managed || scopingCondition(s) {
			return
		}
		act, ok := grantsAssumeRole.in(s)
		if !ok {
			return
		}
		for _, pr := range s.Principals() {
			if !pr.Type.Is("AWS") || !pr.ID.Known {
				continue
			}
			acct, ok := accountOf(pr.ID.Text)
			if !ok {
				continue
			}
			p.ReportDoc(d, pr.ID.Range.HCL(), 0, "trust policy lets any principal of account %s (%q) that its administrators allow assume the role (%q): no sts:ExternalId, MFA, aws:PrincipalOrgID or aws:PrincipalArn condition%s",
				acct, pr.ID.Text, act.Text, looseNote(s, "sts:ExternalId", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn"))
		}
	})
}

// restricts reports whether condition c lets in only requests whose key has
// one of its values: a positive operator (StringEquals, StringLike,
// ArnLike...; not a negated one, ...IfExists, Null or ForAllValues:, which
// let in requests without the key or with another value) and no value that
// matches everyone (StringLike sts:ExternalId = "*", aws:PrincipalArn =
// "*"). Such a condition was taken as scoping the statement by its key
// alone. Unknown operators and values restrict (never widened).
func restricts(c iam.Condition) bool {
	if !positive(c.Operator) || len(c.Values) == 0 {
		return false
	}
	key := strings.ToLower(c.Key.Text)
	for _, v := range c.Values {
		// (An empty value matches no request: "" is no caller's key.)
		if v.Known && v.Text != "" && matchesEveryone(key, v) {
			return false
		}
	}
	return true
}

// looseNote says which conditions of s on keys do not restrict (see
// restricts): "; its condition on sts:ExternalId (StringLike) does not
// limit who may assume it", or "".
func looseNote(s *iam.Statement, keys ...string) string {
	for _, c := range s.Conditions() {
		for _, k := range keys {
			if c.Key.Known && keyIs(c, k) && !restricts(c) {
				return fmt.Sprintf("; its condition on %s (%s) does not limit who may assume it", c.Key.Text, c.Operator.Text)
			}
		}
	}
	return ""
}
