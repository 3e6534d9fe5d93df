package load

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestParseErrorsCappedPerFile: a file of characters HCL cannot read gets
// at most maxFileDiags parse errors and one that counts the rest (hcl says
// one per byte: 4,000,001 for 4 MB of "$", 379 MB of text report), in a
// .tf file and in a .tfvars file; the other files are loaded.
func TestParseErrorsCappedPerFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "junk.tf", strings.Repeat("$", 5000))
	write(t, dir, "terraform.tfvars", strings.Repeat("$", 5000))
	write(t, dir, "main.tf", `resource "aws_iam_user" "u" {
  name = "x"
}
`)
	res := load(t, Options{Paths: []string{dir}})
	for _, f := range []string{"junk.tf", "terraform.tfvars"} {
		name := filepath.Join(dir, f)
		n, more := 0, ""
		for _, d := range res.Diags {
			if d.Subject != nil && d.Subject.Filename == name {
				n++
				if d.Summary == "Too many errors" {
					more = d.Detail
				}
			}
		}
		if n != maxFileDiags+1 || more != name+" has 4001 more parse errors, not listed." {
			t.Errorf("%s: %d errors, the last %q; want %d, the last saying 4001 more", f, n, more, maxFileDiags+1)
		}
	}
	if !hasDiag(res, hcl.DiagError, "Invalid character", filepath.Join(dir, "junk.tf")+":1,1") {
		t.Error("the first errors are not kept")
	}
	if str(t, block(t, res, "aws_iam_user.u").Body.Attr("name")) != "x" {
		t.Error("main.tf not loaded")
	}
}
