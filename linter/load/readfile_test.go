package load

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadRegular: readRegular reads a regular file whole, and leaves to
// readFile (ok false) what it cannot open, what is not a regular file, an
// empty file and a file over the limit.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("resource \"a\" \"b\" {}\n"), 5000)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := write("big.tf", big)
	src, ok, err := readRegular(p, 1<<20)
	if !ok || err != nil || !bytes.Equal(src, big) {
		t.Fatalf("big.tf: ok %v err %v, %d bytes of %d", ok, err, len(src), len(big))
	}
	for name, max := range map[string]int64{p: int64(len(big)) - 1, write("empty.tf", nil): 1 << 20, dir: 1 << 20, filepath.Join(dir, "none.tf"): 1 << 20} {
		if src, ok, err := readRegular(name, max); ok || err != nil || src != nil {
			t.Errorf("%s (max %d): ok %v err %v, %d bytes; want ok false", name, max, ok, err, len(src))
		}
	}
}
