package linter

import (
	"context"

	"github.com/iamlint/iamlint/linter/iam"
)

// Prepared exposes the stages of Lint to the stage benchmarks
// (stages_bench_test.go): the model is loaded once, then the stages after it
// are run and timed on their own.
type Prepared struct{ p *prepared }

// Prepare loads and extracts opts.Paths (Lint before the rules).
func Prepare(opts Options) (*Prepared, error) {
	p, err := prepare(context.Background(), opts)
	if err != nil {
		return nil, err
	}
	return &Prepared{p}, nil
}

// Model is the extracted model.
func (p *Prepared) Model() *iam.Model { return p.p.model }

// Rules runs the rules over the model.
func (p *Prepared) Rules() ([]Finding, []Error) {
	return runRulesOpts(p.p.opts.Rules, p.p.model, p.p.opts.RuleOptions)
}

// Finish runs the steps after the rules (dedupe, suppressions, fingerprints,
// sorting) on a copy of fs.
func (p *Prepared) Finish(fs []Finding, errs []Error) (*Result, error) {
	return p.p.finish(append([]Finding(nil), fs...), append([]Error(nil), errs...))
}

// Lint runs every stage after the model, as Lint does.
func (p *Prepared) Lint() (*Result, error) { return lintModel(p.p) }

// SetDeferPlanPolicies sets whether plan policies are parsed after the
// plan's values are dropped (the default) or during extraction; the
// returned func restores the setting.
func SetDeferPlanPolicies(on bool) (restore func()) {
	old := deferPlanPolicies
	deferPlanPolicies = on
	return func() { deferPlanPolicies = old }
}

// PlanInstances merges the findings of a plan's instances (after finish and
// --new-only, as Lint does) on a copy of fs.
func (p *Prepared) PlanInstances(fs []Finding) []Finding {
	return mergePlanInstances(append([]Finding(nil), fs...), p.p.runs)
}

// SetPlanStream sets the plan size from which Lint streams a plan and the
// number of blocks of a chunk; the returned func restores them.
func SetPlanStream(minSize, chunk int) (restore func()) {
	oldMin, oldChunk := planStreamMin, planChunk
	planStreamMin, planChunk = minSize, chunk
	return func() { planStreamMin, planChunk = oldMin, oldChunk }
}

// PlanChunk returns the number of blocks of a streamed plan's chunk.
func PlanChunk() int { return planChunk }
