//go:build !unix

package regfile

import "os"

// Open opens name to read it (see regfile_unix.go: there is no named pipe
// to wait for here).
func Open(name string) (*os.File, error) {
	return os.Open(name)
}
