package config

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// applyIgnoresPlain is ApplyIgnoresRan as it was before ignoreMatcher:
// every block tested against every finding. It is the oracle of
// TestIgnoreMatcherEquivalence.
func (c *Config) applyIgnoresPlain(findings []linter.Finding, now time.Time, ran map[string]bool) (kept, suppressed, problems []linter.Finding) {
	kept, suppressed = []linter.Finding{}, []linter.Finding{}
	if c == nil {
		return append(kept, findings...), suppressed, nil
	}
	today := now.UTC().Format("2006-01-02")
	used := make([]bool, len(c.Ignores))
	res := make([]*regexp.Regexp, len(c.Ignores)) // every address compiled, as Parse did
	for i, ig := range c.Ignores {
		if ig.hasAddress {
			res[i] = globAddrRe(ig.Address)
		}
	}
	for _, f := range findings {
		hit := -1
		for i, ig := range c.Ignores {
			if !((ig.Rule == "*" || ig.Rule == f.Rule) && res[i] != nil && res[i].MatchString(f.Resource)) {
				continue
			}
			used[i] = true
			if (ig.Expires == "" || ig.Expires >= today) && hit < 0 {
				hit = i
			}
		}
		if hit < 0 {
			kept = append(kept, f)
			continue
		}
		ig := c.Ignores[hit]
		f.Suppression = &linter.Suppression{Kind: "config", Reason: ig.Reason, Expires: ig.Expires}
		suppressed = append(suppressed, f)
	}
	for i, ig := range c.Ignores {
		switch {
		case ig.Expires != "" && ig.Expires < today:
			problems = append(problems, problem(ig, "expired", fmt.Sprintf("ignore of %s for %s expired on %s: the findings are reported again", ig.Rule, ig.Address, ig.Expires)))
		case !used[i] && (ran == nil || ig.Rule == "*" || ran[ig.Rule]):
			problems = append(problems, problem(ig, "unused", fmt.Sprintf("unused ignore: no %s finding for an address matching %q; remove it", ig.Rule, ig.Address)))
		}
	}
	return kept, suppressed, problems
}

