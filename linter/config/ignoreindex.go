package config

import (
	"sort"
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
}

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
	m := &ignoreMatcher{ignores: ignores, used: used, byRule: map[string]*addrIndex{}}
	for i, ig := range ignores {
		if !ig.hasAddress || (ig.Expires != "" && ig.Expires < today) {
			continue
		}
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
	if !m.ignores[i].addressRe().MatchString(resource) {
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
