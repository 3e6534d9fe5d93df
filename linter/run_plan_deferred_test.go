package linter_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanDeferredPolicies checks that parsing a plan's policy strings
// after its values are dropped (extract.SpacesDeferred, what Lint does)
// reports what parsing them during extraction reports, byte for byte in
// every format, with and without --new-only (and --principals on the
// generated plan): on the plan twins (with their HCL case as --source), a
// generated plan big enough for the parallel steps, and the corpus plans
// when ../shared is there. Under the race detector, only the generated
// plan.
func TestPlanDeferredPolicies(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "plans", "*", "case.plan.json"))
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "plans", "*", "*.json"))
	for _, p := range corpus {
		if filepath.Base(p) != "SOURCE.json" {
			paths = append(paths, p)
		}
	}
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 1<<20); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(gen, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, gen)
	if len(paths) < 20 {
		t.Fatalf("%d plans", len(paths))
	}
	formats := map[string]func(*bytes.Buffer, *linter.Result) error{
		"json": func(w *bytes.Buffer, r *linter.Result) error {
			return report.JSON(w, r, report.Meta{ToolName: "iamlint", Rules: rules.All})
		},
		"sarif": func(w *bytes.Buffer, r *linter.Result) error {
			return report.SARIF(w, r, report.Meta{ToolName: "iamlint", Rules: rules.All})
		},
		"text": func(w *bytes.Buffer, r *linter.Result) error {
			return report.Text(w, r, report.Meta{ToolName: "iamlint", Rules: rules.All})
		},
	}
	// A twin's HCL case is its .tf source (--source): policies completed
	// and located from it are not deferred, the others are.
	source := func(p string) string {
		rule, kase, ok := strings.Cut(filepath.Base(filepath.Dir(p)), "__")
		if !ok || filepath.Base(p) != "case.plan.json" {
			return ""
		}
		return filepath.Join("..", "rules", "testdata", rule, kase)
	}
	out := func(p string, newOnly, deferred bool) map[string]string {
		defer linter.SetDeferPlanPolicies(deferred)()
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All, NewOnly: newOnly, Principals: !newOnly && p == gen,
			Source: source(p)})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for f, write := range formats {
			var b bytes.Buffer
			if err := write(&b, res); err != nil {
				t.Fatal(err)
			}
			m[f] = b.String()
		}
		return m
	}
	findings := 0
	sources := 0
	for _, p := range paths {
		if source(p) != "" {
			sources++
		}
		if raceEnabled && p != gen {
			// Under the race detector (ten times slower) only the
			// generated plan, whose policies are parsed on every CPU.
			continue
		}
		for _, newOnly := range []bool{false, true} {
			got, want := out(p, newOnly, true), out(p, newOnly, false)
			for f := range formats {
				if got[f] != want[f] {
					t.Errorf("%s (new-only %v): %s output differs when the policies are parsed after the values are dropped:\n%s\nwant\n%s",
						p, newOnly, f, got[f], want[f])
				}
			}
			findings += bytes.Count([]byte(got["text"]), []byte("\n"))
		}
	}
	if raceEnabled {
		return
	}
	if sources < 10 {
		t.Errorf("%d plans linted with their source", sources)
	}
	if findings < 100 {
		t.Errorf("only %d lines of text output in all", findings)
	}
}
