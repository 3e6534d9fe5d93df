package rules

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
)

// TestSplitRelated checks the related locations of split-path findings: one
// per contributing statement, at the granting element, naming the policy (and
// the group it comes through); an AWS managed policy's part points at the
// attachment's ARN.
func TestSplitRelated(t *testing.T) {
	cases := map[string]map[string][]string{
		"testdata/privilege-escalation/split-policies": {
			"aws_iam_role.ci": {
				"main.tf:15 iam:PassRole granted here (aws_iam_role_policy.pass)",
				"main.tf:23 ec2:RunInstances granted here (aws_iam_policy.launch)",
			},
			"aws_iam_user.ops": {
				`main.tf:52 iam:Pass* granted here (aws_iam_group_policy.pass, through group "ops")`,
				"main.tf:58 ec2:* granted here (arn:aws:iam::aws:policy/AmazonEC2FullAccess)",
			},
		},
		"testdata/privilege-escalation/split-groups-managed": {
			"aws_iam_user.dev": {
				"main.tf:12 iam:PassRole granted here (aws_iam_user_policy.dev)",
				`main.tf:33 lambda:Create* granted here (aws_iam_group_policy.builders, through group "builders")`,
				`main.tf:41 lambda:InvokeFunction granted here (aws_iam_policy.invoke, through group "runners")`,
			},
			"aws_iam_role.deployer": {
				"main.tf:66 iam:PassRole granted here (aws_iam_role_policy.deployer)",
				"main.tf:55 cloudformation:* granted here (arn:aws:iam::aws:policy/AWSCloudFormationFullAccess)",
			},
		},
	}
	for dir, want := range cases {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{PrivilegeEscalation}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, f := range res.Findings {
			if !strings.Contains(f.Message, "split across") {
				continue
			}
			for _, r := range f.Related {
				got[f.Resource] = append(got[f.Resource], fmt.Sprintf("%s:%d %s", filepath.Base(r.Range.Filename), r.Range.Start.Line, r.Message))
			}
		}
		for res, rel := range want {
			g := got[res]
			for _, w := range rel {
				found := false
				for _, x := range g {
					found = found || x == w
				}
				if !found {
					t.Errorf("%s: %s: no related location %q; have:\n%s", dir, res, w, strings.Join(g, "\n"))
				}
			}
			if len(g) < len(rel) {
				t.Errorf("%s: %s: %d related locations, want at least %d", dir, res, len(g), len(rel))
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: split findings on %d principals, want %d", dir, len(got), len(want))
		}
	}
}
