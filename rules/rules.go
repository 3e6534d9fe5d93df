package rules

import (
	"sort"

	"github.com/iamlint/iamlint/linter"
)

// All lists every rule, sorted by ID.
var All = sorted(append([]*linter.Rule{
	WildcardAction,
	WildcardServiceAction,
	WildcardResource,
	NotActionAllow,
	NotResourceAllow,
	WildcardPrincipal,
	NotPrincipalAllow,
}, append(identityRules, catalogRules...)...))

func sorted(rs []*linter.Rule) []*linter.Rule {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *linter.Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}
