package linter_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlint/iamlint/linter"
)

// IsPlanPath is the one answer to "is this path a plan": the linter's and
// the command's (huge pages, GC goal, --new-only's note).
func TestIsPlanPath(t *testing.T) {
	dir := t.TempDir()
	jsonDir := filepath.Join(dir, "modules.json")
	if err := os.Mkdir(jsonDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{
		"-":                       true,
		"plan.json":               true,
		"PLAN.JSON":               true,
		"out/Plan.Json":           true,
		"missing.json":            true, // read, and its error reported
		"main.tf.json":            false,
		"MAIN.TF.JSON":            false,
		"prod.tfvars.json":        false,
		"Prod.TFVARS.json":        false,
		"main.tf":                 false,
		"json":                    false,
		jsonDir:                   false,
		filepath.Join(dir, "x"):   false,
		filepath.Join(dir, "a.j"): false,
	} {
		if got := linter.IsPlanPath(p); got != want {
			t.Errorf("IsPlanPath(%q) = %v, want %v", p, got, want)
		}
	}
}
