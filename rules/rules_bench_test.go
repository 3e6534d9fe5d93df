package rules

import (
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// estateModel loads and extracts a generated estate (bench/estate) of
// IAMLINT_BENCH_FILES .tf files (default 100), or the directory
// IAMLINT_BENCH_DIR when set.
func estateModel(tb testing.TB) *iam.Model {
	tb.Helper()
	dir := os.Getenv("IAMLINT_BENCH_DIR")
	if dir == "" {
		dir = tb.TempDir()
		if _, err := estate.Generate(dir, estate.Options{Files: benchFiles()}); err != nil {
			tb.Fatal(err)
		}
	}
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: extract.Renderers()})
	m, _ := extract.Extract(res)
	if m == nil {
		tb.Fatal("no model")
	}
	return m
}

func benchFiles() int {
	if n, err := strconv.Atoi(os.Getenv("IAMLINT_BENCH_FILES")); err == nil && n > 0 {
		return n
	}
	return 100
}

// BenchmarkRulesEstate runs every rule over the model of a generated estate
// (loading and extraction outside the timer) and reports each rule's share as
// ms/<rule-id>, so that a rule that turns quadratic shows up by name.
func BenchmarkRulesEstate(b *testing.B) {
	m := estateModel(b)
	b.ReportMetric(float64(len(m.Documents)), "policies")
	per := map[string]time.Duration{}
	n := 0
	for b.Loop() {
		n++
		for _, r := range All {
			start := time.Now()
			r.Check(linter.NewPass(r, m, func(linter.Finding) {}))
			per[r.ID] += time.Since(start)
		}
	}
	ids := make([]string, 0, len(per))
	for id := range per {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		b.ReportMetric(float64(per[id].Microseconds())/1000/float64(n), "ms/"+id)
	}
}
