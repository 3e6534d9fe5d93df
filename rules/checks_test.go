package rules

import (
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

func TestCheckWildcardAction(t *testing.T) {
	testRule(t, WildcardAction, []checkCase{
		{"star", "", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"star-colon-star", "", `{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","*:*"],"Resource":"*"}]}`, []string{"Statement[0].Action[1]"}},
		{"two-values", "", `{"Statement":[{"Effect":"Allow","Action":["*","*"],"Resource":"arn:aws:s3:::b"}]}`, []string{"Statement[0].Action[0]", "Statement[0].Action[1]"}},
		{"deny", "", `{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`, nil},
		{"unknown-effect", "", `{"Statement":[{"Action":"*","Resource":"*"}]}`, nil},
		{"effect-unknown-value", "", `{"Statement":[{"Effect":"<unknown>","Action":"*","Resource":"*"}]}`, nil},
		{"unknown-action", "", `{"Statement":[{"Effect":"Allow","Action":"<unknown>","Resource":"*"}]}`, nil},
		{"service", "", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, nil},
		{"not-action", "", `{"Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}`, nil},
		{"resource-policy", iam.Resource, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*","Resource":"*"}]}`, []string{"Statement[0].Action"}},
	})
}

func TestCheckWildcardServiceAction(t *testing.T) {
	testRule(t, WildcardServiceAction, []checkCase{
		{"s3", "", `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, []string{"Statement[0].Action"}},
		{"case", "", `{"Statement":[{"Effect":"Allow","Action":["IAM:*","ec2:DescribeInstances","ecr:**"],"Resource":"*"}]}`, []string{"Statement[0].Action[0]", "Statement[0].Action[2]"}},
		{"partial", "", `{"Statement":[{"Effect":"Allow","Action":["s3:*Object*","s3:Get*"],"Resource":"*"}]}`, nil},
		{"every-action-is-other-rule", "", `{"Statement":[{"Effect":"Allow","Action":["*","*:*"],"Resource":"*"}]}`, nil},
		{"deny", "", `{"Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}`, nil},
		{"unknown", "", `{"Statement":[{"Effect":"Allow","Action":"<unknown>","Resource":"*"}]}`, nil},
		{"wildcard-prefix", "", `{"Statement":[{"Effect":"Allow","Action":"*:Get","Resource":"*"}]}`, nil},
	})
}

func TestCheckWildcardResource(t *testing.T) {
	testRule(t, WildcardResource, []checkCase{
		{"put", "", `{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`, []string{"Statement[0].Resource"}},
		{"service-wildcard", "", `{"Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":["arn:aws:s3:::b","*"]}]}`, []string{"Statement[0].Resource[1]"}},
		{"every-action", "", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, []string{"Statement[0].Resource"}},
		{"service-pattern", "", `{"Statement":[{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::*"}]}`, []string{"Statement[0].Resource"}},
		{"arn-all", "", `{"Statement":[{"Effect":"Allow","Action":"dynamodb:PutItem","Resource":["arn:aws:dynamodb:*:*:*","arn:*"]}]}`, []string{"Statement[0].Resource[0]", "Statement[0].Resource[1]"}},
		{"reads", "", `{"Statement":[{"Effect":"Allow","Action":["ec2:DescribeInstances","s3:GetObject","s3:List*","dynamodb:BatchGetItem"],"Resource":"*"}]}`, nil},
		{"resource-policy", iam.Resource, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`, nil},
		{"trust-policy", iam.Trust, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:TagSession","Resource":"*"}]}`, nil},
		{"resource-less", "", `{"Statement":[{"Effect":"Allow","Action":["cloudwatch:PutMetricData","xray:PutTraceSegments","xray:Put*","s3:ListAllMyBuckets","sts:GetCallerIdentity","ec2:Describe*","kms:CreateKey"],"Resource":"*"}]}`, nil},
		{"scoped", "", `{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b*"]}]}`, nil},
		{"unknown-resource", "", `{"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"<unknown>"}]}`, nil},
		{"unknown-action", "", `{"Statement":[{"Effect":"Allow","Action":"<unknown>","Resource":"*"}]}`, nil},
		{"deny", "", `{"Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}`, nil},
		{"iam-role-pattern", "", `{"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/*"}]}`, nil},
		{"not-action", "", `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`, nil},
	})
}

func TestCheckNotActionAllow(t *testing.T) {
	testRule(t, NotActionAllow, []checkCase{
		{"allow", "", `{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}`, []string{"Statement[0].NotAction"}},
		{"unknown-values", "", `{"Statement":[{"Effect":"Allow","NotAction":"<unknown>","Resource":"*"}]}`, []string{"Statement[0].NotAction"}},
		{"deny", "", `{"Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}`, nil},
		{"action", "", `{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}`, nil},
		{"unknown-effect", "", `{"Statement":[{"Effect":"<unknown>","NotAction":"iam:*","Resource":"*"}]}`, nil},
	})
}

func TestCheckNotResourceAllow(t *testing.T) {
	testRule(t, NotResourceAllow, []checkCase{
		{"allow", "", `{"Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}]}`, []string{"Statement[0].NotResource"}},
		{"deny", "", `{"Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::b/*"}]}`, nil},
		{"resource", "", `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, nil},
	})
}

func TestCheckNotPrincipalAllow(t *testing.T) {
	testRule(t, NotPrincipalAllow, []checkCase{
		{"allow", iam.Resource, `{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, []string{"Statement[0].NotPrincipal"}},
		{"deny", iam.Resource, `{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}`, nil},
		{"principal", iam.Resource, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}`, nil},
	})
}

func TestCheckWildcardPrincipal(t *testing.T) {
	const stmt = `{"Statement":[{"Effect":"Allow","Principal":%s,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"%s}]}`
	pol := func(principal, cond string) string {
		if cond != "" {
			cond = `,"Condition":` + cond
		}
		return strings.Replace(strings.Replace(stmt, "%s", principal, 1), "%s", cond, 1)
	}
	testRule(t, WildcardPrincipal, []checkCase{
		{"bare-star", iam.Resource, pol(`"*"`, ""), []string{"Statement[0].Principal"}},
		{"aws-star", iam.Resource, pol(`{"AWS":["arn:aws:iam::111122223333:root","*"]}`, ""), []string{"Statement[0].Principal.AWS[1]"}},
		{"trust", iam.Trust, pol(`{"AWS":"*"}`, ""), []string{"Statement[0].Principal.AWS"}},
		{"identity-kind", iam.Identity, pol(`"*"`, ""), nil},
		{"scp-kind", iam.SCP, pol(`"*"`, ""), nil},
		{"service-star", iam.Resource, pol(`{"Service":"*"}`, ""), nil},
		{"named", iam.Resource, pol(`{"AWS":"arn:aws:iam::111122223333:root"}`, ""), nil},
		{"unknown-principal", iam.Resource, pol(`{"AWS":"<unknown>"}`, ""), nil},
		{"deny", iam.Resource, `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, nil},
		{"source-arn", iam.Resource, pol(`"*"`, `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"}}`), nil},
		{"source-arn-unknown", iam.Resource, pol(`"*"`, `{"ArnEquals":{"aws:SourceArn":"<unknown>"}}`), nil},
		{"org-id", iam.Resource, pol(`{"AWS":"*"}`, `{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}`), nil},
		{"org-id-any-case", iam.Resource, pol(`{"AWS":"*"}`, `{"stringequals":{"AWS:principalorgid":["o-abc123"]}}`), nil},
		{"source-vpce", iam.Resource, pol(`"*"`, `{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c"}}`), nil},
		{"source-ip", iam.Resource, pol(`"*"`, `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`), nil},
		{"source-ip-all", iam.Resource, pol(`"*"`, `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`), []string{"Statement[0].Principal"}},
		{"kms-caller-account", iam.Resource, pol(`{"AWS":"*"}`, `{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`), nil},
		{"kms-caller-account-only", iam.Resource, pol(`{"AWS":"*"}`, `{"StringEquals":{"kms:CallerAccount":"111122223333"}}`), []string{"Statement[0].Principal.AWS"}},
		{"kms-caller-account-via-service-negated", iam.Resource, pol(`{"AWS":"*"}`, `{"StringEquals":{"kms:CallerAccount":"111122223333"},"StringNotEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`), []string{"Statement[0].Principal.AWS"}},
		{"kms-via-service-only", iam.Resource, pol(`{"AWS":"*"}`, `{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`), []string{"Statement[0].Principal.AWS"}},
		{"unrelated-key", iam.Resource, pol(`"*"`, `{"Bool":{"aws:SecureTransport":"true"}}`), []string{"Statement[0].Principal"}},
		{"wildcard-value", iam.Resource, pol(`"*"`, `{"StringLike":{"aws:PrincipalOrgID":"*"}}`), []string{"Statement[0].Principal"}},
		{"wildcard-account", iam.Resource, pol(`"*"`, `{"StringLike":{"aws:SourceAccount":"1111*"}}`), []string{"Statement[0].Principal"}},
		{"wildcard-arn-account", iam.Resource, pol(`"*"`, `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}`), []string{"Statement[0].Principal"}},
		{"arn-pattern-fixed-account", iam.Resource, pol(`"*"`, `{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::*"}}`), []string{"Statement[0].Principal"}},
		{"arn-pattern-ok", iam.Resource, pol(`"*"`, `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`), nil},
		{"one-wild-value", iam.Resource, pol(`"*"`, `{"StringEquals":{"aws:SourceAccount":["111122223333","*"]}}`), []string{"Statement[0].Principal"}},
		{"negated", iam.Resource, pol(`"*"`, `{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}`), []string{"Statement[0].Principal"}},
		{"if-exists", iam.Resource, pol(`"*"`, `{"StringEqualsIfExists":{"aws:SourceAccount":"111122223333"}}`), []string{"Statement[0].Principal"}},
		{"null-op", iam.Resource, pol(`"*"`, `{"Null":{"aws:SourceArn":"false"}}`), []string{"Statement[0].Principal"}},
		{"for-any-value", iam.Resource, pol(`"*"`, `{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-abc/r-ab12/ou-ab12-11111111/*"}}`), nil},
		{"org-paths-wild", iam.Resource, pol(`"*"`, `{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-*/*"}}`), []string{"Statement[0].Principal"}},
		{"unknown-key", iam.Resource, pol(`"*"`, `{"StringEquals":{"<unknown>":"x"}}`), []string{"Statement[0].Principal"}},
		{"unknown-operator", iam.Resource, pol(`"*"`, `{"<unknown>":{"aws:SourceAccount":"111122223333"}}`), nil},
	})
}

func TestMessages(t *testing.T) {
	for _, c := range []struct {
		r    func() []string
		want string
	}{
		{func() []string {
			return msgs(runCheck(WildcardAction, docFromJSON(t, iam.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)))
		}, `statement grants every action ("*") on every resource`},
		{func() []string {
			return msgs(runCheck(WildcardAction, docFromJSON(t, iam.Identity, `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}`)))
		}, `statement grants every action ("*") on "arn:aws:s3:::b", narrowed by a condition on aws:RequestedRegion`},
		{func() []string {
			return msgs(runCheck(WildcardServiceAction, docFromJSON(t, iam.Identity, `{"Statement":[{"Effect":"Allow","Action":"S3:*","Resource":"<unknown>"}]}`)))
		}, `statement grants every s3 action ("S3:*") on (known after apply)`},
		{func() []string {
			return msgs(runCheck(WildcardResource, docFromJSON(t, iam.Identity, `{"Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"*"}]}`)))
		}, `statement grants "s3:PutObject" on every resource ("*")`},
		{func() []string {
			return msgs(runCheck(WildcardPrincipal, docFromJSON(t, iam.Resource, `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`)))
		}, `statement allows every principal ("*") to call "s3:GetObject" on "arn:aws:s3:::b/*"; its conditions on aws:SecureTransport do not limit who may call`},
		// A look-alike letter in a Resource that is no ARN (a Cyrillic а
		// in "arn", a full-width ＊): escaped, with what it looks like.
		// Printed as written, "аrn:aws:s3:::b/*" is not an ARN read as
		// nonsense.
		{func() []string {
			return msgs(runCheck(PolicyInvalid, docFromJSON(t, iam.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"\u0430rn:aws:s3:::b/*"}]}`)))
		}, `Resource "\u0430rn:aws:s3:::b/*" is not an ARN (arn:partition:service:region:account:resource) nor "*" (did you mean "arn:aws:s3:::b/*"?); it holds characters that are not ASCII, escaped here (a look-alike letter, an invisible space), which no AWS name holds`},
		{func() []string {
			return msgs(runCheck(PolicyInvalid, docFromJSON(t, iam.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"\uff0a"}]}`)))
		}, `Resource "\uff0a" is not an ARN (arn:partition:service:region:account:resource) nor "*" (did you mean "*"?); it holds characters that are not ASCII, escaped here (a look-alike letter, an invisible space), which no AWS name holds`},
		// A misspelt condition operator gets the operator it is closest to,
		// with its prefix and IfExists as written.
		{func() []string {
			return msgs(runCheck(PolicyInvalid, docFromJSON(t, iam.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEqulas":{"aws:SourceVpc":"vpc-1"}}}]}`)))
		}, `unknown condition operator "StringEqulas" (did you mean "StringEquals"?): IAM rejects the policy (see the condition operator reference)`},
		{func() []string {
			return msgs(runCheck(PolicyInvalid, docFromJSON(t, iam.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"ForAnyValue:StringLkeIfExists":{"aws:TagKeys":"a"}}}]}`)))
		}, `unknown condition operator "ForAnyValue:StringLkeIfExists" (did you mean "ForAnyValue:StringLikeIfExists"?): IAM rejects the policy (see the condition operator reference)`},
		{func() []string {
			return msgs(runCheck(PolicyInvalid, docFromJSON(t, iam.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"NullIfExists":{"aws:TagKeys":"true"}}}]}`)))
		}, `unknown condition operator "NullIfExists" (did you mean "Null"?): IAM rejects the policy (see the condition operator reference)`},
		{func() []string {
			return msgs(runCheck(PolicyInvalid, docFromJSON(t, iam.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"Whatever":{"aws:TagKeys":"true"}}}]}`)))
		}, `unknown condition operator "Whatever": IAM rejects the policy (see the condition operator reference)`},
		// Not a look-alike: as written.
		{func() []string {
			return msgs(runCheck(PolicyInvalid, docFromJSON(t, iam.Identity, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"bucket/фото"}]}`)))
		}, `Resource "bucket/фото" is not an ARN (arn:partition:service:region:account:resource) nor "*"`},
	} {
		got := c.r()
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("messages %q, want [%q]", got, c.want)
		}
	}
}

func msgs(fs []linter.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return out
}
