package plan

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadSplit loads src lazily with the pass over resource_changes split
// (whatever its size) or not, and describes the result: the error, or the
// changes in order, the sensitive ranges and the lazy jobs.
func loadSplit(src []byte, split bool) string {
	old := minSplitPass
	defer func() { minSplitPass = old }()
	minSplitPass = math.MaxInt
	if split {
		minSplitPass = 0
	}
	p, diags := Load("split.json", src, Options{SkipBefore: true, Lazy: true})
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "diag %s: %s %v\n", d.Summary, d.Detail, d.Subject)
	}
	if p == nil {
		return b.String()
	}
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "change %s %s %v %s %v after=%v lazy=%v\n", c.Address, c.Module, c.Actions, c.Source, c.Range, c.After != nil, c.After != nil && p.Deferred(c.After))
	}
	fmt.Fprintf(&b, "sensitive %v\n", p.Sensitive)
	return b.String()
}

// checkSplit fails when splitting the pass over src changes the result.
func checkSplit(t *testing.T, name string, src []byte) {
	t.Helper()
	if got, want := loadSplit(src, true), loadSplit(src, false); got != want {
		t.Fatalf("%s: split pass differs:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestSplitPass: a lazy load whose pass over resource_changes is split
// (changes) gives what one pass gives, on generated, test data and corpus
// plans, and on broken copies of them (cut short, a bad byte in the first
// or the second half, a bad value, a guessed element start that is not one).
func TestSplitPass(t *testing.T) {
	srcs := map[string][]byte{"gen": genPlan(1 << 20)}
	files, _ := filepath.Glob("testdata/*.json")
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	for _, f := range append(files, corpus...) {
		if b, err := os.ReadFile(f); err == nil && IsPlan(b) {
			srcs[f] = b
		}
	}
	// An element start inside a value: the guess in the second half is
	// wrong, and the pass reads on alone.
	srcs["nested"] = []byte(`{"format_version":"1.2","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"],"after":{"l":[1,{"address":"x"}]}}},` +
		`{"address":"a.c","mode":"managed","type":"a","name":"c","change":{"actions":["create"],"after":{"l":[1,{"address":"y"},{"address":"z"}]},"after_sensitive":{"l":[false,true]}}}]}`)
	gen := srcs["gen"]
	for name, src := range srcs {
		checkSplit(t, name, src)
		for _, frac := range []float64{0.3, 0.6, 0.9} {
			k := int(float64(len(src)) * frac)
			checkSplit(t, fmt.Sprintf("%s cut at %d", name, k), src[:k])
			bad := append([]byte(nil), src...)
			bad[k] = '}'
			checkSplit(t, fmt.Sprintf("%s bad byte at %d", name, k), bad)
		}
	}
	// A value that does not build in the second half, after a syntax
	// error-free first half; and the first of two errors.
	k := strings.LastIndex(string(gen), `"after":{`)
	if k < 0 {
		t.Fatal("gen has no after")
	}
	bad := append([]byte(nil), gen...)
	copy(bad[k:], `"after":[`)
	checkSplit(t, "gen after an array", bad)
	bad2 := append([]byte(nil), bad...)
	j := strings.Index(string(gen), `"after":{`)
	copy(bad2[j:], `"after":"`)
	checkSplit(t, "gen two bad afters", bad2)
}
