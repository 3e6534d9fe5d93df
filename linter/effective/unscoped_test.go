package effective

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// unscopedResourceByFields is UnscopedResource written with a split per
// field, as it was before the one-scan version: the reference. IAM does not
// trim a Resource: " ** " is not unscoped (it matches nothing).
func unscopedResourceByFields(t string) bool {
	if t != "" && strings.Trim(t, "*") == "" {
		return true
	}
	if !strings.HasPrefix(t, "arn:") {
		return false
	}
	f := strings.SplitN(t, ":", 6)
	if len(f) < 6 {
		last := f[len(f)-1]
		return last != "" && strings.Trim(last, "*") == ""
	}
	res := f[5]
	if strings.Trim(res, "*") == "" {
		return true
	}
	if i := strings.LastIndexAny(res, "/:"); i >= 0 {
		head, tail := res[:i], res[i+1:]
		return tail != "" && strings.Trim(tail, "*") == "" && !strings.ContainsAny(head, "/:") && !strings.ContainsAny(head, "*?")
	}
	return false
}

func TestUnscopedResourceLikeSplit(t *testing.T) {
	for _, s := range []string{"", "*", " ** ", "arn", "arn:", "arn:aws:s3:::", "arn:aws:s3:::*", "arn:aws:s3:::b", "arn:aws:s3:::b/*",
		"arn:aws:s3:::b/k/*", "arn:aws:iam::*:role/*", "arn:aws:iam::1:role/x", "arn:aws:lambda:*:1:function:*", "arn:aws:lambda:*:1:function:f:*",
		"arn:aws:lambda:*:1:function:f", "arn:aws:iam::1", "arn:aws:iam::1:", "arn:aws:iam::1:*", "arn::::::", "arn:aws:iam::1:role/a*/*",
		"arn:aws:iam::1:role?/*", " arn:aws:iam::1:role/* ", "arn:aws:sqs:us-east-1:1:q", "arn:aws:sqs:us-east-1:1:*",
		"arn:*", "arn:aws:*", "arn:aws:iam::*", "arn:aws:s3*", "arn:aws:iam:*:1", "arn:**"} {
		if got, want := UnscopedResource(iam.KnownValue(s, hcl.Range{})), unscopedResourceByFields(s); got != want {
			t.Errorf("UnscopedResource(%q) = %v, want %v", s, got, want)
		}
	}
}
