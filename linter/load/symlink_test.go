package load

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSymlinkedRootIsFollowed: a named directory that is a symbolic link is
// linted (filepath.WalkDir alone would not descend into it).
func TestSymlinkedRootIsFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"main.tf", "sub/main.tf"} {
		if err := os.WriteFile(filepath.Join(real, f), []byte(`resource "aws_iam_user" "u" { name = "u" }`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	res := Load(Options{Paths: []string{link}})
	want := []string{filepath.Join(link, "main.tf"), filepath.Join(link, "sub", "main.tf")}
	if len(res.Files) != len(want) || res.Files[0] != want[0] || res.Files[1] != want[1] {
		t.Fatalf("files %q, want %q", res.Files, want)
	}
	if len(res.Modules) != 2 {
		t.Errorf("%d modules, want 2", len(res.Modules))
	}
}
