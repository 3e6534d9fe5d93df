package linter

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestDedupeKeepsDistinctBlocks(t *testing.T) {
	r := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 3, Column: 5, Byte: 40}, End: hcl.Pos{Line: 3, Column: 8, Byte: 43}}
	fs := []Finding{
		// One local used by two queues: both queues are open.
		{Rule: "star", Range: r, Message: "m", Resource: "aws_sqs_queue.a", Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: "aws_sqs_queue.b", Severity: High},
		// Instances of one block: the element is written once.
		{Rule: "star", Range: r, Message: "m", Resource: `aws_iam_policy.p["x"]`, Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: `aws_iam_policy.p["y"]`, Severity: High},
	}
	out := dedupe(fs)
	var got []string
	for _, f := range out {
		got = append(got, f.Resource)
	}
	want := `aws_sqs_queue.a aws_sqs_queue.b aws_iam_policy.p["x"]`
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestDedupeTwoModuleCalls(t *testing.T) {
	r := hcl.Range{Filename: "modules/x/main.tf", Start: hcl.Pos{Line: 3, Column: 5, Byte: 40}, End: hcl.Pos{Line: 3, Column: 8, Byte: 43}}
	fs := []Finding{
		{Rule: "star", Range: r, Message: "m", Resource: "aws_iam_policy.p", Severity: High}, // the module dir on its own
		{Rule: "star", Range: r, Message: "m", Resource: "module.api.aws_iam_policy.p", Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: "module.worker.aws_iam_policy.p", Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: `module.each["a"].aws_iam_policy.p`, Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: `module.each["b"].aws_iam_policy.p`, Severity: High},
	}
	out := dedupe(fs)
	var got []string
	for _, f := range out {
		got = append(got, f.Resource)
	}
	want := `module.api.aws_iam_policy.p module.worker.aws_iam_policy.p module.each["a"].aws_iam_policy.p`
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestStripInstanceKeys(t *testing.T) {
	for in, want := range map[string]string{
		`aws_iam_policy.p`:                         `aws_iam_policy.p`,
		`aws_iam_policy.p[0]`:                      `aws_iam_policy.p`,
		`module.m["a]b"].aws_iam_policy.p["k\"]"]`: `module.m.aws_iam_policy.p`,
		`module.m[*].x.y[*]`:                       `module.m.x.y`,
	} {
		if got := stripInstanceKeys(in); got != want {
			t.Errorf("stripInstanceKeys(%q) = %q, want %q", in, got, want)
		}
	}
}
