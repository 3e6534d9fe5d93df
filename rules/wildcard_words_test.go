package rules

import (
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestWildcardWords checks wild, isStar and isEveryAction on the forms they
// accept (runs of "*", "*:*" with runs on both sides) and on near misses
// (spaces, a "?", an empty side, a service, an unknown value).
func TestWildcardWords(t *testing.T) {
	for _, tc := range []struct {
		text        string
		wild, every bool
	}{
		{"*", true, true},
		{"***", true, true},
		{"*:*", false, true},
		{"**:***", false, true},
		{"", false, false},
		{" *", false, false},
		{"* ", false, false},
		{"*?", false, false},
		{"?", false, false},
		{":*", false, false},
		{"*:", false, false},
		{"*:*:*", false, false},
		{"*:a*", false, false},
		{"s3:*", false, false},
		{"iam:PassRole", false, false},
		{"a*", false, false},
	} {
		v := iam.KnownValue(tc.text, hcl.Range{})
		if got := wild(tc.text); got != tc.wild {
			t.Errorf("wild(%q) = %v", tc.text, got)
		}
		if got := isStar(v); got != tc.wild {
			t.Errorf("isStar(%q) = %v", tc.text, got)
		}
		if got := isEveryAction(v); got != tc.every {
			t.Errorf("isEveryAction(%q) = %v", tc.text, got)
		}
		u := v
		u.Known = false
		if isStar(u) || isEveryAction(u) {
			t.Errorf("unknown %q taken for a wildcard", tc.text)
		}
	}
}
