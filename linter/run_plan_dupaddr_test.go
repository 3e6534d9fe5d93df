package linter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dupAddrPlan lists aws_iam_policy.p three times in resource_changes (one
// line each: lines 3, 4 and 5), and aws_iam_policy.q, which only
// planned_values has, twice (lines 8 and 9).
const dupAddrPlan = `{"format_version": "1.2",
"resource_changes": [
{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p", "change": {"actions": ["create"], "before": null, "after": {"name": "p", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}, "after_unknown": {}}},
{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p", "change": {"actions": ["create"], "before": null, "after": {"name": "p", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}, "after_unknown": {}}},
{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p", "change": {"actions": ["create"], "before": null, "after": {"name": "p", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}, "after_unknown": {}}}
],
"planned_values": {"root_module": {"resources": [
{"address": "aws_iam_policy.q", "mode": "managed", "type": "aws_iam_policy", "name": "q", "values": {"name": "q", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:GetQueueUrl\",\"Resource\":\"*\"}]}"}},
{"address": "aws_iam_policy.q", "mode": "managed", "type": "aws_iam_policy", "name": "q", "values": {"name": "q", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"}}
]}}
}
`

// TestDuplicateAddressModes: every entry of an address listed more than
// once is linted (a finding at each, the wildcard of the second p and of
// the second q included: the second q was dropped in silence), and each
// such address is one notice at its second entry, whether the plan is
// loaded whole, streamed, through windows or from standard input.
func TestDuplicateAddressModes(t *testing.T) {
	name := filepath.Join(t.TempDir(), "dup.json")
	if err := os.WriteFile(name, []byte(dupAddrPlan), 0o600); err != nil {
		t.Fatal(err)
	}
	rule := &Rule{ID: "r", Severity: High, Check: func(p *Pass) {
		for _, d := range p.Model.Documents {
			p.Report(Finding{Rule: "r", Severity: High, Message: "m", Range: d.Range.HCL(), Resource: d.Address})
		}
	}}
	check := func(mode string, opts Options) {
		opts.Rules = []*Rule{rule}
		res, err := Lint(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		var found, notices []string
		for _, f := range res.Findings {
			found = append(found, fmt.Sprintf("%s@%d", f.Resource, f.Range.Start.Line))
		}
		for _, n := range res.Notices {
			if strings.HasPrefix(n.Message, "Duplicate resource address: ") {
				notices = append(notices, fmt.Sprintf("%d:%d %s", n.Line, n.Column, strings.SplitAfter(n.Message, ")")[0]))
			}
		}
		if got, want := strings.Join(found, " "), "aws_iam_policy.p@3 aws_iam_policy.p@4 aws_iam_policy.p@5 aws_iam_policy.q@8 aws_iam_policy.q@9"; got != want {
			t.Errorf("%s: findings %s, want %s", mode, got, want)
		}
		want := "4:2 Duplicate resource address: aws_iam_policy.p appears 3 times in resource_changes (first at 3:2)\n" +
			"9:2 Duplicate resource address: aws_iam_policy.q appears 2 times in planned_values (first at 8:2)"
		if got := strings.Join(notices, "\n"); got != want {
			t.Errorf("%s: notices\n%s\nwant\n%s", mode, got, want)
		}
	}
	forPlanLoadModes(func(mode string) {
		check(mode, Options{Paths: []string{name}})
	})
	check("stdin", Options{Paths: []string{"-"}, Stdin: strings.NewReader(dupAddrPlan)})
}
