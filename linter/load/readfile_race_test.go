//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// returnsWithin runs f, failing the test when it has not returned after 10 s; then
// unblock is called so that f can return (a blocked open of a named pipe
// waits for a writer) and the test binary does not keep it.
func returnsWithin(t *testing.T, what string, f func(), unblock func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		unblock()
		<-done
		t.Fatalf("%s did not return in 10 s", what)
	}
}

// unblockFIFO opens the named pipe p for writing, without blocking if no
// reader waits, and closes it: a reader blocked in its open returns.
func unblockFIFO(p string) func() {
	return func() {
		if fd, err := syscall.Open(p, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = syscall.Close(fd)
		}
	}
}

// TestReadNamedPipeNoWait: a tree file that became a named pipe after its
// directory was listed (readRegular: the listing said regular) or after it
// was stat'ed (readFile: readStated) is not waited for, and a file that
// grows past the limit while it is read is not read on. Before, the open
// blocked until a writer came: a scan of a 1,000-file estate whose files
// a script swapped for named pipes and back (rename, 0.5 ms) hung in 4 of
// 7 runs (killed at 40 s; the stack: readRegular's open, from calls and
// parseDir); a path swapped for a link to /dev/zero after readFile's stat
// was read by os.ReadFile until memory ran out.
func TestReadNamedPipeNoWait(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "main.tf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	returnsWithin(t, "readRegular of a named pipe", func() {
		if src, ok, err := readRegular(fifo, 1<<20); ok || err != nil || src != nil {
			t.Errorf("readRegular: ok %v err %v, %d bytes; want ok false", ok, err, len(src))
		}
	}, unblockFIFO(fifo))

	l := newLoader(Options{MaxFileSize: 1 << 10})
	at := &hcl.Range{Filename: fifo}
	tooLarge := func(string) *hcl.Diagnostic { return &hcl.Diagnostic{Summary: "File too large"} }
	returnsWithin(t, "readStated of a named pipe", func() {
		src, d := l.readStated(fifo, 100, at, tooLarge)
		if src != nil || d == nil || !strings.Contains(d.Detail, "changed while it was read: it is now a named pipe") {
			t.Errorf("readStated: %d bytes, %v; want 'changed while it was read: it is now a named pipe'", len(src), d)
		}
	}, unblockFIFO(fifo))

	// A file stat'ed as 10 bytes that now holds more than the limit.
	big := filepath.Join(dir, "big.tf")
	if err := os.WriteFile(big, make([]byte, 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, d := l.readStated(big, 10, at, tooLarge); src != nil || d == nil || d.Summary != "File too large" {
		t.Errorf("readStated of a file grown past the limit: %d bytes, %v; want File too large", len(src), d)
	}
	// What the stat said of a regular file is read whole, an empty one too.
	small := filepath.Join(dir, "small.tf")
	if err := os.WriteFile(small, []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if src, d := l.readStated(small, 0, at, tooLarge); d != nil || string(src) != "locals {}\n" {
		t.Errorf("readStated of small.tf: %q, %v", src, d)
	}
	empty := filepath.Join(dir, "empty.tf")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if src, d := l.readStated(empty, 0, at, tooLarge); d != nil || src == nil || len(src) != 0 {
		t.Errorf("readStated of empty.tf: %q (nil %v), %v", src, src == nil, d)
	}
	// The whole run: the pipe in the tree is an error, not waited for.
	returnsWithin(t, "Load of a directory with a named pipe", func() {
		res := Load(Options{Paths: []string{dir}})
		var found bool
		for _, d := range res.Diags {
			found = found || (d.Subject != nil && d.Subject.Filename == fifo && d.Summary == "Not a regular file")
		}
		if !found {
			t.Errorf("Load: no 'Not a regular file' error at %s: %v", fifo, res.Diags)
		}
	}, unblockFIFO(fifo))
}
