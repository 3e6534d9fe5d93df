// Package textpos gives the columns iamlint reports: 1-based Unicode code
// points counted from the start of the line (SARIF's "unicodeCodePoints"),
// for HCL and plans alike. Each byte of invalid UTF-8 counts as one code
// point, as Go's range over a string does; a line ends at '\n' (the '\r' of
// a CRLF ending is the last code point of its line).
package textpos

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// RuneCount is utf8.RuneCount with ASCII skipped eight bytes at a time (a
// plan is often one line of hundreds of megabytes).
func RuneCount(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
			n += 8
			continue
		}
		if b[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(b[i:])
			i += size
		}
		n++
	}
	return n
}

// asciiPrefix returns how many bytes of b are ASCII before the first that
// is not.
func asciiPrefix(b []byte) int {
	const hiBits = 0x8080808080808080
	le := binary.LittleEndian
	i := 0
	for ; i+32 <= len(b); i += 32 {
		if (le.Uint64(b[i:])|le.Uint64(b[i+8:])|le.Uint64(b[i+16:])|le.Uint64(b[i+24:]))&hiBits != 0 {
			break
		}
	}
	for ; i < len(b) && b[i] < utf8.RuneSelf; i++ {
	}
	return i
}

// Column returns the column of byte offset off of src (clamped to src).
func Column(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	if start == 0 {
		start = min(bomLen(src), off)
	}
	return 1 + RuneCount(src[start:off])
}

// Convert sets the Column of each position to the column of its Byte in src.
// A position whose Byte is outside src, or does not agree with its Line, or
// with its Column (no unit counts more columns than bytes), has no usable
// byte offset: it is left as it is. Positions are visited in byte order, so
// src is read once however many positions there are (ps is reordered). It
// reports whether a column changed.
func Convert(src []byte, ps []*hcl.Pos) (changed bool) {
	if src == nil {
		return false
	}
	// Up to the first non-ASCII byte every unit counts the same: positions
	// there keep their columns (most files and plans are ASCII).
	hi := 0
	for _, p := range ps {
		hi = max(hi, p.Byte)
	}
	n := asciiPrefix(src[:min(hi, len(src))])
	k := 0
	for _, p := range ps {
		if p.Byte > n {
			ps[k] = p
			k++
		}
	}
	ps = ps[:k]
	slices.SortFunc(ps, func(a, b *hcl.Pos) int { return a.Byte - b.Byte })
	// A leading byte order mark is not a column (HCL skips it, editors hide it).
	bom := bomLen(src)
	off, line, lineStart, col := bom, 1, bom, 1 // col is the column of off
	for _, p := range ps {
		t := p.Byte
		if t < off || t > len(src) { // t < off: negative
			continue
		}
		seg := src[off:t]
		if nl := bytes.Count(seg, []byte{'\n'}); nl > 0 {
			line += nl
			// The last line break, found forwards (IndexByte is vectorized,
			// LastIndexByte reads a byte at a time).
			for i := 0; i < nl; i++ {
				j := bytes.IndexByte(src[off:t], '\n')
				off += j + 1
			}
			lineStart = off
			col = 1 + RuneCount(src[lineStart:t])
		} else if off > lineStart && off < len(src) && !utf8.RuneStart(src[off]) {
			// off is inside a character: count from the line start.
			col = 1 + RuneCount(src[lineStart:t])
		} else {
			col += RuneCount(seg)
		}
		off = t
		raw := lineStart // the byte column counts a BOM
		if line == 1 {
			raw = 0
		}
		if p.Line == line && p.Column >= 1 && p.Column <= t-raw+1 && p.Column != col {
			p.Column = col
			changed = true
		}
	}
	return changed
}

// bomLen is the length of src's leading UTF-8 byte order mark (0 or 3).
func bomLen(src []byte) int {
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		return 3
	}
	return 0
}
