//go:build unix

package linter_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanNotRegularFile: a plan path that is a FIFO or a link to /dev/zero
// is refused with a clear error (reading it would hang or exhaust memory).
func TestPlanNotRegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skip("symlink:", err)
	}
	for _, p := range []string{fifo, zero} {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "not a regular file") {
			t.Errorf("%s: errors %+v", filepath.Base(p), res.Errors)
		}
		// What it is, and for a pipe what to do instead.
		want := map[string]string{fifo: "is a named pipe, not a regular file; it is not read (to lint a plan from a pipe, pipe it to iamlint -)",
			zero: "is a device, not a regular file; it is not read"}[p]
		if len(res.Errors) == 1 && !strings.Contains(res.Errors[0].Message, want) {
			t.Errorf("%s: %q, want %q", filepath.Base(p), res.Errors[0].Message, want)
		}
	}
}
