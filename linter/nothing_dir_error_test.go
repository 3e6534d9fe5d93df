package linter

import (
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestNothingToLintDirError: a named Terraform file whose directory cannot
// be listed (iamlint noread/iam.tf, noread mode -wx: the file readable, the
// listing refused) gets the error at the directory and no 'Nothing to lint:
// noread/iam.tf holds no Terraform file' notice, which was false. A
// directory path and a file with no error about it are as before.
func TestNothingToLintDirError(t *testing.T) {
	res := &eval.Result{Diags: hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read directory",
		Detail: "open noread: permission denied", Subject: &hcl.Range{Filename: "noread"}}}}
	for _, c := range []struct {
		path string
		want bool // a notice
	}{
		{"noread/iam.tf", false},
		{"noread/iam.tf.json", false},
		{"noread/terraform.tfvars", false},
		{"noread", false},
		{"other/iam.tf", true},
		{"other", true},
	} {
		got := len(nothingToLint([]string{c.path}, res)) > 0
		if got != c.want {
			t.Errorf("%s: notice %v, want %v", c.path, got, c.want)
		}
	}
}
