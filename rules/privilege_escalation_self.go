package rules

import (
	"fmt"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// selfEditActions rewrite a customer managed policy in place: a principal
// allowed them on a policy attached to itself can grant itself anything.
var selfEditActions = []string{"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"}

// checkSelfPolicyEdit finds the escalation that a scoped resource hides: a
// principal allowed iam:CreatePolicyVersion (or SetDefaultPolicyVersion) on
// an ARN pattern that matches a customer managed policy attached to that same
// principal ("arn:aws:iam::*:policy/app-*" when the principal's own policy is
// "app-deploy"). Unscoped grants are reported by the main check.
func checkSelfPolicyEdit(p *linter.Pass) {
	g := graph(p)
	// The customer managed policies attached to each principal, and the
	// identity documents each principal holds: only of the principals with
	// such a policy (the others are not judged; a plan has hundreds of
	// thousands of principals), in the order they first appear among the
	// attachments.
	attached := map[*iam.Entity][]*iam.Document{}
	for _, a := range g.Attachments {
		if a == nil || a.Principal == nil {
			continue
		}
		for _, d := range a.Policies {
			if d != nil && !d.Managed && d.PolicyName != "" {
				attached[a.Principal] = append(attached[a.Principal], d)
			}
		}
	}
	if len(attached) == 0 {
		return
	}
	held := make(map[*iam.Entity][]*iam.Document, len(attached))
	var order []*iam.Entity
	for _, a := range g.Attachments {
		if a == nil || a.Principal == nil || attached[a.Principal] == nil {
			continue
		}
		if _, ok := held[a.Principal]; !ok {
			held[a.Principal] = nil
			order = append(order, a.Principal)
		}
		for _, d := range a.Policies {
			if d == nil || d.Managed {
				continue
			}
			held[a.Principal] = append(held[a.Principal], d)
		}
	}
	for _, ip := range g.Inline {
		if ip == nil || ip.Principal == nil || attached[ip.Principal] == nil {
			continue
		}
		held[ip.Principal] = append(held[ip.Principal], ip.Documents...)
	}
	reported := map[iam.Range]bool{}
	for _, e := range order {
		own := attached[e]
		if len(own) == 0 {
			continue
		}
		for _, d := range held[e] {
			if d == nil || d.Kind != iam.Identity {
				continue
			}
			for _, s := range d.AllStatements() {
				if s == nil || !s.IsAllow() || s.NotResource().Present {
					continue
				}
				var act iam.Value
				var action string
				for _, a := range selfEditActions {
					if v, ok := s.GrantsAction(a); ok {
						act, action = v, a
						break
					}
				}
				if action == "" {
					continue
				}
				for _, r := range s.Resources {
					if !r.Known || effective.UnscopedResource(r) || reported[r.Range] {
						continue
					}
					target := matchOwnPolicy(r.Text, own)
					if target == nil {
						continue
					}
					reported[r.Range] = true
					sev := linter.Severity(0)
					note := ""
					if len(s.Conditions()) > 0 {
						sev = linter.High
						note = " (a condition narrows the statement: severity lowered to high)"
					}
					reportPolicy(p, d, linter.Finding{
						Severity: sev,
						Message: fmt.Sprintf("policy grants privilege escalation: %s (through %q) on %q, which matches policy %q attached to %s: "+
							"the holder can write a new version of its own policy and grant itself anything; exclude the policies attached to it%s",
							action, act.Text, r.Text, target.PolicyName, entityName(e), note),
						Range:   r.Range.HCL(),
						Related: []iam.Related{{Range: target.Range.HCL(), Message: "the policy it can rewrite"}},
					})
				}
			}
		}
	}
}

// matchOwnPolicy returns the first document of own whose ARN the resource
// pattern matches (any partition and account: both are the deploying
// account's, unknown before apply).
func matchOwnPolicy(pattern string, own []*iam.Document) *iam.Document {
	fa := splitColon(strings.TrimSpace(pattern), 6)
	f := fa.f[:fa.k]
	if len(f) != 6 || f[0] != "arn" || !iam.MatchWildcard(f[2], "iam") || !iam.MatchWildcard(f[3], "") {
		return nil
	}
	if !iam.MatchWildcard(f[1], "aws") && !iam.MatchWildcard(f[1], "aws-cn") && !iam.MatchWildcard(f[1], "aws-us-gov") {
		return nil
	}
	for _, d := range own {
		path := d.PolicyPath
		if !strings.HasSuffix(path, "/") {
			path += "/"
		}
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		if iam.MatchARN(f[5], "policy"+path+d.PolicyName) {
			return d
		}
	}
	return nil
}
