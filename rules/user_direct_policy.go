package rules

import (
	"fmt"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// UserDirectPolicy fires on permissions attached straight to an IAM user.
var UserDirectPolicy = &linter.Rule{
	ID:       "user-direct-policy",
	Title:    "policy attached directly to an IAM user",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: `Policies attached to individual users (aws_iam_user_policy, aws_iam_user_policy_attachment, ` +
			`aws_iam_policy_attachment with users) make permissions hard to review and to revoke: each ` +
			`user drifts on its own. CIS AWS Foundations 1.15 asks that users receive permissions only ` +
			`through groups.`,
		Fix: `Attach the policy to a group (aws_iam_group_policy_attachment) and make the user a member ` +
			`(aws_iam_user_group_membership), or, better, give the workload or person a role to assume.`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2",
		},
	},
	Check: checkUserDirectPolicy,
}

func checkUserDirectPolicy(p *linter.Pass) {
	g := graph(p)
	for _, ip := range g.Inline {
		if ip.Principal == nil || ip.Principal.Kind != iam.User {
			continue
		}
		p.Report(linter.Finding{
			Message:  "inline policy on an IAM user: put the permissions in a group the user belongs to, or in a role",
			Range:    ip.Range.HCL(),
			Resource: ip.Address,
			Related:  ip.Related,
		})
	}
	seen := map[string]bool{}
	for _, a := range g.Attachments {
		if a.Principal == nil || a.Principal.Kind != iam.User {
			continue
		}
		rng := a.PrincipalRange
		msg := "managed policy attached directly to an IAM user: attach it to a group the user belongs to, or to a role"
		k := a.Address + "\x00" + rng.String()
		if a.ResourceType != "aws_iam_policy_attachment" {
			rng = a.BlockRange
			k = a.Address + "\x00" + rng.String()
		} else if a.Principal.Name.Known {
			// One attachment, a list of users (whose elements a plan does
			// not locate one by one): each user is named.
			msg = fmt.Sprintf("managed policy attached directly to IAM user %q: attach it to a group the user belongs to, or to a role", a.Principal.Name.Text)
			k += "\x00" + a.Principal.Name.Text
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		p.Report(linter.Finding{
			Message:  msg,
			Range:    rng.HCL(),
			Resource: a.Address,
			Related:  a.Related,
		})
	}
}
