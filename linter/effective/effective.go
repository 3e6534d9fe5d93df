package effective

import (
	"strings"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// Source is one identity policy a principal holds.
type Source struct {
	Doc    *iam.Document
	Holder *iam.Entity // the principal itself, or (for a user) the group it holds the policy through
	Via    string      // "inline", "attached", "aws-managed"
}

// Set is the effective permission set of one principal.
type Set struct {
	Entity  *iam.Entity
	Sources []Source
	// Boundary is the permissions boundary's document when it is known; nil
	// when there is none or it cannot be seen (BoundaryUnknown).
	Boundary        *iam.Document
	BoundaryUnknown bool
	// Complete is false when some policy of the principal cannot be seen: an
	// external group, a customer managed policy outside the configuration, an
	// AWS managed policy not in the snapshot, a policy known only after apply,
	// a boundary that cannot be resolved.
	Complete bool
}

// Evidence is where a principal is granted an action.
type Evidence struct {
	Source Source
	Stmt   *iam.Statement
	At     iam.Value // the action value, or a "NotAction" value at the NotAction key
	Cond   bool      // the statement has conditions
}

// For returns the effective permission set of e in model m (m may be nil:
// the boundary is then resolved against the entity's own attachments only).
func For(m *iam.Model, e *iam.Entity) *Set {
	s := &Set{Entity: e, Complete: e != nil && !e.External}
	if e == nil {
		return s
	}
	holders := []*iam.Entity{e}
	if e.Kind == iam.User {
		holders = append(holders, e.Groups...)
	}
	seen := map[*iam.Document]bool{}
	add := func(d *iam.Document, h *iam.Entity, via string) {
		if d == nil || seen[d] {
			return
		}
		seen[d] = true
		if d.Unknown {
			s.Complete = false
		}
		s.Sources = append(s.Sources, Source{Doc: d, Holder: h, Via: via})
	}
	for _, h := range holders {
		if h == nil {
			continue
		}
		if h.External {
			s.Complete = false
		}
		for _, d := range h.Inline {
			add(d, h, "inline")
		}
		for _, a := range h.Attachments {
			if a == nil {
				continue
			}
			switch {
			case len(a.Policies) > 0:
				for _, d := range a.Policies {
					add(d, h, "attached")
				}
			case a.Policy != nil && a.Policy.Managed:
				add(a.Policy, h, "aws-managed")
			default:
				s.Complete = false
			}
		}
	}
	if e.Boundary != nil {
		s.Boundary = resolveBoundary(m, *e.Boundary)
		if s.Boundary == nil {
			s.BoundaryUnknown = true
			s.Complete = false
		}
	}
	return s
}

// resolveBoundary finds the document of a permissions boundary ARN: an AWS
// managed policy from the snapshot, or a customer managed policy of the
// configuration attached somewhere under the same ARN.
func resolveBoundary(m *iam.Model, v iam.Value) *iam.Document {
	if !v.Known {
		return nil
	}
	if strings.Contains(v.Text, ":iam::aws:policy/") {
		src, ok := awsdata.ManagedPolicy(v.Text)
		if !ok {
			return nil
		}
		tree, diags := iam.ParseJSON(src, iam.FixedMapper(v.Range))
		if diags.HasErrors() || tree == nil {
			return nil
		}
		d, _ := iam.FromTree(tree, iam.Identity)
		d.Address, d.Managed, d.Range = v.Text, true, v.Range
		return d
	}
	if m == nil || m.Graph == nil {
		return nil
	}
	for _, a := range m.Graph.Attachments {
		if a != nil && a.PolicyARN.Known && a.PolicyARN.Text == v.Text && len(a.Policies) > 0 {
			return a.Policies[0]
		}
	}
	return nil
}

// grantsAction reports whether statement s covers action (a name without
// wildcards) through Action or NotAction; unknown values never grant.
func grantsAction(s *iam.Statement, action string) (iam.Value, bool) {
	if s.NotAction.Present {
		for _, a := range s.NotActions {
			if !a.Known || iam.MatchAction(strings.TrimSpace(a.Text), action) {
				return iam.Value{}, false
			}
		}
		return iam.KnownValue("NotAction", s.NotAction.Range), true
	}
	for _, a := range s.Actions {
		if a.Known && iam.MatchAction(strings.TrimSpace(a.Text), action) {
			return a, true
		}
	}
	return iam.Value{}, false
}

// UnscopedResource reports whether a resource value covers every resource
// of its type: "*", or an ARN whose resource part is only a wildcard
// (arn:aws:iam::*:role/*, arn:aws:lambda:*:123456789012:function:*).
func UnscopedResource(v iam.Value) bool {
	if !v.Known {
		return false
	}
	t := strings.TrimSpace(v.Text)
	if t != "" && strings.Trim(t, "*") == "" {
		return true
	}
	f := strings.SplitN(t, ":", 6)
	if len(f) < 6 || f[0] != "arn" {
		return false
	}
	res := f[5]
	if strings.Trim(res, "*") == "" {
		return true
	}
	if i := strings.LastIndexAny(res, "/:"); i >= 0 {
		head, tail := res[:i], res[i+1:]
		return tail != "" && strings.Trim(tail, "*") == "" && !strings.ContainsAny(head, "/:") && !strings.ContainsAny(head, "*?")
	}
	return false
}

// Unscoped reports whether a statement applies to every resource of some type.
func Unscoped(s *iam.Statement) bool {
	if s.NotResource.Present {
		return true
	}
	for _, r := range s.Resources {
		if UnscopedResource(r) {
			return true
		}
	}
	return false
}

// blanketDeny reports whether s is a Deny on every resource with no condition.
func blanketDeny(s *iam.Statement) bool {
	if !s.IsDeny() || len(s.Conditions) > 0 || s.NotResource.Present {
		return false
	}
	for _, r := range s.Resources {
		if r.Known && r.Text != "" && strings.Trim(strings.TrimSpace(r.Text), "*") == "" {
			return true
		}
	}
	return false
}

// Denied reports whether an unconditional Deny on every resource in one of the
// principal's policies (or its boundary) covers action.
func (s *Set) Denied(action string) bool {
	docs := make([]*iam.Document, 0, len(s.Sources)+1)
	for _, src := range s.Sources {
		docs = append(docs, src.Doc)
	}
	if s.Boundary != nil {
		docs = append(docs, s.Boundary)
	}
	for _, d := range docs {
		for _, st := range d.Statements {
			if st != nil && blanketDeny(st) {
				if _, ok := grantsAction(st, action); ok {
					return true
				}
			}
		}
	}
	return false
}

// boundaryAllows reports whether the boundary (when known) allows action.
func (s *Set) boundaryAllows(action string) bool {
	if s.Boundary == nil {
		return true // none, or unknown: not judged (Complete says so)
	}
	for _, st := range s.Boundary.Statements {
		if st != nil && st.IsAllow() {
			if _, ok := grantsAction(st, action); ok {
				return true
			}
		}
	}
	return false
}

// Grant returns where the principal is granted action (a name without
// wildcards), preferring an unconditional statement. With unscoped set only
// statements on unscoped resources count. Denies and the boundary apply.
func (s *Set) Grant(action string, unscoped bool) (Evidence, bool) {
	if s.Denied(action) || !s.boundaryAllows(action) {
		return Evidence{}, false
	}
	return s.grantIn(s.Sources, action, unscoped)
}

func (s *Set) grantIn(srcs []Source, action string, unscoped bool) (Evidence, bool) {
	var best Evidence
	found := false
	for _, src := range srcs {
		for _, st := range src.Doc.Statements {
			if st == nil || !st.IsAllow() || (unscoped && !Unscoped(st)) {
				continue
			}
			v, ok := grantsAction(st, action)
			if !ok {
				continue
			}
			ev := Evidence{Source: src, Stmt: st, At: v, Cond: len(st.Conditions) > 0}
			if !found || (best.Cond && !ev.Cond) {
				best, found = ev, true
			}
		}
	}
	return best, found
}

// Escalation is an escalation path the principal holds.
type Escalation struct {
	Path  *EscalationPath
	Parts []Evidence // iam:PassRole first when the path needs it, then one per group
	Cond  bool       // a contributing statement has conditions
	// Single is true when one policy of the principal holds the whole path
	// on its own (per-policy checks already see it).
	Single bool
}

// Escalations returns the escalation paths the principal holds on unscoped
// resources, in table order.
func (s *Set) Escalations() []Escalation {
	var out []Escalation
	for i := range EscalationPaths {
		ep := &EscalationPaths[i]
		parts, ok := s.path(ep, func(a string) (Evidence, bool) { return s.Grant(a, true) })
		if !ok {
			continue
		}
		esc := Escalation{Path: ep, Parts: parts}
		for _, p := range parts {
			esc.Cond = esc.Cond || p.Cond
		}
		for _, src := range s.Sources {
			one := []Source{src}
			if _, ok := s.path(ep, func(a string) (Evidence, bool) {
				if docDenies(src.Doc, a) {
					return Evidence{}, false
				}
				return s.grantIn(one, a, true)
			}); ok {
				esc.Single = true
				break
			}
		}
		out = append(out, esc)
	}
	return out
}

func docDenies(d *iam.Document, action string) bool {
	for _, st := range d.Statements {
		if st != nil && blanketDeny(st) {
			if _, ok := grantsAction(st, action); ok {
				return true
			}
		}
	}
	return false
}

// path finds evidence for every part of ep with lookup.
func (s *Set) path(ep *EscalationPath, lookup func(string) (Evidence, bool)) ([]Evidence, bool) {
	var parts []Evidence
	if ep.PassRole {
		ev, ok := lookup("iam:PassRole")
		if !ok {
			return nil, false
		}
		parts = append(parts, ev)
	}
	for _, grp := range ep.Groups {
		found := false
		for _, a := range grp {
			if ev, ok := lookup(a); ok {
				parts = append(parts, ev)
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return parts, true
}

// AdminEquivalent reports whether the principal may perform every IAM action
// on every resource (Action "*", "iam:*", NotAction that spares IAM, ...):
// whoever can do that can grant themselves anything.
func (s *Set) AdminEquivalent() bool {
	svc, ok := awsdata.LookupService("iam")
	if !ok || len(svc.Actions) == 0 {
		return false
	}
	for _, a := range svc.Actions {
		ev, ok := s.Grant(a.FullName(), true)
		if !ok || ev.Cond {
			return false
		}
		if !everyResource(ev.Stmt) {
			return false
		}
	}
	return true
}

// everyResource reports whether the statement's Resource is "*" (or NotResource).
func everyResource(st *iam.Statement) bool {
	if st.NotResource.Present {
		return true
	}
	for _, r := range st.Resources {
		if r.Known && r.Text != "" && strings.Trim(strings.TrimSpace(r.Text), "*") == "" {
			return true
		}
	}
	return false
}
