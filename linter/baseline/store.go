package baseline

import (
	"encoding/binary"
	"strings"
)

// store holds a baseline's entries compactly: each a record of its five
// strings (fingerprint, rule, resource, file, message), every one a varint
// length and its bytes, in chunks of about chunkSize bytes. An Entry of five
// strings took 80 bytes besides its text (a million minimal entries of 100
// MB: 1.5 GB at the peak of reading); a record takes 5 bytes.
type store struct {
	chunks []string // full chunks, records whole
	cur    []byte   // the chunk being filled
	n      int      // records
}

const chunkSize = 1 << 20

// add appends e's record.
func (s *store) add(e Entry) {
	s.addFields(&[5][]byte{[]byte(e.Fingerprint), []byte(e.Rule), []byte(e.Resource), []byte(e.File), []byte(e.Message)}, &[5]bool{})
}

// addFields appends the record of the five fields of an entry, in Entry's
// order; those marked in esc are JSON string contents, stored unquoted.
func (s *store) addFields(fields *[5][]byte, esc *[5]bool) {
	var lens [5]int
	size := 0
	for i, f := range fields {
		lens[i] = len(f)
		if esc[i] {
			lens[i] = unquotedLen(f)
		}
		size += binary.MaxVarintLen64 + lens[i]
	}
	if len(s.cur)+size > cap(s.cur) {
		s.flush()
		if cap(s.cur) < chunkSize {
			s.cur = make([]byte, 0, chunkSize)
		}
	}
	if size > cap(s.cur) {
		// A record larger than a chunk: a chunk of its own, written
		// where it is kept.
		var rec strings.Builder
		rec.Grow(size)
		var n [binary.MaxVarintLen64]byte
		for i, f := range fields {
			rec.Write(binary.AppendUvarint(n[:0], uint64(lens[i])))
			if esc[i] {
				unquote(f, func(b []byte) { rec.Write(b) })
				continue
			}
			rec.Write(f)
		}
		s.chunks = append(s.chunks, rec.String())
		s.n++
		return
	}
	for i, f := range fields {
		s.cur = binary.AppendUvarint(s.cur, uint64(lens[i]))
		if esc[i] {
			s.cur = appendUnquoted(s.cur, f)
			continue
		}
		s.cur = append(s.cur, f...)
	}
	s.n++
}

// flush moves the records of cur to a chunk of their own; cur is reused.
func (s *store) flush() {
	if len(s.cur) > 0 {
		s.chunks = append(s.chunks, string(s.cur))
		s.cur = s.cur[:0]
	}
}

// done flushes the store and lets go of its buffer: it is read from then on.
func (s *store) done() {
	s.flush()
	s.cur = nil
}

// each calls fn with the first n entries in order. Their strings share
// the store's chunks. The store must be done.
func (s *store) each(n int, fn func(i int, e Entry)) {
	c := cursor{chunks: s.chunks}
	for i := range n {
		e, ok := c.next()
		if !ok {
			return
		}
		fn(i, e)
	}
}

// cursor reads a done store's entries in order.
type cursor struct {
	chunks []string
	rest   string // of the chunk being read
}

// next returns the next entry, or false after the last one.
func (c *cursor) next() (Entry, bool) {
	for c.rest == "" {
		if len(c.chunks) == 0 {
			return Entry{}, false
		}
		c.rest, c.chunks = c.chunks[0], c.chunks[1:]
	}
	var e Entry
	e.Fingerprint, c.rest = field(c.rest)
	e.Rule, c.rest = field(c.rest)
	e.Resource, c.rest = field(c.rest)
	e.File, c.rest = field(c.rest)
	e.Message, c.rest = field(c.rest)
	return e, true
}

// field returns the string at the start of c and what follows it.
func field(c string) (string, string) {
	n, k := uvarint(c)
	return c[k : k+int(n)], c[k+int(n):]
}

// uvarint decodes a length that add wrote at the start of c, and returns
// it with the bytes it takes.
func uvarint(c string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(c); i++ {
		b := c[i]
		if b < 0x80 {
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	panic("baseline: a record is cut short")
}
