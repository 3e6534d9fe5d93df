package linter

import (
	"slices"
	"testing"
)

// TestLiteralSecrets: a string written whole between double quotes with
// the form of a secret access key is masked as a credential found; part of
// a longer string (the end of an ARN), a word, a hex digest or 41
// characters is not.
func TestLiteralSecrets(t *testing.T) {
	sources := map[string][]byte{
		"a.tf": []byte(`variable "k" { default = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE1" }
policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
sha = "0123456789abcdef0123456789abcdef01234567"
long = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE12"
end = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE3"`),
		"b.json": []byte(`{"s": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE1", "t": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE4"}`),
	}
	got := literalSecrets(sources, []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE4"})
	slices.Sort(got)
	want := []string{
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE1",
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE3",
		"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE4",
	}
	if !slices.Equal(got, want) {
		t.Errorf("literalSecrets = %q, want %q", got, want)
	}
	if got := literalSecrets(map[string][]byte{"c.tf": []byte(`x = "ab"`)}, nil); got != nil {
		t.Errorf("literalSecrets without one = %q, want nil", got)
	}
}