// TestIgnoreMatcherEquivalence: random findings x random ignore blocks
// (exact addresses, globs with * and ?, rule IDs and "*", expired and
// unexpired, duplicates, odd bytes), the indexed matcher keeps, suppresses
// (by the same block) and reports (unused, expired) exactly what the plain
// loop does.
func TestIgnoreMatcherEquivalence(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 42))
	// pieces of addresses: dots, brackets, quotes, a multi-byte rune,
	// U+FFFD, an invalid byte, a newline (".*" does not match it).
	pieces := []string{"module", ".", "m", "aws_iam_policy", "p", "a", "b", "[", "]", "\"k\"", "0", "1", "é", "\uFFFD", "\xff", "\n", "data"}
	rules := []string{"wildcard-action", "wildcard-resource", "passrole-wildcard", "*"}
	dates := []string{"", "", "2026-11-29", "2026-11-30", "2026-12-01", "2027-01-31"}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for round := range 400 {
		var resources []string
		for range 1 + rng.IntN(12) {
			resources = append(resources, word(rng.IntN(5)))
		}
		c := &Config{}
		for i := range rng.IntN(30) {
			var addr string
			switch rng.IntN(4) {
			case 0: // a resource itself
				addr = resources[rng.IntN(len(resources))]
			case 1: // a resource with some runes replaced by wildcards
				rs := []rune(resources[rng.IntN(len(resources))])
				for j := range rs {
					if rng.IntN(4) == 0 {
						rs[j] = []rune("*?")[rng.IntN(2)]
					}
				}
				addr = string(rs)
			case 2: // a resource's prefix or suffix and a star
				r := resources[rng.IntN(len(resources))]
				k := rng.IntN(len(r) + 1)
				if rng.IntN(2) == 0 {
					addr = r[:k] + "*"
				} else {
					addr = "*" + r[k:]
				}
			default:
				addr = word(rng.IntN(3))
				for range rng.IntN(3) {
					k := rng.IntN(len(addr) + 1)
					addr = addr[:k] + []string{"*", "?"}[rng.IntN(2)] + addr[k:]
				}
			}
			ig := &Ignore{Rule: rules[rng.IntN(len(rules))], Address: addr, Reason: fmt.Sprint("r", i), Expires: dates[rng.IntN(len(dates))]}
			if rng.IntN(20) != 0 { // sometimes no address attribute
				ig.hasAddress = true
			}
			c.Ignores = append(c.Ignores, ig)
		}
		var fs []linter.Finding
		for i := range rng.IntN(40) {
			r := resources[rng.IntN(len(resources))]
			if rng.IntN(5) == 0 {
				r = word(rng.IntN(4))
			}
			fs = append(fs, linter.Finding{Rule: rules[rng.IntN(len(rules))], Resource: r, Message: fmt.Sprint(i)})
		}
		var ran map[string]bool
		if rng.IntN(2) == 0 {
			ran = map[string]bool{rules[rng.IntN(len(rules))]: true}
		}
		k1, s1, p1 := c.ApplyIgnoresRan(fs, now, ran)
		k2, s2, p2 := c.applyIgnoresPlain(fs, now, ran)
		if !reflect.DeepEqual(k1, k2) || !reflect.DeepEqual(s1, s2) || !reflect.DeepEqual(p1, p2) {
			for _, ig := range c.Ignores {
				t.Logf("ignore %q %q expires %q has address %v", ig.Rule, ig.Address, ig.Expires, ig.hasAddress)
			}
			for _, f := range fs {
				t.Logf("finding %q %q", f.Rule, f.Resource)
			}
			t.Fatalf("round %d: indexed != plain:\nkept %v\n  vs %v\nsuppressed %v\n  vs %v\nproblems %v\n  vs %v", round, k1, k2, s1, s2, p1, p2)
		}
	}
}

func TestGlobLiterals(t *testing.T) {
	for _, c := range []struct {
		g, pre, suf string
		lit         bool
	}{
		{"module.a.aws_iam_policy.p", "module.a.aws_iam_policy.p", "module.a.aws_iam_policy.p", true},
		{"", "", "", true},
		{"module.legacy.*", "module.legacy.", "", false},
		{"*.aws_iam_policy.p", "", ".aws_iam_policy.p", false},
		{"a?b*c", "a", "c", false},
		{"*", "", "", false},
		{"é\xffx*y", "é", "y", false},
		{"ab\uFFFD", "ab", "", false},
	} {
		pre, suf, lit := globLiterals(c.g)
		if pre != c.pre || suf != c.suf || lit != c.lit {
			t.Errorf("globLiterals(%q) = %q, %q, %v; want %q, %q, %v", c.g, pre, suf, lit, c.pre, c.suf, c.lit)
		}
	}
}

// BenchmarkApplyIgnores: 3,000 findings x 2,000 ignore blocks (exact
// addresses, module prefixes, suffix globs), indexed and plain.
func BenchmarkApplyIgnores(b *testing.B) {
	c := &Config{}
	for i := range 2000 {
		var addr string
		switch i % 3 {
		case 0:
			addr = fmt.Sprintf("aws_iam_policy.p%d", i)
		case 1:
			addr = fmt.Sprintf("module.m%d.*", i)
		default:
			addr = fmt.Sprintf("*.q%d", i)
		}
		c.Ignores = append(c.Ignores, &Ignore{Rule: "wildcard-action", Address: addr, Reason: "r", hasAddress: true})
	}
	var fs []linter.Finding
	for i := range 3000 {
		fs = append(fs, linter.Finding{Rule: "wildcard-action", Resource: fmt.Sprintf("module.m%d.aws_iam_policy.p%d", i, i)})
	}
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	b.Run("indexed", func(b *testing.B) {
		for b.Loop() {
			c.ApplyIgnoresRan(fs, now, nil)
		}
	})
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			c.applyIgnoresPlain(fs, now, nil)
		}
	})
}

