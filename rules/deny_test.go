package rules

import (
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

func TestGlobCovers(t *testing.T) {
	cases := []struct {
		a, p string
		want bool
	}{
		{"*", "anything", true},
		{"*", "*", true},
		{"iam:*", "iam:*", true},
		{"iam:*", "iam:put*", true},
		{"iam:*", "iam:passrole", true},
		{"iam:put*", "iam:*", false},
		{"iam:put*", "iam:putrolepolicy", true},
		{"iam:put*", "iam:put*policy", true},
		{"iam:put*policy", "iam:put*", false},
		{"iam:pass?ole", "iam:passrole", true},
		{"iam:pass?ole", "iam:pass*ole", false},
		{"iam:pass*ole", "iam:pass?ole", true},
		{"iam:passrole", "iam:pass?ole", false},
		{"s3:*", "iam:*", false},
		{"*:*", "s3:get*", true},
		{"*a*", "*a*a*", true},
		{"*a*a*", "*a*", false},
		{"arn:aws:s3:::*", "arn:aws:s3:::b/*", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::*", false},
		{"", "", true},
		{"", "x", false},
		{"x", "", false},
	}
	for _, c := range cases {
		if got := globCovers(c.a, c.p); got != c.want {
			t.Errorf("globCovers(%q, %q) = %v, want %v", c.a, c.p, got, c.want)
		}
	}
}

// TestDenyCancels asks, of the first statement of each policy (an Allow),
// whether the Denies of the same policy cancel its first action value
// (value), the given action names (names), everything it grants (stmt).
func TestDenyCancels(t *testing.T) {
	cases := []struct {
		name  string
		kind  iam.Kind
		json  string
		names []string
		value bool
		acts  bool
		stmt  bool
	}{
		{name: "iam-star-both (iam-vulnerable fp1)", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}, value: true, acts: true, stmt: true},
		{name: "case-insensitive actions", json: `{"Statement": [
			{"Effect": "Allow", "Action": "IAM:Put*", "Resource": "*"},
			{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}`,
			names: []string{"iam:PutRolePolicy"}, value: true, acts: true, stmt: true},
		{name: "star denied by star", json: `{"Statement": [
			{"Effect": "Allow", "Action": ["*", "s3:GetObject"], "Resource": "*"},
			{"Effect": "Deny", "Action": "*:*", "Resource": "*"}]}`,
			names: []string{"s3:GetObject"}, value: true, acts: true, stmt: true},
		{name: "partial: star minus iam", json: `{"Statement": [
			{"Effect": "Allow", "Action": "*", "Resource": "*"},
			{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}`,
			names: []string{"iam:PassRole", "s3:GetObject"}},
		{name: "partial: narrower deny pattern", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "iam:Put*", "Resource": "*"}]}`,
			names: []string{"iam:PutRolePolicy"}, acts: true},
		{name: "catalog: every action of the pattern listed", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:GetObjectVersionT*", "Resource": "*"},
			{"Effect": "Deny", "Action": ["s3:GetObjectVersionTagging", "s3:GetObjectVersionTorrent"], "Resource": "*"}]}`,
			names: []string{"s3:GetObjectVersionTagging"}, value: true, acts: true, stmt: true},
		{name: "catalog: one action of the pattern left", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:GetObjectVersionT*", "Resource": "*"},
			{"Effect": "Deny", "Action": "s3:GetObjectVersionTagging", "Resource": "*"}]}`,
			names: []string{"s3:GetObjectVersionTorrent"}},
		{name: "denies together", json: `{"Statement": [
			{"Effect": "Allow", "Action": ["s3:*", "sqs:*"], "Resource": "*"},
			{"Effect": "Deny", "Action": "sqs:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}`,
			names: []string{"s3:GetObject", "sqs:SendMessage"}, value: true, acts: true, stmt: true},
		{name: "conditional deny never cancels", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "iam:*", "Resource": "*",
			 "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}`,
			names: []string{"iam:PassRole"}},
		{name: "unknown deny action never cancels", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "<unknown>", "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}},
		{name: "unknown deny resource never cancels", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "iam:*", "Resource": "<unknown>"}]}`,
			names: []string{"iam:PassRole"}},
		{name: "unknown effect never cancels", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Action": "iam:*", "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}},
		{name: "unknown allow action: only a deny of every action", json: `{"Statement": [
			{"Effect": "Allow", "Action": "<unknown>", "Resource": "*"},
			{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}, value: true, acts: true, stmt: true},
		{name: "unknown allow action, deny of a service", json: `{"Statement": [
			{"Effect": "Allow", "Action": "<unknown>", "Resource": "*"},
			{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}, acts: true},
		{name: "deny on one bucket does not cover every resource", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "deny pattern covers the allowed ARNs", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b*"}]}`,
			names: []string{"s3:GetObject"}, value: true, acts: true, stmt: true},
		{name: "denies split across resources", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::c"]},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::c"}]}`,
			names: []string{"s3:GetObject"}, value: true, acts: true, stmt: true},
		{name: "resource ARNs are case-sensitive", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::B/*"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "unknown allow resource: only a deny on star", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": "<unknown>"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "allow NotResource: deny on star", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::b"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}`,
			names: []string{"s3:GetObject"}, value: true, acts: true, stmt: true},
		{name: "allow NotResource: deny on a pattern", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::b"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "deny NotResource elsewhere covers a plain ARN", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/key"},
			{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::c/*"}]}`,
			names: []string{"s3:GetObject"}, value: true, acts: true, stmt: true},
		{name: "deny NotResource never covers star", json: `{"Statement": [
			{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::c/*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "deny NotAction of another service", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "NotAction": ["s3:*", "sts:GetCallerIdentity"], "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}, value: true, acts: true, stmt: true},
		{name: "deny NotAction of the same service", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "NotAction": "iam:Get*", "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}, acts: true},
		{name: "deny NotAction with an unknown value", json: `{"Statement": [
			{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "NotAction": ["s3:*", "<unknown>"], "Resource": "*"}]}`,
			names: []string{"iam:PassRole"}},
		{name: "allow NotAction, deny star", json: `{"Statement": [
			{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`,
			names: []string{"s3:GetObject"}, acts: true, stmt: true},
		{name: "allow NotAction, deny NotAction inside", json: `{"Statement": [
			{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
			{"Effect": "Deny", "NotAction": "iam:Get*", "Resource": "*"}]}`,
			names: []string{"s3:GetObject"}, acts: true, stmt: true},
		{name: "allow NotAction, deny NotAction wider", json: `{"Statement": [
			{"Effect": "Allow", "NotAction": "iam:Get*", "Resource": "*"},
			{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}`,
			names: []string{"s3:GetObject"}, acts: true},
		{name: "resource policy: deny everyone", kind: iam.Resource, json: `{"Statement": [
			{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
			{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
			names: []string{"s3:GetObject"}, value: true, acts: true, stmt: true},
		{name: "resource policy: deny one account", kind: iam.Resource, json: `{"Statement": [
			{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
			{"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "resource policy: same principal denied", kind: iam.Resource, json: `{"Statement": [
			{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
			{"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
			names: []string{"s3:GetObject"}, value: true, acts: true, stmt: true},
		{name: "resource policy: deny NotPrincipal never cancels", kind: iam.Resource, json: `{"Statement": [
			{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
			{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "resource policy: deny without principal", kind: iam.Resource, json: `{"Statement": [
			{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
			{"Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`,
			names: []string{"s3:GetObject"}},
		{name: "trust policy: no resources", kind: iam.Trust, json: `{"Statement": [
			{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
			{"Effect": "Deny", "Principal": "*", "Action": "sts:*"}]}`,
			names: []string{"sts:AssumeRole"}, value: true, acts: true, stmt: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind := c.kind
			if kind == "" {
				kind = iam.Identity
			}
			d := docFromJSON(t, kind, c.json)
			s := d.Statements[0]
			var x denyIndex
			var value bool
			if len(s.Actions) > 0 {
				value = x.valueCancelled(d, s, s.Actions[0])
			}
			if value != c.value {
				t.Errorf("valueCancelled = %v, want %v", value, c.value)
			}
			if got := x.actionsCancelled(d, s, c.names...); got != c.acts {
				t.Errorf("actionsCancelled(%q) = %v, want %v", c.names, got, c.acts)
			}
			if got := x.statementCancelled(d, s); got != c.stmt {
				t.Errorf("statementCancelled = %v, want %v", got, c.stmt)
			}
			// A Deny never cancels itself or another Deny.
			for _, o := range d.Statements[1:] {
				if x.statementCancelled(d, o) {
					t.Errorf("a Deny statement was cancelled")
				}
			}
		})
	}
}

// TestDenyIndexSwitchesDocuments checks that the one-entry cache follows the
// document asked about.
func TestDenyIndexSwitchesDocuments(t *testing.T) {
	denied := docFromJSON(t, iam.Identity, `{"Statement": [
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}`)
	open := docFromJSON(t, iam.Identity, `{"Statement": [
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}`)
	var x denyIndex
	for i := 0; i < 2; i++ {
		if !x.statementCancelled(denied, denied.Statements[0]) {
			t.Fatalf("round %d: grant of the denied document not cancelled", i)
		}
		if x.statementCancelled(open, open.Statements[0]) || x.statementCancelled(open, denied.Statements[0]) {
			t.Fatalf("round %d: grant cancelled by another document's Deny", i)
		}
	}
}
