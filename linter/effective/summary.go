package effective

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// PrincipalSummary is what a reviewer reads about one principal: the
// "principals" section of the JSON report and the rows of --principals.
type PrincipalSummary struct {
	Address         string   `json:"address"` // Terraform address; for an external principal its IAM name
	Kind            string   `json:"kind"`    // user, group, role, permission-set
	Name            string   `json:"name,omitempty"`
	External        bool     `json:"external,omitempty"`
	AdminEquivalent bool     `json:"admin_equivalent"`
	EscalationPaths []string `json:"escalation_paths"`
	// AccessLevels maps a service prefix to the access levels granted in it
	// ("List", "Read", "Write", "Permissions management", "Tagging"); the key
	// "*" means every service (Action "*" or NotAction).
	AccessLevels map[string][]string `json:"access_levels"`
	Policies     []string            `json:"policies"` // contributing policies: Terraform addresses, AWS managed policy ARNs
	Boundary     string              `json:"boundary,omitempty"`
	Complete     bool                `json:"complete"` // every policy (and the boundary) is known
}

// Compute returns the summary of every user, group, role and permission set of
// the model's identity graph, sorted by kind and address.
func Compute(model *iam.Model) []PrincipalSummary {
	if model == nil || model.Graph == nil {
		return []PrincipalSummary{}
	}
	g := model.Graph
	var ents []*iam.Entity
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
		ents = append(ents, es...)
	}
	out := make([]PrincipalSummary, 0, len(ents))
	for _, e := range ents {
		if e == nil {
			continue
		}
		out = append(out, Summarize(For(model, e)))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Address < out[j].Address
	})
	return out
}

// Summarize turns a permission set into its summary.
func Summarize(s *Set) PrincipalSummary {
	e := s.Entity
	ps := PrincipalSummary{Kind: string(e.Kind), Address: e.Address, External: e.External,
		EscalationPaths: []string{}, AccessLevels: map[string][]string{}, Policies: []string{}, Complete: s.Complete}
	if e.Name.Known {
		ps.Name = e.Name.Text
	}
	if ps.Address == "" {
		ps.Address = ps.Name
	}
	if e.Boundary != nil {
		if e.Boundary.Known {
			ps.Boundary = e.Boundary.Text
		} else {
			ps.Boundary = "(known after apply)"
		}
	}
	seen := map[string]bool{}
	for _, src := range s.Sources {
		name := src.Doc.Address
		if src.Holder != nil && src.Holder != e {
			name += " (through " + string(src.Holder.Kind) + " " + holderName(src.Holder) + ")"
		}
		if !seen[name] {
			seen[name] = true
			ps.Policies = append(ps.Policies, name)
		}
	}
	ps.AdminEquivalent = s.AdminEquivalent()
	for _, esc := range s.Escalations() {
		n := esc.Path.Name
		if !esc.Single {
			n += " (across policies)"
		}
		if esc.Cond {
			n += " (conditional)"
		}
		ps.EscalationPaths = append(ps.EscalationPaths, n)
	}
	ps.AccessLevels = s.AccessLevels()
	return ps
}

func holderName(e *iam.Entity) string {
	if e.Name.Known {
		return e.Name.Text
	}
	return e.Address
}

// allLevels is every access level, in AWS order.
var allLevels = []awsdata.AccessLevel{awsdata.List, awsdata.Read, awsdata.Write, awsdata.PermissionsManagement, awsdata.Tagging}

