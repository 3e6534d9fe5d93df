package eval

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/internal/hclfast"
)

// CheckDepth skips a body shorter than max/2 bytes: every expression and
// nested block of a body lies inside its range, in the trees of both
// parsers (hclfast's, which load uses, and hclsyntax's), for every .tf file
// of a generated estate, of testdata, of load's testdata and of ../shared/corpus when present.
func TestBodyRangeHoldsItsExpressions(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(filepath.Join(dir, "estate"), estate.Options{Files: 20, IAMEvery: 10}); err != nil {
		t.Fatal(err)
	}
	roots := []string{dir, "testdata", filepath.Join("..", "load", "testdata")}
	if real := filepath.Join("..", "..", "..", "shared", "corpus"); dirExists(real) {
		roots = append(roots, real)
	}
	var check func(p string, b *hclsyntax.Body)
	inside := func(outer, in hcl.Range) bool {
		return in.Start.Byte >= outer.Start.Byte && in.End.Byte <= outer.End.Byte
	}
	check = func(p string, b *hclsyntax.Body) {
		for name, a := range b.Attributes {
			if !inside(b.SrcRange, a.Expr.Range()) {
				t.Fatalf("%s: attribute %s %v outside its body %v", p, name, a.Expr.Range(), b.SrcRange)
			}
		}
		for _, blk := range b.Blocks {
			if !inside(b.SrcRange, blk.Body.SrcRange) {
				t.Fatalf("%s: block %s %v outside its body %v", p, blk.Type, blk.Body.SrcRange, b.SrcRange)
			}
			check(p, blk.Body)
		}
	}
	files := 0
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() || !strings.HasSuffix(p, ".tf") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			if f := hclfast.ParseConfig(src, p); f != nil {
				check(p, f.Body.(*hclsyntax.Body))
				files++
			}
			if f, diags := hclsyntax.ParseConfig(src, p, hcl.InitialPos); !diags.HasErrors() {
				check(p, f.Body.(*hclsyntax.Body))
			}
			return nil
		})
	}
	if files < 20 {
		t.Errorf("only %d files parsed by hclfast", files)
	}
}

// A long expression in a nested block of a long body is found; in a
// short body there is none to find.
func TestCheckDepthSkipsShortBodies(t *testing.T) {
	deep := strings.Repeat("(", 40) + "1" + strings.Repeat(")", 40)
	src := "resource \"a\" \"b\" {\n  x = 1\n  inner {\n    y = " + deep + "\n  }\n}\nlocals {\n  z = 2\n}\n"
	for _, parse := range []func() *hcl.File{
		func() *hcl.File { return hclfast.ParseConfig([]byte(src), "main.tf") },
		func() *hcl.File { f, _ := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.InitialPos); return f },
	} {
		f := parse()
		if f == nil {
			continue
		}
		b := f.Body.(*hclsyntax.Body)
		if d := CheckDepth(b, "main.tf", 20); d == nil || d.Subject.Start.Line != 4 {
			t.Errorf("deep expression in a nested block: %v", d)
		}
		if d := CheckDepth(b, "main.tf", 100); d != nil {
			t.Errorf("max 100: %v", d)
		}
	}
}
