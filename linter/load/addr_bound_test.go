package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// TestAddressesBounded: the instance caps bound how many instances a root
// module makes, not how long their addresses are. A resource named with
// 200 KB and count = 1000 (200 MB of addresses, held two to three times
// over), or a module named with 20 KB and count = 100 whose 60 blocks each
// repeat its path (120 MB), is cut at 64 MiB of addresses with one error
// at the block or call that passes it: the block gets one instance with an
// unknown key, the module instances after it are not evaluated. A resource
// named with 1 MB and count = 1000 ran out of memory.
func TestAddressesBounded(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("r", 200<<10)
	write(t, dir, "res/main.tf", fmt.Sprintf(`resource "aws_iam_user" "%s" {
  count = 1000
  name  = "u"
}
resource "aws_iam_user" "after" {
  count = 2
  name  = "v"
}
resource "aws_iam_user" "plain" {
  name = "w"
}
`, long))
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "res")}}, 5*time.Second, 256<<20)
	if !hasDiag(res, hcl.DiagError, "Addresses too long", filepath.Join(dir, "res", "main.tf")+":1") {
		t.Errorf("want Addresses too long at main.tf:1, got %v", summarize(res.Diags))
	}
	block(t, res, "aws_iam_user."+long+"[*]")
	block(t, res, "aws_iam_user.after[*]")
	block(t, res, "aws_iam_user.plain")

	var m strings.Builder
	for i := range 60 {
		fmt.Fprintf(&m, "resource \"aws_iam_user\" \"u%d\" {\n  name = \"u\"\n}\n", i)
	}
	write(t, dir, "mod/m/main.tf", m.String())
	write(t, dir, "mod/root/main.tf", fmt.Sprintf(`module "%s" {
  source = "../m"
  count  = 100
}
resource "aws_iam_user" "root" {
  name = "x"
}
`, strings.Repeat("m", 20<<10)))
	res = bounded(t, Options{Paths: []string{filepath.Join(dir, "mod", "root")}}, 5*time.Second, 256<<20)
	n := 0
	for _, d := range res.Diags {
		if d.Summary == "Addresses too long" {
			n++
		}
	}
	if n != 1 || !hasDiag(res, hcl.DiagError, "Addresses too long", filepath.Join(dir, "mod", "root", "main.tf")+":1") {
		t.Errorf("want one Addresses too long at root/main.tf:1, got %v", summarize(res.Diags))
	}
	if len(res.Modules) < 2 || len(res.Modules) > 60 {
		t.Errorf("%d module instances evaluated, want the root and fewer than 60", len(res.Modules))
	}
	block(t, res, "aws_iam_user.root")
}
