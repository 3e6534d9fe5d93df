package linter_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// BenchmarkLintRealCorpus lints ../shared/corpus/real (about 1,250 .tf files
// from public repositories) end to end, as `iamlint ../shared/corpus/real`
// does: load, evaluate, extract, every rule, dedupe, fingerprint, sort.
func BenchmarkLintRealCorpus(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "corpus", "real")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus not present: %v", err)
	}
	opts := linter.Options{Paths: []string{dir}, Rules: rules.All}
	var res *linter.Result
	for b.Loop() {
		var err error
		if res, err = linter.Lint(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Summary.Files), "files")
	b.ReportMetric(float64(res.Summary.Findings), "findings")
}

// TestLintEndToEnd lints a small directory with the real pipeline and rules.
func TestLintEndToEnd(t *testing.T) {
	dir := t.TempDir()
	src := `resource "aws_iam_role_policy" "p" {
  role = "r"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::b/*" }]
  })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) != 0 {
		t.Fatalf("errors: %+v", res.Errors)
	}
	var found bool
	for _, f := range res.Findings {
		if f.Rule == "wildcard-action" {
			found = true
			if f.Range.Start.Line != 4 || f.Range.Start.Column != 47 || f.Resource != "aws_iam_role_policy.p" || len(f.Fingerprint) != 64 {
				t.Errorf("finding %+v", f)
			}
			if filepath.IsAbs(f.Range.Filename) || filepath.Base(f.Range.Filename) != "main.tf" {
				t.Errorf("file %q, want a relative path to main.tf", f.Range.Filename)
			}
		}
	}
	if !found {
		t.Fatalf("no wildcard-action finding in %+v", res.Findings)
	}
	if res.Summary.Files != 1 || res.Summary.Resources != 1 || res.Summary.Policies != 1 {
		t.Errorf("summary %+v", res.Summary)
	}
}
