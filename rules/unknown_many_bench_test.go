package rules

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// TestUnknownActionTypoMessages: the messages (and their suggestions) for
// common typos, as they were before closestAction compared the catalog's
// lower-case names after a bag-distance bound and expandPattern stopped
// keeping texts that name no action.
func TestUnknownActionTypoMessages(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"s3:GetObjects", "action \"s3:GetObjects\" matches no s3 action in the AWS action catalog (did you mean \"s3:GetObject\"?)"},
		{"s3:getobjet", "action \"s3:getobjet\" matches no s3 action in the AWS action catalog (did you mean \"s3:GetObject\"?)"},
		{"S3:PutObjct", "action \"S3:PutObjct\" matches no s3 action in the AWS action catalog (did you mean \"s3:PutObject\"?)"},
		{"iam:PassRoles", "action \"iam:PassRoles\" matches no iam action in the AWS action catalog (did you mean \"iam:PassRole\"?)"},
		{"ec2:DescribeInstance", "action \"ec2:DescribeInstance\" matches no ec2 action in the AWS action catalog (did you mean \"ec2:DescribeInstances\"?)"},
		{"kms:Decript", "action \"kms:Decript\" matches no kms action in the AWS action catalog (did you mean \"kms:Decrypt\"?)"},
		{"sts:AssumeRol", "action \"sts:AssumeRol\" matches no sts action in the AWS action catalog (did you mean \"sts:AssumeRole\"?)"},
		{"lambda:InvokeFuntion", "action \"lambda:InvokeFuntion\" matches no lambda action in the AWS action catalog (did you mean \"lambda:InvokeFunction\"?)"},
		{"dynamodb:GetItems", "action \"dynamodb:GetItems\" matches no dynamodb action in the AWS action catalog (did you mean \"dynamodb:GetItem\"?)"},
		{"logs:PutLogEvent", "action \"logs:PutLogEvent\" matches no logs action in the AWS action catalog (did you mean \"logs:PutLogEvents\"?)"},
		{"cloudwatchlogs:PutLogEvents", "action \"cloudwatchlogs:PutLogEvents\": unknown service prefix \"cloudwatchlogs\": it matches nothing in the AWS action catalog (did you mean \"logs:PutLogEvents\"?)"},
		{"s3:Nope000001", "action \"s3:Nope000001\" matches no s3 action in the AWS action catalog"},
		{"sqs:SendMesage", "action \"sqs:SendMesage\" matches no sqs action in the AWS action catalog (did you mean \"sqs:SendMessage\"?)"},
		{"ec2:RunInstance", "action \"ec2:RunInstance\" matches no ec2 action in the AWS action catalog (did you mean \"ec2:RunInstances\"?)"},
		{"s4:GetObject", "action \"s4:GetObject\": unknown service prefix \"s4\": it matches nothing in the AWS action catalog (did you mean \"s3:GetObject\"?)"},
		{"iam:CreateUsr", "action \"iam:CreateUsr\" matches no iam action in the AWS action catalog (did you mean \"iam:CreateUser\"?)"},
		{"secretsmanager:GetSecretValu", "action \"secretsmanager:GetSecretValu\" matches no secretsmanager action in the AWS action catalog (did you mean \"secretsmanager:GetSecretValue\"?)"},
	} {
		if got := unknownActionText(c.text); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

// manyActionsModel returns the model of a .tf file of one managed policy
// whose one statement lists n actions named by action(i).
func manyActionsModel(tb testing.TB, n int, action func(i int) string) *iam.Model {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("resource \"aws_iam_policy\" \"p\" {\n  name = \"p\"\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [{\n      Effect = \"Allow\"\n      Resource = \"*\"\n      Action = [\n")
	for i := range n {
		sb.WriteString("        \"" + action(i) + "\",\n")
	}
	sb.WriteString("      ]\n    }]\n  })\n}\n")
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(sb.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: extract.Renderers()})
	m, _ := extract.Extract(res)
	if m == nil || len(m.Documents) != 1 {
		tb.Fatal("no model of one policy")
	}
	return m
}

func benchActions() int {
	if n, err := strconv.Atoi(os.Getenv("IAMLINT_BENCH_ACTIONS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// BenchmarkUnknownActionsMany runs every rule over one statement of
// IAMLINT_BENCH_ACTIONS (default 100,000) distinct unknown actions
// ("s3:Nope000000", ...), the memo of unknown-action's messages emptied
// before each run, and reports ms/<rule-id> for the costliest rules.
func BenchmarkUnknownActionsMany(b *testing.B) {
	m := manyActionsModel(b, benchActions(), func(i int) string { return "s3:Nope" + strconv.Itoa(1_000_000 + i)[1:] })
	benchManyRules(b, m)
}

// BenchmarkKnownActionCopies is BenchmarkUnknownActionsMany for copies of
// "s3:GetObject".
func BenchmarkKnownActionCopies(b *testing.B) {
	m := manyActionsModel(b, benchActions(), func(int) string { return "s3:GetObject" })
	benchManyRules(b, m)
}

func benchManyRules(b *testing.B, m *iam.Model) {
	findings := 0
	for b.Loop() {
		b.StopTimer()
		actionMessages = textMemo[string]{}
		b.StartTimer()
		for _, r := range All {
			r.Check(linter.NewPass(r, m, func(linter.Finding) { findings++ }))
		}
	}
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
}
