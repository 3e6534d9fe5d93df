//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadFoundNamedPipe: a discovered .iamlint.hcl swapped for a named
// pipe after Find's stat is an error, not a wait (before: Load's os.Open
// blocked until a writer came); one past MaxSize is "too large".
func TestLoadFoundNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, FileName)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	done := make(chan string, 1)
	go func() {
		cfg, diags := LoadFound(fifo)
		if cfg != nil || len(diags) != 1 {
			done <- "unexpected result"
			return
		}
		done <- diags[0].Summary + ": " + diags[0].Detail
	}()
	select {
	case got := <-done:
		if !strings.HasPrefix(got, "Cannot read configuration file:") || !strings.Contains(got, "not a regular file") {
			t.Errorf("LoadFound(named pipe) = %q, want Cannot read configuration file: ... not a regular file", got)
		}
	case <-time.After(10 * time.Second):
		if fd, err := syscall.Open(fifo, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = syscall.Close(fd)
		}
		<-done
		t.Fatal("LoadFound of a named pipe did not return in 10 s")
	}

	big := filepath.Join(dir, "big.hcl")
	if err := os.WriteFile(big, make([]byte, MaxSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, diags := LoadFound(big); len(diags) != 1 || diags[0].Summary != "Configuration file too large" {
		t.Errorf("LoadFound(MaxSize+1 bytes) = %v, want Configuration file too large", diags)
	}
	ok := filepath.Join(dir, "ok.hcl")
	if err := os.WriteFile(ok, []byte("min_severity = \"high\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg, diags := LoadFound(ok); cfg == nil || diags.HasErrors() {
		t.Errorf("LoadFound(ok) = %v, %v", cfg, diags)
	}
}
