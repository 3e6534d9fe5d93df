package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestLazyTextLongParts compares the nodes of templates made from their
// recipes and made at once where the recipe is bounded: interpolations
// longer than maxRecipeLen (the segments made at once), just at it, more
// than maxRecipeParts of them, heredocs (literals as they are) next to
// quoted strings (escapes), unknown parts and several files.
func TestLazyTextLongParts(t *testing.T) {
	dir := t.TempDir()
	main := `
variable "unknown" {
  type = string
}

locals {
  eighty = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
  long   = join("", [for i in range(1000) : local.eighty])
  exact  = "${join("", [for i in range(819) : local.eighty])}0123456789abcde"
}

resource "aws_iam_policy" "long" {
  name   = "a\t${local.long}b\"${local.exact}c"
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${local.long}/\t*"}]}
EOT
}

resource "aws_iam_policy" "parts" {
  name   = "${local.exact}-${var.unknown}-${local.long}"
  policy = "x${1}y${2}z${3}w${4}v${5}\n"
}
`
	other := `
resource "aws_iam_role" "r" {
  name               = "r-${length(local_two)}-\u00e9"
  assume_role_policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "${var.unknown}"}, "Action": "sts:AssumeRole"}]}
  EOT
}

locals {
  local_two = "two"
}
`
	for name, src := range map[string]string{"main.tf": main, "other.tf": other} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer func(old bool) { lazyText = old }(lazyText)
	l := &shapeLoader{t: t, sources: map[string][]byte{}, configs: map[string]*Config{}}
	lazyText = true
	lazyMods, lazyDiags := l.evaluate(dir)
	lazyText = false
	mods, diags := l.evaluate(dir)
	if fmt.Sprint(lazyDiags) != fmt.Sprint(diags) {
		t.Fatalf("diagnostics differ:\nlazy  %v\neager %v", lazyDiags, diags)
	}
	blocks := 0
	for i, m := range mods {
		for j, b := range m.Blocks {
			if err := sameNodes(lazyMods[i].Blocks[j].Body, b.Body, 0); err != nil {
				t.Errorf("%s: %v", b.Address, err)
			}
			blocks++
		}
	}
	if blocks != 3 {
		t.Fatalf("%d blocks compared, want 3 (diagnostics: %v)", blocks, diags)
	}
	name := mods[0].Blocks[0].Body.Attr("name")
	if !name.Val.IsKnown() {
		t.Fatalf("long name unknown: %v", diags)
	}
	if n := len(name.Val.AsString()); n != 1+1+80000+1+1+maxRecipeLen+1 {
		t.Errorf("long name is %d bytes", n)
	}
	if segs := name.Text.Segments(); len(segs) < 4 {
		t.Errorf("long name has %d segments", len(segs))
	}
}

// TestRecipeSegmentsAllocs checks that making the segments of a template's
// text from its recipe allocates them once, in a slice of their length:
// the array they are made in on the stack stays there (it was moved to
// the heap for every text, 896 bytes, then copied all the same).
func TestRecipeSegmentsAllocs(t *testing.T) {
	src := "resource \"aws_iam_role\" \"r\" {\n" +
		"  name               = \"r-${var.env}-x-${var.env}\"\n" +
		"  assume_role_policy = <<-EOT\n" +
		"    {\n" +
		"      \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"${var.env}\"}}]\n" +
		"    }\n" +
		"  EOT\n" +
		"}\n" +
		"variable \"env\" {\n  default = \"prod\"\n}\n"
	mods, _ := evalSrc(t, src)
	body := mods[0].Blocks[0].Body
	for _, attr := range []string{"name", "assume_role_policy"} {
		n := body.Attr(attr)
		if n == nil || n.Text == nil || n.Text.r.x == nil {
			t.Fatalf("%s: no text recipe: %#v", attr, n)
		}
		r := n.Text.r
		segs := r.segments()
		if len(segs) < 2 || len(segs) > 8 || cap(segs) != len(segs) {
			t.Fatalf("%s: %d segments, capacity %d", attr, len(segs), cap(segs))
		}
		if got := testing.AllocsPerRun(100, func() { r.segments() }); got != 1 {
			t.Errorf("%s: %v allocations to make %d segments, want 1", attr, got, len(segs))
		}
	}
}
