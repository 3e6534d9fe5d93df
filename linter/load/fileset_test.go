package load

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

func TestFileset(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	write(t, root, "policies/a.json", "{}")
	write(t, root, "policies/b.json", "{}")
	write(t, root, "policies/c.txt", "")
	write(t, root, "policies/deep/d.json", "{}")
	write(t, root, "policies/deep/deeper/e.json", "{}")
	write(t, dir, "secret/outside.json", "{}")
	if err := os.Symlink(filepath.Join(root, "policies"), filepath.Join(root, "policies", "deep", "loop")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink("policies", filepath.Join(root, "plink")); err != nil {
		t.Fatal(err)
	}
	write(t, root, "main.tf", `
locals {
  top     = fileset("${path.module}/policies", "*.json")
  deep    = fileset(path.module, "policies/**/*.json")
  one     = fileset(path.module, "policies/*/?.json")
  alt     = fileset(path.module, "policies/{a,c}.*")
  class   = fileset(path.module, "policies/[!a].json")
  missing = fileset("${path.module}/nope", "*")
  outside = fileset("${path.module}/../secret", "*.json")
  bad     = fileset(path.module, "policies/{a.json")
  dot     = fileset(path.module, "./policies//*.json")
  up      = fileset("${path.module}/policies/deep", "../*.json")
  link    = fileset("${path.module}/plink", "*.json")
}
resource "aws_iam_policy" "p" {
  tags = {
    top = join(",", local.top)
    deep = join(",", local.deep)
    one = join(",", local.one)
    alt = join(",", local.alt)
    class = join(",", local.class)
    missing = length(local.missing)
    outside = join(",", local.outside)
    bad = join(",", local.bad)
    dot = join(",", local.dot)
    up = join(",", local.up)
    link = join(",", local.link)
  }
}`)
	res := load(t, Options{Paths: []string{root}})
	tags := block(t, res, "aws_iam_policy.p").Body.Attr("tags").AttrMap()
	for k, want := range map[string]string{
		"top":   "a.json,b.json",
		"deep":  "policies/a.json,policies/b.json,policies/deep/d.json,policies/deep/deeper/e.json",
		"one":   "policies/deep/d.json",
		"alt":   "policies/a.json,policies/c.txt",
		"class": "policies/b.json",
		"dot":   "policies/a.json,policies/b.json",
		"up":    "../a.json,../b.json",
		"link":  "a.json,b.json",
	} {
		v := tags[k].Val
		if !v.IsKnown() || v.AsString() != want {
			t.Errorf("%s = %#v, want %q", k, v, want)
		}
	}
	if v := tags["missing"].Val; !v.IsKnown() || !v.RawEquals(cty.NumberIntVal(0)) {
		t.Errorf("missing directory: %#v, want 0 files", v)
	}
	for _, k := range []string{"outside", "bad"} {
		if tags[k].Val.IsKnown() {
			t.Errorf("%s = %#v, want unknown", k, tags[k].Val)
		}
	}
	if !hasDiag(res, hcl.DiagError, "outside the scanned tree", "") {
		t.Errorf("fileset outside the tree: no error, got %v", res.Diags)
	}
	if !hasDiag(res, hcl.DiagWarning, "Invalid fileset pattern", "") {
		t.Errorf("bad pattern: no warning, got %v", res.Diags)
	}
}
