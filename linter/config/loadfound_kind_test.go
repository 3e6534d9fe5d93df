//go:build unix

package config

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestLoadFoundKind: a discovered .iamlint.hcl that is not a regular file
// is an error that says what it is. A socket's was the open's "open
// .iamlint.hcl: no such device or address", a named pipe's and a
// directory's "read .iamlint.hcl: not a regular file" (red team 40).
func TestLoadFoundKind(t *testing.T) {
	dir, err := os.MkdirTemp("", "cfgkind") // short: a socket's path is at most 107 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir) //nolint:errcheck // a temporary directory
	for _, c := range []struct {
		kind string
		make func(string) error
	}{
		{"socket", func(p string) error {
			l, err := net.Listen("unix", p)
			if err == nil {
				t.Cleanup(func() { _ = l.Close() })
			}
			return err
		}},
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }},
	} {
		sub := filepath.Join(dir, filepath.Base(c.kind[:3]))
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(sub, FileName)
		if err := c.make(p); err != nil {
			t.Skipf("%s: %v", c.kind, err)
		}
		cfg, diags := LoadFound(p)
		want := "Cannot read configuration file: " + p + " is a " + c.kind + ", not a regular file; it is not read."
		if cfg != nil || len(diags) != 1 || diags[0].Summary+": "+diags[0].Detail != want {
			t.Errorf("LoadFound(%s) = %v, %v; want %q", c.kind, cfg, diags, want)
		}
	}
}
