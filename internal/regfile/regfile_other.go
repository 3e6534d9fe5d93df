//go:build !unix

package regfile

import "os"

// Open opens name to read it (see regfile_unix.go: there is no named pipe
// to wait for here).
func Open(name string) (*os.File, error) {
	return os.Open(name)
}

// OpenWrite opens name to write it, with os.O_WRONLY and flag (see
// regfile_unix.go).
func OpenWrite(name string, flag int) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|flag, 0o644)
}
