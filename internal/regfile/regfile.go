// Package regfile reads a small file that must be a regular file, without
// waiting on a named pipe swapped in for it between a stat and the read:
// opened with O_NONBLOCK (unix), checked with fstat, read no further than
// a limit. linter/load has its own fast read (readRegular, plain system
// calls) and opens with Open where it reads the general way.
package regfile

import (
	"errors"
	"io"
	"os"
)

// ErrNotRegular: what was opened is not a regular file (a named pipe, a
// device, a directory).
var ErrNotRegular = errors.New("not a regular file")

// ErrNoReader: the file to write is a named pipe that no process reads.
var ErrNoReader = errors.New("a named pipe that no process reads")

// Create opens name to write it, created or truncated, without waiting for
// a reader (OpenWrite).
func Create(name string) (*os.File, error) {
	return OpenWrite(name, os.O_CREATE|os.O_TRUNC)
}

// ErrTooLarge: the file is longer than the limit.
var ErrTooLarge = errors.New("file too large")

// Read reads the regular file name whole, at most max bytes (more:
// ErrTooLarge). It is opened with Open, never waiting on a named pipe, and
// checked on the open descriptor: anything but a regular file is
// ErrNotRegular.
func Read(name string, max int64) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read only: nothing to flush
	return readOpen(f, max)
}

// readOpen reads the open file f, checked regular, at most max bytes.
func readOpen(f *os.File, max int64) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: f.Name(), Err: ErrNotRegular}
	}
	if st.Size() > max {
		return nil, &os.PathError{Op: "read", Path: f.Name(), Err: ErrTooLarge}
	}
	src, err := io.ReadAll(io.LimitReader(f, max+1)) // it may grow while read
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > max {
		return nil, &os.PathError{Op: "read", Path: f.Name(), Err: ErrTooLarge}
	}
	return src, nil
}
