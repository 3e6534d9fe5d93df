package linter_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// unreadPlan has tags and tags_all on IAM resources in every form: known,
// unknown (left out of after, or marked), sensitive, holding a credential
// (found in the plan's text) and a policy-like text, beside a nested tags
// member (kept) and unknown managed policy lists; and the other attributes
// the runner leaves out (a description holding a credential), with
// unknown attributes left out of after (a role's computed inline_policy
// and managed_policy_arns, a policy's unknown policy, an attachment's
// unknown policy_arn).
const unreadPlan = `{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["create"],"before":null,
 "after":{"name":"r","tags":{"team":"a","doc":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}","key":"AKIAIOSFODNN7EXAMPLE"},
  "assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}",
  "inline_policy":[{"name":"p1","tags":{"x":"y"},"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}]},
 "after_unknown":{"arn":true,"tags_all":true,"managed_policy_arns":true},"after_sensitive":{"tags":{"key":true}}}},
{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["update"],"before":{"name":"p","tags":{}},
 "after":{"name":"p","tags":{"t":"1"},"tags_all":{"t":"1","default":"x"},"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"},
 "after_unknown":{"id":true,"tags":{"u":true}}}},
{"address":"aws_iam_role.s","mode":"managed","type":"aws_iam_role","name":"s","change":{"actions":["create"],"before":null,
 "after":{"name":"s","description":"key AKIAIOSFODNN7EXAMPL2 {\"Statement\":[]}","max_session_duration":3600,"force_detach_policies":false,
  "assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"},
 "after_unknown":{"arn":true,"id":true,"unique_id":true,"create_date":true,"inline_policy":true,"managed_policy_arns":true}}},
{"address":"aws_iam_policy.q","mode":"managed","type":"aws_iam_policy","name":"q","change":{"actions":["create"],"before":null,
 "after":{"name":"q","description":"d"},"after_unknown":{"arn":true,"id":true,"policy":true,"policy_id":true}}},
{"address":"aws_iam_role_policy_attachment.x","mode":"managed","type":"aws_iam_role_policy_attachment","name":"x","change":{"actions":["create"],"before":null,
 "after":{"role":"s"},"after_unknown":{"id":true,"policy_arn":true}}},
{"address":"aws_iam_user.u","mode":"managed","type":"aws_iam_user","name":"u","change":{"actions":["create"],"before":null,
 "after":{"name":"u","tags":null},"after_unknown":{"tags_all":{"k":true}}}},
{"address":"aws_iam_user_policy_attachment.a","mode":"managed","type":"aws_iam_user_policy_attachment","name":"a","change":{"actions":["create"],"before":null,
 "after":{"user":"u","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess","tags":{"a":"b"}},"after_unknown":{"id":true}}}
],
"prior_state":{"values":{"root_module":{"resources":[{"address":"data.aws_iam_role.d","mode":"data","type":"aws_iam_role","name":"d",
 "values":{"name":"d","tags":{"team":"b"},"assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]}"}}]}}}}`

// TestPlanUnreadSameReport lints every plan of the test data and the
// corpus, and one with tags in every form, with the attributes the runner
// leaves out of a plan's bodies (tags, tags_all; then all it leaves out by
// default, with plan.Options.DeriveUnknown) left out and kept, whole and
// streamed: the reports are the same.
func TestPlanUnreadSameReport(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "plans", "*", "*.json"))
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "plans", "*", "*.json"))
	paths = append(paths, corpus...)
	tags := filepath.Join(t.TempDir(), "tags.json")
	if err := os.WriteFile(tags, []byte(unreadPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, tags)
	defer linter.SetPlanDeriveUnknown(false)()
	out := func(p string, unread func(string) bool, streamMin int, newOnly bool) string {
		defer linter.SetPlanUnread(unread)()
		defer linter.SetPlanStream(streamMin, 7)()
		return jsonAndText(t, linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true, NewOnly: newOnly})
	}
	for _, p := range paths {
		if filepath.Base(p) == "SOURCE.json" || (raceEnabled && p != tags) {
			continue
		}
		want := out(p, nil, math.MaxInt, false)
		if p == tags && (!bytes.Contains([]byte(want), []byte("hardcoded-credentials")) || !bytes.Contains([]byte(want), []byte("aws_iam_role.r"))) {
			t.Fatalf("%s: the report does not have the findings the test is about:\n%s", p, want)
		}
		for _, streamMin := range []int{math.MaxInt, 0} {
			if got := out(p, func(a string) bool { return a == "tags" || a == "tags_all" }, streamMin, false); got != want {
				t.Errorf("%s (streamed %v): tags left out, the report differs:\n%s\nwant\n%s", p, streamMin == 0, got, want)
			}
			// What the runner leaves out by default, and the unknown
			// attributes missing from after without a Node of their own.
			restore := linter.SetPlanDeriveUnknown(true)
			got := out(p, linter.PlanUnreadDefault, streamMin, false)
			restore()
			if got != want {
				t.Errorf("%s (streamed %v): default attributes left out, unknowns derived, the report differs:\n%s\nwant\n%s", p, streamMin == 0, got, want)
			}
		}
		// --new-only compares the bodies: nothing is left out.
		if got, want := out(p, func(string) bool { return true }, math.MaxInt, true), out(p, nil, math.MaxInt, true); got != want {
			t.Errorf("%s: --new-only with every attribute unread, the report differs:\n%s\nwant\n%s", p, got, want)
		}
	}
}

