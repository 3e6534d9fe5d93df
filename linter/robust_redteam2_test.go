package linter_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanInlinePolicyDeferredDoc: an aws_iam_role's inline_policy block
// whose policy is the json of an aws_iam_policy_document deferred to apply
// (action read: its json is unknown, its statements partly known) in a
// for_each module instance keyed by each.key. The plan's configuration
// records the reference (inline_policy.0.policy); as HCL, the document is
// linted once on its own address and its grants reach the role. The nested
// reference was not followed: the role's policy was a notice, "unknown
// until apply and could not be linted", and passrole-wildcard was missing.
func TestPlanInlinePolicyDeferredDoc(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		want []string
	}{
		{"redteam-inline-deferred-doc", []string{
			`module.m.aws_iam_role.r["a.b"] passrole-wildcard`,
			`module.m.data.aws_iam_policy_document.d["a.b"] wildcard-resource`,
		}},
		// The document in another module, through its output and the
		// role module's input (inline_policy.0.policy = var.policy).
		{"redteam-inline-deferred-doc-module", []string{
			`module.docs.data.aws_iam_policy_document.d wildcard-resource`,
			`module.roles.aws_iam_role.r passrole-wildcard`,
		}},
	} {
		plan := filepath.Join("..", "testdata", "plans", tc.dir, "plan.json")
		for _, stream := range []bool{false, true} {
			restore := func() {}
			if stream {
				restore = linter.SetPlanStream(1, 1)
			}
			res := lint(t, linter.Options{Paths: []string{plan}, Rules: rules.All})
			restore()
			got, want := strings.Join(pairs(res), "\n"), strings.Join(tc.want, "\n")
			if got != want {
				t.Errorf("%s stream %v: findings\n%s\nwant\n%s", tc.dir, stream, got, want)
			}
			for _, n := range res.Notices {
				t.Errorf("%s stream %v: notice %s:%d: %s", tc.dir, stream, n.File, n.Line, n.Message)
			}
		}
	}
}

// TestPlanManagedPolicyArnsUnknownElement: a role's managed_policy_arns =
// [aws_iam_policy.p.arn] with the policy created in the same apply is a
// known list with one unknown element; the configuration section names the
// policy, so the role holds it, as in HCL: admin-equivalent, complete. The
// link was made for such lists in nested blocks only: the role had no
// policy and was incomplete.
func TestPlanManagedPolicyArnsUnknownElement(t *testing.T) {
	plan := filepath.Join("..", "testdata", "plans", "redteam-managed-arns-unknown", "plan.json")
	for _, stream := range []bool{false, true} {
		restore := func() {}
		if stream {
			restore = linter.SetPlanStream(1, 1)
		}
		res := lint(t, linter.Options{Paths: []string{plan}, Rules: rules.All, Principals: true})
		restore()
		var role *effective.PrincipalSummary
		for i := range res.Principals {
			if res.Principals[i].Address == `module.x["a"].aws_iam_role.r` {
				role = &res.Principals[i]
			}
		}
		if role == nil || !role.AdminEquivalent || !role.Complete || strings.Join(role.Policies, ",") != `module.x["a"].aws_iam_policy.p` {
			t.Errorf("stream %v: role %+v, want admin-equivalent and complete through module.x[\"a\"].aws_iam_policy.p", stream, role)
		}
	}
}
