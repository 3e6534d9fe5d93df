package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// PassRoleWildcard fires on a grant of iam:PassRole (directly or through a
// wildcard) on every role, without an iam:PassedToService condition.
var PassRoleWildcard = &linter.Rule{
	ID:       "passrole-wildcard",
	Title:    "iam:PassRole on every role",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `iam:PassRole on Resource "*" (or arn:aws:iam::*:role/*) lets the holder hand any role of the ` +
			`account, including administrator roles, to a service it controls (EC2, Lambda, ECS, Glue, ` +
			`CloudFormation...) and so act with that role's permissions. Wildcards such as iam:* and * ` +
			`include iam:PassRole.`,
		Fix: `List the role ARNs the workload must pass, and add a condition StringEquals ` +
			`iam:PassedToService = "<service>.amazonaws.com" for the service that receives them.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService",
		},
	},
	Check: checkPassRoleWildcard,
}

// everyRoleRE matches role ARN patterns that cover every role of an account
// (or of every account).
var everyRoleRE = regexp.MustCompile(`^arn:[a-z*-]*:iam::[0-9*]*:(\*|role/\*+)$`)

func checkPassRoleWildcard(p *linter.Pass) {
	var denied denyIndex
	grants(p, func(d *iam.Document, s *iam.Statement) {
		if d.Kind != iam.Identity {
			return
		}
		a, ok := grantsPassRole.in(s)
		if !ok {
			return
		}
		if denied.actionsCancelled(d, s, "iam:PassRole") {
			return // denied on its resources by the same policy
		}
		for _, c := range s.Conditions() {
			if keyIs(c, "iam:PassedToService") || !c.Key.Known {
				return
			}
		}
		every := s.NotResource().Present
		what := "" // (the NotResource text is made when it is the answer)
		for _, r := range s.Resources {
			t, ok := r.ScopeText()
			if !ok {
				continue
			}
			if (t != "" && strings.Trim(t, "*") == "") || everyRoleRE.MatchString(t) || coversEveryRole(r, t) {
				every = true
				what = "every role (" + r.Display() + ")"
				break
			}
		}
		if !every {
			return
		}
		if what == "" {
			what = "every resource except " + list(s.NotResources())
		}
		via := ""
		if !strings.EqualFold(a.Text, "iam:PassRole") {
			via = " (through " + a.Text + ")"
		}
		reportPolicy(p, d, linter.Finding{Range: a.Range.HCL(), Message: fmt.Sprintf("statement grants iam:PassRole%s on %s without an iam:PassedToService condition: "+
			"list the roles that may be passed and add iam:PassedToService", via, what)})
	})
}

// coversEveryRole reports whether resource r (scope text t) covers every
// role of an account as a pattern of another shape than everyRoleRE's
// does: the ARN of every resource of every service ("arn:aws:*:*:*:*",
// "arn:*", "arn:aws:*") was not taken for one, and iam:PassRole on it gave
// no finding. It is one when it covers every resource of its type
// (effective.UnscopedResource) and matches a role's ARN in its partition
// and account.
func coversEveryRole(r iam.Value, t string) bool {
	if !effective.UnscopedResource(r) {
		return false
	}
	f := strings.SplitN(t, ":", 6)
	field := func(i int, def string) string {
		if i < len(f) && f[i] != "" && !hasWildcard(f[i]) {
			return f[i]
		}
		return def
	}
	return iam.MatchARN(t, "arn:"+field(1, "aws")+":iam::"+field(4, "123456789012")+":role/x")
}
