package linter_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestManyModuleCallsLinear: a module of 40,000 module calls (two files of
// 20,000, to directories that do not exist) is read in time linear in its
// calls, each told once. Four walks compared every call with all those
// before it: the duplicate check (Config.addCall), the evaluation's look-up
// of a call by name (scope.callGroup), and the call graph's sets of
// directories (load's calls and callGraph). 80,000 calls (3 MB of .tf)
// ran past 60 s; 20,000 took 9.7 s, now 0.9 s.
func TestManyModuleCallsLinear(t *testing.T) {
	const perFile = 20000
	dir := t.TempDir()
	for f := range 2 {
		var b strings.Builder
		for i := range perFile {
			fmt.Fprintf(&b, "module \"m%d_%d\" {\n  source = \"./x/%d_%d\"\n}\n", f, i, f, i)
		}
		writeFile(t, dir, fmt.Sprintf("main%d.tf", f), b.String())
	}
	// One call named twice is still told.
	writeFile(t, dir, "z.tf", "module \"m1_7\" {\n  source = \"./y\"\n}\n")
	res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}})
	notFound, dup := 0, 0
	for _, n := range res.Notices {
		if strings.HasPrefix(n.Message, "Module directory not found") {
			notFound++
		}
	}
	for _, e := range res.Errors {
		if strings.Contains(e.Message, `A module call named "m1_7" was already defined at `+filepath.Join(dir, "main1.tf")) {
			dup++
		}
	}
	if notFound != 2*perFile || dup != 1 {
		t.Errorf("%d notices of a module directory not found, %d duplicate call errors; want %d, 1 (errors %d)", notFound, dup, 2*perFile, len(res.Errors))
	}
}
