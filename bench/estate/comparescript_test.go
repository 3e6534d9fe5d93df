package estate

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestCompareScript runs bench/compare.sh with two stand-in builds (shell
// scripts that log their arguments and exit 1, as iamlint does on
// findings): each runs once per round with the arguments the script
// documents, the order flipped every round, and the report has both
// builds' medians and the ratio line. Bad arguments exit 2. Skipped
// without bash or GNU time.
func TestCompareScript(t *testing.T) {
	for _, tool := range []string{"bash", "awk", "/usr/bin/time"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "runs.log")
	for _, name := range []string{"old", "new"} {
		script := "#!/bin/sh\necho \"" + name + " $*\" >>" + log + "\necho '{}'\nexit 1\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	input := filepath.Join(dir, "input")
	if err := os.Mkdir(input, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", "../compare.sh", filepath.Join(dir, "old"), filepath.Join(dir, "new"), input, "3").CombinedOutput()
	if err != nil {
		t.Fatalf("compare.sh: %v\n%s", err, out)
	}
	for _, re := range []string{
		`(?m)^old: wall median [0-9.]+ s, CPU \(user\+system\) median [0-9.]+ s, peak RSS median [0-9]+ MB$`,
		`(?m)^new: wall median [0-9.]+ s, CPU \(user\+system\) median [0-9.]+ s, peak RSS median [0-9]+ MB$`,
		`(?m)^new/old, median of 3 rounds: wall [0-9.]+, CPU [0-9.]+$`,
	} {
		if !regexp.MustCompile(re).Match(out) {
			t.Errorf("no line matching %s in:\n%s", re, out)
		}
	}
	runs, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	args := " --format json --fail-on none " + input
	want := strings.Join([]string{"old" + args, "new" + args, "new" + args, "old" + args, "old" + args, "new" + args}, "\n") + "\n"
	if string(runs) != want {
		t.Errorf("runs:\n%s\nwant:\n%s", runs, want)
	}
	for _, args := range [][]string{{"a"}, {filepath.Join(dir, "old"), filepath.Join(dir, "missing"), input}, {filepath.Join(dir, "old"), filepath.Join(dir, "new"), input, "x"}} {
		cmd := exec.Command("bash", append([]string{"../compare.sh"}, args...)...)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("compare.sh %q: %v, want exit 2\n%s", args, err, out)
		}
	}

	// PAUSE waits before each run; a PAUSE that is not a number is refused.
	if err := os.Remove(log); err != nil {
		t.Fatal(err)
	}
	pause := func(p string) *exec.Cmd {
		cmd := exec.Command("bash", "../compare.sh", filepath.Join(dir, "old"), filepath.Join(dir, "new"), input, "1")
		cmd.Env = append(os.Environ(), "PAUSE="+p)
		return cmd
	}
	start := time.Now()
	if out, err := pause("0.3").CombinedOutput(); err != nil {
		t.Fatalf("PAUSE=0.3 compare.sh: %v\n%s", err, out)
	}
	if d := time.Since(start); d < 600*time.Millisecond {
		t.Errorf("PAUSE=0.3, 2 runs took %v, want at least 0.6 s", d)
	}
	if runs, err := os.ReadFile(log); err != nil || strings.Count(string(runs), "\n") != 2 {
		t.Errorf("PAUSE=0.3: runs %q (%v), want 2", runs, err)
	}
	out, err = pause("soon").CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "PAUSE must be a number") {
		t.Errorf("PAUSE=soon: %v, want exit 2 and a message\n%s", err, out)
	}
}
