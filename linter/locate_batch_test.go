package linter_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestLocateBatches: the findings of a run are located a batch of rules at
// a time (at most so many findings, or one rule's), kept slim meanwhile;
// the result is the same whatever the batches: one rule at a time, and all
// rules at once, on plans of the three shapes (resource_changes only,
// Terraform's, planned_values only), streamed and whole.
func TestLocateBatches(t *testing.T) {
	for _, c := range []struct {
		name  string
		write func(io.Writer, int64) (estate.PlanStats, error)
	}{
		{"changes-only", estate.WritePlan},
		{"full", estate.WriteFullPlan},
		{"planned-values-only", plannedValuesOnly},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := c.write(&buf, 1<<20); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "plan.json")
			if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, stream := range []bool{false, true} {
				if stream {
					defer linter.SetPlanStream(1, 512)()
				}
				var results []*linter.Result
				for _, batch := range []int{1, 1 << 30} {
					restore := linter.SetLocateBatch(batch)
					res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true})
					restore()
					if err != nil {
						t.Fatal(err)
					}
					if len(res.Errors) > 0 || len(res.Findings) < 100 {
						t.Fatalf("errors %v, %d findings", res.Errors, len(res.Findings))
					}
					results = append(results, res)
				}
				rules := map[string]bool{}
				for _, f := range results[0].Findings {
					rules[f.Rule] = true
				}
				if len(rules) < 2 {
					t.Fatalf("findings of %d rules: no batches to tell apart", len(rules))
				}
				if !reflect.DeepEqual(results[0].Findings, results[1].Findings) {
					t.Errorf("streamed %v: the findings located one rule at a time differ from those located at once", stream)
				}
			}
		})
	}
}