// AccessLevels returns, per service prefix, the access levels the principal is
// granted (on any resource), after denies and the boundary. "*" stands for
// every service when a statement grants every action (Action "*"); a NotAction
// statement is expanded against the catalog (every action it does not name).
func (s *Set) AccessLevels() map[string][]string {
	levels := map[string]map[awsdata.AccessLevel]bool{}
	mark := func(svc string, l awsdata.AccessLevel) {
		if levels[svc] == nil {
			levels[svc] = map[awsdata.AccessLevel]bool{}
		}
		levels[svc][l] = true
	}
	every := false
	addPattern := func(p string, filter bool) {
		for _, a := range awsdata.Expand(strings.TrimSpace(p)) {
			if filter && (s.Denied(a.FullName()) || !s.boundaryAllows(a.FullName())) {
				continue
			}
			mark(a.Service.Prefix, a.AccessLevel)
		}
	}
	for _, src := range s.Sources {
		for _, st := range src.Doc.Statements {
			if st == nil || !st.IsAllow() {
				continue
			}
			if st.NotAction.Present {
				s.markNotAction(st, mark)
				continue
			}
			for _, a := range st.Actions {
				if !a.Known {
					continue
				}
				if t := strings.TrimSpace(a.Text); t == "*" || t == "*:*" {
					every = true
					continue
				}
				addPattern(a.Text, true)
			}
		}
	}
	if every {
		if s.Boundary == nil {
			for _, l := range allLevels {
				mark("*", l)
			}
		} else {
			// Everything, as far as the boundary allows.
			for _, st := range s.Boundary.Statements {
				if st == nil || !st.IsAllow() {
					continue
				}
				if st.NotAction.Present {
					for _, l := range allLevels {
						mark("*", l)
					}
					continue
				}
				for _, a := range st.Actions {
					if a.Known {
						if t := strings.TrimSpace(a.Text); t == "*" || t == "*:*" {
							for _, l := range allLevels {
								mark("*", l)
							}
							continue
						}
						addPattern(a.Text, false)
					}
				}
			}
		}
	}
	out := make(map[string][]string, len(levels))
	for svc, ls := range levels {
		var names []string
		for _, l := range allLevels {
			if ls[l] {
				names = append(names, l.String())
			}
		}
		out[svc] = names
	}
	return out
}

// WriteTable writes the --principals summary table of the text format: one
// row per principal (kind, address, admin-equivalent, escalation paths,
// services with write or permissions-management access).
func WriteTable(w io.Writer, ps []PrincipalSummary) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tPRINCIPAL\tADMIN\tESCALATION\tWRITE ACCESS")
	for _, p := range ps {
		admin := "no"
		if p.AdminEquivalent {
			admin = "yes"
		}
		esc := "-"
		if n := len(p.EscalationPaths); n > 0 {
			esc = fmt.Sprintf("%d: %s", n, shortPath(p.EscalationPaths[0]))
			if n > 1 {
				esc += ", ..."
			}
		}
		addr := p.Address
		if !p.Complete {
			addr += " (incomplete)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Kind, addr, admin, esc, writeServices(p.AccessLevels))
	}
	return tw.Flush()
}

func shortPath(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

// writeServices lists the services with Write or Permissions management access.
func writeServices(al map[string][]string) string {
	var svcs []string
	for svc, ls := range al {
		for _, l := range ls {
			if l == "Write" || l == "Permissions management" {
				svcs = append(svcs, svc)
				break
			}
		}
	}
	if len(svcs) == 0 {
		return "-"
	}
	sort.Strings(svcs)
	if len(svcs) > 6 {
		return strings.Join(svcs[:6], ",") + fmt.Sprintf(",+%d", len(svcs)-6)
	}
	return strings.Join(svcs, ",")
}

// markNotAction marks the catalog actions a NotAction grant covers, after
// denies and the boundary. A NotAction value known only after apply grants
// nothing known.
func (s *Set) markNotAction(st *iam.Statement, mark func(string, awsdata.AccessLevel)) {
	var pats []string
	for _, v := range st.NotActions {
		if !v.Known {
			return
		}
		pats = append(pats, strings.TrimSpace(v.Text))
	}
	for _, a := range awsdata.Actions() {
		full := a.FullName()
		excluded := false
		for _, p := range pats {
			if awsdata.Match(p, full) {
				excluded = true
				break
			}
		}
		if excluded || s.Denied(full) || !s.boundaryAllows(full) {
			continue
		}
		mark(a.Service.Prefix, a.AccessLevel)
	}
}
