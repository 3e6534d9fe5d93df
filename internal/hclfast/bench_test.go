package hclfast

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamlint/iamlint/internal/cputime"
)

// BenchmarkParseCorpus parses every .tf of ../shared/corpus/real with
// hclfast (falling back to hclsyntax where it returns nil, as the loader
// does) and with hclsyntax alone. $HCLFAST_BENCH_DIR, when set, is parsed
// instead (e.g. a generated estate, /tmp/bench/e1k).
func BenchmarkParseCorpus(b *testing.B) {
	dir := filepath.Join(sharedCorpus, "real")
	if d := os.Getenv("HCLFAST_BENCH_DIR"); d != "" {
		dir = d
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no ../shared/corpus/real")
	}
	files := tfInputs(b, dir)
	var srcs [][]byte
	var names []string
	size := 0
	for name, src := range files {
		srcs = append(srcs, src)
		names = append(names, name)
		size += len(src)
	}
	b.Run("hclfast", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		defer reportCPU(b, size)()
		for b.Loop() {
			for i, src := range srcs {
				if ParseConfig(src, names[i]) == nil {
					_, _ = hclsyntax.ParseConfig(src, names[i], hcl.InitialPos)
				}
			}
		}
	})
	b.Run("hclsyntax", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		defer reportCPU(b, size)()
		for b.Loop() {
			for i, src := range srcs {
				_, _ = hclsyntax.ParseConfig(src, names[i], hcl.InitialPos)
			}
		}
	})
}

// reportCPU reports the process CPU time (user+sys, GC workers included)
// per operation and the parse rate per CPU second: on a shared machine
// these are steadier than wall-clock ns/op.
func reportCPU(b *testing.B, size int) func() {
	start := cpuTime()
	return func() {
		d := cpuTime() - start
		b.ReportMetric(float64(d.Milliseconds())/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(size)*float64(b.N)/d.Seconds()/1e6, "MB/cpu-s")
	}
}

func cpuTime() time.Duration { return cputime.Used() }
