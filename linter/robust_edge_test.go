package linter_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter"
)

// TestLongMessageCapped: a finding message quoting a huge input value is
// cut (at a character boundary) instead of carried whole to every report.
func TestLongMessageCapped(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`)
	long := &linter.Rule{ID: "long", Title: "long", Severity: linter.Low, Check: func(p *linter.Pass) {
		for _, d := range p.Model.Documents {
			p.ReportDoc(d, d.Range.HCL(), 0, "value %q", strings.Repeat("é", 1<<20))
		}
	}}
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{long}})
	if len(res.Findings) != 1 {
		t.Fatalf("findings %d", len(res.Findings))
	}
	m := res.Findings[0].Message
	if len(m) > 2100 || !utf8.ValidString(m) || !strings.HasPrefix(m, `value "éé`) || !strings.HasSuffix(m, " more bytes)") {
		t.Errorf("message of %d bytes: %.80q...%q", len(m), m, m[max(len(m)-40, 0):])
	}
}
