package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// PrivilegeEscalation fires on an identity policy that grants, on unscoped
// resources, a known set of actions that lets its holder gain more
// privileges (the Rhino Security Labs list and its successors). Wildcards
// count as containing the actions they match. It judges one policy at a time.
var PrivilegeEscalation = &linter.Rule{
	ID:       "privilege-escalation",
	Title:    "policy grants a privilege escalation path",
	Severity: linter.Critical,
	Doc: linter.Doc{
		Why: `Some permissions let their holder give themselves more: create a new version of a policy ` +
			`(iam:CreatePolicyVersion), attach or write a policy to themselves (iam:Attach*Policy, ` +
			`iam:Put*Policy), create keys or passwords for other users, rewrite a role's trust, change ` +
			`the code of a Lambda function that runs with a stronger role, or pass a privileged role to a ` +
			`compute service they control (iam:PassRole with ec2:RunInstances, lambda:CreateFunction, ` +
			`cloudformation:CreateStack, glue, codebuild, ecs, sagemaker, datapipeline). On unscoped ` +
			`resources ("*") any of these makes the holder an administrator in a few API calls. ` +
			`Wildcards such as iam:*, iam:Put* and * contain them.`,
		Fix: `Grant these actions only on the specific resources the workload manages (its own functions, ` +
			`policies under a path, roles it may pass with an iam:PassedToService condition), add a ` +
			`permissions boundary to roles and users that may create principals, or remove the actions.`,
		Links: []string{
			"https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
			"https://bishopfox.com/blog/privilege-escalation-in-aws",
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
		},
	},
	Check: checkPrivilegeEscalation,
}

// escalationPaths are the known escalation methods, single actions first:
// package effective's table, which the split-path check and the principals
// summary read too.
var escalationPaths = effective.EscalationPaths

// grant is where one document grants an action on unscoped resources.
type grant struct {
	at   iam.Value // the action value (or NotAction element) that grants it
	cond bool      // the statement has conditions
	own  bool      // the statement is the document's own (not merged from a source/override document)
}

// grantIndex answers "does this document grant action X on unscoped
// resources": the universe actions of package effective as bit sets (one
// memoized match per distinct action text), glob matching for any other.
type grantIndex struct {
	own    map[*iam.Statement]bool // nil: every statement is the document's own
	stmts  []*iam.Statement
	bits   []effective.Bits // per stmts element
	any    effective.Bits   // union of bits
	denies []*iam.Statement
	deny   effective.Bits // union of the denies' bits
}

// reset makes gi the index of d, reusing its lists. With ids set (the
// paths are compiled: lookupID only), an Allow that covers no universe
// action is left out: lookupID would skip it.
func (gi *grantIndex) reset(d *iam.Document, ids bool) {
	*gi = grantIndex{stmts: gi.stmts[:0], bits: gi.bits[:0], denies: gi.denies[:0]}
	if d.Merged() != nil {
		gi.own = make(map[*iam.Statement]bool, len(d.Statements))
		for _, s := range d.Statements {
			gi.own[s] = true
		}
	}
	for _, s := range d.AllStatements() {
		if s == nil {
			continue
		}
		switch {
		case s.IsAllow():
			// The actions first: most statements cover none of the
			// universe's, told without reading their resources.
			b := effective.StatementBits(s)
			if ids && b.Empty() || !effective.Unscoped(s) {
				continue
			}
			b = effective.UnscopedBitsOf(s, b) // an s3 ARN reaches no IAM action
			gi.stmts = append(gi.stmts, s)
			gi.bits = append(gi.bits, b)
			gi.any.Or(&b)
		case s.IsDeny() && len(s.Conditions()) == 0 && !s.NotResource().Present:
			for _, r := range s.Resources {
				if r.Known && strings.Trim(r.Text, "*") == "" && r.Text != "" {
					gi.denies = append(gi.denies, s)
					b := effective.StatementBits(s)
					gi.deny.Or(&b)
					break
				}
			}
		}
	}
}

func (gi *grantIndex) lookup(action string) (grant, bool) {
	id, inU := effective.ActionID(action)
	if inU {
		return gi.lookupID(id)
	}
	for _, s := range gi.denies {
		if _, ok := s.GrantsAction(action); ok {
			return grant{}, false
		}
	}
	var best grant
	found := false
	for _, s := range gi.stmts {
		if v, ok := s.GrantsAction(action); ok {
			g := grant{at: v, cond: len(s.Conditions()) > 0, own: gi.own == nil || gi.own[s]}
			if !found || (best.cond && !g.cond) {
				best, found = g, true
			}
			if !g.cond {
				break
			}
		}
	}
	return best, found
}

// lookupID is lookup for a universe action id (effective.ActionID).
func (gi *grantIndex) lookupID(id int) (grant, bool) {
	if !gi.any.Has(id) || gi.deny.Has(id) {
		return grant{}, false
	}
	var best grant
	found := false
	for i, s := range gi.stmts {
		if !gi.bits[i].Has(id) {
			continue
		}
		if v, ok := effective.ValueForID(s, id); ok {
			g := grant{at: v, cond: len(s.Conditions()) > 0, own: gi.own == nil || gi.own[s]}
			if !found || (best.cond && !g.cond) {
				best, found = g, true
			}
			if !g.cond {
				break
			}
		}
	}
	return best, found
}

// compiledPath is an escalation path with its actions as universe ids, so a
// document that cannot hold it is rejected with a few bit operations.
type compiledPath struct {
	passID int              // iam:PassRole, when the path needs it (-1 otherwise)
	groups [][]int          // ids of each group's actions, in table order
	bits   []effective.Bits // the same as sets
}

var (
	compiledOnce  sync.Once
	compiledPaths []compiledPath // nil when an action is outside the universe
)

