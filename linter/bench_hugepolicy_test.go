package linter_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// BenchmarkLintHugePolicy lints one policy of N statements (a jsonencode of
// 60,000 is 3.4 MB of .tf, and an aws_iam_policy_document of 60,000
// statement blocks 3.9 MB, both under the 4 MiB file cap) and reports the
// bytes allocated and the time per statement, which stay about the same from
// one size to the next: the cost is linear. Measured at 15,000/30,000/60,000
// (session 14, load ~10): 10.1-10.8 KB allocated and 25-40 us of CPU
// (user+sys, GC included) per statement at every size, both forms; the
// CLI's peak live heap 48/130/216-305 MB (jsonencode), about 77 times the
// source: the HCL syntax tree about 1.7 KB a statement, evaluated nodes
// about 1 KB, the model, indexes and findings about 1.5 KB. The CLI's peak
// RSS (550-620 MB here, 855 MB once) is about the bytes allocated: the
// collector runs twice, cmd/iamlint tuneGC letting the heap grow up to 1 GB
// above the live heap.
//
//	IAMLINT_BENCH_STATEMENTS=15000,60000 go test -run XXX -bench LintHugePolicy -benchtime 1x ./linter/
func BenchmarkLintHugePolicy(b *testing.B) {
	counts := []int{15000}
	if s := os.Getenv("IAMLINT_BENCH_STATEMENTS"); s != "" {
		counts = counts[:0]
		for _, f := range strings.Split(s, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				counts = append(counts, n)
			}
		}
	}
	forms := map[string]func(n int) string{
		"jsonencode": func(n int) string {
			var sb strings.Builder
			sb.WriteString("resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({\n    Version = \"2012-10-17\"\n    Statement = [\n")
			for range n {
				sb.WriteString("      { Effect = \"Allow\", Action = \"s3:*\", Resource = \"*\" },\n")
			}
			sb.WriteString("    ]\n  })\n}\n")
			return sb.String()
		},
		"document": func(n int) string {
			var sb strings.Builder
			sb.WriteString("data \"aws_iam_policy_document\" \"d\" {\n")
			for range n {
				sb.WriteString("  statement {\n    actions   = [\"s3:*\"]\n    resources = [\"*\"]\n  }\n")
			}
			sb.WriteString("}\n\nresource \"aws_iam_policy\" \"p\" {\n  policy = data.aws_iam_policy_document.d.json\n}\n")
			return sb.String()
		},
	}
	for _, form := range []string{"jsonencode", "document"} {
		for _, n := range counts {
			b.Run(fmt.Sprintf("%s/%d", form, n), func(b *testing.B) {
				dir := b.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(forms[form](n)), 0o644); err != nil {
					b.Fatal(err)
				}
				opts := linter.Options{Paths: []string{dir}, Rules: rules.All}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				alloc0 := ms.TotalAlloc
				var res *linter.Result
				var err error
				cpu0 := cputime.Used()
				for b.Loop() {
					if res, err = linter.Lint(context.Background(), opts); err != nil {
						b.Fatal(err)
					}
				}
				cpu := cputime.Used() - cpu0
				runtime.ReadMemStats(&ms)
				per := float64(b.N) * float64(n)
				b.ReportMetric(float64(ms.TotalAlloc-alloc0)/per, "B/statement")
				b.ReportMetric(float64(cpu.Nanoseconds())/1000/per, "cpu-us/statement")
				b.ReportMetric(float64(len(res.Findings)), "findings")
			})
		}
	}
}
