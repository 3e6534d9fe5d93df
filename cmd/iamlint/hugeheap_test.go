package main

import (
	"os"
	"path/filepath"
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
