//go:build unix

package linter_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestModuleThroughSymlinkedDirOnce: a module called through a symbolic
// link to a directory of the scan (live/iam -> ../modules/iam, source =
// "./iam") is one module: its findings are reported once, under the
// directory's own path, with the fingerprints they have when it is called
// without the link (as the loop check already takes a module by its real
// path). Before, each was reported twice, under live/iam/main.tf for the
// call and modules/iam/main.tf for the directory linted as a root, with
// two fingerprints. When the scan holds only live, the link leads outside
// it and the module keeps the name as written (live/iam), once.
func TestModuleThroughSymlinkedDirOnce(t *testing.T) {
	const policy = `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}
`
	dir := t.TempDir()
	writeFile(t, dir, "modules/iam/main.tf", policy)
	writeFile(t, dir, "live/main.tf", "module \"iam\" {\n  source = \"../modules/iam\"\n}\n")

	type key struct{ rule, file, fingerprint string }
	seen := func(scan string) (map[key]int, int) {
		res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{filepath.Join(dir, scan)}})
		got := map[key]int{}
		for _, f := range res.Findings {
			abs, err := filepath.Abs(f.Range.Filename)
			if err != nil {
				t.Fatal(err)
			}
			rel, err := filepath.Rel(dir, abs)
			if err != nil {
				t.Fatal(err)
			}
			got[key{f.Rule, filepath.ToSlash(rel), f.Fingerprint}]++
		}
		return got, len(res.Findings)
	}
	want, n := seen(".")
	if n == 0 {
		t.Fatal("no findings without the link")
	}
	// The same module, now called through a link in live.
	writeFile(t, dir, "live/main.tf", "module \"iam\" {\n  source = \"./iam\"\n}\n")
	if err := os.Symlink(filepath.Join("..", "modules", "iam"), filepath.Join(dir, "live", "iam")); err != nil {
		t.Skip("symlink:", err)
	}
	got, m := seen(".")
	if m != n {
		t.Errorf("through the link: %d findings, want %d (one per element)", m, n)
	}
	for k, c := range got {
		if c != 1 || want[k] != 1 || k.file != "modules/iam/main.tf" {
			t.Errorf("through the link: %+v reported %d times (without the link: %d)", k, c, want[k])
		}
	}
	got, m = seen("live")
	if m != n {
		t.Errorf("scanning live alone: %d findings, want %d", m, n)
	}
	for k := range got {
		if k.file != "live/iam/main.tf" {
			t.Errorf("scanning live alone: %+v: want it under live/iam, the link as written", k)
		}
	}
}
