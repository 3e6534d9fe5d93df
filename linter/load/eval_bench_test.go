package load

import (
	"os"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter/extract"
)

// BenchmarkEvalEstate measures evaluation alone (no parsing) the way the
// linter runs it (extract's Relevant and Renderers): every module directory
// of a generated estate (bench/estate, benchFiles() .tf files, or the
// estate in IAMLINT_BENCH_DIR) is parsed once, then each loop evaluates
// every root module, one after the other.
func BenchmarkEvalEstate(b *testing.B) {
	dir := os.Getenv("IAMLINT_BENCH_DIR")
	var size int64
	if dir == "" {
		dir = b.TempDir()
		st, err := estate.Generate(dir, estate.Options{Files: benchFiles()})
		if err != nil {
			b.Fatal(err)
		}
		size = st.Bytes
	}
	l := newLoader(Options{Paths: []string{dir}, Renderers: extract.Renderers(), Relevant: extract.Relevant, KeepText: extract.KeepText, MissingFileWarning: true})
	l.allow(dir)
	l.evalOpts.Allowed = l.allowed
	roots := findModuleDirs(dir, &l.diags, l.readDir)
	for _, r := range roots {
		if l.config(r) == nil {
			b.Fatalf("cannot parse %s", r)
		}
	}
	if size == 0 {
		for _, src := range l.sources {
			size += int64(len(src))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var blocks int
	cpu0 := cputime.Used()
	for b.Loop() {
		blocks = 0
		for _, r := range roots {
			cfg := l.config(r)
			mods, diags := l.evaluate(cfg, l.rootInputs(cfg))
			for _, d := range diags {
				if d.Severity == hcl.DiagError && os.Getenv("IAMLINT_BENCH_DIR") == "" {
					b.Fatalf("error: %s", d.Error())
				}
			}
			for _, m := range mods {
				blocks += len(m.Blocks)
			}
		}
	}
	// CPU seconds of the process (GC workers included) per loop: on a
	// shared machine, steadier than the wall time.
	b.ReportMetric((cputime.Used()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(roots)), "roots")
	b.ReportMetric(float64(blocks), "blocks")
}
