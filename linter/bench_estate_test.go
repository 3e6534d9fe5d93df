package linter_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// envInt reads a benchmark size from the environment (IAMLINT_BENCH_FILES,
// IAMLINT_BENCH_PLAN_MB), or def.
func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// BenchmarkLintEstate lints a generated estate (bench/estate) end to end:
// 100 .tf files of about 10 kB by default, IAMLINT_BENCH_FILES to change it.
// It reports files/s, MB/s (SetBytes) and policies/s.
func BenchmarkLintEstate(b *testing.B) {
	dir := b.TempDir()
	st, err := estate.Generate(dir, estate.Options{Files: envInt("IAMLINT_BENCH_FILES", 100)})
	if err != nil {
		b.Fatal(err)
	}
	benchLint(b, linter.Options{Paths: []string{dir}, Rules: rules.All}, st.Bytes, st.Files)
}

// BenchmarkLintOneFileOfEstate is the pre-commit case: one named file in a
// 1,000-file estate (only its directory and the modules it calls are read).
func BenchmarkLintOneFileOfEstate(b *testing.B) {
	dir := b.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: envInt("IAMLINT_BENCH_FILES", 1000)}); err != nil {
		b.Fatal(err)
	}
	f := filepath.Join(dir, "r00003", "iam_jsonencode.tf")
	st, err := os.Stat(f)
	if err != nil {
		b.Fatal(err)
	}
	res := benchLint(b, linter.Options{Paths: []string{f}, Rules: rules.All}, st.Size(), 1)
	if res.Summary.Files > estate.FilesPerRoot {
		b.Errorf("%d files read for one named file, want at most %d", res.Summary.Files, estate.FilesPerRoot)
	}
}

// BenchmarkLintPlan lints a generated plan (bench/estate.WritePlan) of 5 MB,
// IAMLINT_BENCH_PLAN_MB to change it.
func BenchmarkLintPlan(b *testing.B) {
	var buf bytes.Buffer
	st, err := estate.WritePlan(&buf, int64(envInt("IAMLINT_BENCH_PLAN_MB", 5))<<20)
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), "plan.json")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	benchLint(b, linter.Options{Paths: []string{p}, Rules: rules.All}, st.Bytes, 1)
}

func benchLint(b *testing.B, opts linter.Options, size int64, files int) *linter.Result {
	b.Helper()
	b.SetBytes(size)
	b.ReportAllocs()
	var res *linter.Result
	for b.Loop() {
		var err error
		if res, err = linter.Lint(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
		if len(res.Errors) > 0 {
			b.Fatalf("errors: %+v", res.Errors[0])
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(files)/sec, "files/s")
	b.ReportMetric(float64(res.Summary.Policies)/sec, "policies/s")
	b.ReportMetric(float64(res.Summary.Findings), "findings")
	return res
}
