package main

import (
	"os"
	"testing"
)

// TestNotTerminal: a character device that is not a terminal (/dev/null)
// gets neither colour nor the progress line; both were on for any
// character device (`iamlint . > /dev/null` wrote escape codes there).
func TestNotTerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Skipf("%s is not a character device here", os.DevNull)
	}
	t.Setenv("NO_COLOR", "")
	os.Unsetenv("NO_COLOR")
	if isTerminal(f) {
		t.Errorf("isTerminal(%s) = true", os.DevNull)
	}
	if useColor(f) {
		t.Errorf("useColor(%s) = true", os.DevNull)
	}
	if p := startProgress(f, 0); p.w != nil {
		t.Errorf("startProgress(%s) draws a progress line", os.DevNull)
	}
}
