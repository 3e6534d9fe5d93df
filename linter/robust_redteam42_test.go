package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanNumbersPastBigFloat: numbers whose exponent is past big.Float's
// (about 2^±2^31) parse as infinite or as zero. They were read so, in
// silence (1e1000000000 as +Inf: a password length "not a whole number";
// 1e-1000000000 as 0: a password length of 0), while 1e99999999 and
// 1e-99999 failed as out of range (TestPlanHugeNumbers), and
// 1e9999999999 (an exponent past int32) as "invalid number". Now they all
// fail as out of range; zero written as such (0, -0, 0e-1000000000, 0.000)
// is read.
func TestPlanNumbersPastBigFloat(t *testing.T) {
	base := `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"before":null,"after":{"x":NUM,"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}]}`
	for _, num := range []string{"1e1000000000", "-1e1000000000", "1E+9999999999", "1e-1000000000", "-0.5e-9999999999"} {
		dir := t.TempDir()
		file := writeFile(t, dir, "plan.json", strings.Replace(base, "NUM", num, 1))
		res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{file}, Rules: rules.All})
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "number out of range") || res.Errors[0].Column != 185 {
			t.Errorf("%s: errors %+v, want one at column 185 saying number out of range", num, res.Errors)
		}
	}
	dir := t.TempDir()
	file := writeFile(t, dir, "plan.json", strings.Replace(base, "NUM", "[0, -0, 0e-1000000000, 0.000, 0E+9999999999]", 1))
	res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{file}, Rules: rules.All})
	if len(res.Errors) != 0 || len(res.Findings) == 0 {
		t.Errorf("zeros: errors %+v, %d findings", res.Errors, len(res.Findings))
	}

	// The password policy's length: out of range, not "not a whole number".
	pw := `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_account_password_policy.x","mode":"managed","type":"aws_iam_account_password_policy","name":"x","change":{"actions":["create"],"before":null,"after":{"minimum_password_length":1e1000000000},"after_unknown":{}}}]}`
	file = writeFile(t, t.TempDir(), "plan.json", pw)
	res = lintBounded(t, 60*time.Second, linter.Options{Paths: []string{file}, Rules: rules.All})
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "number out of range") {
		t.Errorf("password length: errors %+v", res.Errors)
	}
}
