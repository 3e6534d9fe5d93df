package linter_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
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
	plan := filepath.Join("..", "testdata", "plans", "redteam-inline-deferred-doc", "plan.json")
	for _, stream := range []bool{false, true} {
		restore := func() {}
		if stream {
			restore = linter.SetPlanStream(1, 1)
		}
		res := lint(t, linter.Options{Paths: []string{plan}, Rules: rules.All})
		restore()
		got := strings.Join(pairs(res), "\n")
		want := strings.Join([]string{
			`module.m.aws_iam_role.r["a.b"] passrole-wildcard`,
			`module.m.data.aws_iam_policy_document.d["a.b"] wildcard-resource`,
		}, "\n")
		if got != want {
			t.Errorf("stream %v: findings\n%s\nwant\n%s", stream, got, want)
		}
		for _, n := range res.Notices {
			t.Errorf("stream %v: notice %s:%d: %s", stream, n.File, n.Line, n.Message)
		}
	}
}
