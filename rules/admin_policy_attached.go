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
			`break-glass role that people assume with MFA; on that role the finding is expected: accept it with ` +
			`an iamlint:ignore comment that gives the reason (the message says when every trust grant of the ` +
			`role requires MFA).`,
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
		a         *iam.Attachment
		name      string
		to        []string
		mfaRoles  int // principals that are roles assumed only with MFA
		principal int
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
		// Keyed by the policy too: the instances of a for_each over a map of
		// policy ARNs share the policy_arn attribute's range.
		k := a.Range.String() + "\x00" + name
		h := byRange[k]
		if h == nil {
			h = &hit{a: a, name: name}
			byRange[k] = h
			hits = append(hits, h)
		}
		if to := principalPhrase("", a.Principal); to != "" && !slices.Contains(h.to, strings.TrimSpace(to)) {
			h.to = append(h.to, strings.TrimSpace(to))
			h.principal++
			if assumedOnlyWithMFA(a.Principal) {
				h.mfaRoles++
			}
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
		advice := ": attach a policy that lists the actions needed, and keep administrator access to a break-glass role assumed with MFA"
		if h.principal > 0 && h.mfaRoles == h.principal {
			// The break-glass role itself: still reported (the rule is
			// about the attachment), with what to do when it is intended.
			advice = ": the role is assumed only with MFA; if it is the break-glass role, accept the finding with " +
				"an iamlint:ignore comment giving the reason, else attach a policy that lists the actions needed"
		}
		p.Report(linter.Finding{
			Message:  "AWS managed policy " + h.name + " attached" + to + advice,
			Range:    h.a.Range.HCL(),
			Resource: h.a.Address,
			Related:  h.a.Related,
		})
	}
}

// assumedOnlyWithMFA reports whether e is a role of the configuration whose
// every trust grant of sts:AssumeRole carries an MFA condition (and that has
// at least one): a break-glass role.
func assumedOnlyWithMFA(e *iam.Entity) bool {
	if e == nil || e.Kind != iam.Role || e.External || len(e.Trusts) == 0 {
		return false
	}
	n := 0
	for _, d := range e.Trusts {
		if d == nil {
			return false
		}
		for _, st := range d.Statements {
			if st == nil || !st.IsAllow() {
				continue
			}
			if _, ok := grantsAssumeRole.in(st); !ok {
				continue
			}
			mfa := false
			for _, c := range st.Conditions() {
				mfa = mfa || isMFAKey(c)
			}
			if !mfa {
				return false
			}
			n++
		}
	}
	return n > 0
}

func admin(a *iam.Attachment) (string, bool) {
	n, ok := a.AWSManagedPolicyName()
	if !ok {
		return "", false
	}
	name, ok := adminPolicies[strings.ToLower(n)]
	return name, ok
}
