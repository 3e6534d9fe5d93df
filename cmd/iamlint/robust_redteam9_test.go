package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/config"
)

// TestConfigHugeRegularFile: a .iamlint.hcl (or --config FILE) far over
// the configuration limit is the located error "Configuration file too
// large", and the run reads no more of it than that limit, also to place
// the error: it was read whole a second time for the column of its 1:1 (a
// 3 GB file: 30 s and 3.1 GB of memory). Measured here by the bytes the
// run allocates, for a sparse 256 MiB file: before, at least 256 MiB.
func TestConfigHugeRegularFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, ".iamlint.hcl")
	if err := os.WriteFile(cfg, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(cfg, 256<<20); err != nil {
		t.Skipf("no sparse file: %v", err)
	}
	var out, errb bytes.Buffer
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code := run([]string{dir}, nil, &out, &errb)
	runtime.ReadMemStats(&after)
	if code != exitError || !strings.Contains(errb.String(), ".iamlint.hcl:1:1: error: Configuration file too large") {
		t.Errorf("exit %d, stderr:\n%s", code, errb.String())
	}
	if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(6*config.MaxSize); got > limit {
		t.Errorf("the run allocated %d MiB for a 256 MiB configuration, want at most %d MiB (it is read no further than the %d MiB limit)", got>>20, limit>>20, config.MaxSize>>20)
	}
}
