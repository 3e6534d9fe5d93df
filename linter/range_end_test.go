package linter_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestFindingEndNotBeforeStart: the policy of a jsonencode call left open
// at the end of the file (HCL's parser gives the call the end 0:0) is
// reported with a range that ends where it starts, not at line 0 (found
// by FuzzLintHCL).
func TestFindingEndNotBeforeStart(t *testing.T) {
	dir := t.TempDir()
	src := `resource"aws_iam_policy""A"{policy=jsonencode({StAtement={`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All})
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, f := range res.Findings {
		if f.Rule == "policy-version" {
			seen = true
		}
		if f.Range.End.Line < f.Range.Start.Line || f.Range.End.Byte < f.Range.Start.Byte || f.Range.End.Column < 1 {
			t.Errorf("%s at %+v: ends before it starts", f.Rule, f.Range)
		}
	}
	if !seen {
		t.Errorf("no policy-version finding: %+v", res.Findings)
	}
}
