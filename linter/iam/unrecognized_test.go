package iam

import "testing"

func TestFromTreeUnrecognized(t *testing.T) {
	src := []byte(`{"Version": "2012-10-17", "Statements": [], "id": "x",
 "Statement": [{"Effect": "Allow", "Actions": "s3:GetObject", "resource": "*", "Condtion": {}}]}`)
	tree, diags := ParseJSON(src, FileMapper("p.json", src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d, _ := FromTree(tree, Identity)
	if len(d.Unrecognized()) != 1 || d.Unrecognized()[0].Text != "Statements" || d.Unrecognized()[0].Range.HCL().Start.Column != 27 {
		t.Errorf("document Unrecognized = %+v", d.Unrecognized())
	}
	if len(d.Statements) != 1 {
		t.Fatalf("statements = %d", len(d.Statements))
	}
	s := d.Statements[0]
	var got []string
	for _, u := range s.Unrecognized() {
		got = append(got, u.Text)
	}
	if len(got) != 2 || got[0] != "Actions" || got[1] != "Condtion" {
		t.Errorf("statement Unrecognized = %q (element names match case-insensitively, as FromTree reads them)", got)
	}
	if !s.Resource.Present {
		t.Error(`"resource" is read as Resource`)
	}
}
