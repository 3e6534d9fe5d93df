package load

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad writes the input as main.tf of a directory and loads it: it must
// not panic (a recovered panic is reported as an internal error) or hang.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{"basic/main.tf", "modules/main.tf", "modules/child/main.tf", "syntaxerr/bad.tf", "selfcall/main.tf"} {
		if src, err := os.ReadFile(filepath.Join("testdata", seed)); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(`locals { a = local.b
 b = [for x in local.a : x] }
resource "x" "y" { count = length(local.a)
 dynamic "d" { for_each = local.b
 content { v = d.value } } }`))
	f.Add([]byte("module \"m\" {\n source = \"./\"\n}\n"))
	// One directory per process (t.TempDir per input makes the fuzzer spend
	// its time creating and deleting directories), removed when the test
	// ends (os.MkdirTemp's was left in the temporary directory by every run).
	fuzzDir := f.TempDir()
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(filepath.Join(fuzzDir, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		done := watchdog()
		res := Load(Options{Paths: []string{fuzzDir}, MaxInstances: 64, MaxModuleDepth: 4})
		done()
		if res == nil {
			t.Fatal("nil result")
		}
		for _, d := range res.Diags {
			if d.Summary == "Internal error evaluating module" || d.Summary == "Parser failure" {
				t.Fatalf("panic: %s", d.Error())
			}
		}
	})
}
