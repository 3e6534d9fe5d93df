package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

const realCorpus = "../../../shared/corpus/real"

// BenchmarkLoadRealCorpus loads and evaluates every root module of the real
// corpus (../shared/corpus/real from the repository root).
func BenchmarkLoadRealCorpus(b *testing.B) {
	if _, err := os.Stat(realCorpus); err != nil {
		b.Skip("corpus absent:", err)
	}
	var files, errs int
	for b.Loop() {
		res := Load(Options{Paths: []string{realCorpus}})
		files, errs = 0, 0
		for _, f := range res.Files {
			if filepath.Ext(f) == ".tf" {
				files++
			}
		}
		for _, d := range res.Diags {
			if d.Severity == hcl.DiagError {
				errs++
			}
		}
	}
	b.ReportMetric(float64(files), "tf-files")
	b.ReportMetric(float64(errs), "diag-errors")
}
