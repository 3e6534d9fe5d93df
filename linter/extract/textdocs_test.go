package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// The policy string that the instances of a for_each or a module read from
// one file() or heredoc is parsed once: its document is shared (its
// statements and texts), not built again per instance, which copied a 3 MB
// policy file a thousand times (out of memory, red team 18). The documents
// are the same as when each is built (spacesSame), invalid text included.
func TestPolicyTextBuiltOnce(t *testing.T) {
	dir := t.TempDir()
	sid := strings.Repeat("x", 2000)
	pol := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"%s","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, sid)
	files := map[string]string{
		"p.json":   pol,
		"bad.json": `{"Statement":[` + strings.Repeat(" ", 2000) + `{"Effect":"Allow",}]}`,
		"main.tf": `
module "m" {
  source   = "./m"
  for_each = toset(["a", "b"])
}
locals {
  p = file("${path.module}/p.json")
}
resource "aws_iam_policy" "file" {
  for_each = toset(["a", "b", "c"])
  policy   = file("${path.module}/p.json")
}
resource "aws_iam_policy" "local" {
  count  = 2
  policy = local.p
}
resource "aws_iam_policy" "bad" {
  count  = 2
  policy = file("${path.module}/bad.json")
}
`,
		"m/main.tf": `
resource "aws_iam_policy" "heredoc" {
  for_each = toset(["x", "y"])
  policy   = <<EOT
` + pol + `
EOT
}
`,
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	spacesSame(t, []string{dir}, &reuseJSON)

	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
	spaces := Spaces(res)
	first := map[string]*iam.Statement{} // by resource, without the instance key
	n := 0
	for _, sp := range spaces {
		for _, d := range sp.Documents {
			if len(d.Statements) == 0 {
				continue
			}
			n++
			k := d.Address[:strings.IndexByte(d.Address, '[')] + d.Statements[0].Sid().Text[:1]
			if f, ok := first[k]; !ok {
				first[k] = d.Statements[0]
			} else if f != d.Statements[0] {
				t.Errorf("%s: a statement of its own, not the first instance's", d.Address)
			}
		}
	}
	if n != 11 { // 9, and the module's 2 as a root of its own
		t.Errorf("%d documents with statements, want 11", n)
	}
}
