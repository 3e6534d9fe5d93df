package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

const literalSetSrc = `
variable "v" { default = "z" }
resource "aws_a" "dup" {
  for_each = toset(["b", "a", "b", "c", "a"])
  name     = "${each.key}-${each.value}"
}
resource "aws_a" "one" {
  for_each = toset(["only"])
  name     = each.value
}
resource "aws_a" "core" {
  for_each = core::toset(["y", "x"])
  name     = each.key
}
resource "aws_a" "mixed" {
  for_each = toset(["a", var.v])
  name     = each.key
}
resource "aws_a" "interp" {
  for_each = toset(["a", "${var.v}b"])
  name     = each.key
}
resource "aws_a" "empty" {
  for_each = toset([])
}
resource "aws_a" "list" {
  for_each = ["l", "k"]
}
resource "aws_a" "ref" {
  name = aws_a.dup["b"].name
  all  = [for k, v in aws_a.dup : k]
}
module "m" {
  source   = "./m"
  for_each = toset(["q", "p", "q"])
  name     = each.value
}
`

// TestLiteralSetIsGeneral: expand's way for for_each = toset([literal
// strings]) gives what the general way gives (the same diagnostics, blocks,
// addresses and body nodes, each.key and each.value included) over the
// configurations of TestJSONShapesMatchValues (a generated estate,
// ../shared/corpus when present) and odd cases (duplicates, one element,
// core::, interpolated or variable elements, an empty set, a list, a module
// call).
func TestLiteralSetIsGeneral(t *testing.T) {
	dirs := shapeDirs(t)
	odd := filepath.Join(t.TempDir(), "odd")
	if err := os.MkdirAll(filepath.Join(odd, "m"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(odd, "main.tf"), []byte(literalSetSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(odd, "m", "main.tf"), []byte("variable \"name\" {}\nresource \"aws_b\" \"x\" {\n  for_each = toset([\"2\", \"1\"])\n  name = \"${var.name}${each.key}\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, odd)
	for _, dir := range dirs {
		compareLiteralSets(t, dir)
	}
	f, _ := hclsyntax.ParseConfig([]byte(literalSetSrc), "x.tf", hcl.InitialPos)
	taken := 0
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if a := b.Body.Attributes["for_each"]; a != nil {
			if literalSetTuple(a.Expr) != nil {
				taken++
			}
		}
	}
	if taken != 4 {
		t.Fatalf("literalSet took %d of the odd for_each, want 4 (dup, one, core, module)", taken)
	}
}

func compareLiteralSets(t *testing.T, dir string) {
	t.Helper()
	defer func(old bool) { literalSets = old }(literalSets)
	eval := func(on bool) ([]*Module, hcl.Diagnostics) {
		literalSets = on
		l := &shapeLoader{t: t, sources: map[string][]byte{}, configs: map[string]*Config{}}
		return l.evaluate(dir)
	}
	fast, fastDiags := eval(true)
	mods, diags := eval(false)
	if fmt.Sprint(fastDiags) != fmt.Sprint(diags) {
		t.Fatalf("%s: diagnostics differ:\nfast %v\ngeneral %v", dir, fastDiags, diags)
	}
	if len(fast) != len(mods) {
		t.Fatalf("%s: %d modules fast, %d general", dir, len(fast), len(mods))
	}
	for i, m := range mods {
		if fast[i].Path != m.Path || len(fast[i].Blocks) != len(m.Blocks) {
			t.Fatalf("%s: module %d: %s %d blocks fast, %s %d general", dir, i, fast[i].Path, len(fast[i].Blocks), m.Path, len(m.Blocks))
		}
		for j, b := range m.Blocks {
			fb := fast[i].Blocks[j]
			if fb.Address != b.Address || fb.Range != b.Range {
				t.Fatalf("%s: block %s at %v fast, %s at %v general", dir, fb.Address, fb.Range, b.Address, b.Range)
			}
			if err := sameNodes(fb.Body, b.Body, 0); err != nil {
				t.Errorf("%s: %s: %v", dir, b.Address, err)
			}
		}
	}
}