// policyOnlyPlan has resources whose values the runner reads only for
// their policy (S3 buckets, an SQS queue, a KMS key, an SNS topic) with
// other attributes in every form beside it (nested blocks, unknown ones,
// left out of after or marked, sensitive, null, holding a credential or
// a policy-like text), a policy known, unknown, null, absent and from a
// data document, and the types beside them that are read more widely (an
// organizations policy, a Lambda permission, IAM).
const policyOnlyPlan = `{"format_version":"1.2","resource_changes":[
{"address":"aws_s3_bucket.a","mode":"managed","type":"aws_s3_bucket","name":"a","change":{"actions":["create"],"before":null,
 "after":{"bucket":"a","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
  "versioning":[{"enabled":true}],"website":[{"index_document":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}],"force_destroy":false,"key":"AKIAZ7Q3J5K2M4N6P8R5","n":1e30},
 "after_unknown":{"id":true,"arn":true,"versioning":[{"mfa_delete":true}]},"after_sensitive":{"key":true}}},
{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","change":{"actions":["create"],"before":null,
 "after":{"bucket":"b"},"after_unknown":{"policy":true,"id":true}}},
{"address":"aws_s3_bucket.c","mode":"managed","type":"aws_s3_bucket","name":"c","change":{"actions":["update"],"before":{"bucket":"c","policy":null},
 "after":{"bucket":"c","policy":null,"acl":"private"},"after_unknown":{}}},
{"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q","change":{"actions":["create"],"before":null,
 "after":{"name":"q","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}",
  "redrive_policy":"{\"deadLetterTargetArn\":\"x\",\"maxReceiveCount\":4}","tags":{"t":"1"}},"after_unknown":{"arn":true,"url":true}}},
{"address":"aws_kms_key.k","mode":"managed","type":"aws_kms_key","name":"k","change":{"actions":["create"],"before":null,
 "after":{"description":"k","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"},
 "after_unknown":{"arn":true,"key_id":true}}},
{"address":"aws_sns_topic.t","mode":"managed","type":"aws_sns_topic","name":"t","change":{"actions":["create"],"before":null,
 "after":{"name":"t"},"after_unknown":{"arn":true,"policy":true}}},
{"address":"aws_organizations_policy.o","mode":"managed","type":"aws_organizations_policy","name":"o","change":{"actions":["create"],"before":null,
 "after":{"name":"o","type":"SERVICE_CONTROL_POLICY","content":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{"id":true}}},
{"address":"aws_lambda_permission.l","mode":"managed","type":"aws_lambda_permission","name":"l","change":{"actions":["create"],"before":null,
 "after":{"action":"lambda:InvokeFunction","function_name":"f","principal":"*","statement_id":"s"},"after_unknown":{"id":true}}},
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["create"],"before":null,
 "after":{"name":"r","assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}"},
 "after_unknown":{"arn":true}}}
],
"planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.p","mode":"managed","type":"aws_s3_bucket","name":"p",
 "values":{"bucket":"p","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}","grant":[{"id":"x"}]}}]}},
"configuration":{"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b",
 "expressions":{"bucket":{"constant_value":"b"},"policy":{"references":["data.aws_iam_policy_document.d.json","data.aws_iam_policy_document.d"]}}}]}}}`

// TestPlanUnreadOfSameReport lints every plan of the test data and the
// corpus, a generated one, and one with resource policies in every form,
// with the attributes of the types read only for their policy
// (extract.PolicyAttrs) left out and kept, whole and streamed: the
// reports are the same.
func TestPlanUnreadOfSameReport(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "plans", "*", "*.json"))
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "plans", "*", "*.json"))
	paths = append(paths, corpus...)
	dir := t.TempDir()
	own := filepath.Join(dir, "policies.json")
	if err := os.WriteFile(own, []byte(policyOnlyPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 1<<20); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(dir, "gen.json")
	if err := os.WriteFile(gen, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, own, gen)
	out := func(p string, unreadOf func(string) func(string) bool, streamMin int) string {
		defer linter.SetPlanUnreadOf(unreadOf)()
		defer linter.SetPlanStream(streamMin, 3)()
		return jsonAndText(t, linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true})
	}
	for _, p := range paths {
		if filepath.Base(p) == "SOURCE.json" || (raceEnabled && p != own) {
			continue
		}
		want := out(p, nil, math.MaxInt)
		if p == own {
			for _, s := range []string{"aws_s3_bucket.a", "aws_sqs_queue.q", "aws_kms_key.k", "aws_s3_bucket.p", "hardcoded-credentials", "aws_s3_bucket.b"} {
				if !strings.Contains(want, s) {
					t.Fatalf("%s: the report does not have %s, which the test is about:\n%s", p, s, want)
				}
			}
		}
		for _, streamMin := range []int{math.MaxInt, 0} {
			if got := out(p, linter.PolicyOnly, streamMin); got != want {
				t.Errorf("%s (streamed %v): other attributes left out, the report differs:\n%s\nwant\n%s", p, streamMin == 0, got, want)
			}
		}
	}
}
