package linter_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/iamlint/iamlint/internal/textpos"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// With --new-only, the new holders a finding gains are related locations
// added after the file names were made relative and the columns converted:
// they are named and converted too (once, to code points) like every other
// position of the plan, whose one line has non-ASCII text before them. The
// plan is named by its absolute path.
func TestPlanNewOnlyHolderColumns(t *testing.T) {
	docData, docJSON := policyDocData("data.aws_iam_policy_document.d", []string{"*"}, []string{"*"})
	src := planDoc([]obj{
		change("aws_s3_bucket.café", []string{"no-op"},
			obj{"bucket": "b", "tags": obj{"Name": "café ☕ données"}}, obj{"bucket": "b", "tags": obj{"Name": "café ☕ données"}}, nil),
		change("aws_iam_role_policy.u", []string{"update"},
			obj{"name": "u", "role": "old", "policy": docJSON}, obj{"name": "u", "role": "né", "policy": docJSON}, nil),
	}, []obj{docData})
	var one bytes.Buffer
	if err := json.Compact(&one, src); err != nil {
		t.Fatal(err)
	}
	src = one.Bytes() // one line: every position is after the non-ASCII text
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: []*linter.Rule{rules.ByID("wildcard-action")}, NewOnly: true})
	if len(res.Findings) != 1 {
		t.Fatalf("%d findings, want 1: %v", len(res.Findings), pairs(res))
	}
	f := res.Findings[0]
	rel := f.Related
	if len(rel) == 0 || rel[len(rel)-1].Message != `now also held by role "né" (through aws_iam_role_policy.u)` {
		t.Fatalf("related: %+v", rel)
	}
	holders := 0
	check := func(what string, line, col, off int) {
		t.Helper()
		if line != 1 {
			t.Errorf("%s: line %d of a one-line plan", what, line)
		}
		if want := textpos.Column(src, off); col != want {
			t.Errorf("%s: column %d, want %d (code points of byte %d; bytes say %d)", what, col, want, off, off+1)
		}
	}
	check("finding", f.Range.Start.Line, f.Range.Start.Column, f.Range.Start.Byte)
	for _, r := range rel {
		check(r.Message, r.Range.Start.Line, r.Range.Start.Column, r.Range.Start.Byte)
		check(r.Message+" (end)", r.Range.End.Line, r.Range.End.Column, r.Range.End.Byte)
		if r.Range.Filename != f.Range.Filename {
			t.Errorf("%s: file %q, want %q (the finding's)", r.Message, r.Range.Filename, f.Range.Filename)
		}
		if r.Range.Start.Column != r.Range.Start.Byte+1 {
			holders++
		}
	}
	if holders == 0 {
		t.Error("no related location after the non-ASCII text: the test does not test")
	}
}
