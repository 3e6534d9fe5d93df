package main

import (
	"os"
	"testing"
	"time"
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

// TestTerminalEnv: on a terminal, colour is off when NO_COLOR is set to a
// non-empty value and when TERM=dumb (the progress line too); an empty
// NO_COLOR leaves it on (no-color.org). TERM=dumb got colour codes and the
// progress line's erase code, an empty NO_COLOR no colour (red team 20).
func TestTerminalEnv(t *testing.T) {
	f, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer f.Close()
	if !isTerminal(f) {
		t.Skip("/dev/ptmx is not a terminal here")
	}
	for _, tc := range []struct {
		noColor, term   string
		color, progress bool
	}{
		{"", "xterm", true, true},
		{"1", "xterm", false, true},
		{"", "dumb", false, false},
		{"1", "dumb", false, false},
	} {
		t.Setenv("NO_COLOR", tc.noColor)
		t.Setenv("TERM", tc.term)
		if got := useColor(f); got != tc.color {
			t.Errorf("NO_COLOR=%q TERM=%q: useColor = %v, want %v", tc.noColor, tc.term, got, tc.color)
		}
		p := startProgress(f, time.Hour)
		if got := p.w != nil; got != tc.progress {
			t.Errorf("NO_COLOR=%q TERM=%q: progress line %v, want %v", tc.noColor, tc.term, got, tc.progress)
		}
		p.stop()
	}
}
