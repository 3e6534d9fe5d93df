package linter_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanParallelStages lints a generated plan big enough for every
// parallel step of the plan path (values built on every CPU, policies parsed
// ahead, principals computed while the rules run): the findings do not
// depend on whether principals are asked for, and two runs give the same
// result. Run it with -race.
func TestPlanParallelStages(t *testing.T) {
	var buf bytes.Buffer
	st, err := estate.WritePlan(&buf, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if st.Resources < 512 || st.Policies < 128 {
		t.Fatalf("plan too small to exercise the parallel steps: %+v", st)
	}
	p := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	lint := func(principals bool) *linter.Result {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All, Principals: principals})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 {
			t.Fatalf("errors: %+v", res.Errors)
		}
		return res
	}
	with, again, without := lint(true), lint(true), lint(false)
	if len(with.Findings) == 0 || len(with.Principals) < st.Resources/4 {
		t.Fatalf("%d findings, %d principals for %d resources", len(with.Findings), len(with.Principals), st.Resources)
	}
	if !reflect.DeepEqual(with.Findings, without.Findings) || !reflect.DeepEqual(with.Summary, without.Summary) {
		t.Error("findings differ with and without principals")
	}
	if without.Principals != nil {
		t.Error("principals computed without Options.Principals")
	}
	if !reflect.DeepEqual(with.Findings, again.Findings) || !reflect.DeepEqual(with.Principals, again.Principals) {
		t.Error("two runs differ")
	}
}
