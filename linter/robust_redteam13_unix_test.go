//go:build unix

package linter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestPlanSourceLinks: links among the .tf files of a plan's source
// directory. One to /dev/zero was read for ever for the values of the
// source's variables (a hang). One to a file outside the directory,
// sorted first (a.tf -> ../outside/credentials beside main.tf), was named
// to the loader as the source's path, and a path is read wherever it
// leads: the credentials file was read and parsed as Terraform. Both are
// refused now, as links in a scanned directory are, and the plan is linted.
func TestPlanSourceLinks(t *testing.T) {
	cases := map[string]string{"zero": "/dev/zero", "outside": "../outside/credentials"}
	for name, target := range cases {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "outside/credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLX\n")
			dir := filepath.Join(root, "src")
			p := writeFile(t, dir, "plan.json", redteam13Plan)
			writeFile(t, dir, "main.tf", "variable \"v\" {}\nresource \"aws_iam_policy\" \"a\" {\n  policy = \"{}\"\n}\n")
			if err := os.Symlink(target, filepath.Join(dir, "a.tf")); err != nil {
				t.Skip("symlink:", err)
			}
			res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{p}})
			if !hasFinding(res, "wildcard-action", "plan.json", 0, 0) {
				t.Errorf("plan not linted: %+v %+v", res.Findings, res.Errors)
			}
			want := map[string]string{"zero": "Not a regular file", "outside": "Symlink outside the scanned tree"}[name]
			var said bool
			for _, n := range res.Notices {
				said = said || strings.HasSuffix(n.File, "src/a.tf") && strings.Contains(n.Message, want)
			}
			if !said {
				t.Errorf("want a notice at a.tf with %q, got %+v", want, res.Notices)
			}
		})
	}
}
