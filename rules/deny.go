package rules

import (
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// A grant is cancelled when Deny statements of the same document take away
// everything it gives: AWS evaluates an explicit Deny before any Allow, so
// Allow iam:* + Deny iam:* on "*" grants nothing (BishopFox iam-vulnerable
// fp1). The wildcard and broad-grant rules judge what a document really
// grants and stay silent on a cancelled grant; a grant that is only partly
// denied keeps its finding, unchanged.
//
// Only guard Denies cancel: Effect known to be Deny, no Condition element at
// all (a condition may not hold for the request). Coverage is judged
// conservatively, per element of the Allow:
//
//   - actions: a Deny Action pattern covers an Allow pattern when every name
//     the Allow pattern can match, the Allow's own wildcards included, is
//     matched by it ("iam:*" covers "iam:Put*" and "IAM:PassRole"; "*" and
//     "*:*" cover everything). Failing that, when the Allow pattern names one
//     service the catalog knows, each catalog action it matches must be denied
//     (by any guard, through Action or NotAction: Statement.GrantsAction, the matching
//     privilege-escalation uses for its Deny handling). A Deny NotAction
//     covers by pattern only when each excluded pattern is known and names a
//     different (plain) service than the Allow pattern.
//   - resources, one Allow Resource value at a time: a Deny Resource "*"
//     covers any (unknown values and NotResource included); another Deny
//     Resource pattern covers a known Allow value it contains ("arn:aws:s3:::*"
//     covers "arn:aws:s3:::b/*", case-sensitive); a Deny NotResource covers
//     only a known Allow ARN without wildcards that none of its (known)
//     values matches. An Allow without Resource/NotResource (trust policies)
//     is covered by a Deny without them too.
//   - principals (trust and resource policies): a Deny Principal "*" or
//     {"AWS": "*"} covers every principal (NotPrincipal included); otherwise
//     each Allow principal must be known and listed, same type, in the Deny.
//     A Deny NotPrincipal never covers; an Allow without Principal (identity
//     policies) is covered by a Deny without one.
//
// Unknown Deny values never cover anything; an unknown Allow value is covered
// only by a Deny of every action (or resource) it stands for.

// denyIndex holds the guard Denies of one document at a time. The rules walk
// a document's statements in a row, so a one-entry cache keeps the cost of a
// document without Denies at one scan. Not safe for concurrent use: one per
// rule run.
type denyIndex struct {
	doc    *iam.Document
	guards []*iam.Statement
}

// guardDeny reports whether s is a Deny that can cancel a grant: Effect known
// to be Deny and no Condition element.
func guardDeny(s *iam.Statement) bool {
	return s != nil && s.IsDeny() && !s.Condition().Present && len(s.Conditions()) == 0
}

func (x *denyIndex) of(d *iam.Document) []*iam.Statement {
	if d != x.doc {
		x.doc = d
		x.guards = nil
		if d != nil {
			for _, s := range d.AllStatements() {
				if guardDeny(s) {
					x.guards = append(x.guards, s)
				}
			}
		}
	}
	return x.guards
}

// valueCancelled reports whether the grant of action value a (an element of
// s.Actions) on every resource and principal of Allow statement s is denied
// by the guard Denies of d.
func (x *denyIndex) valueCancelled(d *iam.Document, s *iam.Statement, a iam.Value) bool {
	return x.cancelled(d, s, func(ds []*iam.Statement) bool { return valueDenied(ds, a) })
}

// actionsCancelled reports whether each of the actions (names without
// wildcards) is denied, by the guard Denies of d, on every resource and
// principal of Allow statement s. False for no actions.
func (x *denyIndex) actionsCancelled(d *iam.Document, s *iam.Statement, actions ...string) bool {
	if len(actions) == 0 {
		return false
	}
	return x.cancelled(d, s, func(ds []*iam.Statement) bool {
		for _, a := range actions {
			if !nameDenied(ds, a) {
				return false
			}
		}
		return true
	})
}

// statementCancelled reports whether everything Allow statement s grants
// (each Action value, or everything but its NotAction) on each resource and
// principal is denied by the guard Denies of d.
func (x *denyIndex) statementCancelled(d *iam.Document, s *iam.Statement) bool {
	return x.cancelled(d, s, func(ds []*iam.Statement) bool {
		if s.NotAction().Present {
			for _, g := range ds {
				if denyCoversNotAction(g, s) {
					return true
				}
			}
			return false
		}
		if len(s.Actions) == 0 {
			return false
		}
		for _, a := range s.Actions {
			if !valueDenied(ds, a) {
				return false
			}
		}
		return true
	})
}

// cancelled runs covered, for each resource target of Allow statement s, on
// the guard Denies of d that cover that target and s's principals; true when
// every target is covered.
func (x *denyIndex) cancelled(d *iam.Document, s *iam.Statement, covered func(ds []*iam.Statement) bool) bool {
	if s == nil || !s.IsAllow() {
		return false
	}
	guards := x.of(d)
	if len(guards) == 0 {
		return false
	}
	var ps []*iam.Statement
	for _, g := range guards {
		if denyCoversPrincipals(g, s) {
			ps = append(ps, g)
		}
	}
	if len(ps) == 0 {
		return false
	}
	targets := resourceTargets(s)
	if len(targets) == 0 {
		return false // Resource present but empty: nothing to judge
	}
	ds := make([]*iam.Statement, 0, len(ps))
	for _, t := range targets {
		ds = ds[:0]
		for _, g := range ps {
			if denyCoversResource(g, t) {
				ds = append(ds, g)
			}
		}
		if len(ds) == 0 || !covered(ds) {
			return false
		}
	}
	return true
}

// resTarget is one resource an Allow statement grants on: a Resource value,
// everything but its NotResource (notRes), or the implicit resource of a
// statement without either (implicit: trust policies).
type resTarget struct {
	v        iam.Value
	notRes   bool
	implicit bool
}

func resourceTargets(s *iam.Statement) []resTarget {
	switch {
	case s.NotResource().Present:
		return []resTarget{{notRes: true}}
	case s.Resource.Present:
		ts := make([]resTarget, 0, len(s.Resources))
		for _, r := range s.Resources {
			ts = append(ts, resTarget{v: r})
		}
		return ts
	}
	return []resTarget{{implicit: true}}
}

// denyCoversResource reports whether guard g applies to every resource of
// target t.
func denyCoversResource(g *iam.Statement, t resTarget) bool {
	if g.NotResource().Present {
		if t.notRes || t.implicit || !t.v.Known || hasWildcard(t.v.Text) {
			return false
		}
		arn := strings.TrimSpace(t.v.Text)
		for _, nr := range g.NotResources() {
			if !nr.Known || iam.MatchARN(strings.TrimSpace(nr.Text), arn) {
				return false
			}
		}
		return len(g.NotResources()) > 0
	}
	if !g.Resource.Present {
		return t.implicit
	}
	for _, r := range g.Resources {
		if isStar(r) {
			return true
		}
	}
	if t.notRes || t.implicit || !t.v.Known {
		return false
	}
	v := strings.TrimSpace(t.v.Text)
	for _, r := range g.Resources {
		if r.Known && globCovers(strings.TrimSpace(r.Text), v) {
			return true
		}
	}
	return false
}

// denyCoversPrincipals reports whether guard g applies to every principal
// Allow statement s grants to.
func denyCoversPrincipals(g, s *iam.Statement) bool {
	if g.NotPrincipal().Present {
		return false
	}
	if !g.Principal().Present {
		return !s.Principal().Present && !s.NotPrincipal().Present
	}
	for _, p := range g.Principals() {
		if p.IsWildcard() {
			return true
		}
	}
	if s.NotPrincipal().Present || !s.Principal().Present || len(s.Principals()) == 0 {
		return false
	}
	for _, ap := range s.Principals() {
		if !ap.Type.Known || !ap.ID.Known {
			return false
		}
		found := false
		for _, dp := range g.Principals() {
			if dp.Type.Known && dp.ID.Known && dp.Type.Text == ap.Type.Text &&
				strings.TrimSpace(dp.ID.Text) == strings.TrimSpace(ap.ID.Text) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// valueDenied reports whether the guards ds together deny every action the
// Allow action value a can match.
func valueDenied(ds []*iam.Statement, a iam.Value) bool {
	if !a.Known {
		for _, g := range ds {
			if deniesEveryAction(g) {
				return true
			}
		}
		return false
	}
	p := strings.ToLower(a.Text)
	if p == "" {
		return false
	}
	for _, g := range ds {
		if denyCoversPattern(g, p) {
			return true
		}
	}
	if !hasWildcard(p) {
		return false // a plain name: denyCoversPattern was exact
	}
	// Catalog: each action of the one service the pattern names.
	if _, known := servicePart(p); !known {
		return false
	}
	acts := expandPattern(p)
	if acts.Len() == 0 {
		return false
	}
	for act := range acts.All() {
		if !nameDenied(ds, act.FullName()) {
			return false
		}
	}
	return true
}

// nameDenied reports whether one of the guards ds covers the action (a name
// without wildcards), through Action or NotAction: the same matching as the
// privilege-escalation rule's Deny handling (Statement.GrantsAction).
func nameDenied(ds []*iam.Statement, action string) bool {
	var act *awsdata.Action
	looked := false
	for _, g := range ds {
		if b := guardActions(g); b != nil {
			if !looked {
				act, _ = awsdata.LookupAction(action)
				looked = true
			}
			if act != nil {
				if i := act.Index(); b[i>>6]&(1<<(uint(i)&63)) != 0 {
					return true
				}
				continue
			}
		}
		if _, ok := g.GrantsAction(action); ok {
			return true
		}
	}
	return false
}

// bigGuard is the least number of Action or NotAction values from which
// nameDenied judges a catalog action by the set of catalog actions the
// guard denies (guardActions), made once, rather than by matching each of
// its patterns: a NotAction of 100,000 values asked of each of the
// thousands of write actions an Allow "*" grants was a billion matches
// (11 s for a 300-byte file).
const bigGuard = 64

// guardMemo holds guardActions' sets, by statement (at most 4,096 of
// them: past it, it starts again).
var guardMemo struct {
	sync.Mutex
	m map[*iam.Statement][]uint64
}

// guardActions returns, for a guard with bigGuard values or more, the set
// of the catalog actions it names as GrantsAction tells them (bit
// Action.Index): those an Action value matches, or with NotAction those no
// value matches (none when a value is unknown); nil for a smaller guard.
func guardActions(g *iam.Statement) []uint64 {
	not := g.NotAction().Present
	vals := g.Actions
	if not {
		vals = g.NotActions()
	}
	if len(vals) < bigGuard {
		return nil
	}
	guardMemo.Lock()
	defer guardMemo.Unlock()
	if b, ok := guardMemo.m[g]; ok {
		return b
	}
	b := effective.StatementActions(g)
	if guardMemo.m == nil || len(guardMemo.m) >= 4096 {
		guardMemo.m = map[*iam.Statement][]uint64{}
	}
	guardMemo.m[g] = b
	return b
}

// deniesEveryAction reports whether guard g's Action matches every action.
func deniesEveryAction(g *iam.Statement) bool {
	if g.NotAction().Present {
		return false
	}
	for _, a := range g.Actions {
		if isEveryAction(a) {
			return true
		}
	}
	return false
}

// denyCoversPattern reports whether guard g denies every action the lower-case
// Allow pattern p can match, by pattern alone.
func denyCoversPattern(g *iam.Statement, p string) bool {
	if g.NotAction().Present {
		if len(g.NotActions()) == 0 {
			return false
		}
		for _, n := range g.NotActions() {
			if !n.Known || !servicesDiffer(strings.ToLower(n.Text), p) {
				return false
			}
		}
		return true
	}
	for _, a := range g.Actions {
		if !a.Known {
			continue
		}
		if isEveryAction(a) || globCovers(strings.ToLower(a.Text), p) {
			return true
		}
	}
	return false
}

// denyCoversNotAction reports whether guard g denies everything an Allow
// NotAction grants: g denies every action, or g is itself a NotAction whose
// every (known) exclusion lies within s's known exclusions.
func denyCoversNotAction(g, s *iam.Statement) bool {
	if deniesEveryAction(g) {
		return true
	}
	if !g.NotAction().Present || len(g.NotActions()) == 0 {
		return false
	}
	for _, m := range g.NotActions() {
		if !m.Known {
			return false
		}
		mp := strings.ToLower(m.Text)
		inside := false
		for _, n := range s.NotActions() {
			if n.Known && globCovers(strings.ToLower(n.Text), mp) {
				inside = true
				break
			}
		}
		if !inside {
			return false
		}
	}
	return true
}

// servicesDiffer reports whether two lower-case action patterns name
// different plain services ("s3:*" and "iam:put*"), so that they cannot match
// a common action.
func servicesDiffer(a, b string) bool {
	sa, _, okA := strings.Cut(a, ":")
	sb, _, okB := strings.Cut(b, ":")
	return okA && okB && sa != "" && sb != "" && !hasWildcard(sa) && !hasWildcard(sb) && sa != sb
}

// maxCoverLen bounds globCovers' table (patterns are short; a huge value is
// judged only by the "all stars" shortcut).
const maxCoverLen = 1024

// globCovers reports whether every string that pattern p matches is matched
// by pattern a ("*" any run, "?" one character, case-sensitive: lower-case
// both for actions). p's own wildcards count as what they may stand for: a
// "*" of p is only covered by a "*" of a, a "?" of p by "?" or "*".
func globCovers(a, p string) bool {
	if wild(a) {
		return true
	}
	if len(a) > maxCoverLen || len(p) > maxCoverLen {
		return false
	}
	// row[j] for the current i: a[i:] covers p[j:]; computed from the end.
	next := make([]bool, len(p)+1) // i+1
	cur := make([]bool, len(p)+1)
	next[len(p)] = true // a[len(a):] covers only the empty rest
	for i := len(a) - 1; i >= 0; i-- {
		c := a[i]
		for j := len(p); j >= 0; j-- {
			switch {
			case c == '*':
				cur[j] = next[j] || (j < len(p) && cur[j+1])
			case j == len(p):
				cur[j] = false
			case c == '?':
				cur[j] = p[j] != '*' && next[j+1]
			default:
				cur[j] = p[j] == c && next[j+1]
			}
		}
		next, cur = cur, next
	}
	return next[0]
}

// writesCancelled reports, for wildcard-resource, whether each write action
// value of Allow statement s is denied by the guard Denies of d: the whole
// value, or each catalog action through which it counts (those that can be
// scoped and are Write, Permissions management or Tagging: Allow s3:* with a
// Deny of every s3 write leaves only reads).
func (x *denyIndex) writesCancelled(d *iam.Document, s *iam.Statement, writes []iam.Value) bool {
	if len(writes) == 0 || len(x.of(d)) == 0 {
		return false
	}
	for _, w := range writes {
		if x.valueCancelled(d, s, w) {
			continue
		}
		var names []string
		for a := range expandValue(w).All() {
			if scopableWriteAction(a) {
				names = append(names, a.FullName())
			}
		}
		if !x.actionsCancelled(d, s, names...) {
			return false
		}
	}
	return true
}
