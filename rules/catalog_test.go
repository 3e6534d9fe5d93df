package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

func TestCoversService(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    string
	}{
		{"iam:*", "[iam]"},
		{"IAM:*", "[iam]"},
		{"iam:?*", "[iam]"},
		{"s3:*Object*", "[]"},
		{"iam:*Policy*", "[]"},
		{"ec2:RunInstances", "[]"},
		{"nosuchservice:*", "[]"},
		{"s3:GetObjects", "[]"},
	} {
		if got := fmt.Sprint(coversService(c.pattern)); got != c.want {
			t.Errorf("coversService(%q) = %s, want %s", c.pattern, got, c.want)
		}
	}
	// "*" covers every service; wildcard-action reports it and
	// wildcard-service-action skips it before asking.
	if n := len(coversService("*")); n < 400 {
		t.Errorf("coversService(*) = %d services", n)
	}
}

func TestScopableWriteValue(t *testing.T) {
	for _, c := range []struct {
		action string
		want   bool
	}{
		{"ec2:RunInstances", true},
		{"iam:TagRole", true},               // Tagging
		{"iam:PutRolePolicy", true},         // Permissions management
		{"s3:*", true},                      // contains writes
		{"*", true},                         // contains writes
		{"ec2:Describe*", false},            // List/Read
		{"s3:GetObject", false},             // Read
		{"kms:CreateKey", false},            // Write, resource "*" only
		{"cloudwatch:PutMetricData", false}, // catalog quirk (RULES.md)
		{"organizations:CreateAccount", false},
		{"S3:PUTOBJECT", true},       // any case
		{"s3:PutObjectz", false},     // typo in a known service: unknown-action
		{"newsvc:DeleteThing", true}, // unknown service: heuristic
		{"newsvc:GetThing", false},
	} {
		if got := scopableWriteValue(iam.KnownValueAt(c.action, iam.Value{}.Range)); got != c.want {
			t.Errorf("scopableWriteValue(%q) = %v, want %v", c.action, got, c.want)
		}
	}
	if scopableWriteValue(iam.UnknownValueAt(iam.Value{}.Range)) {
		t.Error("an unknown action counts")
	}
}

func TestUnknownActionMessage(t *testing.T) {
	for _, c := range []struct{ action, want string }{
		{"s3:GetObject", ""},
		{"s3:getobject", ""},
		{"s3:Get*", ""},
		{"s3:GetObjects", `action "s3:GetObjects" matches no s3 action in the AWS action catalog (did you mean "s3:GetObject"?)`},
		{"cognitoidp:*", `action "cognitoidp:*": unknown service prefix "cognitoidp": it matches nothing in the AWS action catalog (did you mean "cognito-idp:*"?)`},
		{"cloudwatchlogs:PutLogEvents", `action "cloudwatchlogs:PutLogEvents": unknown service prefix "cloudwatchlogs": it matches nothing in the AWS action catalog (did you mean "logs:PutLogEvents"?)`},
		{"s4:GetObjectz", `action "s4:GetObjectz": unknown service prefix "s4": it matches nothing in the AWS action catalog (did you mean "s3"?)`},
		{"GetObject", `action "GetObject" has no service prefix (service:Action): it matches nothing`},
		{"*:GetObjectz", `action pattern "*:GetObjectz" matches nothing in the AWS action catalog`},
		{"", "empty action: it matches nothing"},
	} {
		if got := unknownActionMessage(iam.KnownValueAt(c.action, iam.Value{}.Range)); got != c.want {
			t.Errorf("unknownActionMessage(%q) = %q, want %q", c.action, got, c.want)
		}
	}
}

func TestArnProblem(t *testing.T) {
	ok := []string{"*", "arn:aws:s3:::b/*", "arn:aws-us-gov:iam::123456789012:role/x", "arn:*:s3:::x", "arn:aws:s3:*",
		"arn:${aws:partition}:s3:::x", "arn:aws:s3:::home/${aws:username}/*"}
	bad := []string{"", "bucket/*", "arn:aws:s3", "arn::s3:::x", "arn:data.aws_partition.current.partition:s3:::x", "arn:aws::::x", "arn:aws:s3:::"}
	for _, a := range ok {
		if p := arnProblem(a); p != "" {
			t.Errorf("arnProblem(%q) = %q, want none", a, p)
		}
	}
	for _, a := range bad {
		if arnProblem(a) == "" {
			t.Errorf("arnProblem(%q) found no problem", a)
		}
	}
}

func TestValidOperator(t *testing.T) {
	for _, op := range []string{"StringEquals", "stringequals", "ForAnyValue:StringLike", "ForAllValues:StringEqualsIgnoreCase", "BoolIfExists", "Null", "ArnLikeIfExists", "NumericGreaterThanEqualsIfExists"} {
		if !validOperator(op) {
			t.Errorf("validOperator(%q) = false", op)
		}
	}
	for _, op := range []string{"StringEqualz", "StringEquals ", " Bool", "NullIfExists", "ForAnyValue:", "IfExists", "ForEachValue:StringEquals", ""} {
		if validOperator(op) {
			t.Errorf("validOperator(%q) = true", op)
		}
	}
}

// TestTypoSuggestions: the typos a new user makes most (a plural, a missing
// "s", a misspelt prefix, a mistyped letter) get the right suggestion;
// resource-less spellings in any case are not typos.
func TestTypoSuggestions(t *testing.T) {
	for typo, want := range map[string]string{
		"s3:GetObjects":                  `"s3:GetObject"`,
		"ec2:DescribeInstance":           `"ec2:DescribeInstances"`,
		"iam:PassRoles":                  `"iam:PassRole"`,
		"lambda:InvokeFunctions":         `"lambda:InvokeFunction"`,
		"s4:GetObject":                   `"s3:GetObject"`,
		"eventbridge:PutEvents":          `"events:PutEvents"`,
		"stepfunctions:StartExecution":   `"states:StartExecution"`,
		"dynamodb:GetItems":              `"dynamodb:GetItem"`,
		"sts:AssumeRoles":                `"sts:AssumeRole"`,
		"secretsmanager:GetSecretValues": `"secretsmanager:GetSecretValue"`,
		"ec2:RunInstance":                `"ec2:RunInstances"`,
		"cloudwatch:PutMetricsData":      `"cloudwatch:PutMetricData"`,
		"iam:GetRolePolicys":             `"iam:GetRolePolicy"`,
		"ssm:GetParamter":                `"ssm:GetParameter"`,
		"s3 :GetObject":                  `"s3:GetObject"`,
	} {
		got := unknownActionMessage(iam.KnownValueAt(typo, iam.Value{}.Range))
		if !strings.Contains(got, "did you mean "+want+"?") {
			t.Errorf("%s: %q, want a suggestion of %s", typo, got, want)
		}
	}
	for _, ok := range []string{"S3:getobject", "kms:decrypt", "EC2:Describe*", "xray:PutTraceSegments", "ssm:GetParameter*"} {
		if got := unknownActionMessage(iam.KnownValueAt(ok, iam.Value{}.Range)); got != "" {
			t.Errorf("%s: %q, want no finding", ok, got)
		}
	}
}
