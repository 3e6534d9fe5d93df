package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// failWriter fails every write, as /dev/full does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestVersionWriteFails: `iamlint version > /dev/full` said nothing and
// exited 0 (red team 20); the write error is said and the status is 2, as
// for rules, explain and the report.
func TestVersionWriteFails(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}, {"rules"}, {"explain", "wildcard-action"}} {
		var stderr bytes.Buffer
		if got := run(args, strings.NewReader(""), failWriter{}, &stderr); got != exitError {
			t.Errorf("%v to a failing stdout: exit %d, want %d", args, got, exitError)
		}
		if !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%v to a failing stdout: stderr %q does not say the write error", args, stderr.String())
		}
		var out bytes.Buffer
		stderr.Reset()
		if got := run(args, strings.NewReader(""), &out, &stderr); got != exitOK || out.Len() == 0 {
			t.Errorf("%v: exit %d, %d bytes out, want 0 and output", args, got, out.Len())
		}
	}
}
