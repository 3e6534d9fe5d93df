package linter

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/plan"
)

// everyDocument is a rule that reports every document of the model.
var everyDocument = []*Rule{{ID: "r", Severity: High, Check: func(p *Pass) {
	for _, d := range p.Model.Documents {
		p.Report(Finding{Rule: "r", Severity: High, Message: "m", Range: d.Range.HCL(), Resource: d.Address})
	}
}}}

// TestPlanWindowsDropBytes: a streamed plan read from a file is read
// through windows once its structure is loaded, and its bytes are
// collected before the end of its stream (stage "loaded"), not at the
// release; the findings are those of the plan kept in memory (windows
// off), and of the plan loaded whole.
func TestPlanWindowsDropBytes(t *testing.T) {
	defer func(m, c int) { planStreamMin, planChunk = m, c }(planStreamMin, planChunk)
	gen := writeGenPlan(t, filepath.Join(t.TempDir(), "gen.json"), 2<<20)
	lint := func(streamMin int, windows bool) (string, bool) {
		planStreamMin, planChunk = streamMin, 97
		defer func(on bool) { planWindowsOn = on }(planWindowsOn)
		planWindowsOn = windows
		var collected, atLoaded atomic.Bool
		planBytesRead = func(name string, src []byte) {
			runtime.AddCleanup(&src[:1][0], func(struct{}) { collected.Store(true) }, struct{}{})
		}
		defer func() { planBytesRead = nil }()
		before := windowedPlans.Load()
		res, err := Lint(context.Background(), Options{Paths: []string{gen}, Rules: everyDocument, Progress: func(pr Progress) {
			if pr.Stage != "loaded" {
				return
			}
			deadline := time.Now().Add(5 * time.Second)
			for !collected.Load() && time.Now().Before(deadline) && windows {
				runtime.GC()
				time.Sleep(10 * time.Millisecond)
			}
			atLoaded.Store(collected.Load())
		}})
		if err != nil {
			t.Fatal(err)
		}
		if got := windowedPlans.Load() - before; (got == 1) != (windows && streamMin == 0) {
			t.Errorf("stream from %d, windows %v: %d plans read through windows", streamMin, windows, got)
		}
		if len(res.Findings) == 0 || len(res.Errors) > 0 {
			t.Fatalf("stream from %d, windows %v: %d findings, errors %+v", streamMin, windows, len(res.Findings), res.Errors)
		}
		var out strings.Builder
		for _, f := range res.Findings {
			out.WriteString(f.Range.String() + " " + f.Resource + " " + f.Fingerprint + "\n")
		}
		return out.String(), atLoaded.Load()
	}
	windowed, dropped := lint(0, true)
	if !dropped {
		t.Errorf("the bytes of the plan read through windows were not collected by the end of the stream")
	}
	if kept, dropped := lint(0, false); kept != windowed || dropped {
		t.Errorf("windows off: same findings %v, bytes collected by the end of the stream %v (want true, false)", kept == windowed, dropped)
	}
	if whole, _ := lint(math.MaxInt, true); whole != windowed {
		t.Errorf("the findings of the plan read through windows are not those of the plan loaded whole")
	}
}

// TestPlanWindowsFileChanged: a plan file changed (its bytes, cut short,
// or grown) while it is read through windows, during its stream (once the
// windows are used) or before its policies are read back (stage
// "released"), is an error located at the file, and nothing of it is
// linted: no finding, no panic, no value of the changed file. Unchanged,
// it is linted.
func TestPlanWindowsFileChanged(t *testing.T) {
	defer func(m, c int) { planStreamMin, planChunk = m, c }(planStreamMin, planChunk)
	planStreamMin, planChunk = 0, 61
	defer func() { windowsUsed = nil }()
	var buf bytes.Buffer
	if _, err := estate.WritePlan(&buf, 1<<20); err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"windows", "released"} {
		for _, change := range []string{"none", "bytes", "cut", "grown"} {
			name := filepath.Join(t.TempDir(), "plan.json")
			if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			before := windowedPlans.Load()
			write := func(st string) {
				if st != stage {
					return
				}
				b := buf.Bytes()
				switch change {
				case "none":
					return
				case "bytes":
					b = bytes.ToUpper(b)
				case "cut":
					b = b[:len(b)/2]
				case "grown":
					b = append(bytes.ToUpper(b), ' ')
				}
				if err := os.WriteFile(name, b, 0o644); err != nil {
					t.Error(err)
				}
			}
			windowsUsed = func(string) { write("windows") }
			res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: everyDocument, Progress: func(pr Progress) { write(pr.Stage) }})
			if err != nil {
				t.Fatal(err)
			}
			if windowedPlans.Load() == before {
				t.Fatalf("the plan was not read through windows")
			}
			var changed []Error
			for _, e := range res.Errors {
				if strings.HasPrefix(e.Message, "Plan file changed while read") {
					changed = append(changed, e)
				}
			}
			if change == "none" {
				if len(res.Findings) == 0 || len(res.Errors) > 0 {
					t.Errorf("%s, unchanged: %d findings, errors %+v", stage, len(res.Findings), res.Errors)
				}
				continue
			}
			if len(res.Findings) > 0 {
				t.Errorf("%s, %s: %d findings of a plan that changed while read", stage, change, len(res.Findings))
			}
			if len(changed) == 0 {
				t.Errorf("%s, %s: no error about the change: %+v", stage, change, res.Errors)
			}
			for _, e := range changed {
				if !strings.HasSuffix(e.File, "plan.json") || e.Line < 1 {
					t.Errorf("%s, %s: the error is not located at the plan file: %+v", stage, change, e)
				}
			}
		}
	}
}

