package linter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/plan"
)

// planLimit is the most a plan may hold (maxPlanSize); a variable so that
// the tests can read past it without 2 GiB of input.
var planLimit int64 = maxPlanSize

// errPlanTooLarge is returned by readBounded when the input holds more than
// its limit.
var errPlanTooLarge = errors.New("too large")

// Chunk sizes of readBounded: the first chunk holds a small plan whole (no
// copy), later ones double up to the largest, which is also the most read
// past the limit before it is noticed.
const (
	firstReadChunk = 256 << 10
	maxReadChunk   = 64 << 20
)

// readBounded reads r to its end, or fails with errPlanTooLarge as soon as
// more than limit bytes have come. Its input's size is not known (a pipe),
// so it is read into chunks that are never copied while reading, and joined
// once at the end: the memory held never exceeds the bytes read plus one
// chunk, so an input that never ends takes at most limit plus maxReadChunk
// bytes before the error. (io.ReadAll grows one buffer, copying it each
// time: the old and new buffers and the ones dropped before coexist; an
// endless stdin took 4.5 GB of memory to reach the 2 GiB limit.)
func readBounded(r io.Reader, limit int64) ([]byte, error) {
	var chunks [][]byte
	var total int64
	size := int64(firstReadChunk)
	for {
		// One byte more than the limit tells a plan of exactly limit bytes
		// from a larger one.
		left := limit + 1 - total
		if left <= 0 {
			return nil, errPlanTooLarge
		}
		n := min(size, left)
		buf := make([]byte, n)
		got, err := io.ReadFull(r, buf)
		total += int64(got)
		if got > 0 {
			chunks = append(chunks, buf[:got])
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if size < maxReadChunk {
			size *= 2
		}
	}
	if total > limit {
		return nil, errPlanTooLarge
	}
	switch len(chunks) {
	case 0:
		return []byte{}, nil
	case 1:
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	var copied int64 // since the chunks copied were last handed back
	for i, c := range chunks {
		out = append(out, c...)
		chunks[i] = nil // collectable as soon as it is copied
		if copied += int64(len(c)); total >= joinReleaseMin && (copied >= joinReleaseMin || i == len(chunks)-1) {
			// The chunks copied are handed back to the system now, not
			// after the join: it held the input twice (a 200 MB plan
			// piped in, 400 MB), and the load's allocations did not
			// reuse all of the chunks' memory (p200 piped: peak RSS
			// 1,078-1,083 MB -> 858-895 MB, CPU within the noise).
			debug.FreeOSMemory()
			copied = 0
		}
	}
	return out, nil
}

// joinReleaseMin is the size of the input (and of each batch of chunks
// copied) from which readBounded's join hands the chunks copied back to
// the system (a variable for the tests).
var joinReleaseMin int64 = 64 << 20

// tooLargeError is the error for a plan of more than limit bytes.
// why, when not empty, says where the limit comes from (planInputLimit).
func tooLargeError(limit int64, why string) error {
	return fmt.Errorf("the plan is more than the limit of %d bytes%s", limit, why)
}

// notRegularError is the error for a plan path that is not a regular file:
// it is not read (a device may never end; a named pipe can be read only
// once, and a plan file is read again to locate findings). A plan from a
// pipe is passed as "-", standard input, which is read within the limit.
func notRegularError(p string, m fs.FileMode) error {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%s is a named pipe, not a regular file; it is not read (to lint a plan from a pipe, pipe it to iamlint -)", p)
	case m&fs.ModeDevice != 0:
		return fmt.Errorf("%s is a device, not a regular file; it is not read", p)
	}
	return fmt.Errorf("%s is not a regular file; it is not read", p)
}

// readFileStart reads the first size+1 bytes of f (at its start), a file
// of size bytes when it was stat'ed: whole says that it ended before (buf
// is all of it); else it grew, and the caller reads on from f. A big file
// is read on every CPU (readAtParallel).
func readFileStart(f *os.File, size int64) (buf []byte, whole bool, err error) {
	buf = make([]byte, size+1)
	read := 0 // what is read of buf
	if workers := runtime.GOMAXPROCS(0); size >= parallelReadMin && workers > 1 {
		if read, err = readAtParallel(f, buf[:size], workers); err != nil {
			return nil, false, err
		}
		if int64(read) < size {
			return buf[:read], true, nil
		}
		// The byte past them as a sequential read reads it.
		if _, err := f.Seek(size, io.SeekStart); err != nil {
			return nil, false, err
		}
	}
	n, err := io.ReadFull(f, buf[read:])
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return buf[:read+n], true, nil
	case err != nil:
		return nil, false, err
	}
	return buf, false, nil
}

// parallelReadMin is the plan file size from which readPlanInput reads the
// file on every CPU (a variable for the tests).
var parallelReadMin int64 = 32 << 20

