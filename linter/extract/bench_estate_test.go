package extract

import (
	"os"
	"strconv"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter/load"
)

// BenchmarkSpacesEstate extracts the address spaces of a generated estate
// (bench/estate, IAMLINT_BENCH_FILES files, 200 by default), loaded once
// outside the timer: the extraction alone, with its CPU time (every
// thread) as cpu-ms/op.
//
//	IAMLINT_BENCH_FILES=1000 go test -run XXX -bench SpacesEstate -benchmem ./linter/extract/
func BenchmarkSpacesEstate(b *testing.B) {
	dir := b.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: envInt("IAMLINT_BENCH_FILES", 200)}); err != nil {
		b.Fatal(err)
	}
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers(), Relevant: Relevant})
	docs := 0
	for _, sp := range Spaces(res) {
		docs += len(sp.Documents)
	}
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		Spaces(res)
	}
	b.ReportMetric(float64((cputime.Used()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(docs), "documents")
}

// envInt reads a benchmark size from the environment, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
