package rules

import (
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestUnknownActionMessageMemo: the kept answer for a text is the one
// computed for it, for typos, known actions, long texts and texts with
// white space, asked twice in either order.
func TestUnknownActionMessageMemo(t *testing.T) {
	texts := []string{"s3:GetObjectz", "s3:GetObject", " s3:GetObject", "cloudwatchlogs:PutLogEvents",
		"s3:Get*z", "GetObject", "", strings.Repeat("s3:x", 100), "s3:" + strings.Repeat("a", maxActionPattern+1)}
	for range 2 {
		for _, tx := range texts {
			want := unknownActionText(tx)
			if got := unknownActionMessage(iam.Value{Known: true, Text: tx}); got != want {
				t.Errorf("unknownActionMessage(%q) = %q, want %q", tx, got, want)
			}
		}
	}
	if got := unknownActionMessage(iam.Value{Text: "s3:GetObjectz"}); got != "" {
		t.Errorf("unknown value: %q, want none", got)
	}
	if m, ok := actionMessages.m["s3:GetObjectz"]; !ok || !strings.Contains(m, `did you mean "s3:GetObject"`) {
		t.Errorf("kept answer for s3:GetObjectz = %v, %v", m, ok)
	}
}
