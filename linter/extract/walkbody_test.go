package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// twoWalks is what scanBodies did in two walks: the secrets of the members
// and elements to depth 32, then the shapes of everything to depth 64.
func twoWalks(mods []*eval.Module, shapes map[iam.Range]string) []foundSecret {
	var out []foundSecret
	seen := map[string]bool{}
	add := func(s foundSecret) {
		if k := secretKey(s.Secret); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	var secrets func(bl *eval.Block, n *eval.Node, name string, depth int)
	secrets = func(bl *eval.Block, n *eval.Node, name string, depth int) {
		if n == nil || depth > 32 {
			return
		}
		for _, k := range n.Keys {
			secrets(bl, n.Attr(k), k, depth+1)
		}
		for _, e := range n.Elems {
			secrets(bl, e, name, depth+1)
		}
		if len(n.Keys) == 0 && len(n.Elems) == 0 {
			secretLeaf(bl, n, name, add)
		}
	}
	var found shapeList
	var collect func(n *eval.Node, depth int)
	collect = func(n *eval.Node, depth int) {
		if n == nil || depth > 64 {
			return
		}
		shapeOf(n, &found)
		for _, k := range n.Keys {
			collect(n.Attr(k), depth+1)
		}
		for _, e := range n.Elems {
			collect(e, depth+1)
		}
		collect(n.JSONArg(), depth+1)
		for _, a := range n.Alts() {
			collect(a, depth+1)
		}
	}
	for _, mod := range mods {
		for _, bl := range mod.Blocks {
			if bl != nil && bl.Body != nil {
				secrets(bl, bl.Body, "", 0)
			}
		}
	}
	for _, mod := range mods {
		for _, bl := range mod.Blocks {
			if bl != nil {
				collect(bl.Body, 0)
			}
		}
	}
	addShapes(shapes, &found)
	return out
}

// deep nests a member n levels down: depth limits of both walks.
func deep(n int, leaf string) string {
	s := leaf
	for i := 0; i < n; i++ {
		s = "{ k = [" + s + "] }"
	}
	return s
}

func TestScanBodiesOneWalk(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 16}); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(t.TempDir(), "odd")
	if err := os.MkdirAll(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	src := `
variable "x" {}
variable "flag" {}
provider "aws" {
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}
resource "aws_instance" "a" {
  user_data = <<-EOT
    export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYZXAMPLEKEY
    aws_access_key_id = AKIAI44QH8DHBEXAMPLE
  EOT
  tags = {
    a      = "arn:aws:iam::${var.x}:role/r"
    deep16 = ` + deep(15, `"AKIAIOSFODNN7EXAMPL1"`) + `
    deep17 = ` + deep(16, `"AKIAIOSFODNN7EXAMPL2"`) + `
    deep33 = { k = ` + deep(15, `"AKIAIOSFODNN7EXAMPL4"`) + ` }
    deep40 = ` + deep(40, `"arn:${var.x}"`) + `
  }
  policy = jsonencode({ Statement = [{ Resource = "arn:aws:s3:::${var.x}/*", Action = var.flag ? "a:${var.x}" : "b:${var.x}" }], Key = "AKIAIOSFODNN7EXAMPL3" })
}
`
	if err := os.WriteFile(filepath.Join(odd, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{dir, odd, filepath.Join("testdata", "basic"), filepath.Join("testdata", "graph")}
	if !testing.Short() {
		for _, c := range []string{"real", "checkov", "kics", "trivy", "regula"} {
			if d := filepath.Join("..", "..", "..", "shared", "corpus", c); dirExists(d) {
				dirs = append(dirs, d)
			}
		}
	}
	secrets, shapes := 0, 0
	for _, d := range dirs {
		// Without KeepText, every jsonencode text is written; with it
		// (as the linter loads), most are left unwritten (LazyJSON) and
		// scanBodies skips their arguments, which twoWalks walks.
		for _, keep := range []func(string) bool{nil, KeepText} {
			res := load.Load(load.Options{Paths: []string{d}, Renderers: Renderers(), KeepText: keep})
			var mods []*eval.Module
			for _, m := range res.Modules {
				if m != nil {
					mods = append(mods, m)
				}
			}
			one, two := map[iam.Range]string{}, map[iam.Range]string{}
			got, want := scanBodies(mods, one), twoWalks(mods, two)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (keep %v): secrets differ:\none walk  %v\ntwo walks %v", d, keep != nil, got, want)
			}
			if !reflect.DeepEqual(one, two) {
				t.Errorf("%s (keep %v): shapes differ:\none walk  %v\ntwo walks %v", d, keep != nil, one, two)
			}
			secrets += len(got)
			shapes += len(one)
		}
	}
	if secrets < 5 || shapes < 10 {
		t.Errorf("only %d secrets and %d shapes compared", secrets, shapes)
	}
	t.Logf("%d secrets, %d shapes", secrets, shapes)
}
