package linter_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// envInt reads a benchmark size from the environment (IAMLINT_BENCH_FILES,
// IAMLINT_BENCH_PLAN_MB), or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// BenchmarkLintEstate lints a generated estate (bench/estate) end to end:
// 100 .tf files of about 10 kB by default, IAMLINT_BENCH_FILES to change it
// (IAMLINT_BENCH_IAM_EVERY=10: one root in 10 with IAM, the others
// infrastructure, about the policy density of real repositories;
// IAMLINT_BENCH_SHARED=N: the roots call N shared module directories).
// It reports files/s, MB/s (SetBytes) and policies/s.
func BenchmarkLintEstate(b *testing.B) {
	dir := b.TempDir()
	st, err := estate.Generate(dir, estate.Options{Files: envInt("IAMLINT_BENCH_FILES", 100), IAMEvery: envInt("IAMLINT_BENCH_IAM_EVERY", 0), SharedModules: envInt("IAMLINT_BENCH_SHARED", 0)})
	if err != nil {
		b.Fatal(err)
	}
	benchLint(b, linter.Options{Paths: []string{dir}, Rules: rules.All}, st.Bytes, st.Files)
}

// BenchmarkLintOneFileOfEstate is the pre-commit case: one named file in a
// 1,000-file estate (only its directory and the modules it calls are read).
func BenchmarkLintOneFileOfEstate(b *testing.B) {
	dir := b.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: envInt("IAMLINT_BENCH_FILES", 1000)}); err != nil {
		b.Fatal(err)
	}
	f := filepath.Join(dir, "r00003", "iam_jsonencode.tf")
	st, err := os.Stat(f)
	if err != nil {
		b.Fatal(err)
	}
	res := benchLint(b, linter.Options{Paths: []string{f}, Rules: rules.All}, st.Size(), 1)
	if res.Summary.Files > estate.FilesPerRoot {
		b.Errorf("%d files read for one named file, want at most %d", res.Summary.Files, estate.FilesPerRoot)
	}
}

// BenchmarkLintPlan lints a generated plan of 5 MB (IAMLINT_BENCH_PLAN_MB to
// change it) with its resources in resource_changes only
// (bench/estate.WritePlan: twice the policies per MB of a plan as Terraform
// writes it); BenchmarkLintFullPlan one with each resource in
// planned_values too (estate.WriteFullPlan, what bench/gen writes).
func BenchmarkLintPlan(b *testing.B) {
	benchPlan(b, estate.WritePlan)
}

func BenchmarkLintFullPlan(b *testing.B) {
	benchPlan(b, estate.WriteFullPlan)
}

func benchPlan(b *testing.B, write func(io.Writer, int64) (estate.PlanStats, error)) {
	var buf bytes.Buffer
	st, err := write(&buf, int64(envInt("IAMLINT_BENCH_PLAN_MB", 5))<<20)
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "plan.json")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	defer reportPeakLive(b, st.Bytes)()
	benchLint(b, linter.Options{Paths: []string{p}, Rules: rules.All}, st.Bytes, 1)
}

// reportPeakLive samples the live heap (marked by the last collection)
// while a plan benchmark runs, and reports its peak in MB and in times the
// plan's size: what the plan path keeps in memory at once, which the peak
// RSS follows (cmd/iamlint's planGC), whatever the collector's pace in the
// benchmark. Call the returned func when the benchmark is done.
func reportPeakLive(b *testing.B, planBytes int64) func() {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sampleMetrics(stop, []string{"/gc/heap/live:bytes"}, func(s []metrics.Sample) {
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
		})
	}()
	return func() {
		close(stop)
		<-done
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-live-MB")
		if planBytes > 0 {
			b.ReportMetric(float64(peak.Load())/float64(planBytes), "peak-live/plan")
		}
	}
}

