package load

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestVarFileValuesPerRoot: a --var-file applied to many roots. Each root
// gets the values of the variables it declares, every value's error is
// said, and the file is not evaluated whole for each root: 100 roots and
// 2,000 values allocated 1,451 MB (1,000 roots and 10,000 values ran past
// 2 minutes); now 6 MB: the values are evaluated once, and each root
// evaluates its own.
func TestVarFileValuesPerRoot(t *testing.T) {
	dir := t.TempDir()
	const roots, values = 100, 2000
	for i := range roots {
		write(t, filepath.Join(dir, fmt.Sprintf("r%03d", i)), "main.tf", fmt.Sprintf(`variable "name" {}
variable "v%d" {}
resource "aws_iam_user" "u%d" {
  name = "${var.name}-${var.v%d}"
}
`, i, i, i))
	}
	var b strings.Builder
	b.WriteString("name = \"x\"\nbad = foo()\n")
	for i := range values {
		fmt.Fprintf(&b, "v%d = \"%d\"\n", i, i)
	}
	vf := filepath.Join(dir, "common.tfvars")
	write(t, dir, "common.tfvars", b.String())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res := load(t, Options{Paths: []string{dir}, VarFiles: []string{vf}})
	runtime.ReadMemStats(&after)
	for i := range roots {
		if got, want := str(t, block(t, res, fmt.Sprintf("aws_iam_user.u%d", i)).Body.Attr("name")), fmt.Sprintf("x-%d", i); got != want {
			t.Errorf("root %d: name %q, want %q", i, got, want)
		}
	}
	if !hasDiag(res, hcl.DiagError, "Function calls not allowed", vf+":2") {
		t.Errorf("the error of an undeclared variable's value is not said: %v", res.Diags)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 96<<20 {
		t.Errorf("Load allocated %d MB for %d roots and a --var-file of %d values; want under 96 MB", got>>20, roots, values)
	}
}
