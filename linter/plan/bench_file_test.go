package plan

import (
	"os"
	"runtime"
	"testing"
)

// BenchmarkLoadPlanFile loads the plan named by $IAMLINT_BENCH_PLAN as the
// runner does without --new-only (SkipBefore, Relevant: every type, tags
// and tags_all unread) and
// reports the live heap it holds (liveMB, the plan bytes left out); with
// $IAMLINT_BENCH_LAZY set, lazily (Options.Lazy, as a streamed plan is).
func BenchmarkLoadPlanFile(b *testing.B) {
	path := os.Getenv("IAMLINT_BENCH_PLAN")
	if path == "" {
		b.Skip("set IAMLINT_BENCH_PLAN")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{SkipBefore: true, BeforeResourcesOnly: true, Relevant: func(string, string) bool { return true },
		Unread: func(a string) bool { return a == "tags" || a == "tags_all" }}
	if os.Getenv("IAMLINT_BENCH_NEWONLY") != "" {
		opts = Options{BeforeResourcesOnly: true}
	}
	// $IAMLINT_BENCH_LAZY: as the runner loads a plan it streams (Lazy).
	opts.Lazy = os.Getenv("IAMLINT_BENCH_LAZY") != ""
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		p, diags := Load(path, src, opts)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		runtime.KeepAlive(p)
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	p, _ := Load(path, src, opts)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	runtime.KeepAlive(p)
	b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), "liveMB")
}
