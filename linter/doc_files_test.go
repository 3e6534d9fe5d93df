package linter

import (
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestDocFiles checks that docFiles lists each file a document's ranges are
// in once, in the order they are first met: the document's range, then
// each statement's ranges (elements, values, principals, conditions).
func TestDocFiles(t *testing.T) {
	at := func(file string, line int) iam.Range {
		return iam.MakeRange(hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1, Byte: line * 10}, End: hcl.Pos{Line: line, Column: 5, Byte: line*10 + 4}})
	}
	val := func(file string, line int) iam.Value { return iam.Value{Text: "x", Range: at(file, line), Known: true} }
	d := &iam.Document{Range: at("root/main.tf", 1), Statements: []*iam.Statement{
		{Range: at("root/main.tf", 2), Actions: []iam.Value{val("root/main.tf", 3), val("mod/vars.tf", 4), val("root/main.tf", 5)}},
		{Range: at("mod/main.tf", 6), Resources: []iam.Value{val("mod/main.tf", 7)},
			Scope: &iam.StatementScope{
				Principals: []iam.Principal{{Type: val("mod/main.tf", 8), ID: val("other/p.tf", 9)}},
				Conditions: []iam.Condition{{Operator: val("mod/main.tf", 10), Key: val("mod/main.tf", 11), Values: []iam.Value{val("cond/c.tf", 12)}}},
			},
			Extra: &iam.StatementExtra{NotActions: []iam.Value{val("mod/vars.tf", 13)}}},
	}}
	// The element ranges left zero are in the file "".
	want := []string{"root/main.tf", "", "mod/vars.tf", "mod/main.tf", "other/p.tf", "cond/c.tf"}
	if got := docFiles(d, nil); !slices.Equal(got, want) {
		t.Errorf("docFiles = %q, want %q", got, want)
	}
	// Appended to what files holds, without repeating a name.
	if got := docFiles(d, []string{"cond/c.tf", "z.tf"}); !slices.Equal(got, append([]string{"cond/c.tf", "z.tf"}, want[:5]...)) {
		t.Errorf("docFiles after two names = %q", got)
	}
}
