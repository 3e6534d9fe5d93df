package linter

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestReadFileStartParallel: a file read on every CPU (readAtParallel) has
// the bytes of a sequential read, at sizes around the parts' edges, and a
// file that grew since its stat is read on to its end.
func TestReadFileStartParallel(t *testing.T) {
	old := parallelReadMin
	parallelReadMin = 1
	defer func() { parallelReadMin = old }()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{1, 7, 1 << 20, 3<<20 + 1, 5<<20 - 3} {
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(rng.IntN(256))
		}
		// A plan starts an object and a key: readPlanInput judges a file
		// that cannot from its head alone (fileHead), so random bytes
		// follow `{"`.
		want[0] = '{'
		if size > 1 {
			want[1] = '"'
		}
		p := filepath.Join(dir, "plan.json")
		if err := os.WriteFile(p, want, 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := readPlanInput(p, nil)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("size %d: got %d bytes (err %v), want the file's %d", size, len(got), err, size)
		}
		// Grown by 10 bytes after the stat: the stat's size is read in
		// parts, then the rest.
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		more := append(append([]byte(nil), want...), "0123456789"...)
		if err := os.WriteFile(p, more, 0o600); err != nil {
			t.Fatal(err)
		}
		buf, whole, err := readFileStart(f, int64(size))
		if err != nil || whole || !bytes.Equal(buf, more[:size+1]) {
			t.Fatalf("size %d grown: whole %v, err %v, %d bytes; want the first %d of the file", size, whole, err, len(buf), size+1)
		}
		rest, _ := io.ReadAll(f)
		if !bytes.Equal(append(buf, rest...), more) {
			t.Fatalf("size %d grown: not read on from the byte after", size)
		}
		_ = f.Close()
	}
}

// shortReaderAt is a file of n bytes read through ReadAt.
type shortReaderAt struct{ data []byte }

func (r shortReaderAt) ReadAt(b []byte, off int64) (int, error) {
	if off >= int64(len(r.data)) {
		return 0, io.EOF
	}
	n := copy(b, r.data[off:])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// TestReadAtParallelShrunk: a file shorter than the buffer (it shrank since
// its stat) gives the bytes it has, up to the first part cut short.
func TestReadAtParallelShrunk(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<18) // 4 MiB
	for _, have := range []int{0, 1, 1 << 20, 2<<20 + 5, 4 << 20} {
		buf := make([]byte, 4<<20)
		n, err := readAtParallel(shortReaderAt{data[:have]}, buf, 4)
		if err != nil || n != have || !bytes.Equal(buf[:n], data[:have]) {
			t.Errorf("file of %d bytes: read %d (err %v)", have, n, err)
		}
	}
}
