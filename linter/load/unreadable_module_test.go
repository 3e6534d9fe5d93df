package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestUnreadableModuleDirLocated: a module directory that cannot be listed
// (chmod 000) was an error at the directory alone ("modules/x: error:
// Cannot read directory"), with no line to say which call reads it; it is
// an error at the call's source argument, and the error at the directory
// alone is not repeated, whether the root is named as a directory (walked:
// the walk lists modules/x too) or as its file.
func TestUnreadableModuleDirLocated(t *testing.T) {
	for _, perm := range []bool{false, true} {
		name := "hook"
		if perm {
			name = "chmod"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			mod := filepath.Join(dir, "modules", "x")
			if err := os.MkdirAll(mod, 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, mod, "main.tf", "resource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n}\n")
			write(t, dir, "main.tf", "module \"x\" {\n  source = \"./modules/x\"\n}\n")
			if perm {
				if os.Geteuid() == 0 {
					t.Skip("root reads a directory of mode 000")
				}
				if err := os.Chmod(mod, 0); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = os.Chmod(mod, 0o755) })
			} else {
				old := osReadDir
				osReadDir = func(p string) ([]fs.DirEntry, error) {
					if filepath.Base(p) == "x" {
						return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
					}
					return old(p)
				}
				t.Cleanup(func() { osReadDir = old })
			}
			for _, p := range []string{dir, filepath.Join(dir, "main.tf")} {
				res := load(t, Options{Paths: []string{p}})
				at := filepath.Join(dir, "main.tf") + ":2,12-"
				if !hasDiag(res, hcl.DiagError, "Cannot read directory", at) {
					t.Errorf("%s: want Cannot read directory at %s, got %v", p, at, res.Diags)
				}
				for _, d := range res.Diags {
					if d.Subject == nil || d.Subject.Start.Line == 0 {
						t.Errorf("%s: an error with no line: %v", p, d)
					}
					if !strings.Contains(d.Detail, "module x") {
						t.Errorf("%s: the error does not name the call: %v", p, d)
					}
				}
			}
		})
	}
}
