package linter_test

import (
	"encoding/json"
	"fmt"
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
		lintBothLoads(t, linter.Options{Paths: []string{plan}, Rules: rules.All}, func(stream bool, res *linter.Result) {
			got, want := strings.Join(pairs(res), "\n"), strings.Join(tc.want, "\n")
			if got != want {
				t.Errorf("%s stream %v: findings\n%s\nwant\n%s", tc.dir, stream, got, want)
			}
			for _, n := range res.Notices {
				t.Errorf("%s stream %v: notice %s:%d: %s", tc.dir, stream, n.File, n.Line, n.Message)
			}
		})
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
	lintBothLoads(t, linter.Options{Paths: []string{plan}, Rules: rules.All, Principals: true}, func(stream bool, res *linter.Result) {
		var role *effective.PrincipalSummary
		for i := range res.Principals {
			if res.Principals[i].Address == `module.x["a"].aws_iam_role.r` {
				role = &res.Principals[i]
			}
		}
		if role == nil || !role.AdminEquivalent || !role.Complete || strings.Join(role.Policies, ",") != `module.x["a"].aws_iam_policy.p` {
			t.Errorf("stream %v: role %+v, want admin-equivalent and complete through module.x[\"a\"].aws_iam_policy.p", stream, role)
		}
	})
}

// TestPlanSourceManyInstances: the source of a plan is evaluated with as
// many instances per for_each as the plan has (terraform made them): a
// module with 1,100 instances had the source's 1,024 cap, so every policy
// the plan leaves unknown was a notice instead of linted.
func TestPlanSourceManyInstances(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "teams" {
  type = set(string)
}
resource "aws_s3_bucket" "b" {
  bucket_prefix = "x"
}
module "t" {
  source   = "./m"
  for_each = var.teams
  bucket   = aws_s3_bucket.b.arn
}
`)
	writeFile(t, dir, "m/main.tf", `variable "bucket" {}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = var.bucket }] })
}
`)
	const n = 1100
	teams := make([]string, n)
	changes := []map[string]any{{"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
		"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": map[string]any{"bucket_prefix": "x"},
			"after_unknown": map[string]any{"arn": true, "id": true}}}}
	for i := range teams {
		teams[i] = fmt.Sprintf("t%04d", i)
		changes = append(changes, map[string]any{"address": `module.t["` + teams[i] + `"].aws_iam_policy.p`,
			"module_address": `module.t["` + teams[i] + `"]`, "mode": "managed", "type": "aws_iam_policy", "name": "p",
			"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": map[string]any{"path": "/"},
				"after_unknown": map[string]any{"policy": true, "arn": true, "id": true}}})
	}
	b, err := json.Marshal(map[string]any{"format_version": "1.2", "terraform_version": "1.9.5",
		"variables": map[string]any{"teams": map[string]any{"value": teams}}, "resource_changes": changes})
	if err != nil {
		t.Fatal(err)
	}
	plan := writeFile(t, dir, "plan.json", string(b))
	res := lint(t, linter.Options{Paths: []string{plan}, Rules: []*linter.Rule{rules.ByID("wildcard-service-action")}})
	if len(res.Notices) != 0 {
		t.Errorf("%d notices, first %s:%d: %s", len(res.Notices), res.Notices[0].File, res.Notices[0].Line, res.Notices[0].Message)
	}
	if len(res.Findings) != 1 || !strings.HasSuffix(res.Findings[0].Range.Filename, filepath.Join("m", "main.tf")) {
		t.Errorf("findings %v, want one wildcard-service-action in m/main.tf", pairs(res))
	}
}
