package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// TestStringWorkBounded: strings of tens of megabytes, each within the
// limit of a value, used by many templates and function calls of one root
// module (60 templates of a 58 MB string, each passed to length(), which
// counted its grapheme clusters at about 25 MB/s) end in one located
// "Evaluation too large" error within bounded time and memory: before,
// more than a minute and gigabytes.
func TestStringWorkBounded(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("locals {\n  m   = format(\"%0999999d\", 1)\n  big = replace(local.m, \"0\", \"" + strings.Repeat("0", 58) + "\")\n}\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "locals { b%d = \"${local.big}%d\" }\n", i, i)
	}
	b.WriteString("resource \"aws_iam_user\" \"u\" {\n  name = join(\",\", [\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "    length(local.b%d),\n", i)
	}
	b.WriteString("  ])\n}\n")
	write(t, dir, "main.tf", b.String())
	res := bounded(t, Options{Paths: []string{dir}}, 10*time.Second, 0)
	n := 0
	for _, d := range res.Diags {
		if d.Summary == "Evaluation too large" && strings.Contains(d.Detail, "bytes of strings") {
			n++
			if d.Subject == nil || filepath.Base(d.Subject.Filename) != "main.tf" {
				t.Errorf("not located: %s", d.Error())
			}
		}
	}
	if n != 1 {
		t.Errorf("%d Evaluation too large (bytes of strings) errors, want 1: %v", n, summarize(res.Diags))
	}
	if u := block(t, res, "aws_iam_user.u"); u != nil && u.Body.Attrs["name"] != nil && u.Body.Attrs["name"].Val.IsKnown() {
		t.Errorf("name is known: %#v", u.Body.Attrs["name"].Val)
	}
}

// TestBlockInstancesBounded: count on nested module calls multiplies the
// instances of a resource with count (10 x 11 module instances x 1001),
// each within --max-instances: past 100,000 instances in the root module
// the blocks get one instance with an unknown key, with one located error,
// instead of evaluating them all (count = 100 x 100 x 1000: 10^7 instances,
// 18 GB before it was stopped).
func TestBlockInstancesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 100,000 instances")
	}
	dir := t.TempDir()
	write(t, dir, "main.tf", "module \"a\" {\n  source = \"./m\"\n  count  = 10\n}\n")
	write(t, dir, "m/main.tf", "module \"b\" {\n  source = \"./n\"\n  count  = 11\n}\n")
	write(t, dir, "m/n/main.tf", "resource \"aws_iam_user\" \"u\" {\n  count = 1001\n  name  = \"u${count.index}\"\n}\n")
	res := bounded(t, Options{Paths: []string{dir}}, 20*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "Too many instances", filepath.Join(dir, "m/n/main.tf")+":1") {
		t.Errorf("no Too many instances error at m/n/main.tf:1: %v", summarize(res.Diags))
	}
	n, unknown := 0, 0
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			if !strings.HasPrefix(b.Address, "module.a[") || !strings.Contains(b.Address, ".aws_iam_user.u[") {
				continue // another root module (m, m/n on their own)
			}
			if strings.HasSuffix(b.Address, "[*]") {
				unknown++
			} else {
				n++
			}
		}
	}
	if n > 100000+1001 || unknown != 10 {
		t.Errorf("%d instances evaluated (%d with an unknown key)", n, unknown)
	}
	block(t, res, "module.a[0].module.b[0].aws_iam_user.u[1000]")
	block(t, res, "module.a[9].module.b[10].aws_iam_user.u[*]")
}
