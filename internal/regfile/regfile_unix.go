//go:build unix

package regfile

import (
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
