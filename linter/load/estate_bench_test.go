package load

import (
	"os"
	"strconv"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/bench/estate"
)

// benchFiles is the estate size for BenchmarkLoadEstate: 100 .tf files, or
// IAMLINT_BENCH_FILES.
func benchFiles() int {
	if n, err := strconv.Atoi(os.Getenv("IAMLINT_BENCH_FILES")); err == nil && n > 0 {
		return n
	}
	return 100
}

// BenchmarkLoadEstate loads and evaluates a generated estate (bench/estate)
// of benchFiles() .tf files of about 10 kB.
func BenchmarkLoadEstate(b *testing.B) {
	dir := b.TempDir()
	st, err := estate.Generate(dir, estate.Options{Files: benchFiles()})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	var blocks int
	for b.Loop() {
		res := Load(Options{Paths: []string{dir}})
		for _, d := range res.Diags {
			if d.Severity == hcl.DiagError {
				b.Fatalf("error: %s", d.Error())
			}
		}
		blocks = 0
		for _, m := range res.Modules {
			blocks += len(m.Blocks)
		}
	}
	b.ReportMetric(float64(st.Files), "files")
	b.ReportMetric(float64(blocks), "blocks")
}
