package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
)

// TestGolden lints every case directory testdata/<rule-id>/<case>/ as one
// Terraform root module with only that rule, and compares the findings with
// the case's want annotations (see collectWants): an unexpected finding and
// an unmatched want both fail. A case directory holding a KNOWN_ISSUE file is
// skipped with the file's text as the reason.
func TestGolden(t *testing.T) {
	for _, r := range All {
		cases, err := caseDirs(filepath.Join("testdata", r.ID))
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		for _, dir := range cases {
			t.Run(r.ID+"/"+filepath.Base(dir), func(t *testing.T) {
				runGolden(t, r, dir)
			})
		}
	}
}

func runGolden(t *testing.T, r *linter.Rule, dir string) {
	if reason, err := os.ReadFile(filepath.Join(dir, "KNOWN_ISSUE")); err == nil {
		// A case whose expected result is right but that the loading or
		// extraction side does not meet yet: KNOWN_ISSUE says why. Delete the
		// file once it is fixed.
		t.Skipf("known issue: %s", strings.TrimSpace(string(reason)))
	}
	wants, err := collectWants(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{r}})
	if err != nil {
		t.Fatalf("Lint: %v", err)
	}
	for _, e := range res.Errors {
		t.Errorf("lint error %s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	left := map[want]int{}
	for _, w := range wants {
		left[w]++
	}
	var unexpected []string
	for _, f := range res.Findings {
		file, err := filepath.Abs(f.Range.Filename)
		if err != nil {
			file = f.Range.Filename
		}
		t.Logf("%s:%d:%d: %s: %s [%s]", rel(file), f.Range.Start.Line, f.Range.Start.Column, f.Rule, f.Message, f.Resource)
		k := want{File: file, Line: f.Range.Start.Line, Rule: f.Rule}
		if left[k] > 0 {
			left[k]--
			continue
		}
		unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d: unexpected %s finding: %s",
			rel(file), f.Range.Start.Line, f.Range.Start.Column, f.Rule, f.Message))
	}
	var unmatched []string
	for w, n := range left {
		for ; n > 0; n-- {
			unmatched = append(unmatched, fmt.Sprintf("%s:%d: no %s finding", rel(w.File), w.Line, w.Rule))
		}
	}
	sort.Strings(unmatched)
	if len(unexpected)+len(unmatched) > 0 {
		t.Errorf("golden mismatch in %s:\n%s", dir, strings.Join(append(unexpected, unmatched...), "\n"))
	}
}

// rel shortens an absolute file name to one relative to the package directory.
func rel(abs string) string {
	if r, err := filepath.Rel(".", abs); err == nil {
		return r
	}
	if wd, err := filepath.Abs("."); err == nil {
		if r, err := filepath.Rel(wd, abs); err == nil {
			return r
		}
	}
	return abs
}
