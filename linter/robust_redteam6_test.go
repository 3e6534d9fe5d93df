package linter_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// A chain of policy documents, each in the next one's
// source_policy_documents, makes merged statement lists that grow with the
// square of its length (20,000 documents in a 3.6 MB file: over 6 GB and
// minutes before it was stopped). Past maxMergedStatements the documents
// that merge others are unknown, with an error, and nothing is lost: every
// document's own statement is still judged. A shorter chain is linted as
// before, without the error.
func TestLintPolicyDocumentChainBounded(t *testing.T) {
	chain := func(n int) string {
		var b strings.Builder
		b.WriteString("data \"aws_iam_policy_document\" \"d0\" {\n  statement {\n    actions   = [\"s3:GetObject\"]\n    resources = [\"*\"]\n  }\n}\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "data \"aws_iam_policy_document\" \"d%d\" {\n  source_policy_documents = [data.aws_iam_policy_document.d%d.json]\n  statement {\n    actions   = [\"s3:Get%d\"]\n    resources = [\"*\"]\n  }\n}\n", i, i-1, i)
		}
		fmt.Fprintf(&b, "resource \"aws_iam_policy\" \"q\" {\n  policy = data.aws_iam_policy_document.d%d.json\n}\n", n-1)
		return b.String()
	}
	for _, tc := range []struct {
		n       int
		tooMuch bool
	}{{1000, false}, {1600, true}} {
		dir := t.TempDir()
		writeFile(t, dir, "main.tf", chain(tc.n))
		res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}})
		said := false
		for _, e := range res.Errors {
			said = said || strings.Contains(e.Message, "Policy documents merge too much")
		}
		if said != tc.tooMuch {
			t.Errorf("%d documents: 'Policy documents merge too much' = %v, want %v (%v)", tc.n, said, tc.tooMuch, res.Errors)
		}
		if !hasFinding(res, "sensitive-data-access", "main.tf", 3, 0) {
			t.Errorf("%d documents: the first document's s3:GetObject on * is not reported", tc.n)
		}
		for i := 1; i < tc.n; i++ {
			if !hasFinding(res, "unknown-action", "main.tf", 7*i+3, 0) {
				t.Fatalf("%d documents: document %d's own statement (line %d) is not judged", tc.n, i, 7*i+3)
			}
		}
	}
}
