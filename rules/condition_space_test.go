package rules

import (
	"fmt"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestConditionWhiteSpace: IAM does not trim a condition operator or key.
// "StringEquals " is reported as an operator with white space around it
// (not as an unknown operator with no hint), " aws:SourceArn" as a key no
// request carries; neither pins a grant to everyone, and "StringLike "
// does not scope a web-identity trust.
func TestConditionWhiteSpace(t *testing.T) {
	for _, c := range []struct {
		json string
		want []string // policy-invalid messages
	}{
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals ":{"aws:PrincipalOrgID":"o-abc1234567"}}}]}`, []string{
			`condition operator "StringEquals " has white space around it, which IAM does not trim: it is an unknown operator and IAM rejects the policy (did you mean "StringEquals"?)`}},
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"\tForAnyValue:StringLike":{"aws:PrincipalOrgID":"o-abc1234567"}}}]}`, []string{
			`condition operator "\tForAnyValue:StringLike" has white space around it, which IAM does not trim: it is an unknown operator and IAM rejects the policy (did you mean "ForAnyValue:StringLike"?)`}},
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{" aws:PrincipalOrgID":"o-abc1234567"}}}]}`, []string{
			`condition key " aws:PrincipalOrgID" has white space around it, which IAM does not trim: it is not "aws:PrincipalOrgID" but a key no request carries, so the condition does not test what it names (did you mean "aws:PrincipalOrgID"?)`}},
		// A misspelt operator with a space keeps its usual message.
		{`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEqual ":{"aws:PrincipalOrgID":"o-abc1234567"}}}]}`, []string{
			`unknown condition operator "StringEqual " (did you mean "StringEquals"?): IAM rejects the policy (see the condition operator reference)`}},
	} {
		d := docFromJSON(t, iam.Resource, c.json)
		var got []string
		for _, f := range runCheck(PolicyInvalid, d) {
			got = append(got, f.Message)
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.json, got, c.want)
		}
		if fs := runCheck(WildcardPrincipal, d); len(fs) != 1 {
			t.Errorf("%s: wildcard-principal reported %d findings, want 1 (the condition pins nothing)", c.json, len(fs))
		}
	}
	for _, op := range []string{"StringEquals ", " StringLike", "StringLikeX", "ForAnyValue:StringEqualsIgnoreCase\n"} {
		if scoping(iam.Condition{Operator: iam.KnownValueAt(op, iam.Range{})}) {
			t.Errorf("scoping(%q) = true, want false", op)
		}
	}
	for _, op := range []string{"StringEquals", "stringlike", "ForAnyValue:StringEqualsIgnoreCase", "StringLikeIfExists"} {
		if !scoping(iam.Condition{Operator: iam.KnownValueAt(op, iam.Range{})}) {
			t.Errorf("scoping(%q) = false, want true", op)
		}
	}
}

// TestConditionBlankKey: a condition key "" or " " is a key no request
// carries: policy-invalid at the key (once each), and the messages that list
// a statement's condition keys show it quoted rather than as nothing ("on ,
// , aws:SecureTransport"). A module's own document (Standalone: its callers'
// instances are judged) does not get the finding.
func TestConditionBlankKey(t *testing.T) {
	const doc = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"":"x"," ":"y","aws:SecureTransport":"true"},"StringLike":{"":"z"}}}]}`
	d := docFromJSON(t, iam.Resource, doc)
	want := []string{
		`condition key "" is empty: no request carries it, so the condition does not test anything it names; write the key it should test (aws:SourceArn, aws:PrincipalOrgID, ...)`,
		`condition key " " is blank (white space only): no request carries it, so the condition does not test anything it names; write the key it should test (aws:SourceArn, aws:PrincipalOrgID, ...)`,
		`condition key "" is empty: no request carries it, so the condition does not test anything it names; write the key it should test (aws:SourceArn, aws:PrincipalOrgID, ...)`,
	}
	if got := msgs(runCheck(PolicyInvalid, d)); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("policy-invalid:\n got %q\nwant %q", got, want)
	}
	wantWP := []string{`statement allows every principal ("*") to call "s3:GetObject" on "arn:aws:s3:::b/*"; its conditions on "", " ", aws:SecureTransport do not limit who may call`}
	if got := msgs(runCheck(WildcardPrincipal, d)); fmt.Sprintf("%q", got) != fmt.Sprintf("%q", wantWP) {
		t.Errorf("wildcard-principal:\n got %q\nwant %q", got, wantWP)
	}
	d.Standalone = true
	if got := msgs(runCheck(PolicyInvalid, d)); len(got) != 0 {
		t.Errorf("policy-invalid on a Standalone document: %q, want none", got)
	}
	for k, want := range map[string]string{"": `""`, " ": `" "`, " aws:SourceArn": `" aws:SourceArn"`, "aws:SourceArn": `aws:SourceArn`} {
		if got := keyName(k); got != want {
			t.Errorf("keyName(%q) = %s, want %s", k, got, want)
		}
	}
}
