//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipeFlags: a file flag naming a named pipe that no process
// writes to (--config, --var-file, --baseline) or reads (--output,
// --write-baseline) ends the run, read as empty (with a warning or notice
// that says so) or refused with a clear error, instead of waiting for ever
// (red team 18: all five hung). A named
// pipe that a process reads gets the whole report: it was opened and
// closed before the run (its reader saw the end), and the report was lost.
func TestNamedPipeFlags(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`variable "a" {
  default = "s3:GetObject"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.a, Resource = "*" }] })
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	runFor := func(args ...string) (int, string) {
		t.Helper()
		type result struct {
			code int
			errs string
		}
		done := make(chan result, 1)
		go func() {
			var out, errb bytes.Buffer
			code := run(args, nil, &out, &errb)
			done <- result{code, errb.String()}
		}()
		select {
		case r := <-done:
			return r.code, r.errs
		case <-time.After(20 * time.Second):
			// Unblock the run: open the other end (again and again: it
			// may wait at more than one open).
			for {
				if fd, err := syscall.Open(fifo, syscall.O_RDWR|syscall.O_NONBLOCK, 0); err == nil {
					_ = syscall.Close(fd)
				}
				select {
				case <-done:
					t.Fatalf("%v: still running after 20 s", args)
				case <-time.After(100 * time.Millisecond):
				}
			}
		}
	}
	for _, c := range []struct {
		flag, want string
		code       int
	}{
		// Read as empty, and said (it was silent): a pipe with no writer
		// reads as one whose writer wrote nothing.
		{"--config", fifo + ":1:1: warning: Read as empty: " + fifo + " is a pipe and gave no bytes: no process writes to it, or its writer wrote nothing", exitFindings},
		{"--var-file", ": notice: Read as empty: " + fifo + " is a pipe and gave no bytes", exitFindings},
		{"--baseline", "baseline: the file is empty", exitError},
		{"--output", "--output: open " + fifo + ": a named pipe that no process reads", exitError},
		{"--write-baseline", "--write-baseline: open " + fifo + ": a named pipe that no process reads", exitError},
	} {
		code, errs := runFor(c.flag, fifo, dir)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s named pipe: exit %d, want %d; stderr:\n%s", c.flag, code, c.code, errs)
		}
	}

	// A reader: the report is all there.
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		_ = f.Close()
		got <- string(b)
	}()
	for try := 0; ; try++ {
		// The reader must have opened first (else: no reader, an error).
		time.Sleep(100 * time.Millisecond)
		code, errs := runFor("--format", "json", "--output", fifo, dir)
		if code == exitFindings {
			break
		}
		if try == 50 || !strings.Contains(errs, "no process reads") {
			t.Fatalf("--output named pipe with a reader: exit %d; stderr:\n%s", code, errs)
		}
	}
	select {
	case r := <-got:
		if !strings.Contains(r, `"summary"`) {
			t.Errorf("the reader got %q, want the JSON report", r)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the reader got nothing in 20 s")
	}
}
