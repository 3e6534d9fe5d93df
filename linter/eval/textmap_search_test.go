package eval

import (
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
)

// escapedMap is the map of a string of n escapes as an escaped policy's
// quoted line makes it: per escape, one verbatim byte from the source and
// one decoded byte (verbatim, with a zero-length segment between them
// when zeros is set).
func escapedMap(n int, zeros bool) (*TextMap, []byte) {
	src := make([]byte, 0, 3*n)
	var segs []Segment
	off := 0
	for i := range n {
		col := len(src) + 1
		src = append(src, 'a', '\\', '"')
		segs = append(segs, Segment{Offset: off, Len: 1, Start: hcl.Pos{Line: 1, Column: col, Byte: col - 1}, File: "main.tf", Verbatim: true, Src: src[col-1 : col]})
		off++
		if zeros && i%3 == 0 {
			segs = append(segs, Segment{Offset: off, Len: 0, Start: hcl.Pos{Line: 1, Column: col + 1, Byte: col}, File: "main.tf"})
		}
		segs = append(segs, Segment{Offset: off, Len: 1, Start: hcl.Pos{Line: 1, Column: col + 1, Byte: col}, File: "main.tf"})
		off++
	}
	return NewTextMap(segs), src
}

// linearPos is Pos as a scan of every segment (what Pos did for all).
func linearPos(t *TextMap, off int) (string, hcl.Pos, bool) {
	for _, s := range t.Segments() {
		if off < s.Offset || off >= s.Offset+s.Len {
			continue
		}
		if !s.Verbatim || s.Src == nil {
			return s.File, s.Start, true
		}
		p := s.Start
		for i := 0; i < off-s.Offset; {
			i += advance(&p, s.Src[i:])
		}
		return s.File, p, true
	}
	return "", hcl.Pos{}, false
}

// TestTextMapPosSearch: Pos finds the segment of an offset by a binary
// search when the map has many (sorted, as maps are made), with the
// answers of a scan, zero-length segments and offsets past the end
// included; a map whose segments overlap is still scanned.
func TestTextMapPosSearch(t *testing.T) {
	for _, zeros := range []bool{false, true} {
		m, _ := escapedMap(500, zeros)
		for off := -1; off <= 1001; off++ {
			f1, p1, ok1 := m.Pos(off)
			f2, p2, ok2 := linearPos(m, off)
			if f1 != f2 || p1 != p2 || ok1 != ok2 {
				t.Fatalf("zeros %v, offset %d: Pos %s %v %v, scan %s %v %v", zeros, off, f1, p1, ok1, f2, p2, ok2)
			}
		}
	}
	// Overlapping segments (no map is made so; SetSegments allows it): the
	// first that holds the offset, as before.
	var segs []Segment
	for i := range 40 {
		segs = append(segs, Segment{Offset: 40 - i, Len: 10, Start: hcl.Pos{Line: i + 1, Column: 1}, File: "o.tf"})
	}
	m := NewTextMap(segs)
	for off := 0; off < 60; off++ {
		f1, p1, ok1 := m.Pos(off)
		f2, p2, ok2 := linearPos(m, off)
		if f1 != f2 || p1 != p2 || ok1 != ok2 {
			t.Fatalf("overlapping, offset %d: Pos %s %v %v, scan %s %v %v", off, f1, p1, ok1, f2, p2, ok2)
		}
	}
}

// TestTextMapPosLinear: positions of every byte of a string of 200,000
// escapes (400,000 segments). Scanning the segments for each made it
// quadratic: policy = jsonencode(jsondecode("<1 MB of escaped JSON>"))
// ran for minutes (100 KB: 0.85 s of CPU, 1 MB: 1.1 s now). Bounded by
// CPU time, which a loaded machine does not inflate much; the scan took
// minutes here.
func TestTextMapPosLinear(t *testing.T) {
	m, _ := escapedMap(200000, false)
	start := cputime.Used()
	for off := 0; off < 400000; off += 3 {
		if _, _, ok := m.Pos(off); !ok {
			t.Fatalf("offset %d not mapped", off)
		}
	}
	if el := cputime.Used() - start; el > 5*time.Second {
		t.Errorf("positions of 133,334 offsets took %v of CPU", el)
	}
}
