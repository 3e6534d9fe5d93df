package linter

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
)

// TestProgressDocumented: a plan extracted whole tells "documented" once,
// after "loaded" and before "released" (when its documents are extracted
// and its graph is not yet made: the CLI collects there, planGC), with the
// report the same as without the callback; a streamed plan (extracted as
// it loads) does not.
func TestProgressDocumented(t *testing.T) {
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 256<<10); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	rule := &Rule{ID: "r", Severity: High, Check: func(p *Pass) {
		for _, d := range p.Model.Documents {
			p.Report(Finding{Rule: "r", Severity: High, Message: "m", Range: d.Range.HCL(), Resource: d.Address})
		}
	}}
	want, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: []*Rule{rule}})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) == 0 {
		t.Fatal("no finding")
	}
	for _, streamed := range []bool{false, true} {
		if streamed {
			old := planStreamMin
			planStreamMin = 1
			t.Cleanup(func() { planStreamMin = old })
		}
		var stages []string
		res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: []*Rule{rule}, Progress: func(p Progress) {
			stages = append(stages, p.Stage)
		}})
		if err != nil {
			t.Fatal(err)
		}
		wantStages := "loaded,documented,released,extracted"
		if streamed {
			// "planned" (the share of a streamed plan its stream
			// builds) comes first, and "documented" never.
			wantStages = "planned,loaded,released,extracted"
		}
		if got := strings.Join(stages, ","); got != wantStages {
			t.Errorf("streamed %v: stages %s, want %s", streamed, got, wantStages)
		}
		if summary(res.Findings) != summary(want.Findings) {
			t.Errorf("streamed %v: findings %s, want %s", streamed, summary(res.Findings), summary(want.Findings))
		}
	}
}
