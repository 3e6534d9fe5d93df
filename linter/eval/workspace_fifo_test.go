//go:build unix

package eval

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadWorkspaceNamedPipe: .terraform/environment swapped for a named
// pipe after workspaceName's Lstat is not waited on (before: os.ReadFile's
// open blocked until a writer came), and a file past the limit is not read.
func TestReadWorkspaceNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "environment")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	done := make(chan string, 1)
	go func() { done <- readWorkspace(fifo) }()
	select {
	case w := <-done:
		if w != "default" {
			t.Errorf("readWorkspace(named pipe) = %q, want default", w)
		}
	case <-time.After(10 * time.Second):
		if fd, err := syscall.Open(fifo, syscall.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			_ = syscall.Close(fd)
		}
		<-done
		t.Fatal("readWorkspace of a named pipe did not return in 10 s")
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, append([]byte("staging"), make([]byte, 300)...), 0o644); err != nil {
		t.Fatal(err)
	}
	if w := readWorkspace(big); w != "default" {
		t.Errorf("readWorkspace(300 bytes) = %q, want default", w)
	}
	ok := filepath.Join(dir, "ok")
	if err := os.WriteFile(ok, []byte("staging\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if w := readWorkspace(ok); w != "staging" {
		t.Errorf("readWorkspace = %q, want staging", w)
	}
}
