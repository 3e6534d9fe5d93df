package rules

import (
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestActionGrantIsGrantsAction checks that actionGrant.in answers as
// Statement.GrantsAction does, for Action and NotAction lists with
// patterns, other cases, unknown values and long texts, asked twice (the
// second answer is the memoized one).
func TestActionGrantIsGrantsAction(t *testing.T) {
	at := hcl.Range{Filename: "p.tf", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 5, Byte: 4}}
	known := func(ts ...string) []iam.Value {
		var vs []iam.Value
		for _, t := range ts {
			vs = append(vs, iam.KnownValue(t, at))
		}
		return vs
	}
	long := "sts:" + string(make([]byte, 300)) + "*"
	lists := [][]iam.Value{
		nil,
		known("sts:AssumeRole"),
		known("STS:assumerole"),
		known("sts:AssumeRole*"),
		known("sts:Assume?ole"),
		known("s3:GetObject", "sts:*"),
		known("*"),
		known("sts:AssumeRoleWithWebIdentity"),
		known("iam:PassRole", "iam:Pass*"),
		known(long),
		append(known("s3:*"), iam.UnknownValue(at)),
		{iam.UnknownValue(at)},
	}
	var stmts []*iam.Statement
	for _, l := range lists {
		stmts = append(stmts, &iam.Statement{Actions: l, Action: iam.Element{Present: true}})
		not := &iam.Statement{}
		not.SetExtra(iam.StatementExtra{NotActions: l, NotAction: iam.Element{Present: true, Range: iam.MakeRange(at)}})
		stmts = append(stmts, not)
	}
	for _, g := range []*actionGrant{grantsAssumeRole, grantsWebIdentity, grantsPassRole, {action: "s3:GetObject"}} {
		for i, s := range stmts {
			want, wantOK := s.GrantsAction(g.action)
			for range 2 {
				got, ok := g.in(s)
				if ok != wantOK || got != want {
					t.Errorf("%s, statement %d: in = %v, %v; GrantsAction = %v, %v", g.action, i, got, ok, want, wantOK)
				}
			}
		}
	}
}
