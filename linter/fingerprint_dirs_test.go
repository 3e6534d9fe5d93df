package linter

import (
	"os"
	"path/filepath"
	"testing"
)

// fingerprintDirs.of gives each file's directory relative to the nearest
// .git above it, in whatever order the files come (ancestors are looked at
// once and remembered), and the directory as given outside a repository.
func TestFingerprintDirsGitRoot(t *testing.T) {
	tmp := t.TempDir()
	for _, d := range []string{"repo/.git", "repo/a/b", "repo/a/c", "repo/nested/.git", "repo/nested/x", "plain/y"} {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.ToSlash(filepath.Join(tmp, "plain", "y"))
	if _, err := os.Lstat(filepath.Join(filepath.Dir(tmp), ".git")); err == nil {
		outside = "" // a repository above the temporary directory: not told
	}
	want := map[string]string{
		"repo/a/b/main.tf":      "a/b",
		"repo/a/c/main.tf":      "a/c",
		"repo/nested/x/main.tf": "x",
		"repo/main.tf":          ".",
		"repo/a/main.tf":        "a",
	}
	for _, order := range [][]string{
		{"repo/a/b/main.tf", "repo/a/c/main.tf", "repo/nested/x/main.tf", "repo/main.tf", "repo/a/main.tf", "plain/y/main.tf"},
		{"plain/y/main.tf", "repo/a/main.tf", "repo/main.tf", "repo/nested/x/main.tf", "repo/a/c/main.tf", "repo/a/b/main.tf"},
	} {
		c := fingerprintDirs{}
		for _, f := range order {
			got := c.of(filepath.Join(tmp, f))
			if w, ok := want[f]; ok && got != w {
				t.Errorf("%v: %s: %q, want %q", order, f, got, w)
			}
			if f == "plain/y/main.tf" && outside != "" && got != outside {
				t.Errorf("%v: %s: %q, want %q", order, f, got, outside)
			}
		}
	}
}
