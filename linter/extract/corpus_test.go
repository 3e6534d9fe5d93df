package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/load"
)

// TestCorpusSmoke extracts every policy of the shared corpus of real
// configurations (when present): no panic, and no policy JSON error, since
// real configurations that Terraform accepts hold valid policy JSON.
func TestCorpusSmoke(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "real")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not present")
	}
	if testing.Short() {
		t.Skip("short")
	}
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
	m, diags := Extract(res)
	docs, unknown := 0, 0
	for _, d := range m.Documents {
		docs++
		if d.Unknown {
			unknown++
		}
	}
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			t.Errorf("%s", d)
		}
	}
	t.Logf("%d documents (%d unknown), %d diagnostics", docs, unknown, len(diags))
}
