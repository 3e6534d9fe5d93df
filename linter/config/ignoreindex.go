package config

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter"
)

// ignoreMatcher finds, for a finding, the first ignore block (in file
// order) that suppresses it, and marks every block that matches it as
// used. It gives the answers of testing every block against every finding
// (Ignore.Matches, as TestIgnoreMatcherEquivalence checks) while testing a
// finding only against the blocks that can match it: those of its rule and
// of rule "*", whose address is the finding's resource (a glob without
// wildcards) or whose literal prefix (or, without one, suffix) the
// resource starts (ends) with. 1,000 or 20,000 ignore blocks cost
// findings x blocks regular expression matches otherwise.
//
// Expired blocks are left out: they suppress nothing, and whether they
// matched is never reported (an expired block is reported as expired).
type ignoreMatcher struct {
	ignores []*Ignore
	used    []bool
	byRule  map[string]*addrIndex // rule ID or "*"
	runs    [][]string            // the literal runs of each glob, in order (globRuns; nil: literal)
	tests   int                   // address tests made (test)
	over    bool                  // tests passed maxIgnoreTests: the globs test nothing more
}

// maxIgnoreTests bounds the address tests of the globs of one run: the
// literal runs of a glob looked for in a finding's address (globRuns), and
// its regular expression when they are all there. An index cannot keep a
// glob such as "*nomatch123*" from being tested against every finding:
// 20,000 of them (a 1.6 MB .iamlint.hcl) against the 20,000 findings of
// one count ran for more than ten minutes (red team 20), the regular
// expression of each at about a microsecond. Past the bound (about a
// second of literal searches), the findings left are tested against the
// exact addresses only, and the run says so (see ApplyIgnoresRan).
var maxIgnoreTests = 50_000_000 // a variable for the tests

// addrIndex holds the blocks of one rule by their address pattern.
type addrIndex struct {
	exact    map[string][]int // address without wildcards -> blocks: equal is a match
	prefix   map[string][]int // literal prefix of a glob -> blocks to test
	suffix   map[string][]int // literal suffix of a glob without prefix -> blocks to test
	any      []int            // globs starting and ending with a wildcard
	prefLens []int            // the lengths of the keys of prefix, ascending
	sufLens  []int            // the lengths of the keys of suffix, ascending
}

func newIgnoreMatcher(ignores []*Ignore, today string, used []bool) *ignoreMatcher {
	m := &ignoreMatcher{ignores: ignores, used: used, byRule: map[string]*addrIndex{}, runs: make([][]string, len(ignores))}
	for i, ig := range ignores {
		if !ig.hasAddress || (ig.Expires != "" && ig.Expires < today) {
			continue
		}
		m.runs[i] = globRuns(ig.Address)
		ix := m.byRule[ig.Rule]
		if ix == nil {
			ix = &addrIndex{exact: map[string][]int{}, prefix: map[string][]int{}, suffix: map[string][]int{}}
			m.byRule[ig.Rule] = ix
		}
		pre, suf, literal := globLiterals(ig.Address)
		switch {
		case literal:
			ix.exact[ig.Address] = append(ix.exact[ig.Address], i)
		case pre != "" && len(pre) >= len(suf):
			ix.prefix[pre] = append(ix.prefix[pre], i)
		case suf != "":
			ix.suffix[suf] = append(ix.suffix[suf], i)
		default:
			ix.any = append(ix.any, i)
		}
	}
	for _, ix := range m.byRule {
		ix.prefLens = keyLens(ix.prefix)
		ix.sufLens = keyLens(ix.suffix)
	}
	return m
}

func keyLens(m map[string][]int) []int {
	seen := map[int]bool{}
	var lens []int
	for k := range m {
		if !seen[len(k)] {
			seen[len(k)] = true
			lens = append(lens, len(k))
		}
	}
	sort.Ints(lens)
	return lens
}

// globLiterals returns the literal prefix and suffix of an address glob
// (see globAddrRe): the runs before the first and after the last wildcard
// that the glob's expression matches only byte for byte. A rune that is
// not valid UTF-8 (or is U+FFFD, which the expression matches to any
// invalid byte) ends a run. literal reports a glob that is all such runes
// (no wildcard): it matches exactly the string itself.
func globLiterals(g string) (prefix, suffix string, literal bool) {
	stop := func(r rune) bool {
		return r == '*' || r == '?' || r == utf8.RuneError
	}
	i := 0
	for i < len(g) {
		r, size := utf8.DecodeRuneInString(g[i:])
		if stop(r) {
			break
		}
		i += size
	}
	if i == len(g) {
		return g, g, true
	}
	j := len(g)
	for j > i {
		r, size := utf8.DecodeLastRuneInString(g[:j])
		if stop(r) {
			break
		}
		j -= size
	}
	return g[:i], g[j:], false
}

// globRuns returns the literal runs of an address glob, in order: the
// runs between its wildcards that its expression matches only byte for
// byte (as globLiterals has them: a rune that is not valid UTF-8, or
// U+FFFD, ends a run). An address the glob matches holds them all, in
// this order, without overlap.
func globRuns(g string) []string {
	var runs []string
	start := 0
	for i := 0; i < len(g); {
		r, size := utf8.DecodeRuneInString(g[i:])
		if r == '*' || r == '?' || r == utf8.RuneError {
			if i > start {
				runs = append(runs, g[start:i])
			}
			start = i + size
		}
		i += size
	}
	if start < len(g) {
		runs = append(runs, g[start:])
	}
	return runs
}

// hasRuns reports whether s holds the runs in order without overlap (the
// leftmost occurrence of each, after the one before: a match exists only if
// this finds one).
func hasRuns(s string, runs []string) bool {
	for _, r := range runs {
		j := strings.Index(s, r)
		if j < 0 {
			return false
		}
		s = s[j+len(r):]
	}
	return true
}

// first returns the index of the first unexpired block that matches f, or
// -1, and marks the blocks that match f as used.
func (m *ignoreMatcher) first(f linter.Finding) int {
	hit := -1
	for k, rule := range [2]string{f.Rule, "*"} {
		ix := m.byRule[rule]
		if ix == nil || (k == 1 && f.Rule == "*") {
			continue
		}
		r := f.Resource
		for _, i := range ix.exact[r] {
			hit = m.mark(i, hit)
		}
		if m.over {
			continue
		}
		for _, l := range ix.prefLens {
			if l > len(r) {
				break
			}
			for _, i := range ix.prefix[r[:l]] {
				hit = m.test(i, hit, r)
			}
		}
		for _, l := range ix.sufLens {
			if l > len(r) {
				break
			}
			for _, i := range ix.suffix[r[len(r)-l:]] {
				hit = m.test(i, hit, r)
			}
		}
		for _, i := range ix.any {
			hit = m.test(i, hit, r)
		}
	}
	return hit
}

// test marks block i when its address matches resource.
func (m *ignoreMatcher) test(i, hit int, resource string) int {
	if hit >= 0 && i > hit && m.used[i] {
		return hit // changes nothing
	}
	if m.over {
		return hit
	}
	if m.tests++; m.tests > maxIgnoreTests {
		m.over = true
		return hit
	}
	if !hasRuns(resource, m.runs[i]) || !m.ignores[i].addressRe().MatchString(resource) {
		return hit
	}
	return m.mark(i, hit)
}

func (m *ignoreMatcher) mark(i, hit int) int {
	m.used[i] = true
	if hit < 0 || i < hit {
		return i
	}
	return hit
}
