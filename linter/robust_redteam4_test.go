package linter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestForOverFailedCollectionNoticeOnce: a for expression whose collection
// is a failed function call (range() past Terraform's 1,024 values) gives
// one notice, at the call, and the policy is linted once with an unknown
// key. The for expression was evaluated again by hcl when its collection
// was unknown, which called range() again: two notices for one mistake.
func TestForOverFailedCollectionNoticeOnce(t *testing.T) {
	dir := t.TempDir()
	tf := `resource "aws_iam_policy" "p" {
  for_each = toset([for i in range(2000) : "k${i}"])
  name     = each.key
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	res := lint(t, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
	var got []string
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "range") {
			got = append(got, n.Message)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "more than 1024 values") {
		t.Errorf("notices about range(): %q, want one", got)
	}
	if len(res.Findings) != 1 || res.Findings[0].Resource != "aws_iam_policy.p[*]" {
		t.Errorf("findings %+v, want one wildcard-action on aws_iam_policy.p[*]", res.Findings)
	}
}
