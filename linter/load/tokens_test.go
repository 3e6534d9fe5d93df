package load

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// dense returns a list of n ones: "[1,1,...,1]", 2n+1 tokens in 2n+1 bytes.
func dense(n int) string {
	return "[" + strings.Repeat("1,", n-1) + "1]"
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// A file dense in tokens, within --max-file-size, is refused before it is
// parsed (a 4 MiB .tf.json of 2 million numbers took hcl/json 3.9 GB of
// allocations and 7 s, the same .tf 390 MB), with an error at the token
// past the limit; the other files of its directory are linted.
func TestDenseFilesRefused(t *testing.T) {
	dir := t.TempDir()
	n := (defaultMaxFileSize - 100) / 2 // a 4 MiB file of 4 million tokens
	write(t, dir, "a.tf.json", fmt.Sprintf(`{"locals":{"x":%s}}`, dense(n)))
	write(t, dir, "b.tf", fmt.Sprintf("locals {\n  y = %s\n}\n", dense(n)))
	write(t, dir, "terraform.tfvars.json", fmt.Sprintf(`{"v": %s}`, dense(n)))
	write(t, dir, "main.tf", "variable \"v\" {}\nresource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n}\n")
	var res *eval.Result
	if a := allocated(func() { res = load(t, Options{Paths: []string{dir}}) }); a > 200<<20 {
		t.Errorf("Load allocated %d MB, want at most 200 MB", a>>20)
	}
	for _, at := range []string{
		filepath.Join(dir, "a.tf.json") + ":1,699060-",
		filepath.Join(dir, "b.tf") + ":2,1048578-",
		filepath.Join(dir, "terraform.tfvars.json") + ":1,699054-",
	} {
		if !hasDiag(res, hcl.DiagError, "Too many tokens", at) {
			t.Errorf("want Too many tokens at %s, got %v", at, summarize(res.Diags))
		}
	}
	if len(res.Diags) != 3 {
		t.Errorf("want 3 errors, got %v", summarize(res.Diags))
	}
	block(t, res, "aws_iam_user.u")
}

// Files each within the limit of a file are parsed, in name order, while
// their directory holds at most rootTokenLimit tokens (2,097,152), and a
// root module's calls are evaluated while it holds at most as many with
// the modules they call: 8 files of 1.2 MB, 600,000 tokens each: 3 files
// parsed, not 8, and one module of two evaluated.
func TestDenseModulesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("2-3 s")
	}
	dir := t.TempDir()
	for i := range 8 {
		write(t, dir, fmt.Sprintf("many/f%02d.tf", i), fmt.Sprintf("locals {\n  x%d = %s\n}\n", i, dense(300000)))
	}
	write(t, dir, "root/main.tf", "module \"a\" {\n  source = \"../mods/a\"\n}\nmodule \"b\" {\n  source = \"../mods/b\"\n}\n")
	write(t, dir, "root/big.tf", fmt.Sprintf("locals {\n  r = %s\n}\n", dense(400000)))
	write(t, dir, "mods/a/big.tf", fmt.Sprintf("locals {\n  a = %s\n}\n", dense(400000)))
	write(t, dir, "mods/b/big.tf", fmt.Sprintf("locals {\n  b = %s\n}\n", dense(400000)))
	write(t, dir, "mods/b/user.tf", "resource \"aws_iam_user\" \"b\" {\n  name = \"b\"\n}\n")
	var res *eval.Result
	a := allocated(func() { res = load(t, Options{Paths: []string{filepath.Join(dir, "many")}}) })
	t.Logf("Load allocated %d MB", a>>20)
	if a > 400<<20 { // 8 files parsed (before the limit): 607 MB; 3: 230 MB (327 MB under -race)
		t.Errorf("Load allocated %d MB, want at most 400 MB", a>>20)
	}
	for i := range 8 {
		at := filepath.Join(dir, "many", fmt.Sprintf("f%02d.tf", i))
		if refused := hasDiag(res, hcl.DiagError, "Too many tokens in module", at+":2,"); refused != (i >= 3) {
			t.Errorf("%s refused: %v, want %v; got %v", at, refused, i >= 3, summarize(res.Diags))
		}
	}
	res = load(t, Options{Paths: []string{filepath.Join(dir, "root")}})
	if !hasDiag(res, hcl.DiagError, "Too many tokens in module", filepath.Join(dir, "root", "main.tf")+":4,1-11") || len(res.Diags) != 1 {
		t.Errorf("want one error, at module b's call, got %v", summarize(res.Diags))
	}
	for _, m := range res.Modules {
		if strings.HasSuffix(m.Dir, "b") {
			t.Errorf("module b evaluated (%s)", m.Dir)
		}
	}
	// Within a limit twice as high, all is parsed and evaluated.
	res = load(t, Options{Paths: []string{filepath.Join(dir, "root")}, MaxFileSize: 2 * defaultMaxFileSize})
	if len(res.Diags) != 0 {
		t.Errorf("want no error, got %v", summarize(res.Diags))
	}
	block(t, res, "module.b.aws_iam_user.b")
}
