package linter_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/rules"
)

// TestWidePatternsBudget: the distinct action patterns that name no service
// and start with a wildcard ("*a*b*c*d*"), each matched against every action
// of the catalog, are expanded up to a budget per run; past it they are
// unknown to the rules (no finding claims what they grant or that they match
// nothing) and one notice, at the first of them, says how many were not
// expanded. 300,000 distinct ones in one 3.6 MB policy took 40 CPU s and
// 1 GB (each expanded by up to four rules once the memos were full). The
// work is counted (awsdata.WideExpands, WideMatches), not timed: with a
// budget of 100 and 600 distinct patterns (300 twice), 100 are expanded
// (each once: the rules share a memo); all 600 were.
// The run one root at a time and the run on the merged model agree.
func TestWidePatternsBudget(t *testing.T) {
	defer linter.SetMaxWidePatterns(linter.SetMaxWidePatterns(100))
	dir := t.TempDir()
	// Patterns of 5 random letters no other test uses: not memoized yet.
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[string]bool{}
	var pats []string
	for len(pats) < 600 {
		var b strings.Builder
		for range 5 {
			b.WriteByte('*')
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		b.WriteByte('*')
		if p := b.String(); !seen[p] {
			seen[p] = true
			pats = append(pats, p)
		}
	}
	// Two roots, the second repeating the first's patterns (in upper case:
	// the same pattern) and then its own.
	var a, b strings.Builder
	a.WriteString("resource \"aws_iam_policy\" \"a\" {\n  policy = jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Resource = \"*\", Action = [\n")
	for _, p := range pats[:300] {
		fmt.Fprintf(&a, "    %q,\n", p)
	}
	a.WriteString("  ] }] })\n}\n")
	b.WriteString("resource \"aws_iam_policy\" \"b\" {\n  policy = jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Resource = \"*\", Action = [\n")
	for _, p := range pats[:300] {
		fmt.Fprintf(&b, "    %q,\n", strings.ToUpper(p))
	}
	for _, p := range pats[300:] {
		fmt.Fprintf(&b, "    %q,\n", p)
	}
	b.WriteString("  ] }] })\n}\n")
	writeFile(t, dir, "a/main.tf", a.String())
	writeFile(t, dir, "b/main.tf", b.String())

	opts := linter.Options{Paths: []string{dir}, Rules: rules.All}
	expands, matches := awsdata.WideExpands(), awsdata.WideMatches()
	res := lintBounded(t, 60*time.Second, opts)
	expands, matches = awsdata.WideExpands()-expands, awsdata.WideMatches()-matches
	t.Logf("expands %d, matches %d", expands, matches)
	if matches > 100 {
		t.Errorf("%d patterns matched against the catalog, want at most the budget, 100", matches)
	}
	if expands > 2*100 {
		t.Errorf("%d expansions of catalog-wide patterns, want at most 2 a pattern of the budget (100)", expands)
	}
	var notices []linter.Notice
	for _, n := range res.Notices {
		if strings.HasPrefix(n.Message, "Action patterns not expanded") {
			notices = append(notices, n)
		}
	}
	// The 101st distinct pattern: line 3+100 of a/main.tf.
	if len(notices) != 1 || !strings.HasSuffix(notices[0].File, "a/main.tf") || notices[0].Line != 103 ||
		!strings.Contains(notices[0].Message, "more than 100 distinct action patterns") ||
		!strings.Contains(notices[0].Message, "500 such patterns (700 values), from this one on, were not expanded") {
		t.Fatalf("notices %+v; want one at a/main.tf:103 saying 500 patterns (700 values) were not expanded", res.Notices)
	}
	// No finding at a pattern past the budget: in a/main.tf from line 103,
	// in b/main.tf at the first 300 past the first 100 and at its own.
	cut := func(file string, line int) bool {
		if strings.HasSuffix(file, "a/main.tf") {
			return line >= 103 && line < 3+300
		}
		return line >= 103 && line < 3+600
	}
	n := 0
	for _, f := range res.Findings {
		if f.Rule == "unknown-action" || f.Rule == "wildcard-service-action" || f.Rule == "sensitive-data-access" {
			n++
			if cut(f.Range.Filename, f.Range.Start.Line) {
				t.Errorf("finding at a pattern not expanded: %s:%d %s %s", f.Range.Filename, f.Range.Start.Line, f.Rule, f.Message)
			}
		}
	}
	if n == 0 {
		t.Errorf("no finding at the patterns expanded: %v", res.Findings)
	}

	// The merged model's way gives the same.
	defer linter.SetNoRoots(linter.SetNoRoots(true))
	whole := lintBounded(t, 60*time.Second, opts)
	if !reflect.DeepEqual(whole.Findings, res.Findings) || !reflect.DeepEqual(whole.Notices, res.Notices) {
		t.Errorf("one root at a time and merged differ:\nroots:  %d findings, notices %+v\nmerged: %d findings, notices %+v",
			len(res.Findings), res.Notices, len(whole.Findings), whole.Notices)
	}
}
