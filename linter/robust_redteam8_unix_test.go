//go:build unix

package linter_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPipeNotNamedJSON: a pipe whose name is not .json (/dev/fd/63 of
// iamlint <(terraform show -json plan.tfplan)) is told what to do, as a
// named pipe plan.json is: pipe the plan to iamlint -. Before: only 'is not
// a .tf, .tf.json or .tfvars file', no word of plans. It is never read.
func TestPipeNotNamedJSON(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "63")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{fifo}, Rules: rules.All})
	want := "is a pipe, not a .tf, .tf.json, .tofu or .tfvars file; it is not read (to lint a plan from a pipe, pipe it to iamlint -: terraform show -json plan.tfplan | iamlint -)"
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, want) {
		t.Errorf("errors %+v, want one with %q", res.Errors, want)
	}
}
