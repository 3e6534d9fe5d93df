package iam

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestCopyAt: a document parsed with a FixedMapper at one range, copied to
// another (CopyAt), is the document parsed at the other, with every
// element a policy can have (a long Sid, held in Extra, included), and
// shares no statement, list or scope with the original.
func TestCopyAt(t *testing.T) {
	src := `{"Version": "2012-10-17", "Id": "x", "Other": 1, "Statement": [
	  {"Sid": "` + strings.Repeat("LongSid", 40) + `", "Effect": "Allow", "Action": ["s3:GetObject", "s3:Put*"], "Resource": "*",
	   "Principal": {"AWS": ["arn:aws:iam::123456789012:root"], "Service": "ec2.amazonaws.com"},
	   "Condition": {"StringEquals": {"aws:SourceAccount": ["1", "2"]}, "Bool": {"aws:SecureTransport": "true"}}},
	  {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:s3:::b"], "NotPrincipal": "*", "Actions": "typo"},
	  "not a statement"
	]}`
	r1 := hcl.Range{Filename: "one.tf", Start: hcl.Pos{Line: 2, Column: 5, Byte: 20}, End: hcl.Pos{Line: 2, Column: 40, Byte: 55}}
	r2 := hcl.Range{Filename: "two.tf", Start: hcl.Pos{Line: 90, Column: 1, Byte: 3000}, End: hcl.Pos{Line: 92, Column: 7, Byte: 3100}}
	parse := func(r hcl.Range) *Document {
		tree, diags := ParseJSON([]byte(src), FixedMapper(r))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		d, _ := FromTree(tree, Identity)
		d.Range = MakeRange(r)
		return d
	}
	d1, want := parse(r1), parse(r2)
	if len(d1.Statements) != 2 || d1.Statements[0].Scope == nil || d1.Statements[1].Extra == nil || d1.Extra == nil {
		t.Fatalf("the test document lacks a part: %+v", d1)
	}
	got := d1.CopyAt(MakeRange(r2))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("CopyAt:\n%+v\nwant\n%+v", got, want)
	}
	if got.Statements[0] == d1.Statements[0] || got.Statements[0].Scope == d1.Statements[0].Scope ||
		got.Statements[1].Extra == d1.Statements[1].Extra || got.Extra == d1.Extra ||
		&got.Statements[0].Actions[0] == &d1.Statements[0].Actions[0] {
		t.Fatal("the copy shares parts with the original")
	}
}
