package linter

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"runtime"
	"strings"
	"testing"
)

// endless is a plan on standard input that never ends: '{' and then spaces
// (the stdin sniffer lets it through: it may be a plan).
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	if e.n == 0 && len(p) > 0 {
		p[0] = '{'
	}
	e.n += int64(len(p))
	return len(p), nil
}

// TestReadPlanEndlessStdin: an endless plan on stdin is "more than the
// limit" after reading just past the limit, and the memory allocated on the
// way is about the limit (io.ReadAll's doubling buffer allocated five times
// the limit, and the process peaked at 4.5 GB for the 2 GiB limit).
func TestReadPlanEndlessStdin(t *testing.T) {
	const limit = 16 << 20
	defer func(l int64) { planLimit = l }(planLimit)
	planLimit = limit
	in := &endless{}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	src, err := readPlanInput("-", in)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "more than the limit of 16777216 bytes") || src != nil {
		t.Fatalf("err = %v (%d bytes)", err, len(src))
	}
	if in.n > limit+maxReadChunk {
		t.Errorf("read %d bytes of an endless input, limit %d", in.n, limit)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > limit+limit/4 {
		t.Errorf("allocated %d bytes reading to a limit of %d", got, limit)
	}
}

// TestReadBounded: what comes in is what comes out, whatever its size
// relative to the chunks and the limit (exactly the limit is allowed).
func TestReadBounded(t *testing.T) {
	const limit = 3<<20 + 17
	rnd := rand.New(rand.NewSource(1))
	data := make([]byte, limit+1)
	rnd.Read(data)
	for _, n := range []int{0, 1, firstReadChunk - 1, firstReadChunk, firstReadChunk + 1,
		3 * firstReadChunk, 1 << 20, 2<<20 + 5, limit - 1, limit, limit + 1} {
		// A reader returning small pieces as a pipe does.
		r := io.LimitReader(&trickle{bytes.NewReader(data[:n]), rnd}, int64(n))
		got, err := readBounded(r, limit)
		if n > limit {
			if !errors.Is(err, errPlanTooLarge) {
				t.Errorf("%d bytes: err = %v, want too large", n, err)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, data[:n]) || got == nil {
			t.Errorf("%d bytes: got %d bytes (equal %v), err %v", n, len(got), bytes.Equal(got, data[:n]), err)
		}
	}
	boom := errors.New("boom")
	if _, err := readBounded(io.MultiReader(strings.NewReader("{"), &failing{boom}), limit); !errors.Is(err, boom) {
		t.Errorf("read error: err = %v", err)
	}
}

type trickle struct {
	r   io.Reader
	rnd *rand.Rand
}

func (t *trickle) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1+t.rnd.Intn(min(len(p), 100000))]
	}
	return t.r.Read(p)
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }

// TestReadBoundedJoinReleases: the chunks of a big input read from a pipe
// are handed back to the system as they are joined: here 160 MB leave the
// heap holding less than 1.25 times the input (before, the chunks and the
// joined copy: twice).
func TestReadBoundedJoinReleases(t *testing.T) {
	const n = 160 << 20
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	src, err := readBounded(io.LimitReader(byteReader(' '), n), n)
	runtime.ReadMemStats(&after)
	if err != nil || len(src) != n {
		t.Fatalf("%d bytes, %v", len(src), err)
	}
	held := int64(after.HeapSys-after.HeapReleased) - int64(before.HeapSys-before.HeapReleased)
	if held > n+n/4 {
		t.Errorf("reading %d bytes left %d bytes held", n, held)
	}
	runtime.KeepAlive(src)
}
