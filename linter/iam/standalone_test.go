package iam

import "testing"

// TestStandaloneMatters: a document is judged otherwise when Standalone
// (policy-invalid) when it is Empty, names an empty or blank principal
// (Principal or NotPrincipal), or tests an empty or blank condition key;
// an unknown principal or key, a key with text, a blank operator do not.
func TestStandaloneMatters(t *testing.T) {
	known := func(s string) Value { return Value{Text: s, Known: true} }
	stmt := func(sc StatementScope, notPr ...Principal) *Statement {
		s := &Statement{}
		s.SetScope(sc)
		if notPr != nil {
			s.Extra = &StatementExtra{NotPrincipals: notPr}
		}
		return s
	}
	aws := known("AWS")
	cases := []struct {
		name string
		d    *Document
		want bool
	}{
		{"none", &Document{}, false},
		{"empty policy", &Document{Extra: &DocumentExtra{Empty: true}}, true},
		{"nil statement", &Document{Statements: []*Statement{nil}}, false},
		{"principal with text", &Document{Statements: []*Statement{stmt(StatementScope{Principals: []Principal{{Type: aws, ID: known("arn:aws:iam::111122223333:root")}}})}}, false},
		{"empty principal", &Document{Statements: []*Statement{stmt(StatementScope{Principals: []Principal{{Type: aws, ID: known("")}}})}}, true},
		{"blank principal", &Document{Statements: []*Statement{stmt(StatementScope{Principals: []Principal{{Type: aws, ID: known(" \t")}}})}}, true},
		{"unknown principal", &Document{Statements: []*Statement{stmt(StatementScope{Principals: []Principal{{Type: aws, ID: Value{}}}})}}, false},
		{"empty not-principal", &Document{Statements: []*Statement{stmt(StatementScope{}, Principal{Type: aws, ID: known("")})}}, true},
		{"key with text", &Document{Statements: []*Statement{stmt(StatementScope{Conditions: []Condition{{Operator: known("StringEquals"), Key: known("aws:SourceArn")}}})}}, false},
		{"empty key", &Document{Statements: []*Statement{stmt(StatementScope{Conditions: []Condition{{Operator: known("StringEquals"), Key: known("")}}})}}, true},
		{"blank key", &Document{Statements: []*Statement{stmt(StatementScope{Conditions: []Condition{{Operator: known("StringEquals"), Key: known("  ")}}})}}, true},
		{"unknown key", &Document{Statements: []*Statement{stmt(StatementScope{Conditions: []Condition{{Operator: known("StringEquals"), Key: Value{}}}})}}, false},
		{"blank operator", &Document{Statements: []*Statement{stmt(StatementScope{Conditions: []Condition{{Operator: known(""), Key: known("aws:SourceArn")}}})}}, false},
	}
	for _, c := range cases {
		if got := c.d.StandaloneMatters(); got != c.want {
			t.Errorf("%s: StandaloneMatters = %v, want %v", c.name, got, c.want)
		}
	}
}
