package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// walkDirModules is findModuleDirs as it was written with filepath.WalkDir
// (one goroutine): the reference the parallel walk must agree with.
func walkDirModules(root string, diags *hcl.Diagnostics, readDir func(string) ([]fs.DirEntry, error)) []string {
	var dirs []string
	walkRoot := root
	if st, err := os.Lstat(root); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		walkRoot = root + string(filepath.Separator)
	}
	_ = filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			*diags = append(*diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot read directory",
				Detail: err.Error(), Subject: &hcl.Range{Filename: p}})
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != walkRoot && (d.Name() == ".terraform" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		entries, err := readDir(p)
		if err != nil {
			return nil
		}
		for _, e := range entries {
			if !e.IsDir() && IsConfigFile(e.Name()) {
				dirs = append(dirs, p)
				break
			}
		}
		return nil
	})
	sort.Strings(dirs)
	return dirs
}

// TestFindModuleDirsLikeWalkDir: the parallel walk finds the same module
// directories, with the same diagnostics, as a filepath.WalkDir walk, on a
// tree with nested modules, hidden and .terraform directories, directories
// without Terraform files, a symbolic link to a directory (not followed),
// a symbolically linked root (followed) and a root with a trailing slash.
func TestFindModuleDirsLikeWalkDir(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree")
	files := []string{"main.tf", "a/main.tf", "a/b/c/x.tf.json", "a/b/readme.md", ".hidden/main.tf",
		"a/.terraform/modules/m/main.tf", "d/e/f/g/main.tf", "vars/x.tfvars", ".terraform/main.tf"}
	for i := range 40 {
		files = append(files, filepath.Join("many", strings.Repeat("n", i%7+1), string(rune('a'+i%26))+"x", "main.tf"))
	}
	for _, f := range files {
		p := filepath.Join(tree, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("locals {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(tree, "empty", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(tree, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink(filepath.Join(tree, "a"), filepath.Join(tree, "d", "to-a")); err != nil {
		t.Fatal(err)
	}
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	for _, root := range []string{tree, tree + string(filepath.Separator), link, filepath.Join(dir, "missing")} {
		var gotDiags, wantDiags hcl.Diagnostics
		got := findModuleDirs(root, &gotDiags, newLoader(Options{}).readDir)
		want := walkDirModules(root, &wantDiags, newLoader(Options{}).readDir)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: dirs\n%q\nwant\n%q", root, got, want)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: diags %v, want %v", root, gotDiags, wantDiags)
		}
		if root == tree && len(got) != 44 {
			t.Errorf("%d module dirs, want 44", len(got))
		}
	}
}
