package linter

import (
	"fmt"
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
	ids := new(fileIDs) // (reused: the second call starts afresh)
	if got := docFiles(d, nil, ids); !slices.Equal(got, want) {
		t.Errorf("docFiles = %q, want %q", got, want)
	}
	// Appended to what files holds, without repeating a name.
	if got := docFiles(d, []string{"cond/c.tf", "z.tf"}, ids); !slices.Equal(got, append([]string{"cond/c.tf", "z.tf"}, want[:5]...)) {
		t.Errorf("docFiles after two names = %q", got)
	}
}

// TestDocFileIDs: fileIDs.doc meets the files of a document's ranges in
// the order eachDocRange does (it walks them without a function value),
// every range of a statement with all its elements in a file of its own.
func TestDocFileIDs(t *testing.T) {
	n := 0
	at := func() iam.Range {
		n++
		return iam.MakeRange(hcl.Range{Filename: fmt.Sprintf("f%d.tf", n), Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 2, Byte: 1}})
	}
	el := func() iam.Element { return iam.Element{Present: true, Range: at()} }
	val := func() iam.Value { return iam.Value{Text: "x", Range: at(), Known: true} }
	full := &iam.Statement{Range: at(), Action: el(), Resource: el(), Actions: []iam.Value{val(), val()}, Resources: []iam.Value{val()},
		Scope: &iam.StatementScope{Principal: el(), Condition: el(),
			Principals: []iam.Principal{{Type: val(), ID: val()}},
			Conditions: []iam.Condition{{Operator: val(), Key: val(), Values: []iam.Value{val(), val()}}}},
		Extra: &iam.StatementExtra{NotAction: el(), NotResource: el(), NotPrincipal: el(),
			NotActions: []iam.Value{val()}, NotResources: []iam.Value{val()}, NotPrincipals: []iam.Principal{{Type: val(), ID: val()}}}}
	bare := &iam.Statement{Range: at(), Actions: []iam.Value{val()}}
	d := &iam.Document{Range: at(), Statements: []*iam.Statement{full, bare, full}}
	var want []uint32
	eachDocRange(d, func(r iam.Range) {
		if id := r.FileID(); !slices.Contains(want, id) {
			want = append(want, id)
		}
	})
	ids := fileIDs{last: ^uint32(0)}
	ids.doc(d)
	if !slices.Equal(ids.ids, want) || len(want) != n+1 { // (+1: the file "" of the bare statement's elements)
		t.Errorf("fileIDs.doc met %d files %v, eachDocRange %d %v (of %d ranges)", len(ids.ids), ids.ids, len(want), want, n)
	}
}
