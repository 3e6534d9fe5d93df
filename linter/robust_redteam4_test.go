package linter_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestForOverFailedCollectionNoticeOnce: a for expression whose collection
// is a failed function call (range() past Terraform's 1,024 values) gives
// one notice, at the call, and the policy is linted once with an unknown
// key. The for expression was evaluated again by hcl when its collection
// was unknown, which called range() again: two notices for one mistake.
func TestForOverFailedCollectionNoticeOnce(t *testing.T) {
	dir := t.TempDir()
	tf := `resource "aws_iam_policy" "p" {
  for_each = toset([for i in range(2000) : "k${i}"])
  name     = each.key
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lint(t, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
	var got []string
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "range") {
			got = append(got, n.Message)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "more than 1024 values") {
		t.Errorf("notices about range(): %q, want one", got)
	}
	if len(res.Findings) != 1 || res.Findings[0].Resource != "aws_iam_policy.p[*]" {
		t.Errorf("findings %+v, want one wildcard-action on aws_iam_policy.p[*]", res.Findings)
	}
}

// TestPlanRoleComputedInlinePolicy: a role created without inline_policy
// blocks or managed_policy_arns has both unknown in the plan (after_unknown
// true: the AWS provider computes them from what AWS holds after apply).
// They hold no policy anyone wrote: no notice said so (writtenPolicy), but
// the role still held an unknown inline policy of its own, so its summary
// listed the role itself among its policies and was incomplete, and the
// plan counted one policy more than its HCL twin (corpus
// regula__vpc_flow_log). The role's policies are those of the HCL twin,
// complete, loaded whole or streamed.
func TestPlanRoleComputedInlinePolicy(t *testing.T) {
	const trust = `{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"}}]}`
	const pol = `{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}`
	dir := t.TempDir()
	writeFile(t, dir, "src/main.tf", `resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_role_policy" "p" {
  name   = "p"
  role   = aws_iam_role.r.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })
}
`)
	writeFile(t, dir, "plan/plan.json", `{"format_version": "1.2", "terraform_version": "1.9.5",
 "resource_changes": [
  {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {"actions": ["create"], "before": null,
    "after": {"name": "r", "path": "/", "assume_role_policy": "`+trust+`", "max_session_duration": 3600, "permissions_boundary": null},
    "after_unknown": {"arn": true, "id": true, "inline_policy": true, "managed_policy_arns": true, "unique_id": true}}},
  {"address": "aws_iam_role_policy.p", "mode": "managed", "type": "aws_iam_role_policy", "name": "p", "provider_name": "registry.terraform.io/hashicorp/aws",
   "change": {"actions": ["create"], "before": null,
    "after": {"name": "p", "role": "r", "policy": "`+pol+`"},
    "after_unknown": {"id": true}}}],
 "configuration": {"root_module": {"resources": [
  {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "provider_config_key": "aws",
   "expressions": {"name": {"constant_value": "r"}, "assume_role_policy": {}}},
  {"address": "aws_iam_role_policy.p", "mode": "managed", "type": "aws_iam_role_policy", "name": "p", "provider_config_key": "aws",
   "expressions": {"name": {"constant_value": "p"}, "role": {"references": ["aws_iam_role.r.name", "aws_iam_role.r"]}, "policy": {}}}]}}}
`)
	summary := func(res *linter.Result) string {
		var out []string
		for _, p := range res.Principals {
			out = append(out, fmt.Sprintf("%s %v complete=%v", p.Address, p.Policies, p.Complete))
		}
		return fmt.Sprintf("%s; %d policies", strings.Join(out, "; "), res.Summary.Policies)
	}
	want := summary(lint(t, linter.Options{Paths: []string{filepath.Join(dir, "src")}, Rules: rules.All, Principals: true}))
	if want != "aws_iam_role.r [aws_iam_role_policy.p] complete=true; 2 policies" {
		t.Fatalf("HCL twin: %s", want)
	}
	lintBothLoads(t, linter.Options{Paths: []string{filepath.Join(dir, "plan", "plan.json")}, Rules: rules.All, Principals: true}, func(stream bool, res *linter.Result) {
		if got := summary(res); got != want {
			t.Errorf("stream %v: plan %s, want (HCL) %s", stream, got, want)
		}
		for _, n := range res.Notices {
			t.Errorf("stream %v: notice %s", stream, n.Message)
		}
	})
}
