package rules

import (
	"fmt"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestPrivilegeEscalationMessages: a grant's finding names its first four
// paths and counts the others, says when a condition lowers it, and points
// at the other grants of a path (each once).
func TestPrivilegeEscalationMessages(t *testing.T) {
	const end = "; scope these actions to specific resources or remove them"
	first4 := "iam:CreatePolicyVersion (new default version of a policy); iam:SetDefaultPolicyVersion (switch a policy to a more permissive version); iam:CreateAccessKey (keys for another user); iam:CreateLoginProfile (console password for another user)"
	for _, c := range []struct {
		json string
		want []string // message, then its related locations as "path: message"
	}{
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, []string{
			`through "*": ` + first4 + " and 36 more" + end}},
		{`{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`, []string{
			`through "iam:*": ` + first4 + " and 11 more (a condition narrows the grant, so severity is lowered to high; check that it really limits the path)" + end}},
		{`{"Statement":[{"Effect":"Allow","Action":["iam:CreatePolicyVersion","iam:CreateAccessKey"],"Resource":"*"}]}`, []string{
			`through "iam:CreatePolicyVersion": iam:CreatePolicyVersion (new default version of a policy)` + end,
			`through "iam:CreateAccessKey": iam:CreateAccessKey (keys for another user)` + end}},
		{`{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"},{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`, []string{
			`through "ec2:RunInstances": iam:PassRole + ec2:RunInstances (new instance with a privileged role)` + end,
			"Statement[0].Action[0]: iam:PassRole granted here",
			`through "lambda:CreateFunction": iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction` + end,
			"Statement[0].Action[3]: lambda:InvokeFunction granted here",
			"Statement[0].Action[0]: iam:PassRole granted here"}},
	} {
		var got []string
		for _, f := range runCheck(PrivilegeEscalation, docFromJSON(t, iam.Identity, c.json)) {
			got = append(got, f.Message)
			for _, r := range f.Related {
				got = append(got, r.Range.Filename+": "+r.Message)
			}
		}
		for i, w := range c.want {
			if len(w) > 0 && w[0] == 't' {
				c.want[i] = "policy grants privilege escalation on unscoped resources " + w
			}
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.json, got, c.want)
		}
	}
}
