package linter_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// The steps that number keys by a 64-bit hash (dedupe's groups, the plan
// instance merge's rule/kind/message, countResources' positions) give the
// same result when every hash collides: a collision is told apart by the
// keys themselves.
func TestResultsWhenHashesCollide(t *testing.T) {
	paths := repoInputs(t)
	run := func(p string, newOnly bool) *linter.Result {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All, NewOnly: newOnly})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		return res
	}
	type input struct {
		path    string
		newOnly bool
	}
	var inputs []input
	for _, p := range paths {
		inputs = append(inputs, input{p, false})
		if filepath.Ext(p) == ".json" {
			inputs = append(inputs, input{p, true})
		}
	}
	want := map[input]*linter.Result{}
	for _, in := range inputs {
		want[in] = run(in.path, in.newOnly)
	}
	restore := linter.SetHashMask(0)
	defer restore()
	merged := false
	for _, in := range inputs {
		got, w := run(in.path, in.newOnly), want[in]
		if !reflect.DeepEqual(got.Findings, w.Findings) || !reflect.DeepEqual(got.Suppressed, w.Suppressed) ||
			!reflect.DeepEqual(got.Summary, w.Summary) {
			t.Errorf("%s (new only %v): result differs when every hash collides (%d/%d findings, %d/%d resources)",
				in.path, in.newOnly, len(got.Findings), len(w.Findings), got.Summary.Resources, w.Summary.Resources)
		}
		merged = merged || len(w.Findings) > 1
	}
	if !merged {
		t.Error("no input has two findings: nothing was numbered")
	}
}
