package extract

import (
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestManagedDocumentAt: for every AWS managed policy of the snapshot, the
// document managedDocumentAt gives an attachment (a copy of the first
// parse, moved to the attachment's range) is the one a parse at that range
// gives, field by field; and a second attachment's copy shares nothing
// with the first's.
func TestManagedDocumentAt(t *testing.T) {
	first := hcl.Range{Filename: "a/main.tf", Start: hcl.Pos{Line: 3, Column: 16, Byte: 40}, End: hcl.Pos{Line: 3, Column: 60, Byte: 84}}
	second := hcl.Range{Filename: "b/roles.tf", Start: hcl.Pos{Line: 120, Column: 3, Byte: 5000}, End: hcl.Pos{Line: 121, Column: 9, Byte: 5090}}
	n := 0
	for _, p := range awsdata.ManagedPolicies() {
		src, ok := awsdata.ManagedPolicy(p.ARN)
		if !ok {
			continue
		}
		n++
		d1, ds := managedDocumentAt(src, p.ARN, first)
		if d1 == nil || len(ds) > 0 {
			t.Fatalf("%s: %v", p.ARN, ds)
		}
		d2, ds := managedDocumentAt(src, p.ARN, second)
		if d2 == nil || len(ds) > 0 {
			t.Fatalf("%s (second): %v", p.ARN, ds)
		}
		want, _ := ManagedDocument(src, p.ARN, second)
		if !reflect.DeepEqual(d2, want) {
			t.Fatalf("%s: the copy at the second range differs from a parse there:\n%+v\n%+v", p.ARN, d2, want)
		}
		if again, _ := ManagedDocument(src, p.ARN, first); !reflect.DeepEqual(d1, again) {
			t.Fatalf("%s: the first document differs from a parse at its range", p.ARN)
		}
		if len(d2.Statements) > 0 && d2.Statements[0] == d1.Statements[0] {
			t.Fatalf("%s: the two attachments share a statement", p.ARN)
		}
		if s := d2.Statements; len(s) > 0 && len(s[0].Actions) > 0 && s[0].Actions[0].Range != iam.MakeRange(second) {
			t.Fatalf("%s: action range %v, want the second attachment's", p.ARN, s[0].Actions[0].Range)
		}
	}
	if n < 1000 {
		t.Fatalf("%d managed policies checked, want the snapshot's (more than 1,000)", n)
	}
}
