package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// selfEditActions rewrite a customer managed policy in place: a principal
// allowed them on a policy attached to itself can grant itself anything.
var selfEditActions = []string{"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"}

// checkSelfPolicyEdit finds the escalation that a scoped resource hides: a
// principal allowed iam:CreatePolicyVersion (or SetDefaultPolicyVersion) on
// an ARN pattern that matches a customer managed policy attached to that same
// principal ("arn:aws:iam::*:policy/app-*" when the principal's own policy is
// "app-deploy"). Unscoped grants are reported by the main check.
func checkSelfPolicyEdit(p *linter.Pass) {
	g := graph(p)
	// The customer managed policies attached to each principal, and the
	// identity documents each principal holds: only of the principals with
	// such a policy (the others are not judged; a plan has hundreds of
	// thousands of principals), in the order they first appear among the
	// attachments.
	attached := map[*iam.Entity][]*iam.Document{}
	for _, a := range g.Attachments {
		if a == nil || a.Principal == nil {
			continue
		}
		for _, d := range a.Policies {
			if d != nil && !d.Managed && d.PolicyName != "" {
				attached[a.Principal] = append(attached[a.Principal], d)
			}
		}
	}
	if len(attached) == 0 {
		return
	}
	held := make(map[*iam.Entity][]*iam.Document, len(attached))
	var order []*iam.Entity
	for _, a := range g.Attachments {
		if a == nil || a.Principal == nil || attached[a.Principal] == nil {
			continue
		}
		if _, ok := held[a.Principal]; !ok {
			held[a.Principal] = nil
			order = append(order, a.Principal)
		}
		for _, d := range a.Policies {
			if d == nil || d.Managed {
				continue
			}
			held[a.Principal] = append(held[a.Principal], d)
		}
	}
	for _, ip := range g.Inline {
		if ip == nil || ip.Principal == nil || attached[ip.Principal] == nil {
			continue
		}
		held[ip.Principal] = append(held[ip.Principal], ip.Documents...)
	}
	reported := map[iam.Range]bool{}
	// What a document's statements offer (the self-edit grants on
	// resources that name customer managed policies) depends on the
	// document alone: found once per document, not once per principal
	// holding it (one policy of 100,000 statements attached to 1,000
	// roles was 100 million statements judged: 24 s).
	// Which of them match the policies attached to a principal depends on
	// those policies alone: found once per document and list of attached
	// policies (principals attached the same policies share it).
	cands := map[*iam.Document]*selfIndex{}
	type matchKey struct {
		d   *iam.Document
		own string
	}
	matches := map[matchKey][]selfMatch{}
	for _, e := range order {
		own := attached[e]
		if len(own) == 0 {
			continue
		}
		var ownID strings.Builder
		for _, d := range own {
			fmt.Fprintf(&ownID, "%p,", d)
		}
		// The documents of few candidates are asked together, in one
		// index of their candidates, each attached policy once (M
		// policies attached to a role, each allowing a self-edit, were M
		// indexes each asked about the M policies: 8,000 took 51 CPU s
		// and 6.4 GB); the others each in its own, remembered.
		var pool []selfCand
		type poolRef struct {
			d *iam.Document
			c int
		}
		var refs []poolRef
		pooled := map[*iam.Document][]selfMatch{}
		for _, d := range held[e] {
			if d == nil || d.Kind != iam.Identity {
				continue
			}
			ci, ok := cands[d]
			if !ok {
				ci = newSelfIndex(selfCands(d))
				cands[d] = ci
			}
			if n := len(ci.cs); n == 0 || n > selfPoolMax {
				continue
			}
			if _, ok := pooled[d]; ok {
				continue
			}
			pooled[d] = nil
			for i, c := range ci.cs {
				pool = append(pool, c)
				refs = append(refs, poolRef{d, i})
			}
		}
		if len(pool) > 0 {
			for _, m := range newSelfIndex(pool).matchOwn(own) {
				r := refs[m.c]
				pooled[r.d] = append(pooled[r.d], selfMatch{r.c, m.target})
			}
		}
		for _, d := range held[e] {
			if d == nil || d.Kind != iam.Identity {
				continue
			}
			ci := cands[d]
			if len(ci.cs) == 0 {
				// Nothing to match: no memo of the attached policies
				// (M policies attached to a role, each also held by it,
				// were M memos of M policies: 10,000 took 7.8 GB).
				continue
			}
			cs := ci.cs
			ms, ok := pooled[d]
			if !ok {
				k := matchKey{d, ownID.String()}
				ms, ok = matches[k]
				if !ok {
					ms = ci.matchOwn(own)
					matches[k] = ms
				}
			}
			for _, m := range ms {
				c, target := cs[m.c], m.target
				s, r, act, action := c.s, c.r, c.act, c.action
				if reported[r.Range] {
					continue
				}
				reported[r.Range] = true
				sev := linter.Severity(0)
				note := ""
				if len(s.Conditions()) > 0 {
					sev = linter.High
					note = " (a condition narrows the statement: severity lowered to high)"
				}
				reportPolicy(p, d, linter.Finding{
					Severity: sev,
					Message: fmt.Sprintf("policy grants privilege escalation: %s (through %q) on %q, which matches policy %q attached to %s: "+
						"the holder can write a new version of its own policy and grant itself anything; exclude the policies attached to it%s",
						action, act.Text, r.Text, target.PolicyName, entityName(e), note),
					Range:   r.Range.HCL(),
					Related: []iam.Related{{Range: target.Range.HCL(), Message: "the policy it can rewrite"}},
				})
			}
		}
	}
}

