package linter

import (
	"io"
	"os"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/plan"
)

// Plans are read by package linter/plan into the same eval.Result shape as
// HCL, so the same extractor and rules run on them.

// readPlanInput reads a plan file, or stdin for "-".
func readPlanInput(p string, stdin io.Reader) ([]byte, error) {
	if p == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		return io.ReadAll(stdin)
	}
	return os.ReadFile(p)
}

// isPlan reports whether src is terraform show -json output.
func isPlan(src []byte) bool { return plan.IsPlan(src) }

// planName is the file name used in ranges for a plan path.
func planName(p string) string {
	if p == "-" {
		return "<stdin>"
	}
	return p
}

// loadPlan reads a plan: what it leads to (After), and with --new-only also
// the state before it (Before), whose findings are not reported again.
func loadPlan(name string, src []byte, opts Options) (after, before *eval.Result) {
	p, diags := plan.Load(planName(name), src, plan.Options{SkipBefore: !opts.NewOnly})
	if p == nil {
		return &eval.Result{Sources: map[string][]byte{planName(name): src}, Files: []string{planName(name)}, Diags: diags}, nil
	}
	after = p.After
	if after == nil {
		after = &eval.Result{}
	}
	after.Diags = append(after.Diags, diags...)
	return after, p.Before
}