func compilePaths() []compiledPath {
	compiledOnce.Do(func() {
		out := make([]compiledPath, len(escalationPaths))
		for i, ep := range escalationPaths {
			cp := compiledPath{passID: -1}
			parts := effective.EscalationIDs(i) // shared, read only
			if ep.PassRole {
				if cp.passID = parts[0][0]; cp.passID < 0 {
					return
				}
				parts = parts[1:]
			}
			for _, ids := range parts {
				var b effective.Bits
				for _, id := range ids {
					if id < 0 {
						return
					}
					b.Set(id)
				}
				cp.groups = append(cp.groups, ids)
				cp.bits = append(cp.bits, b)
			}
			out[i] = cp
		}
		compiledPaths = out
	})
	return compiledPaths
}

// possible reports whether the document can hold path i at all: PassRole and
// one action of every group granted and not denied.
func (gi *grantIndex) possible(cps []compiledPath, i int) bool {
	if cps == nil {
		return true
	}
	cp := &cps[i]
	if cp.passID >= 0 && (!gi.any.Has(cp.passID) || gi.deny.Has(cp.passID)) {
		return false
	}
	for j := range cp.bits {
		if !gi.any.Intersects(&cp.bits[j]) {
			return false
		}
	}
	return true
}

func checkPrivilegeEscalation(p *linter.Pass) {
	if p.Model == nil {
		return
	}
	gi := &grantIndex{} // reused: its lists are rebuilt for each document
	// A hit is where a document grants escalation paths: the message names
	// the first maxNamed of them and counts the others.
	const maxNamed = 4
	type hit struct {
		at    iam.Value
		names [maxNamed]string
		n     int // paths
		cond  bool
		rel   []iam.Related
	}
	// Reused for each document: hits by the range of their action value
	// (iam.Ranges are equal exactly when their hcl.Ranges are), in order of
	// first appearance; parts holds one path's grants (hits keep copies of
	// its values).
	hits := map[iam.Range]*hit{}
	var order []iam.Range
	var parts []grant
	cps := compilePaths()
	for _, d := range p.Model.Documents {
		if d == nil || d.Kind != iam.Identity {
			continue
		}
		gi.reset(d, cps != nil)
		if len(gi.stmts) == 0 || gi.any.Empty() {
			continue // nothing of the escalation table is granted
		}
		clear(hits)
		order = order[:0]
		for i, ep := range escalationPaths {
			if !gi.possible(cps, i) {
				continue
			}
			parts = parts[:0]
			ok := true
			var pass grant
			if ep.PassRole {
				if cps != nil {
					pass, ok = gi.lookupID(cps[i].passID)
				} else {
					pass, ok = gi.lookup("iam:PassRole")
				}
			}
			for j, grp := range ep.Groups {
				if !ok {
					break
				}
				found := false
				for k, a := range grp {
					var g grant
					var yes bool
					if cps != nil {
						g, yes = gi.lookupID(cps[i].groups[j][k])
					} else {
						g, yes = gi.lookup(a)
					}
					if yes {
						parts = append(parts, g)
						found = true
						break
					}
				}
				ok = found
			}
			if !ok {
				continue
			}
			if ep.PassRole {
				parts = append(parts, pass)
			}
			// A path wholly in statements merged from other documents is
			// reported on those; one that needs the merge is reported at
			// the first of its grants in this document's own statements.
			first := -1
			for j, g := range parts {
				if g.own {
					first = j
					break
				}
			}
			if first < 0 {
				continue
			}
			parts[0], parts[first] = parts[first], parts[0]
			at := parts[0].at
			cond := false
			for _, g := range parts {
				cond = cond || g.cond
			}
			h := hits[at.Range]
			if h == nil {
				h = &hit{at: at}
				hits[at.Range] = h
				order = append(order, at.Range)
			}
			if h.n < maxNamed {
				h.names[h.n] = ep.Name
			}
			h.n++
			h.cond = h.cond || cond
			for _, g := range parts[1:] {
				if g.at.Range == at.Range {
					continue
				}
				rr := g.at.Range.HCL()
				if slices.ContainsFunc(h.rel, func(x iam.Related) bool { return x.Range == rr }) {
					continue // (appendRelated's test, before the message is built)
				}
				msg := g.at.Text + " granted here"
				if ep.PassRole && g.at.Range == pass.at.Range {
					msg = "iam:PassRole granted here"
				}
				h.rel = append(h.rel, iam.Related{Range: rr, Message: msg})
			}
		}
		slices.SortStableFunc(order, func(a, b iam.Range) int { return cmp.Compare(a.StartByte(), b.StartByte()) })
		for _, r := range order {
			h := hits[r]
			sev := linter.Severity(0)
			note := ""
			if h.cond {
				sev = linter.High
				note = " (a condition narrows the grant, so severity is lowered to high; check that it really limits the path)"
			}
			paths := h.names[:min(h.n, maxNamed)]
			more := ""
			if h.n > maxNamed {
				more = fmt.Sprintf(" and %d more", h.n-maxNamed)
			}
			elem := fmt.Sprintf("%q", h.at.Text)
			reportPolicy(p, d, linter.Finding{
				Severity: sev,
				Message: fmt.Sprintf("policy grants privilege escalation on unscoped resources through %s: %s%s%s; scope these actions to specific resources or remove them",
					elem, strings.Join(paths, "; "), more, note),
				Range:   h.at.Range.HCL(),
				Related: append([]iam.Related(nil), h.rel...),
			})
		}
	}
	checkSelfPolicyEdit(p)
}

func appendRelated(rs []iam.Related, r iam.Related) []iam.Related {
	for _, x := range rs {
		if x.Range == r.Range {
			return rs
		}
	}
	return append(rs, r)
}
