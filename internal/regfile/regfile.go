// Package regfile reads a small file that must be a regular file, without
// waiting on a named pipe swapped in for it between a stat and the read:
// opened with O_NONBLOCK (unix), checked with fstat, read no further than
// a limit. linter/load has its own (readRegular); this one is for the
// packages load imports or that do not import it (linter/eval, linter/config).
package regfile

import (
	"errors"
	"io"
	"os"
)

// ErrNotRegular: what was opened is not a regular file (a named pipe, a
// device, a directory).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge: the file is longer than the limit.
var ErrTooLarge = errors.New("file too large")

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
