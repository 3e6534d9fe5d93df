package linter_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// TestModelDroppedBeforeFinish: Lint drops the model once the rules have
// run (the findings located, the policies counted and the unreported parse
// errors read first; the effective permissions computed from the graph
// while the rules run). Its JSON report, principals included, is the one
// of the same run keeping the model to the end (Prepared.Lint), for every
// plan of the test data, a generated plan, and the rules' test data linted
// as one model (lintRoots off), with every rule and without policy-invalid
// (whose parse errors finish then reports).
func TestModelDroppedBeforeFinish(t *testing.T) {
	defer linter.SetNoRoots(linter.SetNoRoots(true))
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "plans", "*", "*.json"))
	dirs, _ := filepath.Glob(filepath.Join("..", "rules", "testdata", "*", "*"))
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 1<<20); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(gen, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, gen)
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			paths = append(paths, d)
		}
	}
	if len(paths) < 50 {
		t.Fatalf("only %d inputs", len(paths))
	}
	var noInvalid []*linter.Rule
	for _, r := range rules.All {
		if r.ID != "policy-invalid" {
			noInvalid = append(noInvalid, r)
		}
	}
	meta := report.Meta{ToolName: "iamlint", Rules: rules.All}
	findings := 0
	for _, p := range paths {
		for _, rs := range [][]*linter.Rule{rules.All, noInvalid} {
			opts := linter.Options{Paths: []string{p}, Rules: rs, Principals: true, NoPlanSources: true}
			dropped, err := linter.Lint(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			prep, err := linter.Prepare(opts)
			if err != nil {
				t.Fatal(err)
			}
			kept, err := prep.Lint()
			if err != nil {
				t.Fatal(err)
			}
			if prep.Model() == nil {
				t.Fatalf("%s: Prepared.Lint dropped the model", p)
			}
			var a, b bytes.Buffer
			if err := report.JSON(&a, dropped, meta); err != nil {
				t.Fatal(err)
			}
			if err := report.JSON(&b, kept, meta); err != nil {
				t.Fatal(err)
			}
			if a.String() != b.String() {
				t.Errorf("%s (%d rules): the report with the model dropped differs:\n%s\nkept:\n%s", p, len(rs), a.String(), b.String())
			}
			findings += len(dropped.Findings)
		}
	}
	if findings < 100 {
		t.Fatalf("only %d findings: the inputs are not linted", findings)
	}
}
