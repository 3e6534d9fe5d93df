package iam

import (
	"strings"
	"testing"
)

// TestPrincipalListWarning: a principal type whose list is not one of
// strings is named in the warning as "Principal <type>" (listOf makes the
// name only then).
func TestPrincipalListWarning(t *testing.T) {
	src := `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": [{}], "Service": {"x": 1}}, "NotPrincipal": {"Federated": ["f", []]}}]}`
	tr, diags := ParseJSONString(src, FileMapper("p.json", []byte(src)))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	_, fd := FromTree(tr, Trust)
	var got []string
	for _, d := range fd {
		got = append(got, d.Summary+": "+d.Detail)
	}
	want := []string{
		"Invalid policy Principal AWS: Each Principal AWS value must be a string, not an object; it is ignored.",
		"Invalid policy Principal Service: Principal Service must be a string or an array of strings, not an object; it is ignored.",
		"Invalid policy NotPrincipal Federated: Each NotPrincipal Federated value must be a string, not an array; it is ignored.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestConditionValueListWarning: a condition's list of values that holds
// an object names the element once ("Each Condition value", not "Each
// Condition value value", as it did).
func TestConditionValueListWarning(t *testing.T) {
	src := `{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["a", {"b": 1}]}}}]}`
	tr, diags := ParseJSONString(src, FileMapper("p.json", []byte(src)))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	_, fd := FromTree(tr, Identity)
	var got []string
	for _, d := range fd {
		got = append(got, d.Summary+": "+d.Detail)
	}
	want := "Invalid policy Condition value: Each Condition value must be a string, not an object; it is ignored."
	if len(got) != 1 || got[0] != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
