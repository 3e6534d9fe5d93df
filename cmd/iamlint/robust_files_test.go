package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigEndless: --config naming a file that never ends (/dev/zero) is
// a located error (exit 2), not a read that takes all the memory (the
// configuration, then once more to convert its columns).
func TestConfigEndless(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"--config", "/dev/zero", dir}, nil, &out, &errb)
	if code != exitError || !strings.Contains(errb.String(), "/dev/zero:1:1: error: Configuration file too large") {
		t.Errorf("exit %d, stderr:\n%s", code, errb.String())
	}
}
