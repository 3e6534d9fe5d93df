package eval

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// realPath with a cache resolves as filepath.EvalSymlinks does: through a
// link in the middle of the path, a link as the last element, and a path
// that does not exist (kept as is).
func TestRealPathCacheMatchesEvalSymlinks(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "real", "a", "b"), 0o755))
	must(os.Symlink(filepath.Join(root, "real"), filepath.Join(root, "link")))
	must(os.Symlink("b", filepath.Join(root, "real", "a", "lb")))
	var cache sync.Map
	for _, p := range []string{
		filepath.Join(root, "real", "a", "b"),
		filepath.Join(root, "link", "a", "b"),
		filepath.Join(root, "link", "a", "lb"),
		filepath.Join(root, "link", "a"),
		filepath.Join(root, "link", "missing", "x"),
		root,
	} {
		want := realPath(p, nil)
		if got := realPath(p, &cache); got != want {
			t.Errorf("realPath(%s) = %s, want %s", p, got, want)
		}
		if got := realPath(p, &cache); got != want {
			t.Errorf("realPath(%s) from the cache = %s, want %s", p, got, want)
		}
	}
}

// Relative paths resolve from the working directory (read once into the
// cache) as filepath.Abs does, "." and ".." included.
func TestRealPathCacheRelative(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "l")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	var cache sync.Map
	for _, p := range []string{".", "a", "a/b", "l/b", "./l/../a/b/", "a/b/../..", "missing/x"} {
		want := realPath(p, nil)
		if got := realPath(p, &cache); got != want {
			t.Errorf("realPath(%s) = %s, want %s", p, got, want)
		}
	}
}
