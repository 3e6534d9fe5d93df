//go:build unix

package regfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(fifo, 10); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("Read(named pipe): %v, want ErrNotRegular", err)
		}
	case <-time.After(10 * time.Second):
		if fd, err := syscall.Open(fifo, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = syscall.Close(fd)
		}
		if err := <-done; err != nil {
			t.Log("after the unblock:", err)
		}
		t.Fatal("Read of a named pipe did not return in 10 s")
	}
	f := filepath.Join(dir, "f")
	if err := os.WriteFile(f, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(f, 10); err != nil || string(b) != "0123456789" {
		t.Errorf("Read(10 bytes, max 10) = %q, %v", b, err)
	}
	if _, err := Read(f, 9); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Read(10 bytes, max 9): %v, want ErrTooLarge", err)
	}
	if _, err := Read(dir, 10); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Read(directory): %v, want ErrNotRegular", err)
	}
	if _, err := Read(filepath.Join(dir, "none"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read(missing): %v, want ErrNotExist", err)
	}
}
