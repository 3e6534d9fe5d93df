package linter_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanAttachmentUsersLocated: the user-direct-policy finding of each
// user of a plan's aws_iam_policy_attachment points at that user's string
// in the plan, as in HCL. They pointed at the resource, all of them: each
// finding's fingerprint hashed the text of the whole change (the list of
// every user), n findings times n users, and 20,000 users took 35 s (48 s
// with --new-only); now under a second.
func TestPlanAttachmentUsersLocated(t *testing.T) {
	const n = 5000
	users := make([]string, n)
	for i := range users {
		users[i] = fmt.Sprintf("user-%05d", i)
	}
	after := obj{"name": "pa", "users": users, "roles": nil, "groups": nil, "policy_arn": "arn:aws:iam::123456789012:policy/p"}
	src, _ := json.Marshal(obj{"format_version": "1.2", "resource_changes": []obj{{
		"address": "aws_iam_policy_attachment.pa", "mode": "managed", "type": "aws_iam_policy_attachment", "name": "pa",
		"change": obj{"actions": []string{"create"}, "before": nil, "after": after, "after_unknown": obj{"id": true}}}}})
	start := time.Now()
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: []*linter.Rule{rules.ByID("user-direct-policy")}})
	el := time.Since(start)
	if len(res.Findings) != n {
		t.Fatalf("%d findings, want %d", len(res.Findings), n)
	}
	seen := map[int]bool{}
	for _, f := range res.Findings {
		r := f.Range
		if r.End.Byte-r.Start.Byte != len(`"user-00000"`) || seen[r.Start.Byte] {
			t.Fatalf("%s at %d-%d: not a user's string of its own", f.Message, r.Start.Byte, r.End.Byte)
		}
		seen[r.Start.Byte] = true
	}
	if el > 20*time.Second {
		t.Errorf("linting %d users took %v", n, el)
	}
}
