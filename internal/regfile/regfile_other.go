//go:build !unix

package regfile

import "os"

// Read reads the regular file name whole, at most max bytes (more:
// ErrTooLarge); anything but a regular file is ErrNotRegular.
func Read(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read only: nothing to flush
	return readOpen(f, max)
}
