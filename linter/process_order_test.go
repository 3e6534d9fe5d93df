package linter_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestResultsIndependentOfEarlierRuns lints every rule test case and plan twin
// of the repository in one order, then again in the reverse order, in the
// same process: the process-wide tables (AWS managed policy analyses and
// levels, admin-policy-attached's memo, the model's interning tables) must
// not make a result depend on what the process linted before.
func TestResultsIndependentOfEarlierRuns(t *testing.T) {
	paths := repoInputs(t)
	run := func(p string) *linter.Result {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return res
	}
	first := map[string]*linter.Result{}
	for _, p := range paths {
		first[p] = run(p)
	}
	for _, p := range slices.Backward(paths) {
		got := run(p)
		want := first[p]
		if !reflect.DeepEqual(got.Findings, want.Findings) || !reflect.DeepEqual(got.Suppressed, want.Suppressed) ||
			!reflect.DeepEqual(got.Errors, want.Errors) || !reflect.DeepEqual(got.Principals, want.Principals) {
			t.Errorf("%s: result differs when linted after other inputs (%d/%d findings, %d/%d principals)",
				p, len(got.Findings), len(want.Findings), len(got.Principals), len(want.Principals))
		}
	}
}

// repoInputs returns the rule test cases and plan twins of the repository
// (the first ten with -short).
func repoInputs(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, glob := range []string{"../rules/testdata/*/*", "../testdata/plans/*/*.plan.json"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			if fi, err := os.Stat(p); err == nil && (fi.IsDir() || filepath.Ext(p) == ".json") {
				paths = append(paths, p)
			}
		}
	}
	if len(paths) < 10 {
		t.Fatalf("only %d inputs found", len(paths))
	}
	if testing.Short() {
		paths = paths[:10]
	}
	return paths
}
