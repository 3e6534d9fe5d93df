package main

import (
	"bytes"
	"io"
	"runtime/debug"
	"strings"
	"testing"
	"testing/iotest"
)

// endless is an input that never ends (/dev/zero, /dev/urandom), counting
// the bytes read from it.
type endless struct {
	b    byte
	read int
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.b
	}
	e.read += len(p)
	return len(p), nil
}

// TestStdinNotAPlan: standard input that cannot be a plan (NUL bytes, HCL)
// is reported at its first byte without being read to the size limit.
func TestStdinNotAPlan(t *testing.T) {
	for _, b := range []byte{0, 'r', 0xff} {
		in := &endless{b: b}
		var out, errb bytes.Buffer
		code := run([]string{"-"}, in, &out, &errb)
		if code != 2 || !strings.Contains(errb.String(), "<stdin>:1:1: error: invalid plan JSON") {
			t.Errorf("byte %#x: exit %d, stderr %q", b, code, errb.String())
		}
		if in.read > 1<<20 {
			t.Errorf("byte %#x: read %d bytes", b, in.read)
		}
	}
}

// TestPlanSnifferPassesPlans: a plan (after white space or a byte order
// mark) passes unchanged.
func TestPlanSnifferPassesPlans(t *testing.T) {
	for _, src := range []string{`{"a":1}`, " \n\t{\"a\":1}", "\xef\xbb\xbf{\"a\":1}", "\xef\xbb\xbf \n{}"} {
		got, err := io.ReadAll(&planSniffer{r: iotest.OneByteReader(strings.NewReader(src))})
		if err != nil || string(got) != src {
			t.Errorf("%q: got %q, %v", src, got, err)
		}
	}
	got, _ := io.ReadAll(&planSniffer{r: strings.NewReader("  resource \"x\" {}")})
	if string(got) != "  resource \"x\" {}" {
		t.Errorf("HCL: got %q, want all of it (less than sniffHead)", got)
	}
	// What is not a plan is passed up to sniffHead bytes, however it is
	// read (and past sniffHead of white space, up to its first byte).
	long := strings.Repeat("x", 3*sniffHead)
	for _, r := range []io.Reader{strings.NewReader(long), iotest.OneByteReader(strings.NewReader(long)), iotest.HalfReader(strings.NewReader(long))} {
		if got, err := io.ReadAll(&planSniffer{r: r}); err != nil || string(got) != long[:sniffHead] {
			t.Errorf("got %d bytes, %v; want %d", len(got), err, sniffHead)
		}
	}
	blank := strings.Repeat(" ", 2*sniffHead) + "xyz"
	if got, _ := io.ReadAll(&planSniffer{r: strings.NewReader(blank)}); string(got) != blank[:2*sniffHead+1] {
		t.Errorf("past sniffHead of white space: got %d bytes, want %d", len(got), 2*sniffHead+1)
	}
}

// TestPlanSnifferOnEOF: the size of the input is told once, when it has all
// been read, however it is read; pipedPlanRead then sets planGC's floor for
// a plan of that size.
func TestPlanSnifferOnEOF(t *testing.T) {
	in := ` {"format_version":"1.2","resource_changes":[]}`
	var got []int64
	s := &planSniffer{r: iotest.OneByteReader(strings.NewReader(in)), onEOF: func(n int64) { got = append(got, n) }}
	b, err := io.ReadAll(s)
	if err != nil || string(b) != in {
		t.Fatalf("read %q, %v", b, err)
	}
	if _, err := s.Read(make([]byte, 8)); err != io.EOF {
		t.Errorf("read after the end: %v", err)
	}
	if len(got) != 1 || got[0] != int64(len(in)) {
		t.Errorf("onEOF told %v, want [%d]", got, len(in))
	}

	tuned := gcTuned.Load()
	defer gcTuned.Store(tuned)
	defer gcFloor.Store(0)
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	gcTuned.Store(true)
	pipedPlanRead(planGCMin - 1)
	if gcFloor.Load() != 0 {
		t.Errorf("floor %d for a small piped plan", gcFloor.Load())
	}
	pipedPlanRead(planGCMin)
	if gcFloor.Load() != planGCFactor*planGCMin {
		t.Errorf("floor %d for a piped plan of %d bytes, want %d", gcFloor.Load(), planGCMin, planGCFactor*planGCMin)
	}
}
