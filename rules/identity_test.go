package rules

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
)

// TestGoldenIdentity runs the golden cases of the identity rules, and checks
// their docs and test data with Validate, independently of rules.All.
func TestGoldenIdentity(t *testing.T) {
	for _, r := range identityRules {
		cases, err := caseDirs(filepath.Join("testdata", r.ID))
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		for _, dir := range cases {
			t.Run(r.ID+"/"+filepath.Base(dir), func(t *testing.T) {
				runGolden(t, r, dir)
			})
		}
	}
}

func TestValidateIdentity(t *testing.T) {
	for _, err := range Validate(identityRules, "testdata") {
		// Validate also lists testdata folders of rules outside this list.
		if r := err.Error(); len(r) > 9 && r[:9] == "testdata/" {
			continue
		}
		t.Error(err)
	}
}

// TestIdentitySeverities checks the severities that the golden annotations
// do not show: an Inactive key is low, an org-wide GitHub subject medium, a
// conditioned escalation high, the rest the rule default.
func TestIdentitySeverities(t *testing.T) {
	cases := []struct {
		rule *linter.Rule
		dir  string
		want map[int]linter.Severity // line -> severity
	}{
		{UserAccessKey, "testdata/user-access-key/ci-user-two-keys", map[int]linter.Severity{5: linter.High, 10: linter.Low}},
		{OIDCTrustUnscoped, "testdata/oidc-trust-unscoped/github-org-wide", map[int]linter.Severity{11: linter.Medium}},
		{OIDCTrustUnscoped, "testdata/oidc-trust-unscoped/github-wildcard", map[int]linter.Severity{16: linter.Critical}},
		{OIDCTrustUnscoped, "testdata/oidc-trust-unscoped/gha-org-wide-document", map[int]linter.Severity{22: linter.Medium}},
		{OIDCTrustUnscoped, "testdata/oidc-trust-unscoped/gha-star-and-missing", map[int]linter.Severity{3: linter.Critical, 17: linter.Critical, 63: linter.Critical}},
		{OIDCTrustUnscoped, "testdata/oidc-trust-unscoped/irsa-cluster-url", map[int]linter.Severity{23: linter.Critical}},
		{OIDCTrustUnscoped, "testdata/oidc-trust-unscoped/circleci-aud-only", map[int]linter.Severity{9: linter.Medium}},
		{UserAccessKey, "testdata/user-access-key/ci-users-count-and-for-each", map[int]linter.Severity{10: linter.High, 19: linter.Low, 24: linter.High}},
		{PrivilegeEscalation, "testdata/privilege-escalation/single-actions", map[int]linter.Severity{9: linter.Critical}},
		{OIDCTrustUnscoped, "testdata/oidc-trust-unscoped/issuer-from-module-output", map[int]linter.Severity{17: linter.Critical, 77: linter.Medium}},
	}
	for _, c := range cases {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{c.dir}, Rules: []*linter.Rule{c.rule}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int]linter.Severity{}
		for _, f := range res.Findings {
			got[f.Range.Start.Line] = f.Severity
		}
		for line, sev := range c.want {
			if got[line] != sev {
				t.Errorf("%s line %d: severity %v, want %v", c.dir, line, got[line], sev)
			}
		}
	}
}

// TestSecretsNeverPrinted checks that no finding message, and no source line
// quoted by the text report, holds more than the first four characters of a
// secret.
func TestSecretsNeverPrinted(t *testing.T) {
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{"testdata/hardcoded-credentials"}, Rules: []*linter.Rule{HardcodedCredentials}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 {
		t.Fatal("no findings")
	}
	var text bytes.Buffer
	if err := report.Text(&text, res, report.Meta{}); err != nil {
		t.Fatal(err)
	}
	secrets := []string{"IOSFODNN7EXAMPLE", "rXUtnFEMI", "2OGYBAH6", "vF1mR7tK", "ABCDEFGHIJ234567",
		"Q4NXZ3L7", "k8Lm2Nq6", "Lq9Vb3Nz", "X5BY3QW2", "W2PL6KX3", "Z9XW3VU7", "m9Nq2Rs8", "k2Lm9Np4", "T5GH7JK2", "Wd3Fe6Rg",
		"Y34FZKBO", "YmF6cXV4", "3kP9sLq2", "St2UvWx4", "QWERTYUIOP", "9nB8vC7x", "ZXCVBNMA", "Yh7Uj9Ik"}
	for _, f := range res.Findings {
		for _, secret := range secrets {
			if strings.Contains(f.Message, secret) {
				t.Errorf("message prints the secret: %s", f.Message)
			}
		}
	}
	for _, secret := range secrets {
		if strings.Contains(text.String(), secret) {
			t.Errorf("text report prints the secret %s...:\n%s", secret, text.String())
		}
	}
}

// TestIdentityMessages checks messages the golden cases do not show: an
// attachment to a principal named by a variable says so (instead of naming no
// principal); a break-glass role (assumed only with MFA) is told how to accept
// the finding; an MFA condition shared by people and a service says to split
// the statement, not to drop the condition.
func TestIdentityMessages(t *testing.T) {
	rules := map[string]*linter.Rule{"testdata/mfa-condition-ineffective/mixed-principals-trust": MFAConditionIneffective}
	for dir, want := range map[string]map[int]string{
		"testdata/mfa-condition-ineffective/mixed-principals-trust": {
			15: "also names a Service principal, which never carries MFA and so can never assume the role through it: move the Service principal",
		},
		"testdata/admin-policy-attached/principal-from-variable": {
			13: "attached to role (name known after apply): attach a policy",
			19: "attached to group (name known after apply): attach a policy",
		},
		"testdata/admin-policy-attached/break-glass-role": {
			34: "attached to role aws_iam_role.break_glass: the role is assumed only with MFA; if it is the break-glass role, accept",
			47: "attached to role aws_iam_role.ops: attach a policy that lists the actions needed",
		},
	} {
		r := AdminPolicyAttached
		if rules[dir] != nil {
			r = rules[dir]
		}
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{r}})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range res.Findings {
			if w := want[f.Range.Start.Line]; !strings.Contains(f.Message, w) {
				t.Errorf("%s:%d: %q does not say %q", dir, f.Range.Start.Line, f.Message, w)
			}
			delete(want, f.Range.Start.Line)
		}
		if len(want) > 0 {
			t.Errorf("%s: no finding on lines %v", dir, want)
		}
	}
}

func TestBlockAddress(t *testing.T) {
	for in, want := range map[string]string{
		"aws_iam_policy.p":          "aws_iam_policy.p",
		`aws_iam_policy.p["a.b"]`:   "aws_iam_policy.p",
		"aws_iam_policy.p[0]":       "aws_iam_policy.p",
		"module.m.aws_iam_policy.p": "aws_iam_policy.p",
		`module.m["x.]y"].module.n[2].data.aws_iam_policy_document.d["k"]`: "data.aws_iam_policy_document.d",
	} {
		if got := blockAddress(in); got != want {
			t.Errorf("blockAddress(%q) = %q, want %q", in, got, want)
		}
	}
}