// selfCand is a statement of a document that allows action (through act)
// on resource r, whose ARN pattern may name a customer managed policy with
// path and name matching path (ownPolicyPattern).
type selfCand struct {
	s      *iam.Statement
	act    iam.Value
	action string
	r      iam.Value
	path   string
}

// selfMatch is the candidate cands[c] of a document matching target, a
// policy attached to the principal.
type selfMatch struct {
	c      int
	target *iam.Document
}

// selfIndex holds a document's candidates (selfCands) each under one
// literal piece of its path pattern that a "policy/PATH/NAME" it matches
// must hold: its literal prefix (before the first * or ?), its literal
// suffix (after the last one) or a literal piece between two wildcards,
// whichever fewest candidates share (a policy of 100,000 statements on
// policy ARNs matching nothing, attached to 1,000 roles each with another
// policy, was 100 million patterns matched; 10,000 patterns
// "policy/*x${i}*", all of prefix "policy/", against 10,000 policies were
// 100 million). Keys are at most selfKeyLen bytes (the first of a prefix
// or piece, the last of a suffix), so a policy name is looked up at most
// 3·selfKeyLen·len(name) times whatever the patterns.
type selfIndex struct {
	cs []selfCand
	// by holds the candidates by key, in order, for each kind of key.
	by [3]map[string][]int
	// lens holds the lengths of the keys of each kind.
	lens [3][selfKeyLen + 1]bool
	rest []int // the others (no literal piece, or not UTF-8): asked of every policy
	// twins holds, for the first candidate of each path pattern, the
	// candidates of that pattern (it first): a pattern is matched once
	// for all (10,000 resources "policy/*-z*q" against 10,000 policies
	// "pol-y${j}-z" were 100 million matches). Only first candidates are
	// in by and rest.
	twins [][]int
	// byTarget holds the candidates matching a policy, in order.
	byTarget map[*iam.Document][]int
	// globs counts the patterns matched against policy paths (tests).
	globs int
}

// selfPoolMax is the most candidates of a document asked together with
// those of the other documents a principal holds (checkSelfPolicyEdit).
const selfPoolMax = 64

// selfKeyLen is the most bytes of a literal piece a key of selfIndex holds.
const selfKeyLen = 16

// The kinds of key of selfIndex.
const (
	selfPre = iota
	selfSuf
	selfMid
)

// selfKeys returns the keys of a path pattern by kind: its prefix, suffix
// and middle pieces, cut to selfKeyLen bytes; "" for none.
func selfKeys(path string) (pre, suf string, mids []string) {
	j := strings.IndexAny(path, "*?")
	if j < 0 {
		pre = path
	} else {
		pre = path[:j]
		k := strings.LastIndexAny(path, "*?")
		suf = path[k+1:]
		for _, m := range strings.FieldsFunc(path[j:k+1], func(r rune) bool { return r == '*' || r == '?' }) {
			mids = append(mids, m[:min(len(m), selfKeyLen)])
		}
	}
	return pre[:min(len(pre), selfKeyLen)], suf[max(0, len(suf)-selfKeyLen):], mids
}

func newSelfIndex(cs []selfCand) *selfIndex {
	ci := &selfIndex{cs: cs, byTarget: map[*iam.Document][]int{}, twins: make([][]int, len(cs))}
	firsts := map[string]int{}
	for k := range ci.by {
		ci.by[k] = map[string][]int{}
	}
	// How many candidates hold each key, then each candidate under its
	// rarest key (the first of equals: prefix, suffix, pieces in order).
	type key struct {
		kind int
		s    string
	}
	count := map[key]int{}
	keys := make([][]key, len(cs))
	for i, c := range cs {
		if j, ok := firsts[c.path]; ok {
			ci.twins[j] = append(ci.twins[j], i)
			continue
		}
		firsts[c.path] = i
		ci.twins[i] = []int{i}
		// MatchARN compares runes: a byte that is not UTF-8 reads as
		// U+FFFD, as does the rune itself, so only valid text compares
		// as bytes.
		if !utf8.ValidString(c.path) {
			continue
		}
		pre, suf, mids := selfKeys(c.path)
		var ks []key
		if pre != "" {
			ks = append(ks, key{selfPre, pre})
		}
		if suf != "" {
			ks = append(ks, key{selfSuf, suf})
		}
		for _, m := range mids {
			ks = append(ks, key{selfMid, m})
		}
		ks = slices.Compact(ks)
		for _, k := range ks {
			count[k]++
		}
		keys[i] = ks
	}
	for i, ks := range keys {
		if ci.twins[i] == nil {
			continue
		}
		if len(ks) == 0 {
			ci.rest = append(ci.rest, i)
			continue
		}
		best := ks[0]
		for _, k := range ks[1:] {
			if count[k] < count[best] {
				best = k
			}
		}
		ci.by[best.kind][best.s] = append(ci.by[best.kind][best.s], i)
		ci.lens[best.kind][len(best.s)] = true
	}
	return ci
}

