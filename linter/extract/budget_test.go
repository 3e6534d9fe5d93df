package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// budgetSrc holds a policy of 11 values (an action and 10 resources) in 5
// instances of a resource, 3 instances of a data document and 3 consumers
// of them.
const budgetSrc = `locals {
  l = [for i in range(10) : "arn:aws:s3:::bucket-${i}/*"]
}
resource "aws_iam_policy" "p" {
  count  = 5
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.l }] })
}
data "aws_iam_policy_document" "d" {
  count = 3
  statement {
    actions   = ["s3:GetObject"]
    resources = local.l
  }
}
resource "aws_iam_role_policy" "r" {
  count  = 3
  role   = "r"
  policy = data.aws_iam_policy_document.d[count.index].json
}
`

// budgetSpace loads budgetSrc and extracts it reading at most about max
// values; it returns one line per document (address, whether Unknown and
// Unread, its values) and the diagnostics.
func budgetSpace(t *testing.T, max int) ([]string, hcl.Diagnostics) {
	t.Helper()
	res := loadFiles(t, map[string]string{"main.tf": budgetSrc})
	sp := SpaceOfMax(res.Modules, max)
	var got []string
	for _, d := range sp.Documents {
		got = append(got, fmt.Sprintf("%s %s unknown=%v unread=%v values=%d", d.Address, d.Kind, d.Unknown, d.Unread(), docsValues([]*iam.Document{d})))
	}
	return got, sp.Diags
}

// TestSpaceValuesBound: past the bound of the values read, the policies of
// the blocks after (in the order data documents, then consumers) are not
// read: each is an Unknown document marked Unread, never dropped, and an
// error at each block configuration says how many of its instances were
// not read. References to data documents are not policies read here.
// Before the bound, each instance's values were all built (count = 1000
// of a policy of 30,000 resources: 30 million values, 25 s, 4.9 GB).
func TestSpaceValuesBound(t *testing.T) {
	got, diags := budgetSpace(t, 40)
	// The data documents: 33 values; then aws_iam_policy.p[0]: 44 > 40.
	want := []string{
		"aws_iam_policy.p[0] identity unknown=false unread=false values=11",
		"aws_iam_policy.p[1] identity unknown=true unread=true values=0",
		"aws_iam_policy.p[2] identity unknown=true unread=true values=0",
		"aws_iam_policy.p[3] identity unknown=true unread=true values=0",
		"aws_iam_policy.p[4] identity unknown=true unread=true values=0",
		"data.aws_iam_policy_document.d[0] identity unknown=false unread=false values=11",
		"data.aws_iam_policy_document.d[1] identity unknown=false unread=false values=11",
		"data.aws_iam_policy_document.d[2] identity unknown=false unread=false values=11",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(diags) != 1 || diags[0].Summary != "Too many policy values" || diags[0].Subject == nil || diags[0].Subject.Start.Line != 4 ||
		!strings.Contains(diags[0].Detail, "more than 40 values") || !strings.Contains(diags[0].Detail, "the policies of aws_iam_policy.p[1] and of 3 more instances of this block are not read") {
		t.Errorf("diagnostics: %v; want one Too many policy values at line 4 (aws_iam_policy.p[1] and 3 more)", diags)
	}

	// A lower bound: the third data document is not read (nor rendered),
	// and keeps the kind of its consumer; no consumer's own policy is read.
	got, diags = budgetSpace(t, 20)
	want = []string{
		"aws_iam_policy.p[0] identity unknown=true unread=true values=0",
		"aws_iam_policy.p[1] identity unknown=true unread=true values=0",
		"aws_iam_policy.p[2] identity unknown=true unread=true values=0",
		"aws_iam_policy.p[3] identity unknown=true unread=true values=0",
		"aws_iam_policy.p[4] identity unknown=true unread=true values=0",
		"data.aws_iam_policy_document.d[0] identity unknown=false unread=false values=11",
		"data.aws_iam_policy_document.d[1] identity unknown=false unread=false values=11",
		"data.aws_iam_policy_document.d[2] identity unknown=true unread=true values=0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var lines []string
	for _, d := range diags {
		lines = append(lines, fmt.Sprintf("%d %s", d.Subject.Start.Line, d.Detail))
	}
	if len(diags) != 2 || !strings.HasPrefix(lines[0], "8 ") || !strings.Contains(lines[0], "the policies of data.aws_iam_policy_document.d[2] are not read") ||
		!strings.HasPrefix(lines[1], "4 ") || !strings.Contains(lines[1], "the policies of aws_iam_policy.p[0] and of 4 more instances") {
		t.Errorf("diagnostics:\n%s\nwant the data document's (line 8), then the resource's (line 4)", strings.Join(lines, "\n"))
	}

	// The same every time (no goroutine decides what is read).
	for i := 0; i < 3; i++ {
		again, againDiags := budgetSpace(t, 20)
		var againLines []string
		for _, d := range againDiags {
			againLines = append(againLines, fmt.Sprintf("%d %s", d.Subject.Start.Line, d.Detail))
		}
		if strings.Join(again, "\n") != strings.Join(got, "\n") || strings.Join(againLines, "\n") != strings.Join(lines, "\n") {
			t.Fatalf("run %d differs:\n%s\n%s", i, strings.Join(again, "\n"), strings.Join(againLines, "\n"))
		}
	}

	// The default bound reads everything.
	got, diags = budgetSpace(t, 0)
	for _, g := range got {
		if strings.Contains(g, "unknown=true") {
			t.Errorf("default bound: %s", g)
		}
	}
	if len(diags) != 0 {
		t.Errorf("default bound: %v", diags)
	}
}