// TestIgnoreTestsBounded: globs that no index keeps from every finding
// ("*nomatchN*") are tested at most maxIgnoreTests times in all; past it
// the run says so in one problem, reports no ignore as unused, and still
// applies the exact addresses. 20,000 such blocks against 20,000 findings
// ran past ten minutes (red team 20).
func TestIgnoreTestsBounded(t *testing.T) {
	defer func(n int) { maxIgnoreTests = n }(maxIgnoreTests)
	maxIgnoreTests = 1000
	c := &Config{}
	for i := range 100 {
		c.Ignores = append(c.Ignores, &Ignore{Rule: "wildcard-action", Address: fmt.Sprintf("*nomatch%d*", i), Reason: "r", hasAddress: true})
	}
	c.Ignores = append(c.Ignores, &Ignore{Rule: "wildcard-action", Address: "aws_iam_policy.p[150]", Reason: "exact", hasAddress: true})
	var fs []linter.Finding
	for i := range 200 {
		fs = append(fs, linter.Finding{Rule: "wildcard-action", Resource: fmt.Sprintf("aws_iam_policy.p[%d]", i)})
	}
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	used := make([]bool, len(c.Ignores))
	m := newIgnoreMatcher(c.Ignores, "2026-11-30", used)
	for _, f := range fs {
		m.first(f)
	}
	if !m.over || m.tests > maxIgnoreTests+1 {
		t.Errorf("over = %v after %d tests; want over, at most %d tests", m.over, m.tests, maxIgnoreTests+1)
	}
	kept, suppressed, problems := c.ApplyIgnoresRan(fs, now, nil)
	if len(suppressed) != 1 || suppressed[0].Resource != "aws_iam_policy.p[150]" || len(kept) != 199 {
		t.Errorf("kept %d, suppressed %v; want 199 kept and the exact address (after the bound) suppressed", len(kept), suppressed)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "more than 1000 times") {
		t.Errorf("problems %v; want one saying the bound was passed (and no unused ignore)", problems)
	}

	// Under the bound: the same as testing every block.
	maxIgnoreTests = 1 << 30
	k1, s1, p1 := c.ApplyIgnoresRan(fs, now, nil)
	k2, s2, p2 := c.applyIgnoresPlain(fs, now, nil)
	if !reflect.DeepEqual(k1, k2) || !reflect.DeepEqual(s1, s2) || !reflect.DeepEqual(p1, p2) {
		t.Errorf("under the bound: indexed != plain")
	}
}

func TestGlobRuns(t *testing.T) {
	for _, c := range []struct {
		g    string
		runs []string
		s    string
		has  bool
	}{
		{"*nomatch1*", []string{"nomatch1"}, "aws_iam_policy.p[1]", false},
		{"aws_*.p[?]", []string{"aws_", ".p[", "]"}, "aws_iam_policy.p[1]", true},
		{"*p*aws*", []string{"p", "aws"}, "aws_iam_policy", false},
		{"*aa*aa*", []string{"aa", "aa"}, "aaa", false},
		{"*aa*aa*", []string{"aa", "aa"}, "aaaa", true},
		{"é\xffx*\uFFFDy", []string{"é", "x", "y"}, "éZxQy", true},
		{"**??", nil, "", true},
	} {
		runs := globRuns(c.g)
		if !reflect.DeepEqual(runs, c.runs) {
			t.Errorf("globRuns(%q) = %q, want %q", c.g, runs, c.runs)
		}
		if got := hasRuns(c.s, runs); got != c.has {
			t.Errorf("hasRuns(%q, %q) = %v, want %v", c.s, runs, got, c.has)
		}
	}
}
