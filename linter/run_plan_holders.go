package linter

import (
	"fmt"
	"sort"

	"github.com/iamlint/iamlint/linter/iam"
)

// holder is a principal a grant reaches, and the link that makes it reach
// it: the attachment, inline policy or group membership.
type holder struct {
	name  string // "user aws_iam_user.dev", `user "dev"`
	via   string // address of the link
	rng   iam.Related
	group bool // through a group membership
}

// planAddr is a resource of one plan: its plan (the run's name, "" for a
// .tf root) and its address. Several plans (one per environment) have the
// same addresses: each is compared with its own prior state.
type planAddr struct{ plan, addr string }

// grantHolders returns, by resource (plan and address), the principals that
// the grants of the policy or attachment at that address reach, by principal
// key: the principal of an inline policy or attachment (and a group's
// members), the principals a customer managed policy is attached to, and for
// a policy document data source those of the resources that consume it
// (consumers, by document: the prior state has no data sources, its
// consumers hold the document's text). A link is the plan's that holds its
// file (plan): a holder of one plan is not another's (with the address
// alone, a membership prod had before hid dev's new one, and dev's new one
// was taken as prod's). Only the resources in want (and the consumers of
// the documents in want) are computed.
func grantHolders(m *iam.Model, consumers map[planAddr][]string, want map[planAddr]bool, plan func(file string) string) map[planAddr]map[string]holder {
	out := map[planAddr]map[string]holder{}
	if m == nil || m.Graph == nil {
		return out
	}
	need := make(map[planAddr]bool, len(want))
	for a := range want {
		need[a] = true
		for _, c := range consumers[a] {
			need[planAddr{a.plan, c}] = true
		}
	}
	g := m.Graph
	members := map[*iam.Entity][]*iam.Membership{}
	for _, ms := range g.Memberships {
		if ms.Group != nil && ms.User != nil {
			members[ms.Group] = append(members[ms.Group], ms)
		}
	}
	add := func(address string, e *iam.Entity, via string, at iam.Related) {
		addr := planAddr{plan(at.Range.Filename), address}
		if address == "" || e == nil || !need[addr] {
			return
		}
		if out[addr] == nil {
			out[addr] = map[string]holder{}
		}
		put := func(k string, h holder) {
			if _, ok := out[addr][k]; !ok {
				out[addr][k] = h
			}
		}
		put(entityKey(e), holder{name: entityName(e), via: via, rng: at})
		if e.Kind == iam.Group {
			for _, ms := range members[e] {
				put(entityKey(ms.User), holder{name: entityName(ms.User), via: ms.Address,
					rng: iam.Related{Range: ms.Range}, group: true})
			}
		}
	}
	for _, a := range g.Attachments {
		at := iam.Related{Range: a.BlockRange.HCL()}
		add(a.Address, a.Principal, a.Address, at)
		seen := map[string]bool{}
		for _, d := range append([]*iam.Document{a.Policy}, a.Policies...) {
			if d != nil && !d.Managed && !seen[d.Address] {
				seen[d.Address] = true
				add(d.Address, a.Principal, a.Address, at)
			}
		}
	}
	for _, ip := range g.Inline {
		add(ip.Address, ip.Principal, ip.Address, iam.Related{Range: ip.Range.HCL()})
	}
	docs := make([]planAddr, 0, len(want))
	for d := range want {
		if len(consumers[d]) > 0 {
			docs = append(docs, d)
		}
	}
	sort.Slice(docs, func(i, j int) bool {
		if docs[i].plan != docs[j].plan {
			return docs[i].plan < docs[j].plan
		}
		return docs[i].addr < docs[j].addr
	})
	for _, d := range docs {
		for _, c := range consumers[d] {
			for k, h := range out[planAddr{d.plan, c}] {
				if out[d] == nil {
					out[d] = map[string]holder{}
				}
				if _, ok := out[d][k]; !ok {
					out[d][k] = h
				}
			}
		}
	}
	return out
}

// documentConsumers returns the consumers of each data document of m (the
// addresses of resources of its plan), by the document's plan and address.
func documentConsumers(m *iam.Model, plan func(file string) string) map[planAddr][]string {
	out := map[planAddr][]string{}
	if m == nil || m.Graph == nil {
		return out
	}
	for d, cs := range m.Graph.Consumers {
		k := planAddr{plan(d.Range.Filename()), d.Address}
		out[k] = append(out[k], cs...)
	}
	return out
}

func entityKey(e *iam.Entity) string {
	if e.Address != "" && !e.External {
		return e.Address
	}
	return string(e.Kind) + ":" + e.Name.Text
}

func entityName(e *iam.Entity) string {
	if e.Address != "" && !e.External {
		return string(e.Kind) + " " + e.Address
	}
	if e.Name.Known {
		return fmt.Sprintf("%s %q", e.Kind, e.Name.Text)
	}
	return string(e.Kind) + " (known after apply)"
}

// holderRules are the rules whose findings are about what a policy or
// attachment grants its holders (as opposed to its text: policy-version,
// policy-invalid, unknown-action, policy-too-large).
var holderRules = map[string]bool{
	"admin-policy-attached":   true,
	"wildcard-action":         true,
	"wildcard-service-action": true,
	"wildcard-resource":       true,
	"privilege-escalation":    true,
	"passrole-wildcard":       true,
	"sensitive-data-access":   true,
	"not-action-allow":        true,
	"not-resource-allow":      true,
}

// newHolders returns the principals the grant of finding f, of plan p,
// reaches after the plan and did not before (a new group membership or
// attachment of an unchanged policy), sorted by name; nil when the finding
// is not about a grant to its holders.
func newHolders(f Finding, p string, after, before map[planAddr]map[string]holder) []holder {
	if !holderRules[f.Rule] || (f.PolicyKind != "" && f.PolicyKind != iam.Identity) {
		return nil
	}
	r := planAddr{p, f.Resource}
	var out []holder
	for k, h := range after[r] {
		if _, ok := before[r][k]; !ok && k != "" {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// withHolders returns f with a related location per new holder, its file
// named relative to cwd as finish names the others (relName).
func withHolders(f Finding, hs []holder, cwd string) Finding {
	rel := append([]iam.Related(nil), f.Related...)
	for _, h := range hs {
		rel = append(rel, iam.Related{Range: relRange(h.rng.Range, cwd), Message: fmt.Sprintf("now also held by %s (through %s)", h.name, h.via)})
	}
	f.Related = rel
	return f
}
