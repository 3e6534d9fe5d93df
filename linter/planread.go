package linter

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	for i, c := range chunks {
		out = append(out, c...)
		chunks[i] = nil // collectable as soon as it is copied
	}
	return out, nil
}

// tooLargeError is the error for a plan of more than limit bytes.
func tooLargeError(limit int64) error {
	return fmt.Errorf("the plan is more than the limit of %d bytes", limit)
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
