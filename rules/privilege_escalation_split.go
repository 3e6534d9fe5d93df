package rules

import (
	"fmt"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// The privilege-escalation rule also judges the effective permissions of each
// principal (package effective): a path split across several policies of one
// user, group, role or permission set (iam:PassRole in one, ec2:RunInstances in
// another; AWS managed policies and group policies included, the permissions
// boundary and blanket Denies applied) is reported on the principal, with a
// related location for each contributing statement. A path that one policy
// holds on its own is left to the per-policy check (or, for AWS managed
// policies, to admin-policy-attached), and a path a user holds through one
// group alone is reported on the group.
//
// checkPrivilegeEscalationSplit runs after the per-policy check of
// PrivilegeEscalation (see init): same rule ID, distinct findings.
func init() {
	single := PrivilegeEscalation.Check
	PrivilegeEscalation.Check = func(p *linter.Pass) {
		if single != nil {
			single(p)
		}
		checkPrivilegeEscalationSplit(p)
	}
}

func checkPrivilegeEscalationSplit(p *linter.Pass) {
	g := graph(p)
	// One index for the model: each document is analysed once, each set and
	// its escalations computed once, however many principals share them.
	ix := effective.NewIndex(p.Model)
	setOf := ix.For
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
		for _, e := range es {
			if e == nil || e.External || e.Address == "" || !effective.SeveralSources(e) {
				continue // (a set of one source has no split path: not built)
			}
			s := setOf(e)
			var paths []effective.Escalation
			for _, esc := range s.Escalations() {
				if esc.Single || (e.Kind == iam.User && heldByOneGroup(e, esc.Path, setOf)) {
					continue
				}
				paths = append(paths, esc)
			}
			if len(paths) > 0 {
				reportSplit(p, e, paths)
			}
		}
	}
}

// heldByOneGroup reports whether one group of user u holds the path on its own.
func heldByOneGroup(u *iam.Entity, path *effective.EscalationPath, setOf func(*iam.Entity) *effective.Set) bool {
	for _, gr := range u.Groups() {
		if gr == nil {
			continue
		}
		for _, esc := range setOf(gr).Escalations() {
			if esc.Path == path {
				return true
			}
		}
	}
	return false
}

func reportSplit(p *linter.Pass, e *iam.Entity, paths []effective.Escalation) {
	var names []string
	var rel []iam.Related
	cond := false
	docs := map[string]bool{}
	for _, esc := range paths {
		names = append(names, esc.Path.Name)
		cond = cond || esc.Cond
		for _, part := range esc.Parts {
			docs[part.Source.Doc.Address] = true
			msg := fmt.Sprintf("%s granted here (%s)", part.At.Text, part.Source.Doc.Address)
			if part.Source.Holder != nil && part.Source.Holder != e {
				msg = fmt.Sprintf("%s granted here (%s, through %s)", part.At.Text, part.Source.Doc.Address, entityName(part.Source.Holder))
			}
			rel = appendRelated(rel, iam.Related{Range: part.At.Range.HCL(), Message: msg})
		}
	}
	more := ""
	if len(names) > 4 {
		more = fmt.Sprintf(" and %d more", len(names)-4)
		names = names[:4]
	}
	sev := linter.Severity(0)
	note := ""
	if cond {
		sev = linter.High
		note = " (a condition narrows a contributing grant, so severity is lowered to high; check that it really limits the path)"
	}
	p.Report(linter.Finding{
		Severity: sev,
		Message: fmt.Sprintf("%s holds a privilege escalation path split across %d of its policies, on unscoped resources: %s%s%s; no single policy grants it, together they do: scope these actions or remove one part",
			entityName(e), len(docs), strings.Join(names, "; "), more, note),
		Range:      e.Range.HCL(),
		Resource:   e.Address,
		PolicyKind: iam.Identity,
		Related:    append(rel, e.Related...),
	})
}
