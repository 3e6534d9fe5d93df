package extract

import (
	"os"
	"strconv"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
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
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers(), Relevant: Relevant, KeepText: KeepText})
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

// loadEstate generates an estate of IAMLINT_BENCH_FILES files (200 by
// default) and loads it.
func loadEstate(b *testing.B) *eval.Result {
	dir := b.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: envInt("IAMLINT_BENCH_FILES", 200)}); err != nil {
		b.Fatal(err)
	}
	return load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers(), Relevant: Relevant, KeepText: KeepText})
}

// BenchmarkRenderEstate renders the json of every data
// aws_iam_policy_document of a generated estate (as the evaluator asks for
// it), with its CPU time as cpu-ms/op.
//
//	IAMLINT_BENCH_FILES=1000 go test -run XXX -bench RenderEstate -benchmem ./linter/extract/
func BenchmarkRenderEstate(b *testing.B) {
	var bodies []*eval.Node
	for _, m := range loadEstate(b).Modules {
		for _, bl := range m.Blocks {
			if bl.Mode == "data" && bl.Type == policyDocumentType {
				bodies = append(bodies, bl.Body)
			}
		}
	}
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		for _, n := range bodies {
			RenderPolicyDocument(n)
		}
	}
	b.ReportMetric(float64((cputime.Used()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(bodies)), "documents")
}

// BenchmarkJSONPoliciesEstate builds the documents of the jsonencode
// policies of the consumers of a generated estate (fromJSON: iam.FromTree
// over the nodes), with its CPU time as cpu-ms/op.
//
//	IAMLINT_BENCH_FILES=1000 go test -run XXX -bench JSONPoliciesEstate -benchmem ./linter/extract/
func BenchmarkJSONPoliciesEstate(b *testing.B) {
	var nodes, ats []*eval.Node
	for _, m := range loadEstate(b).Modules {
		for _, bl := range m.Blocks {
			if !isConsumer(bl) {
				continue
			}
			for _, k := range consumers[bl.Type] {
				ats = appendAttrNodes(ats[:0], bl.Body, k.Path)
				for _, at := range ats {
					if at.JSONArg() != nil {
						nodes = append(nodes, at)
					}
				}
			}
		}
	}
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		x := &extractor{}
		for _, n := range nodes {
			if d, _ := x.fromJSON(n, &choices{}, iam.Identity); d == nil {
				b.Fatal("no document")
			}
		}
	}
	b.ReportMetric(float64((cputime.Used()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(nodes)), "policies")
}

// envInt reads a benchmark size from the environment, or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}
