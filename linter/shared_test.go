package linter

import (
	"sync/atomic"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestPassShared: a value asked for by every rule of a run is built once per
// run; outside a run (NewPass) it is built each time.
func TestPassShared(t *testing.T) {
	type key struct{}
	var builds atomic.Int32
	build := func(m *iam.Model) any { builds.Add(1); return len(m.Documents) }
	m := &iam.Model{Documents: []*iam.Document{{}, {}}}
	var rules []*Rule
	for range 8 {
		rules = append(rules, &Rule{ID: "r", Severity: Low, Check: func(p *Pass) {
			if n := p.Shared(key{}, build).(int); n != 2 {
				t.Errorf("shared value = %d, want 2", n)
			}
		}})
	}
	runRulesOpts(rules, m, nil)
	if n := builds.Load(); n != 1 {
		t.Fatalf("built %d times in one run, want 1", n)
	}
	runRulesOpts(rules, m, nil)
	if n := builds.Load(); n != 2 {
		t.Fatalf("built %d times after two runs, want 2", n)
	}
	p := NewPass(rules[0], m, func(Finding) {})
	p.Shared(key{}, build)
	p.Shared(key{}, build)
	if n := builds.Load(); n != 4 {
		t.Fatalf("built %d times after two calls outside a run, want 4", n)
	}
}
