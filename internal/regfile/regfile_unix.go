//go:build unix

package regfile

import (
	"os"
	"syscall"
)

// Read reads the regular file name whole, at most max bytes (more:
// ErrTooLarge). It is opened with O_NONBLOCK, so a named pipe in its
// place is never waited on, and checked on the open descriptor: anything
// but a regular file is ErrNotRegular.
func Read(name string, max int64) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read only: nothing to flush
	return readOpen(f, max)
}