// TestPlanWindowsValueNotBuilt: a plan read through windows with a value
// that does not build (a number past what iamlint evaluates, which the
// load's pass does not read) gives the error of the plan loaded whole, at
// the same place: the stream falls back to loading it whole, read again.
func TestPlanWindowsValueNotBuilt(t *testing.T) {
	defer func(m, c int) { planStreamMin, planChunk = m, c }(planStreamMin, planChunk)
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i := range 30 {
		if i > 0 {
			b.WriteString(",\n")
		}
		n := "1"
		if i == 17 {
			n = "1e5000"
		}
		fmt.Fprintf(&b, `{"address":"aws_iam_policy.p%d","mode":"managed","type":"aws_iam_policy","name":"p%d","change":{"actions":["create"],`+
			`"after":{"name":"p%d","x":%s,"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}`, i, i, i, n)
	}
	b.WriteString("]}")
	name := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	errs := func(streamMin int) string {
		planStreamMin, planChunk = streamMin, 4
		before := windowedPlans.Load()
		res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: everyDocument})
		if err != nil {
			t.Fatal(err)
		}
		if got := windowedPlans.Load() - before; (got == 1) != (streamMin == 0) {
			t.Errorf("stream from %d: %d plans read through windows", streamMin, got)
		}
		return fmt.Sprintf("%d findings, errors %+v", len(res.Findings), res.Errors)
	}
	whole := errs(math.MaxInt)
	if !strings.Contains(whole, "number out of range") {
		t.Fatalf("loaded whole: %s", whole)
	}
	if windowed := errs(0); windowed != whole {
		t.Errorf("read through windows: %s\nwant (loaded whole): %s", windowed, whole)
	}
}

// TestPreDropReadOnce: what windowsFor reads of the text of a streamed
// plan that it does not read through windows after all (its text holds a
// credential, or is mostly non-ASCII) is what startPreDrop hands earlyDrop,
// not read again; a preDrop of other bytes is not taken.
func TestPreDropReadOnce(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"secret":    `{"aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ"}`,
		"nonascii":  `{"x": "` + strings.Repeat("é", 4096) + `"}`,
		"plainfile": `{"x": "y"}`,
	} {
		path := filepath.Join(dir, name+".json")
		src := []byte(text)
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		r := &planRun{name: path, p: &plan.Plan{}}
		wd, pd := windowsFor(r, src)
		if pd == nil {
			t.Fatalf("%s: windowsFor read nothing", name)
		}
		if (wd != nil) != (name == "plainfile") {
			t.Errorf("%s: read through windows: %v", name, wd != nil)
		}
		if wd != nil {
			wd.w.close()
		}
		if pd.secrets != (name == "secret") || (pd.whole == nil) != (name != "plainfile") {
			t.Errorf("%s: credential %v, whole %v", name, pd.secrets, pd.whole != nil)
		}
		startPreDrop(r, src, pd)
		if r.pre != pd {
			t.Errorf("%s: startPreDrop did not take windowsFor's reading", name)
		}
		r.pre = nil
		startPreDrop(r, bytes.Clone(src), pd)
		if r.pre == nil || r.pre == pd {
			t.Errorf("%s: startPreDrop took the reading of other bytes", name)
		} else {
			r.pre.wait()
		}
	}
}
