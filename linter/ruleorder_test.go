package linter

import (
	"slices"
	"testing"
)

// TestRuleOrder: the heavy rules come first, in heavyRules' order, then
// the others in the order given (nil rules among them).
func TestRuleOrder(t *testing.T) {
	if len(heavyRules) < 2 {
		t.Skip("fewer than two heavy rules")
	}
	rules := []*Rule{{ID: "z-light"}, {ID: heavyRules[1]}, nil, {ID: "a-light"}, {ID: heavyRules[0]}, {ID: "m-light"}}
	var got []string
	for _, i := range ruleOrder(rules) {
		if rules[i] == nil {
			got = append(got, "<nil>")
			continue
		}
		got = append(got, rules[i].ID)
	}
	want := []string{heavyRules[0], heavyRules[1], "z-light", "<nil>", "a-light", "m-light"}
	if !slices.Equal(got, want) {
		t.Errorf("ruleOrder = %v, want %v", got, want)
	}
}
