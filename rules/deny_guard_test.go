package rules

import (
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestGuardActions: for guards with bigGuard values or more (Action or
// NotAction; mixed case, '?', "*", an unknown value), nameDenied tells
// every catalog action as GrantsAction does.
func TestGuardActions(t *testing.T) {
	pad := func(extra ...iam.Value) []iam.Value {
		var vs []iam.Value
		for i := range bigGuard {
			vs = append(vs, iam.KnownValue(fmt.Sprintf("nosuch%d:Get*", i), hcl.Range{}))
		}
		return append(vs, extra...)
	}
	k := func(s string) iam.Value { return iam.KnownValue(s, hcl.Range{}) }
	unknown := iam.Value{}
	deny := func(vals []iam.Value, not bool) *iam.Statement {
		st := &iam.Statement{}
		if not {
			st.SetExtra(iam.StatementExtra{NotActions: vals, NotAction: iam.Element{Present: true}})
		} else {
			st.Actions = vals
		}
		return st
	}
	guards := []*iam.Statement{
		deny(pad(k("S3:get*"), k("?am:Pass*"), k("ec2:Describe*")), false),
		deny(pad(k("*")), false),
		deny(pad(k("kms:*"), unknown), false),
		deny(pad(k("s3:*"), k("STS:*"), k("iam:List*")), true),
		deny(pad(k("s3:*"), unknown), true),
		deny(pad(k("*:Get*")), true),
	}
	for gi, g := range guards {
		if guardActions(g) == nil {
			t.Fatalf("guard %d: no set", gi)
		}
		denied := 0
		for _, a := range awsdata.Actions() {
			name := a.FullName()
			_, want := g.GrantsAction(name)
			if got := nameDenied([]*iam.Statement{g}, name); got != want {
				t.Errorf("guard %d, %s: denied %v, want %v", gi, name, got, want)
			}
			if want {
				denied++
			}
		}
		if gi != 4 && denied == 0 {
			t.Errorf("guard %d denies nothing: the test lost its case", gi)
		}
	}
	// A name outside the catalog is matched against the patterns.
	if !nameDenied(guards[0:1], "s3:GetNoSuchThing") || nameDenied(guards[0:1], "s4:GetObject") {
		t.Error("names outside the catalog")
	}
}
