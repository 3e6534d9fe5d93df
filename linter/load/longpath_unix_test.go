//go:build unix

package load

import (
	"strings"
	"syscall"
	"testing"
)

// TestLongPathReason: a tree nested past PATH_MAX gives an error that
// says why ("file name too long") with the path cut to its ends; the
// reason came after the whole path, past the 2,000 bytes a message is cut
// at, and was never printed (red team 18).
func TestLongPathReason(t *testing.T) {
	root := t.TempDir()
	fd, err := syscall.Open(root, syscall.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 600 { // 600 x 11 bytes
		if err := syscall.Mkdirat(fd, "dddddddddd", 0o755); err != nil {
			t.Fatal(err)
		}
		next, err := syscall.Openat(fd, "dddddddddd", syscall.O_RDONLY, 0)
		_ = syscall.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
	}
	_ = syscall.Close(fd)
	res := Load(Options{Paths: []string{root}})
	found := false
	for _, d := range res.Diags {
		if d.Summary != "Cannot read directory" {
			continue
		}
		found = true
		if !strings.HasSuffix(d.Detail, "bytes): file name too long") || len(d.Detail) > 400 {
			t.Errorf("detail of %d bytes: %.100s...%s", len(d.Detail), d.Detail, d.Detail[max(0, len(d.Detail)-100):])
		}
	}
	if !found {
		t.Errorf("no Cannot read directory error: %v", res.Diags)
	}
}
