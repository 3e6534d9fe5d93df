//go:build unix

package regfile

import (
	"errors"
	"os"
	"syscall"
)

// Open opens name to read it without waiting: with O_NONBLOCK, so a named
// pipe in its place is never waited on for a writer (a path stat'ed as a
// regular file may be a pipe by the time it is opened). The caller checks
// what it opened (File.Stat); Read does.
func Open(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// OpenWrite opens name to write it (with os.O_WRONLY and flag: os.O_CREATE,
// os.O_TRUNC) without waiting: a named pipe that no process reads is the
// error ErrNoReader, not a wait for ever. (Writes to a pipe opened so
// still wait for the reader to take the bytes.)
func OpenWrite(name string, flag int) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_WRONLY|flag|syscall.O_NONBLOCK, 0o644)
	if err != nil && errors.Is(err, syscall.ENXIO) {
		return nil, &os.PathError{Op: "open", Path: name, Err: ErrNoReader}
	}
	return f, err
}
