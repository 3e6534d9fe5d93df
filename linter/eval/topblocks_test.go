package eval

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/iamlint/iamlint/bench/estate"
)

// TestTopBlocksIsPartialContent: NewConfig's walk of a file's top-level
// blocks gives the blocks PartialContent(topSchema) gives, for every .tf
// file of a generated estate, of testdata and of ../shared/corpus when it is
// present, and for odd files (and an output's attributes, as JustAttributes
// has them); it declines (PartialContent says why) when a
// block has too many or too few labels.
func TestTopBlocksIsPartialContent(t *testing.T) {
	srcs := map[string][]byte{
		"empty.tf":   nil,
		"attrs.tf":   []byte("a = 1\nb = \"x\"\n"),
		"kinds.tf":   []byte("terraform {}\nlocals { a = 1 }\nfoo \"x\" {}\nresource \"aws_x\" \"y\" {\n  count = 2\n}\ndata \"aws_d\" \"e\" {}\nprovider \"aws\" {}\nmodule \"m\" { source = \"./m\" }\nvariable \"v\" {}\noutput \"o\" { value = 1 }\nmoved {}\nimport {}\ncheck \"c\" {}\nremoved {}\nephemeral \"t\" \"n\" {}\nx = 1\n"),
		"few.tf":     []byte("resource \"aws_x\" {}\nlocals {}\n"),
		"many.tf":    []byte("locals \"x\" { a = 1 }\n"),
		"many2.tf":   []byte("variable \"a\" \"b\" {}\n"),
		"outputs.tf": []byte("output \"a\" {\n  value = 1\n  sensitive = true\n}\noutput \"b\" {\n  description = \"x\"\n}\noutput \"c\" {\n  value = 2\n  x {}\n}\n"),
		"nested.tf":  []byte("resource \"aws_x\" \"y\" {\n  resource \"a\" {}\n}\n"),
	}
	dir := t.TempDir()
	if _, err := estate.Generate(filepath.Join(dir, "estate"), estate.Options{Files: 20, IAMEvery: 10}); err != nil {
		t.Fatal(err)
	}
	roots := []string{dir, "testdata", filepath.Join("..", "load", "testdata")}
	if real := filepath.Join("..", "..", "..", "shared", "corpus"); dirExists(real) {
		roots = append(roots, real)
	}
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() || !strings.HasSuffix(p, ".tf") {
				return nil
			}
			if src, err := os.ReadFile(p); err == nil {
				srcs[p] = src
			}
			return nil
		})
	}
	declined := 0
	for name, src := range srcs {
		f, _ := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if f == nil || f.Body == nil {
			continue
		}
		content, _, diags := f.Body.PartialContent(topSchema)
		got, ok := topBlocks(f.Body)
		if !ok {
			declined++
			if !diags.HasErrors() {
				t.Errorf("%s: declined without a diagnostic from PartialContent", name)
			}
			continue
		}
		if diags.HasErrors() {
			t.Errorf("%s: taken, but PartialContent says %v", name, diags)
			continue
		}
		for _, b := range content.Blocks {
			if b.Type != "output" {
				continue
			}
			attrs, _ := b.Body.JustAttributes()
			for _, an := range []string{"value", "sensitive", "description"} {
				want, wok := attrs[an]
				got, gok := attrLookup(b.Body)(an)
				if wok != gok || !reflect.DeepEqual(got, want) {
					t.Errorf("%s: output %s: %s %v %v, JustAttributes %v %v", name, b.Labels[0], an, got, gok, want, wok)
				}
			}
		}
		var want hcl.Blocks
		if content != nil {
			want = content.Blocks
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d blocks, PartialContent %d", name, len(got), len(want))
			continue
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("%s: block %d differs: %+v vs %+v", name, i, got[i], want[i])
			}
		}
	}
	if declined < 3 || len(srcs) < 30 {
		t.Fatalf("%d files, %d declined: the odd files were not all seen", len(srcs), declined)
	}
}

// TestTopLabelsMatchSchema: topLabels knows the block types of topSchema,
// each with its number of labels, and no other.
func TestTopLabelsMatchSchema(t *testing.T) {
	for _, b := range topSchema.Blocks {
		if n, ok := topLabels(b.Type); !ok || n != len(b.LabelNames) {
			t.Errorf("%s: topLabels %d, %v; schema %d labels", b.Type, n, ok, len(b.LabelNames))
		}
	}
	for _, typ := range []string{"", "foo", "Resource", "resources", "dynamic", "lifecycle"} {
		if _, ok := topLabels(typ); ok {
			t.Errorf("%q: topLabels knows it", typ)
		}
	}
}

// topBlocks is the Blocks of body.PartialContent(topSchema) for a body
// topNative takes, as NewConfig walks them (ok false when it does not).
func topBlocks(body hcl.Body) (hcl.Blocks, bool) {
	sb, ok := topNative(body)
	if !ok {
		return nil, false
	}
	var blocks hcl.Blocks
	for _, b := range sb.Blocks {
		var hb hcl.Block
		if topBlock(&hb, b) {
			blocks = append(blocks, &hb)
		}
	}
	return blocks, true
}
