//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadFoundLinkOutside: a discovered .iamlint.hcl that links to a file
// outside its directory is an error and is not read (before: read, and the
// names of ~/.aws/credentials' entries printed in "Unsupported argument"
// errors); one linking inside its directory is read.
func TestLoadFoundLinkOutside(t *testing.T) {
	root := t.TempDir()
	repo, outside := filepath.Join(root, "repo"), filepath.Join(root, "outside")
	for _, d := range []string{filepath.Join(repo, "conf"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "credentials"), "aws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n")
	write(filepath.Join(repo, "conf", "lint.hcl"), "min_severity = \"high\"\n")
	link := filepath.Join(repo, FileName)

	if err := os.Symlink("../outside/credentials", link); err != nil {
		t.Skip("symlink:", err)
	}
	cfg, diags := LoadFound(link)
	if cfg != nil || len(diags) != 1 || diags[0].Summary != "Configuration file outside its directory" {
		t.Fatalf("LoadFound(link outside) = %v, %v; want one error Configuration file outside its directory", cfg, diags)
	}
	if d := diags[0].Detail; strings.Contains(d, "credentials") || strings.Contains(d, "aws_secret") {
		t.Errorf("the error names the target or its content: %q", d)
	}

	// Through a link to a directory outside: still outside.
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(repo, "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("out/credentials", link); err != nil {
		t.Fatal(err)
	}
	if _, diags := LoadFound(link); len(diags) != 1 || diags[0].Summary != "Configuration file outside its directory" {
		t.Errorf("LoadFound(link through a directory link) = %v", diags)
	}

	// Inside its directory: read.
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("conf/lint.hcl", link); err != nil {
		t.Fatal(err)
	}
	if cfg, diags := LoadFound(link); cfg == nil || diags.HasErrors() {
		t.Errorf("LoadFound(link inside) = %v, %v", cfg, diags)
	}
}

// TestFindNotRegular: a .iamlint.hcl that is not a regular file (a named
// pipe, a dangling link) is found, and LoadFound says why it is not read;
// before, Find stepped over it to a parent's configuration without a word.
func TestFindNotRegular(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("min_severity = \"high\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(sub, FileName)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	p, ok := Find(sub)
	if !ok || p != fifo {
		t.Fatalf("Find = %q, %v; want the named pipe %q", p, ok, fifo)
	}
	if _, diags := LoadFound(p); len(diags) != 1 || diags[0].Summary != "Cannot read configuration file" {
		t.Errorf("LoadFound(named pipe) = %v", diags)
	}
	if err := os.Remove(fifo); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing.hcl", fifo); err != nil {
		t.Fatal(err)
	}
	if p, ok := Find(sub); !ok || p != fifo {
		t.Errorf("Find with a dangling link = %q, %v", p, ok)
	}
	if _, diags := LoadFound(fifo); len(diags) != 1 || diags[0].Summary != "Cannot read configuration file" {
		t.Errorf("LoadFound(dangling link) = %v", diags)
	}
}
