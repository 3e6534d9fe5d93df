package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
)

// The CLI benchmarks run the whole command (flags, lint, report) in the test
// process on generated inputs, the report written to io.Discard. They are
// the workloads bench/pgo.sh profiles for the compiler (default.pgo).

// benchSize reads a benchmark size from the environment, or def.
func benchSize(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// benchRun runs the command with args b.N times and fails on an exit code
// other than want.
func benchRun(b *testing.B, want int, args ...string) {
	b.Helper()
	var stderr bytes.Buffer
	for b.Loop() {
		stderr.Reset()
		if code := run(args, bytes.NewReader(nil), io.Discard, &stderr); code != want {
			b.Fatalf("iamlint %v: exit %d, want %d\n%s", args, code, want, stderr.String())
		}
	}
}

// BenchmarkCLIEstate lints a generated estate (bench/estate) to a JSON
// report: IAMLINT_BENCH_FILES .tf files (default 200), one root in
// IAMLINT_BENCH_IAM_EVERY with IAM (default: every root).
func BenchmarkCLIEstate(b *testing.B) {
	dir := b.TempDir()
	st, err := estate.Generate(dir, estate.Options{Files: benchSize("IAMLINT_BENCH_FILES", 200), IAMEvery: benchSize("IAMLINT_BENCH_IAM_EVERY", 0)})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	benchRun(b, exitFindings, "--format", "json", dir)
}

// BenchmarkCLIPlan lints a generated plan of IAMLINT_BENCH_PLAN_MB MiB
// (default 5) to a JSON report.
func BenchmarkCLIPlan(b *testing.B) {
	p := filepath.Join(b.TempDir(), "plan.json")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	st, err := estate.WriteFullPlan(f, int64(benchSize("IAMLINT_BENCH_PLAN_MB", 5))<<20)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Bytes)
	benchRun(b, exitFindings, "--format", "json", p)
}

// BenchmarkCLICorpus lints ../shared/corpus/real (the real-world
// repositories beside the project; skipped where they are absent) to a
// text report.
func BenchmarkCLICorpus(b *testing.B) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "real"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skip("../shared/corpus/real is absent")
	}
	benchRun(b, exitFindings, "--principals", dir)
}
