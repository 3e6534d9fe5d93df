package linter_test

import (
	"context"
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

// TestCountPastInt64Message: count = 1e400 is too many instances; the error
// says the count as written (1e+400), not the int64 it was clamped to
// (9223372036854775807, a number the user never wrote).
func TestCountPastInt64Message(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  count  = 1e400
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "count is 1e+400, more than the limit of 1024") {
		t.Errorf("errors %+v, want one: count is 1e+400, more than the limit", res.Errors)
	}
	if len(res.Findings) != 1 {
		t.Errorf("findings %+v, want the one instance with an unknown index", res.Findings)
	}
}

// TestPlanMarkedValueNotInMessages: a value the plan marks sensitive in a
// data document read at apply (after_sensitive statement[0].resources[0]:
// the bucket ARN came from a sensitive value) is named by a finding located
// elsewhere (wildcard-principal, at the principal "*", tells the resource it
// opens): the message printed the ARN. Messages of the plan-marked values
// now say "(sensitive)" where the value was, as for sensitive variables;
// loaded whole and streamed.
func TestPlanMarkedValueNotInMessages(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "plan.json", `{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[`+
		`{"address":"data.aws_iam_policy_document.d","mode":"data","type":"aws_iam_policy_document","name":"d","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["read"],"before":null,`+
		`"after":{"statement":[{"actions":["s3:GetObject"],"condition":[],"effect":"Allow","not_actions":null,"not_principals":[],"not_resources":null,"principals":[{"type":"AWS","identifiers":["*"]}],"resources":["arn:aws:s3:::hidden-bucket-42/*"],"sid":"Public"}],"override_json":null,"source_json":null,"policy_id":null,"version":null},`+
		`"after_unknown":{"id":true,"json":true,"minified_json":true},"before_sensitive":false,"after_sensitive":{"statement":[{"resources":[true]}]}}},`+
		`{"address":"aws_s3_bucket_policy.b","mode":"managed","type":"aws_s3_bucket_policy","name":"b","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"bucket":"x"},"after_unknown":{"policy":true,"id":true},"before_sensitive":false,"after_sensitive":{}}}],`+
		`"configuration":{"root_module":{"resources":[`+
		`{"address":"aws_s3_bucket_policy.b","mode":"managed","type":"aws_s3_bucket_policy","name":"b","provider_config_key":"aws","expressions":{"bucket":{"constant_value":"x"},"policy":{"references":["data.aws_iam_policy_document.d.json","data.aws_iam_policy_document.d"]}},"schema_version":0},`+
		`{"address":"data.aws_iam_policy_document.d","mode":"data","type":"aws_iam_policy_document","name":"d","provider_config_key":"aws","expressions":{"statement":[{"resources":{"references":["var.bkt"]}}]},"schema_version":0}]}}}`)
	lintBothLoads(t, linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true}, func(stream bool, res *linter.Result) {
		var wild *linter.Finding
		for i := range res.Findings {
			f := &res.Findings[i]
			if strings.Contains(f.Message, "hidden-bucket-42") {
				t.Errorf("stream %v: %s names the sensitive value: %s", stream, f.Rule, f.Message)
			}
			if f.Rule == "wildcard-principal" {
				wild = f
			}
		}
		if wild == nil || !strings.Contains(wild.Message, `on "(sensitive)"`) {
			t.Errorf("stream %v: wildcard-principal %+v, want it, the value hidden", stream, wild)
		}
		for _, n := range res.Notices {
			if strings.Contains(n.Message, "hidden-bucket-42") {
				t.Errorf("stream %v: notice names the sensitive value: %s", stream, n.Message)
			}
		}
	})
}

// TestHCLSensitiveFunctionHidden: a value marked with sensitive() is, in
// Terraform, as secret as a variable declared sensitive: no message prints
// it. The bucket ARN given through sensitive() was printed by
// wildcard-principal (the variable declared sensitive beside it was not).
func TestHCLSensitiveFunctionHidden(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `locals {
  bucket = sensitive("arn:aws:s3:::hidden-bucket-7/*")
}
variable "other" {
  type      = string
  sensitive = true
  default   = "arn:aws:s3:::hidden-bucket-8/*"
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [local.bucket, var.other]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = "x"
  policy = data.aws_iam_policy_document.d.json
}
`)
	res := lint(t, linter.Options{Paths: []string{dir}, Rules: rules.All})
	found := false
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "hidden-bucket") {
			t.Errorf("%s names a sensitive value: %s", f.Rule, f.Message)
		}
		found = found || f.Rule == "wildcard-principal"
	}
	if !found {
		t.Error("no wildcard-principal finding")
	}
}

// TestHCLSensitiveOutputHidden: a module output declared sensitive is marked
// sensitive where the caller reads it (Terraform prints none of it); the
// ARN a module returned through such an output was printed by
// wildcard-principal.
func TestHCLSensitiveOutputHidden(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `module "m" {
  source = "./m"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = "x"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = [module.m.arn, module.m.open] }] })
}
`)
	writeFile(t, dir, "m/main.tf", `output "arn" {
  value     = "arn:aws:s3:::hidden-bucket-9/*"
  sensitive = true
}
output "open" {
  value = "arn:aws:s3:::shown-bucket/*"
}
`)
	res := lint(t, linter.Options{Paths: []string{dir}, Rules: rules.All})
	found := false
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "hidden-bucket") {
			t.Errorf("%s names a sensitive output: %s", f.Rule, f.Message)
		}
		if f.Rule == "wildcard-principal" {
			found = strings.Contains(f.Message, "shown-bucket")
		}
	}
	if !found {
		t.Error("no wildcard-principal finding naming the output that is not sensitive")
	}
}
