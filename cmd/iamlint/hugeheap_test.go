package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hugeHeap leaves the heap alone for plans, single files, GODEBUG
// disablethp=1 and paths that are not directories.
func TestHugeHeapGate(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(file, []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	none := func(string) string { return "" }
	for _, c := range []struct {
		name      string
		paths     []string
		planBytes int64
		getenv    func(string) string
	}{
		{"single file", []string{file}, 0, none},
		{"missing path", []string{filepath.Join(dir, "nope")}, 0, none},
		{"plan argument", []string{dir, "plan.json"}, 0, none},
		{"plan bytes", []string{dir}, 1, none},
		{"disablethp", []string{dir}, 0, func(k string) string {
			if k == "GODEBUG" {
				return "madvdontneed=1,disablethp=1"
			}
			return ""
		}},
	} {
		if hugeHeap(c.paths, c.planBytes, c.getenv) {
			t.Errorf("%s: hugeHeap advised the heap", c.name)
		}
	}
}

// A plan's extension in capitals is a plan for every decision of the
// command, as it is for the linter (linter.IsPlanPath): huge pages stay off
// (they are for directory runs only) and --new-only has a plan to apply to.
func TestPlanArgumentCase(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "PLAN.JSON")
	if err := os.WriteFile(plan, []byte(`{"format_version":"1.2","resource_changes":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	none := func(string) string { return "" }
	for _, p := range []string{plan, filepath.Join(dir, "MISSING.Json")} {
		if !hasPlanArg([]string{dir, p}) {
			t.Errorf("hasPlanArg(%s) = false", p)
		}
		if hugeHeap([]string{dir, p}, 0, none) {
			t.Errorf("hugeHeap advised the heap of a run with plan %s", p)
		}
	}
	if got := planBytes([]string{plan}, nil); got == 0 {
		t.Errorf("planBytes(PLAN.JSON) = 0")
	}
	var out, errb bytes.Buffer
	run([]string{"--new-only", "--fail-on", "none", plan}, nil, &out, &errb)
	if strings.Contains(errb.String(), "no plan was given") {
		t.Errorf("--new-only with PLAN.JSON: %s", errb.String())
	}
}

// A limit on the address space (ulimit -v) turns the reservation off: it is
// address space the run may need.
func TestHugeHeapAddressLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := addressSpaceLimited
	t.Cleanup(func() { addressSpaceLimited = old })
	asked := false
	addressSpaceLimited = func() bool { asked = true; return true }
	if hugeHeap([]string{dir}, 0, func(string) string { return "" }) {
		t.Error("hugeHeap advised the heap under an address-space limit")
	}
	if !asked {
		t.Error("hugeHeap did not ask for the address-space limit")
	}
}

// The reservation is a quarter of the soft memory limit, at least 256 MB
// and at most 1.5 GB, and 256 MB under strict overcommit.
func TestHugeHeapSize(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		limit  int64
		strict bool
		want   int
	}{
		{math.MaxInt64, false, 1536 * mb}, // no limit
		{18 << 30, false, 1536 * mb},      // 24 GB of RAM
		{4 << 30, false, 1024 * mb},
		{1536 * mb, false, 384 * mb}, // a 2 GB container
		{512 * mb, false, 256 * mb},
		{math.MaxInt64, true, 256 * mb},
	} {
		if got := hugeHeapSize(c.limit, c.strict); got != c.want {
			t.Errorf("hugeHeapSize(%d, %v) = %d MB, want %d MB", c.limit, c.strict, got/mb, c.want/mb)
		}
	}
}
