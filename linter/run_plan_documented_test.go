package linter

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"weak"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/iam"
)

// writeGenPlan writes a plan of about size bytes made by bench/estate to
// name, which it returns.
func writeGenPlan(t *testing.T, name string, size int64) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, size); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestProgressDocumented: a plan extracted whole tells "documented" once,
// after "loaded" and before "released" (when its documents are extracted
// and its graph is not yet made: the CLI collects there, planGC), with the
// report the same as without the callback; a streamed plan (extracted as
// it loads) does not.
func TestProgressDocumented(t *testing.T) {
	name := writeGenPlan(t, filepath.Join(t.TempDir(), "plan.json"), 256<<10)
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
		wantStages := "loaded,documented,released,extracted,dropped"
		if streamed {
			// "planned" (the share of a streamed plan its stream
			// builds) comes first, and "documented" never.
			wantStages = "planned,loaded,released,extracted,dropped"
		}
		if got := strings.Join(stages, ","); got != wantStages {
			t.Errorf("streamed %v: stages %s, want %s", streamed, got, wantStages)
		}
		if summary(res.Findings) != summary(want.Findings) {
			t.Errorf("streamed %v: findings %s, want %s", streamed, summary(res.Findings), summary(want.Findings))
		}
	}
}

// TestProgressDropped: Lint's own run tells "dropped" once the rules have
// run and their findings are located, with the counts of "extracted", when
// the model can be collected (the CLI collects there, planGC): the
// effective permissions, which read its graph, are done by then, and the
// report is the same as without the callback.
func TestProgressDropped(t *testing.T) {
	name := writeGenPlan(t, filepath.Join(t.TempDir(), "plan.json"), 256<<10)
	var doc weak.Pointer[iam.Document]
	rule := &Rule{ID: "r", Severity: High, Check: func(p *Pass) {
		for _, d := range p.Model.Documents {
			doc = weak.Make(d)
			p.ReportDocMessage(d, d.Range.HCL(), 0, "m")
		}
	}}
	for _, principals := range []bool{false, true} {
		opts := Options{Paths: []string{name}, Rules: []*Rule{rule}, Principals: principals}
		want, err := Lint(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Findings) == 0 || (principals && len(want.Principals) == 0) {
			t.Fatalf("principals %v: %d findings, %d principals", principals, len(want.Findings), len(want.Principals))
		}
		var extracted, dropped []Progress
		opts.Progress = func(p Progress) {
			switch p.Stage {
			case "extracted":
				extracted = append(extracted, p)
			case "dropped":
				dropped = append(dropped, p)
				runtime.GC()
				if doc.Value() != nil {
					t.Errorf("principals %v: a document of the model is still reachable when dropped", principals)
				}
			}
		}
		res, err := Lint(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(dropped) != 1 || len(extracted) != 1 || dropped[0].Policies != extracted[0].Policies || dropped[0].Policies == 0 || dropped[0].Files != extracted[0].Files {
			t.Errorf("principals %v: extracted %+v, dropped %+v", principals, extracted, dropped)
		}
		if summary(res.Findings) != summary(want.Findings) || len(res.Principals) != len(want.Principals) {
			t.Errorf("principals %v: findings %s, want %s; %d principals, want %d", principals, summary(res.Findings), summary(want.Findings), len(res.Principals), len(want.Principals))
		}
	}
}
