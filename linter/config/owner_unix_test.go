//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadFoundForeignInShared: a discovered .iamlint.hcl in a directory
// every user may write to (as /tmp) that belongs to another user is an
// error and is not read; before, its settings (exclude = ["**"],
// fail_on = "none") applied to everything linted below it, without a word.
// The same file owned by the user running, or in a directory only its
// owner writes to, is read. Needs root (to give the file to another user).
func TestLoadFoundForeignInShared(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to chown")
	}
	const other = 54321
	shared := filepath.Join(t.TempDir(), "tmp")
	if err := os.Mkdir(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(shared, 0o1777); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(shared, FileName)
	if err := os.WriteFile(p, []byte("exclude = [\"**\"]\nfail_on = \"none\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	// Owned by the user running: read.
	if cfg, diags := LoadFound(p); cfg == nil || diags.HasErrors() {
		t.Fatalf("own file in a shared directory: LoadFound = %v, %v; want it read", cfg, diags)
	}

	if err := os.Chown(p, other, other); err != nil {
		t.Skip("chown:", err)
	}
	cfg, diags := LoadFound(p)
	if cfg != nil || len(diags) != 1 || diags[0].Summary != "Configuration file not the project's" {
		t.Fatalf("another user's file in a shared directory: LoadFound = %v, %v; want one error", cfg, diags)
	}
	if d := diags[0].Detail; !strings.Contains(d, "uid 54321") || !strings.Contains(d, "--config") {
		t.Errorf("detail %q: want the owner and what to do", d)
	}
	// Given with --config: read.
	if cfg, diags := Load(p); cfg == nil || diags.HasErrors() {
		t.Errorf("--config of it: Load = %v, %v; want it read", cfg, diags)
	}

	// Another user's file in a directory only its owner writes to (a
	// checkout owned by another user than the one running): read.
	if err := os.Chmod(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	if cfg, diags := LoadFound(p); cfg == nil || diags.HasErrors() {
		t.Errorf("another user's file in a private directory: LoadFound = %v, %v; want it read", cfg, diags)
	}
}
