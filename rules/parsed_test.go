package rules

import (
	"fmt"
	"sort"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestChecksOnParsedJSON runs every rule on documents built by the iam
// package's own parser (iam.ParseJSON + iam.FromTree), and checks the line of
// each finding.
func TestChecksOnParsedJSON(t *testing.T) {
	cases := []struct {
		kind iam.Kind
		src  string
		want []string // "line rule-id", sorted
	}{
		{iam.Identity, `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Allow",
     "Action": ["s3:*", "s3:GetObject"],
     "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
    {"Effect": "Allow",
     "NotAction": "iam:*",
     "NotResource": "arn:aws:s3:::x"},
    {"Effect": "Allow", "Action": "ec2:TerminateInstances",
     "Resource": "*"}
  ]
}`, []string{"10 not-action-allow", "11 not-resource-allow", "13 wildcard-resource", "4 passrole-wildcard",
			"4 privilege-escalation", "4 wildcard-action", "4 wildcard-resource", "6 wildcard-service-action"}},
		{iam.Resource, `{
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
     "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}},
    {"Effect": "Allow",
     "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root",
      "*"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
     "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}}
  ]
}`, []string{"1 policy-version", "10 wildcard-principal", "3 wildcard-principal", "7 not-principal-allow"}},
	}
	for i, c := range cases {
		tree, diags := iam.ParseJSON([]byte(c.src), iam.FileMapper("policy.json", []byte(c.src)))
		if diags.HasErrors() {
			t.Fatalf("case %d: %v", i, diags)
		}
		doc, diags := iam.FromTree(tree, c.kind)
		if diags.HasErrors() || doc == nil {
			t.Fatalf("case %d: %v", i, diags)
		}
		var got []string
		for _, r := range All {
			r.Check(linter.NewPass(r, &iam.Model{Documents: []*iam.Document{doc}}, func(f linter.Finding) {
				got = append(got, fmt.Sprintf("%d %s", f.Range.Start.Line, f.Rule))
			}))
		}
		sort.Strings(got)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("case %d: findings\n %q\nwant\n %q", i, got, c.want)
		}
	}
}
