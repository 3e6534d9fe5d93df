package suppress

import "testing"

func TestUnread(t *testing.T) {
	for src, want := range map[string]int{
		// "/*" in a string before the comment: the span from it covers the comment.
		"r = \"arn:aws:s3:::b/*\"\n/*\n# iamlint:ignore wildcard-resource -- x\n*/\n": 1,
		"/*\n * checkov:skip=CKV_AWS_63: old\n * trivy:ignore:AVD-AWS-0057\n */\n":    2,
		"/* iamlint:ignore wildcard-resource -- one line */\n":                        0,
		"/*\n iamlint is great\n*/\n":                                                 0,
		"x = \"a/*\"\n# iamlint:ignore wildcard-resource -- x\ny = \"*/\"\n":          0,
		"/*\n iamlint:ignore wildcard-resource -- not terminated\n":                   0,
	} {
		if got := Unread("main.tf", []byte(src)); len(got) != want {
			t.Errorf("Unread(%q) = %v, want %d notices", src, got, want)
		}
	}
	js := `{"//": "a", "resource": {"x": {"y": {"//": "iamlint:ignore wildcard-resource -- r", "z": [{"//": "tfsec:ignore:aws-iam-no-policy-wildcards"}]}}}}`
	if got := Unread("main.tf.json", []byte(js)); len(got) != 2 {
		t.Errorf("Unread(json) = %v, want 2 notices", got)
	}
	if got := Unread("plan.json", []byte(js)); len(got) != 0 {
		t.Errorf("Unread(plan.json) = %v, want none", got)
	}
}
