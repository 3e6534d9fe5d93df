package linter_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// longSidAlloc lints n instances of a for_each whose policy, of a Sid of
// sidLen bytes, is written as policy (a file() of p.json or a heredoc), and
// returns the bytes allocated.
func longSidAlloc(t *testing.T, sidLen, n int, heredoc bool) uint64 {
	t.Helper()
	doc := `{"Version":"2012-10-17","Statement":[{"Sid":"` + strings.Repeat("S", sidLen) + `","Effect":"Allow","Action":"*","Resource":"*"}]}`
	policy := `file("${path.module}/p.json")`
	if heredoc {
		policy = "<<EOT\n" + doc + "\nEOT"
	}
	dir := t.TempDir()
	writeFile(t, dir, "p.json", doc)
	writeFile(t, dir, "main.tf", fmt.Sprintf(`resource "aws_iam_policy" "p" {
  for_each = toset([for i in range(%d) : tostring(i)])
  name     = "p${each.key}"
  policy   = %s
}
`, n, policy))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res := lintBounded(t, 20*time.Second, linter.Options{Paths: []string{dir}})
	runtime.ReadMemStats(&after)
	if len(res.Errors) != 0 || len(res.Findings) == 0 {
		t.Fatalf("%d findings, errors %+v", len(res.Findings), res.Errors)
	}
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Resource, `aws_iam_policy.p["`) {
			t.Errorf("finding %s of %s", f.Rule, f.Resource)
		}
	}
	return after.TotalAlloc - before.TotalAlloc
}

// TestLongSidLocatedOnce: a policy whose Sid is long, written in a
// heredoc or file()d by the instances of a for_each: each finding of each
// instance made its own copy of the Sid to locate it ("sid:" and the Sid;
// 1,200 findings of a 256 KB Sid: 300 MB allocated; a 3 MB Sid and 1,000
// instances, 11 GB and 555 MB of peak RSS). The findings of one Sid share
// one text now.
func TestLongSidLocatedOnce(t *testing.T) {
	for _, c := range []struct {
		sidLen, n int
		heredoc   bool
	}{{256 << 10, 300, true}, {1536 << 10, 40, false}} {
		got := longSidAlloc(t, c.sidLen, c.n, c.heredoc)
		t.Logf("%d instances of a %d KB Sid (heredoc %v): %d MB allocated", c.n, c.sidLen>>10, c.heredoc, got>>20)
		if limit := uint64(8*c.sidLen + 16<<20); got > limit { // (and the AWS data, read once)
			t.Errorf("%d instances of a %d KB Sid (heredoc %v): %d MB allocated; want under %d MB", c.n, c.sidLen>>10, c.heredoc, got>>20, limit>>20)
		}
	}
}
