package rules

import (
	"slices"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// AdminPolicyAttached fires on an AWS managed policy that grants
// administrator-level or IAM-wide access, attached in any form.
var AdminPolicyAttached = &linter.Rule{
	ID:       "admin-policy-attached",
	Title:    "administrator managed policy attached",
	Severity: linter.High,
	Doc: linter.Doc{
		Why: `AdministratorAccess grants every action; IAMFullAccess lets the holder grant itself anything; ` +
			`PowerUserAccess grants every action outside IAM and Organizations (enough to read every secret ` +
			`and, through iam:PassRole-free paths, to take over most workloads); AWSOrganizationsFullAccess ` +
			`controls every account of the organization. Attached to a user, group, role or permission ` +
			`set (aws_iam_*_policy_attachment, aws_iam_policy_attachment, managed_policy_arns, ` +
			`aws_ssoadmin_managed_policy_attachment), they make its holder an administrator.`,
		Fix: `Attach a policy that lists what the principal needs (IAM Access Analyzer can generate one from ` +
			`CloudTrail), or a narrower AWS managed job-function policy. Keep administrator access to a ` +
			`break-glass role that people assume with MFA.`,
		Links: []string{
			"https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
		},
	},
	Check: checkAdminPolicyAttached,
}

// adminPolicies are the AWS managed policies the rule reports, by name.
var adminPolicies = map[string]string{
	"administratoraccess":        "AdministratorAccess",
	"iamfullaccess":              "IAMFullAccess",
	"poweruseraccess":            "PowerUserAccess",
	"awsorganizationsfullaccess": "AWSOrganizationsFullAccess",
}

func checkAdminPolicyAttached(p *linter.Pass) {
	// One finding per attachment element; aws_iam_policy_attachment names
	// several principals in one element.
	type hit struct {
		a    *iam.Attachment
		name string
		to   []string
	}
	var hits []*hit
	byRange := map[string]*hit{}
	g := graph(p)
	for _, a := range g.Attachments {
		name, ok := admin(a)
		if !ok {
			// Any other AWS managed policy whose embedded content grants
			// "*" or all of IAM on every resource.
			if name, ok = managedAdminContent(a); !ok {
				continue
			}
		}
		k := a.Range.String()
		h := byRange[k]
		if h == nil {
			h = &hit{a: a, name: name}
			byRange[k] = h
			hits = append(hits, h)
		}
		if to := principalPhrase("", a.Principal); to != "" && !slices.Contains(h.to, strings.TrimSpace(to)) {
			h.to = append(h.to, strings.TrimSpace(to))
		}
	}
	for _, h := range hits {
		to := ""
		switch n := len(h.to); {
		case n == 1:
			to = " to " + h.to[0]
		case n > 1:
			to = " to " + strings.Join(h.to[:n-1], ", ") + " and " + h.to[n-1]
		}
		p.Report(linter.Finding{
			Message: "AWS managed policy " + h.name + " attached" + to + ": attach a policy that lists the actions needed, " +
				"and keep administrator access to a break-glass role assumed with MFA",
			Range:    h.a.Range,
			Resource: h.a.Address,
			Related:  h.a.Related,
		})
	}
}

func admin(a *iam.Attachment) (string, bool) {
	n, ok := a.AWSManagedPolicyName()
	if !ok {
		return "", false
	}
	name, ok := adminPolicies[strings.ToLower(n)]
	return name, ok
}
