package linter_test

import (
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// BenchmarkStages times the stages after the model, each on its own, on the
// paths in IAMLINT_STAGES (comma separated: directories or plans; skipped
// when unset). Loading and extraction run once, outside the timer:
//
//	IAMLINT_STAGES=/tmp/bench/p50.json go test -run XXX -bench Stages -benchmem ./linter/
func BenchmarkStages(b *testing.B) {
	in := os.Getenv("IAMLINT_STAGES")
	if in == "" {
		b.Skip("IAMLINT_STAGES not set")
	}
	opts := linter.Options{Paths: strings.Split(in, ","), Rules: rules.All, Principals: true}
	p, err := linter.Prepare(opts)
	if err != nil {
		b.Fatal(err)
	}
	m := p.Model()
	fs, errs := p.Rules()
	res, err := p.Finish(fs, errs)
	if err != nil {
		b.Fatal(err)
	}
	res.Principals = effective.Compute(m)
	meta := report.Meta{ToolName: "iamlint", ToolVersion: "bench", Rules: rules.All}
	b.Run("effective", func(b *testing.B) {
		defer cpuMetric(b)()
		for b.Loop() {
			effective.Compute(m)
		}
	})
	b.Run("rules", func(b *testing.B) {
		defer cpuMetric(b)()
		for b.Loop() {
			p.Rules()
		}
		b.ReportMetric(float64(len(fs)), "findings")
	})
	b.Run("per-rule", func(b *testing.B) {
		// Each rule on its own, one CPU: ms/<rule-id>.
		per := map[string]time.Duration{}
		for b.Loop() {
			for _, r := range rules.All {
				start := time.Now()
				r.Check(linter.NewPass(r, m, func(linter.Finding) {}))
				per[r.ID] += time.Since(start)
			}
		}
		for id, d := range per {
			b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "ms/"+id)
		}
	})
	b.Run("post", func(b *testing.B) {
		defer cpuMetric(b)()
		for b.Loop() {
			if _, err := p.Finish(fs, errs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plan-instances", func(b *testing.B) {
		defer cpuMetric(b)()
		for b.Loop() {
			p.PlanInstances(res.Findings)
		}
	})
	for _, f := range []struct {
		name string
		fn   report.Formatter
	}{{"json", report.JSON}, {"sarif", report.SARIF}, {"text", report.Text}} {
		b.Run("report-"+f.name, func(b *testing.B) {
			defer cpuMetric(b)()
			for b.Loop() {
				if err := f.fn(io.Discard, res, meta); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("all", func(b *testing.B) {
		defer cpuMetric(b)()
		for b.Loop() {
			res, err := p.Lint()
			if err != nil {
				b.Fatal(err)
			}
			if err := report.JSON(io.Discard, res, meta); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuMetric reports the process CPU time (user+sys, every thread, GC
// included) per op as cpu-ms/op: on a shared machine, wall time is noisy.
func cpuMetric(b *testing.B) func() {
	start := cputime.Used()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cputime.Used()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		}
	}
}
