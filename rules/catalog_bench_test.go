package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// corpusPatterns returns every known action value (Action and NotAction) of
// every policy of the real-world repositories under ../shared/corpus/real,
// skipping the test when the corpus is absent.
func corpusPatterns(tb testing.TB) []string {
	tb.Helper()
	root := filepath.Join("..", "..", "shared", "corpus", "real")
	ents, err := os.ReadDir(root)
	if err != nil {
		tb.Skipf("corpus absent: %v", err)
	}
	var pats []string
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		res := load.Load(load.Options{Paths: []string{filepath.Join(root, e.Name())}, Renderers: extract.Renderers()})
		m, _ := extract.Extract(res)
		if m == nil {
			continue
		}
		for _, d := range m.Documents {
			for _, s := range d.Statements {
				for _, vs := range [][]string{texts(s.Actions), texts(s.NotActions())} {
					pats = append(pats, vs...)
				}
			}
		}
	}
	if len(pats) == 0 {
		tb.Skip("no action patterns in the corpus")
	}
	return pats
}

// BenchmarkExpandCorpus expands every action pattern of the real-world corpus
// against the catalog, without the rules' cache (the issue asks < 100 ms).
func BenchmarkExpandCorpus(b *testing.B) {
	pats := corpusPatterns(b)
	awsdata.Expand("s3:GetObject") // load the catalog outside the timer
	b.ReportMetric(float64(len(pats)), "patterns")
	for b.Loop() {
		for _, p := range pats {
			awsdata.Expand(strings.ToLower(strings.TrimSpace(p)))
		}
	}
}

// TestExpandCorpusTime checks the budget with a generous margin for
// slow CI machines (100 ms asked, 1 s enforced) and logs the real figure.
func TestExpandCorpusTime(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	pats := corpusPatterns(t)
	awsdata.Expand("s3:GetObject")
	start := cputime.Used()
	n := 0
	for _, p := range pats {
		n += len(awsdata.Expand(p))
	}
	el := cputime.Used() - start
	t.Logf("expanded %d corpus action patterns to %d actions in %v of CPU", len(pats), n, el)
	if el > time.Second {
		t.Errorf("expanding the corpus patterns took %v (budget 100 ms)", el)
	}
}

func texts(vs []iam.Value) []string {
	var out []string
	for _, v := range vs {
		if v.Known {
			out = append(out, v.Text)
		}
	}
	return out
}