// matching returns the candidates whose path pattern matches policy t
// (matchOwnPath), in order; remembered.
func (ci *selfIndex) matching(t *iam.Document) []int {
	if ms, ok := ci.byTarget[t]; ok {
		return ms
	}
	name := ownPolicyPath(t)
	var ms []int
	try := func(is []int) {
		for _, i := range is {
			ci.globs++
			if iam.MatchARN(ci.cs[i].path, name) {
				ms = append(ms, ci.twins[i]...)
			}
		}
	}
	if !utf8.ValidString(name) {
		for i, tw := range ci.twins {
			if tw != nil {
				try([]int{i})
			}
		}
	} else {
		for n := 1; n <= selfKeyLen && n <= len(name); n++ {
			if ci.lens[selfPre][n] {
				try(ci.by[selfPre][name[:n]])
			}
			if ci.lens[selfSuf][n] {
				try(ci.by[selfSuf][name[len(name)-n:]])
			}
			if ci.lens[selfMid][n] {
				// Each piece once, wherever it appears.
				seen := map[string]bool{}
				for k := 0; k+n <= len(name); k++ {
					m := name[k : k+n]
					if is, ok := ci.by[selfMid][m]; ok && !seen[m] {
						seen[m] = true
						try(is)
					}
				}
			}
		}
		try(ci.rest)
	}
	slices.Sort(ms)
	ci.byTarget[t] = ms
	return ms
}

// matchOwn returns, in the order of the candidates, those matching one
// of own with the first of own each matches (matchOwnPath).
func (ci *selfIndex) matchOwn(own []*iam.Document) []selfMatch {
	first := map[int]*iam.Document{}
	for _, t := range own {
		for _, i := range ci.matching(t) {
			if _, ok := first[i]; !ok {
				first[i] = t
			}
		}
	}
	if len(first) == 0 {
		return nil
	}
	ms := make([]selfMatch, 0, len(first))
	for i, t := range first {
		ms = append(ms, selfMatch{i, t})
	}
	slices.SortFunc(ms, func(a, b selfMatch) int { return a.c - b.c })
	return ms
}

// selfCands returns the self-edit grants of d on scoped resources that may
// name a customer managed policy, in the order of its statements and
// resources.
func selfCands(d *iam.Document) []selfCand {
	var out []selfCand
	for _, s := range d.AllStatements() {
		if s == nil || !s.IsAllow() || s.NotResource().Present {
			continue
		}
		var act iam.Value
		var action string
		for _, a := range selfEditActions {
			if v, ok := s.GrantsAction(a); ok {
				act, action = v, a
				break
			}
		}
		if action == "" {
			continue
		}
		for _, r := range s.Resources {
			if !r.Known || effective.UnscopedResource(r) {
				continue
			}
			if path, ok := ownPolicyPattern(r.Text); ok {
				out = append(out, selfCand{s: s, act: act, action: action, r: r, path: path})
			}
		}
	}
	return out
}

// ownPolicyPattern returns the resource part of the ARN pattern when it
// may name a customer managed policy (any partition and account: both are
// the deploying account's, unknown before apply).
func ownPolicyPattern(pattern string) (string, bool) {
	fa := splitColon(strings.TrimSpace(pattern), 6)
	f := fa.f[:fa.k]
	if len(f) != 6 || f[0] != "arn" || !iam.MatchWildcard(f[2], "iam") || !iam.MatchWildcard(f[3], "") {
		return "", false
	}
	if !iam.MatchWildcard(f[1], "aws") && !iam.MatchWildcard(f[1], "aws-cn") && !iam.MatchWildcard(f[1], "aws-us-gov") {
		return "", false
	}
	return f[5], true
}

// matchOwnPolicy returns the first document of own whose ARN the resource
// pattern matches (ownPolicyPattern).
func matchOwnPolicy(pattern string, own []*iam.Document) *iam.Document {
	path, ok := ownPolicyPattern(pattern)
	if !ok {
		return nil
	}
	return matchOwnPath(path, own)
}

// matchOwnPath returns the first document of own whose "policy/PATH/NAME"
// the resource part of an ARN pattern matches.
func matchOwnPath(pattern string, own []*iam.Document) *iam.Document {
	for _, d := range own {
		if iam.MatchARN(pattern, ownPolicyPath(d)) {
			return d
		}
	}
	return nil
}

// ownPolicyPath returns "policy/PATH/NAME" of customer managed policy d,
// the resource part of its ARN.
func ownPolicyPath(d *iam.Document) string {
	path := d.PolicyPath
	if !strings.HasSuffix(path, "/") {
		path += "/"
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return "policy" + path + d.PolicyName
}
