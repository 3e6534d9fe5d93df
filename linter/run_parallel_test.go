package linter_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// The parts of a run that are spread over the CPUs (roots, secret scanning,
// fingerprints) give what one CPU gives: the same findings in the same
// order, with the same fingerprints. The estate has hundreds of findings, so
// fingerprints are hashed by more than one worker.
func TestLintSameOnOneAndManyCPUs(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 30, FileSize: 4000}); err != nil {
		t.Fatal(err)
	}
	lint := func(procs int) *linter.Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	one, many := lint(1), lint(4)
	if len(one.Findings) < 300 {
		t.Fatalf("%d findings: too few to hash on several workers", len(one.Findings))
	}
	if len(one.Findings) != len(many.Findings) {
		t.Fatalf("%d findings on one CPU, %d on four", len(one.Findings), len(many.Findings))
	}
	seen := map[string]bool{}
	for i, f := range one.Findings {
		g := many.Findings[i]
		if f.Rule != g.Rule || f.Range != g.Range || f.Resource != g.Resource || f.Message != g.Message || f.Fingerprint != g.Fingerprint {
			t.Fatalf("finding %d: %+v on one CPU, %+v on four", i, f, g)
		}
		if seen[f.Fingerprint] {
			t.Fatalf("fingerprint %s twice", f.Fingerprint)
		}
		seen[f.Fingerprint] = true
	}
}
