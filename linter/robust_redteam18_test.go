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

// TestPlanNotReadAgainPastAddressSpace: a plan whose bytes were dropped is
// read again for the text report's quotes only when the address space left
// under a limit on it (ulimit -v) holds it twice: a plan of 1,000,000
// roles (750 MB, 2.1 GB peak RSS) read again under ulimit -v 4000000 ended
// in the runtime's fatal "out of memory". It is said in a notice, and the
// findings are the same.
func TestPlanNotReadAgainPastAddressSpace(t *testing.T) {
	dir := t.TempDir()
	plan := writeFile(t, dir, "plan.json", dupPlan(3))
	lint := func(left int64, limited bool) *linter.Result {
		old := *linter.AddressSpaceLeft
		defer func() { *linter.AddressSpaceLeft = old }()
		*linter.AddressSpaceLeft = func() (int64, bool) { return left, limited }
		return lintBounded(t, 10*time.Second, linter.Options{Paths: []string{plan}})
	}
	size := int64(len(dupPlan(3)))
	read, notRead := lint(2*size, true), lint(2*size-1, true)
	// The plan lists one address three times: one notice says so
	// (plan_duplicate_addresses.txtar), left out here.
	for _, r := range []*linter.Result{read, notRead} {
		kept := r.Notices[:0]
		for _, n := range r.Notices {
			if !strings.HasPrefix(n.Message, "Duplicate resource address: ") {
				kept = append(kept, n)
			}
		}
		if len(kept) != len(r.Notices)-1 {
			t.Fatalf("notices %+v", r.Notices)
		}
		r.Notices = kept
		r.Summary.Notices--
	}
	if unlimited := lint(0, false); len(unlimited.Sources) != 1 || len(unlimited.Notices) != 1 {
		t.Fatalf("no limit: %d sources, notices %+v", len(unlimited.Sources), unlimited.Notices)
	}
	if len(read.Sources) != 1 || len(read.Notices) != 0 {
		t.Fatalf("room for it twice: %d sources, notices %+v", len(read.Sources), read.Notices)
	}
	if len(notRead.Sources) != 0 || len(notRead.Notices) != 1 || notRead.Summary.Notices != 1 ||
		!strings.HasPrefix(notRead.Notices[0].Message, "Plan text not quoted: ") || !strings.Contains(notRead.Notices[0].Message, "ulimit -v") {
		t.Fatalf("no room: %d sources, notices %+v (summary %d)", len(notRead.Sources), notRead.Notices, notRead.Summary.Notices)
	}
	if len(read.Findings) != 12 || len(notRead.Findings) != len(read.Findings) {
		t.Fatalf("%d findings read again, %d not", len(read.Findings), len(notRead.Findings))
	}
	for i := range read.Findings {
		if a, b := read.Findings[i], notRead.Findings[i]; a.Range != b.Range || a.Fingerprint != b.Fingerprint {
			t.Errorf("finding %d: %s %s, not read again %s %s", i, a.Range, a.Fingerprint, b.Range, b.Fingerprint)
		}
	}
}
