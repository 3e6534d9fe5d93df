package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// fileset() walks through links to directories as Terraform's glob does:
// one within the scanned tree gives its files (it gave a known empty set,
// so a for_each over it linted nothing), one that leads outside the tree
// is refused like file() (it gave a known empty set, with no error), and
// links that lead back into the walk are not followed again.
func TestFilesetThroughDirectoryLinks(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	write(t, root, "policies/a.json", "{}")
	write(t, root, "policies/deep/d.json", "{}")
	write(t, dir, "secret/s.json", "{}")
	write(t, root, "cyc/a/x.json", "{}")
	write(t, root, "cyc/b/y.json", "{}")
	for _, l := range [][2]string{
		{"../policies", "links/in"},
		{"../../secret", "links/out"},
		{"../b", "cyc/a/tob"},
		{"../a", "cyc/b/toa"},
	} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, l[1])), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(l[0], filepath.Join(root, l[1])); err != nil {
			t.Skip("no symlinks:", err)
		}
	}
	write(t, root, "main.tf", `
locals {
  in      = fileset(path.module, "links/in/*.json")
  indeep  = fileset(path.module, "links/*/**/*.json")
  out     = fileset(path.module, "links/out/*.json")
  notout  = fileset(path.module, "links/in*/*.json")
  cyc     = fileset("${path.module}/cyc", "**")
}
resource "aws_iam_policy" "p" {
  tags = {
    in     = join(",", local.in)
    indeep = join(",", local.indeep)
    out    = join(",", local.out)
    notout = join(",", local.notout)
    cyc    = join(",", local.cyc)
  }
}`)
	res := load(t, Options{Paths: []string{root}})
	tags := block(t, res, "aws_iam_policy.p").Body.Attr("tags").AttrMap()
	for k, want := range map[string]string{
		"in":     "links/in/a.json",
		"notout": "links/in/a.json",
		"cyc":    "a/tob/toa/x.json,a/tob/y.json,a/x.json,b/toa/tob/y.json,b/toa/x.json,b/y.json",
	} {
		if v := tags[k].Val; !v.IsKnown() || v.AsString() != want {
			t.Errorf("%s = %#v, want %q", k, v, want)
		}
	}
	if v := tags["out"].Val; v.IsKnown() {
		t.Errorf("out = %#v, want unknown", v)
	}
	if v := tags["indeep"].Val; v.IsKnown() {
		t.Errorf("indeep = %#v, want unknown (links/out is below links/*)", v)
	}
	at := filepath.Join(root, "main.tf")
	if !hasDiag(res, hcl.DiagError, "File outside the scanned tree", at+":5,13") || !hasDiag(res, hcl.DiagError, "File outside the scanned tree", at+":4,13") {
		t.Errorf("want File outside the scanned tree at lines 4 and 5, got %v", summarize(res.Diags))
	}
	if hasDiag(res, hcl.DiagError, "File outside the scanned tree", at+":3,13") || hasDiag(res, hcl.DiagError, "File outside the scanned tree", at+":6,13") {
		t.Errorf("links/in: no error wanted, got %v", summarize(res.Diags))
	}
}