func benchLint(b *testing.B, opts linter.Options, size int64, files int) *linter.Result {
	b.Helper()
	b.SetBytes(size)
	b.ReportAllocs()
	var res *linter.Result
	for b.Loop() {
		var err error
		if res, err = linter.Lint(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
		if len(res.Errors) > 0 {
			b.Fatalf("errors: %+v", res.Errors[0])
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(files)/sec, "files/s")
	b.ReportMetric(float64(res.Summary.Policies)/sec, "policies/s")
	b.ReportMetric(float64(res.Summary.Findings), "findings")
	return res
}

// BenchmarkLintPlanFile lints the plan file named by $IAMLINT_BENCH_PLAN
// (for instance a plan written by bench/gen) end to end, as
// `iamlint --format json PLAN` does up to the report. Like BenchmarkLintPlan
// it reports the peak of the live heap (peak-live-MB, peak-live/plan).
func BenchmarkLintPlanFile(b *testing.B) {
	p := os.Getenv("IAMLINT_BENCH_PLAN")
	if p == "" {
		b.Skip("set IAMLINT_BENCH_PLAN")
	}
	st, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	defer reportPeakLive(b, st.Size())()
	benchLint(b, linter.Options{Paths: []string{p}, Rules: rules.All, NewOnly: os.Getenv("IAMLINT_BENCH_NEWONLY") != ""}, st.Size(), 1)
}

// TestPlanStages lints the plan named by $IAMLINT_BENCH_PLAN once, as
// `iamlint --format json --principals` does (JSON report to io.Discard;
// without principals, as the speed targets are measured, with
// $IAMLINT_BENCH_NOPRINCIPALS set), and logs the wall and CPU time
// (user+sys, every thread, GC included) of each stage, the live heap after
// loading, after the plan's values are dropped (released), after extraction
// and after the rules (linted), and the peak of the heap (objects, sampled
// every 5 ms) and of the live heap (marked by the last collection) in each
// stage. With $IAMLINT_HEAPPROF it writes heap profiles (PREFIX.loaded,
// PREFIX.released, PREFIX.extracted, PREFIX.linted, and PREFIX.peakN: at the
// collection that marked the most live heap in the Nth stage, counted from
// 0 in the order the stages are logged). With $IAMLINT_BENCH_STREAM_MIN
// (bytes) it streams plans from that size on instead of planStreamMin's
// (1 streams every plan; the stages are then loaded with the extraction
// and released with nothing left to drop).
func TestPlanStages(t *testing.T) {
	p := os.Getenv("IAMLINT_BENCH_PLAN")
	if p == "" {
		t.Skip("set IAMLINT_BENCH_PLAN")
	}
	cpu := cputime.Used
	live := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc) / (1 << 20)
	}
	var peak, peakLive atomic.Uint64
	var maxLive atomic.Uint64 // the live heap of the last peak profile of the stage
	var stageNo atomic.Int32  // the stage under way, counted from 0 in the order they are logged
	prof := os.Getenv("IAMLINT_HEAPPROF")
	stop := make(chan struct{})
	go sampleMetrics(stop, []string{"/memory/classes/heap/objects:bytes", "/gc/heap/live:bytes"}, func(s []metrics.Sample) {
		if v := s[0].Value.Uint64(); v > peak.Load() {
			peak.Store(v)
		}
		if v := s[1].Value.Uint64(); v > peakLive.Load() {
			peakLive.Store(v)
			if m := maxLive.Load(); prof != "" && v > m+m/20 {
				// The profile of the collection that marked the
				// highest live heap of the stage so far.
				maxLive.Store(v)
				if f, err := os.Create(fmt.Sprintf("%s.peak%d", prof, stageNo.Load())); err == nil {
					_ = pprof.WriteHeapProfile(f)
					_ = f.Close()
				}
			}
		}
	})
	defer close(stop)
	// The time the runtime's Ps sat idle (no goroutine to run: a serial
	// stretch leaves one CPU idle), which a busy machine does not change
	// as it changes the wall.
	idle := func() float64 {
		s := []metrics.Sample{{Name: "/cpu/classes/idle:cpu-seconds"}}
		metrics.Read(s)
		if s[0].Value.Kind() != metrics.KindFloat64 {
			return 0
		}
		return s[0].Value.Float64()
	}
	w0 := time.Now()
	last, lastC, lastI := w0, cpu(), idle()
	var spent time.Duration // wall spent measuring, left out
	stage := func(name string) {
		w, c, i := time.Now(), cpu(), idle()
		t.Logf("%-10s wall %6.2fs cpu %6.2fs idle %5.2fs heap peak %4.0f MB, live at GC peak %4.0f MB", name, w.Sub(last).Seconds(), (c - lastC).Seconds(),
			i-lastI, float64(peak.Load())/(1<<20), float64(peakLive.Load())/(1<<20))
		m0 := time.Now()
		if name == "planned" || name == "loaded" || name == "documented" || name == "released" || name == "extracted" || name == "linted" {
			t.Logf("%-10s live heap %.0f MB", name, live())
			if prof != "" {
				f, err := os.Create(prof + "." + name)
				if err == nil {
					_ = pprof.WriteHeapProfile(f)
					_ = f.Close()
				}
			}
		}
		peak.Store(0)
		peakLive.Store(0)
		maxLive.Store(0)
		stageNo.Add(1)
		spent += time.Since(m0)
		last, lastC, lastI = time.Now(), cpu(), idle()
	}
	if v := os.Getenv("IAMLINT_BENCH_STREAM_MIN"); v != "" {
		// Stream plans from this size (bytes) on, as Lint does from planStreamMin.
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		defer linter.SetPlanStream(n, linter.PlanChunk())()
	}
	opts := linter.Options{Paths: []string{p}, Rules: rules.All, NewOnly: os.Getenv("IAMLINT_BENCH_NEWONLY") != "",
		Principals: os.Getenv("IAMLINT_BENCH_NOPRINCIPALS") == "", Progress: func(pr linter.Progress) { stage(pr.Stage) }}
	res, err := linter.Lint(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	stage("linted")
	if err := report.JSON(io.Discard, res, report.Meta{ToolName: "iamlint", Rules: rules.All}); err != nil {
		t.Fatal(err)
	}
	stage("report")
	t.Logf("total wall %.2fs (measuring left out), %d findings", (time.Since(w0) - spent).Seconds(), len(res.Findings))
}

// BenchmarkLintPlanScaling lints generated plans (bench/estate.WritePlan) of
// growing size, 4 times bigger each (2 and 8 MB; IAMLINT_BENCH_SCALE_MB="2,8,32"
// to change them), and reports the CPU time (user+sys, GC included) of the
// extraction and of the rules and the steps after them per policy, and the
// bytes allocated per policy. Each should stay about the same from one size to
// the next: one that grows with the size is work that grows faster than the
// input (a map or list scanned per finding, a slice grown by doubling, a
// bigger live heap marked more often), which the 50 and 200 MB plans used to
// show as extraction and rules taking 6 times longer for 4 times the input.
//
//	IAMLINT_BENCH_SCALE_MB=2,8,32 go test -run XXX -bench LintPlanScaling ./linter/
func BenchmarkLintPlanScaling(b *testing.B) {
	sizes := []int{2, 8}
	if s := os.Getenv("IAMLINT_BENCH_SCALE_MB"); s != "" {
		sizes = sizes[:0]
		for _, f := range strings.Split(s, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				sizes = append(sizes, n)
			}
		}
	}
	for _, mb := range sizes {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			var buf bytes.Buffer
			st, err := estate.WritePlan(&buf, int64(mb)<<20)
			if err != nil {
				b.Fatal(err)
			}
			p := filepath.Join(b.TempDir(), "plan.json")
			if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
				b.Fatal(err)
			}
			buf = bytes.Buffer{}
			// CPU time at the last stage seen: "loaded", then "extracted"
			// (what follows, to the end of Lint, is the rules and the rest).
			var extract, lint, mark time.Duration
			opts := linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true,
				Progress: func(pr linter.Progress) {
					now := cputime.Used()
					if pr.Stage == "extracted" {
						extract += now - mark
					}
					mark = now
				}}
			b.ReportAllocs()
			var res *linter.Result
			for b.Loop() {
				mark = cputime.Used()
				if res, err = linter.Lint(context.Background(), opts); err != nil {
					b.Fatal(err)
				}
				lint += cputime.Used() - mark
			}
			n := float64(b.N) * float64(max(res.Summary.Policies, 1))
			b.ReportMetric(float64(extract.Nanoseconds())/1000/n, "extract-cpu-us/policy")
			b.ReportMetric(float64(lint.Nanoseconds())/1000/n, "lint-cpu-us/policy")
			b.ReportMetric(float64(res.Summary.Policies), "policies")
			b.SetBytes(st.Bytes)
		})
	}
}

// sampleMetrics reads the named runtime metrics every 5 ms and hands them to
// fn, until stop is closed.
func sampleMetrics(stop <-chan struct{}, names []string, fn func([]metrics.Sample)) {
	s := make([]metrics.Sample, len(names))
	for i, n := range names {
		s[i].Name = n
	}
	for {
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
		metrics.Read(s)
		fn(s)
	}
}