// readAtParallel fills buf from the start of f, a part per CPU (ReadAt at
// each part's offset): a read of a big file is the kernel copying it into
// fresh memory, page fault by page fault, and that work was on one CPU
// with the other idle (0.12 s of a 200 MB plan). It returns the bytes read
// from the start without a gap: fewer than len(buf) when the file ends
// before (it shrank since its size was taken).
func readAtParallel(f io.ReaderAt, buf []byte, parts int) (int, error) {
	parts = max(1, min(parts, len(buf)>>20))
	size := (len(buf) + parts - 1) / parts
	got := make([]int, parts)
	errs := make([]error, parts)
	par.For(parts, 1, func(k int) {
		lo, hi := min(k*size, len(buf)), min((k+1)*size, len(buf))
		n, err := f.ReadAt(buf[lo:hi], int64(lo))
		if err == io.EOF {
			err = nil
		}
		got[k], errs[k] = n, err
	})
	n := 0
	for k := range parts {
		if errs[k] != nil {
			return 0, errs[k]
		}
		n += got[k]
		if n < min((k+1)*size, len(buf)) {
			break // a part cut short: the file ends there
		}
	}
	return n, nil
}

// headChunk is how much of a plan file readPlanInput reads first (a
// variable for the tests): the first byte past the white space at its
// start is in it but for a file that starts with more white space.
var headChunk = 64 << 10

// notObjectStartError is a plan file whose first byte past the white space
// at its start (and a byte order mark) cannot start a JSON object: a NUL
// byte, '[', '"', a letter; or whose '{' is followed by a byte that cannot
// start a member or end it. src is the file's start, to hclWindow bytes
// past that byte or its end: all that notPlanDiag reads of such a text
// (the hints look at its start, Load's error is at that byte).
// The rest is not read (a gigabyte of NUL bytes was read whole, 1 GB of
// memory, for the error at byte 0).
type notObjectStartError struct{ src []byte }

func (e *notObjectStartError) Error() string { return "the plan file is not a JSON object" }

// fileHead reads the start of a plan file of size bytes and returns nil
// when its first byte past the white space is '{' and the next one '"' or
// '}' (a plan, maybe: it is read whole), else a *notObjectStartError, or a
// *notObjectError (as for standard input: plan.Head.Diag) when the white
// space runs past headChunk. The white space is read a chunk at a time and
// not held.
func fileHead(f io.ReaderAt, size int64) error {
	buf := make([]byte, min(size, int64(headChunk+hclWindow)))
	n, err := f.ReadAt(buf, 0)
	if err != nil && err != io.EOF {
		return err
	}
	buf = buf[:n]
	h := plan.HeadOf(buf)
	whole := int64(n) >= size
	if h.HasNext && (h.Off < headChunk || whole) {
		if h.Next != '{' {
			return &notObjectStartError{src: buf[:min(len(buf), h.Off+hclWindow)]}
		}
		// An object's first member starts with '"', or it ends: '{'
		// followed by NUL bytes was read whole too.
		j := spaceEnd(buf, h.Off+1)
		if j < headChunk && j < len(buf) && buf[j] != '"' && buf[j] != '}' {
			return &notObjectStartError{src: buf[:min(len(buf), j+hclWindow)]}
		}
		return nil
	}
	if whole {
		return nil // white space only, a little: Load says so
	}
	// White space past headChunk: counted on as readStdin counts it.
	h = plan.HeadOf(buf[:min(len(buf), headChunk)])
	chunk := make([]byte, 1<<20)
	for {
		n, err := f.ReadAt(chunk, int64(h.Off))
		if err != nil && err != io.EOF {
			return err
		}
		if n == 0 {
			return &notObjectError{head: h} // white space only
		}
		d := chunk[:n]
		j := spaceEnd(d, 0)
		addSpace(&h, d[:j])
		if j == n {
			continue
		}
		if d[j] == '{' {
			return nil
		}
		h.Next, h.HasNext = d[j], true
		rest := make([]byte, hclWindow)
		n, err = f.ReadAt(rest, int64(h.Off))
		if err != nil && err != io.EOF {
			return err
		}
		return &notObjectError{head: h, rest: rest[:n]}
	}
}

// spaceEnd returns the offset of the first byte of b at or after i that is
// not JSON white space (space, tab, line feed, carriage return), or len(b).
func spaceEnd(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// addSpace counts ws, white space read at h.Off, into h: its newlines, the
// start of its last line and its end (h.Off). It returns the offset in ws
// of its last newline, -1 when it has none.
func addSpace(h *plan.Head, ws []byte) int {
	last := bytes.LastIndexByte(ws, '\n')
	if last >= 0 {
		h.Newlines += bytes.Count(ws, []byte{'\n'})
		h.LineOff = h.Off + last + 1
	}
	h.Off += len(ws)
	return last
}
