package eval

import (
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// markEvery is how many bytes of a verbatim segment lie between two
// remembered positions: Pos scans at most this far (plus one rune), so that
// locating every element of a long line (a minified JSON file, a one-line
// policy) is linear, not quadratic in its length.
const markEvery = 256

// posMark is the source position of byte k of a segment's Src.
type posMark struct {
	k   int
	pos hcl.Pos
}

// posIndex holds the marks of one segment, built for the Src it was built
// from (a segment whose Src changed gets a new one).
type posIndex struct {
	src   []byte
	marks []posMark
}

// textIndex is the lazily built position index of a TextMap's long
// segments; safe for concurrent use.
type textIndex struct {
	mu  sync.Mutex
	seg map[int]*posIndex
}

// marks returns the position marks of segment i of t (building them once).
func (t *TextMap) marks(i int) []posMark {
	ms := t.madeSegs()
	s := &ms.segs[i]
	ix := ms.ix.Load()
	if ix == nil {
		ix = &textIndex{}
		if !ms.ix.CompareAndSwap(nil, ix) {
			ix = ms.ix.Load() // made meanwhile by another goroutine
		}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if p := ix.seg[i]; p != nil && len(p.src) == len(s.Src) && &p.src[0] == &s.Src[0] {
		return p.marks
	}
	if ix.seg == nil {
		ix.seg = map[int]*posIndex{}
	}
	p := &posIndex{src: s.Src, marks: make([]posMark, 0, len(s.Src)/markEvery+1)}
	pos, next := s.Start, 0
	for b := 0; b < len(s.Src); {
		if b >= next {
			p.marks = append(p.marks, posMark{k: b, pos: pos})
			next = b + markEvery
		}
		b += advance(&pos, s.Src[b:])
	}
	ix.seg[i] = p
	return p.marks
}

// Pos returns the source file and position of byte offset off of the string
// the map describes. ok is false when no segment covers off.
func (t *TextMap) Pos(off int) (file string, pos hcl.Pos, ok bool) {
	file, pos, _, ok = t.posSeg(off)
	return file, pos, ok
}

// posSeg is Pos, with the segment that holds off (nil when none does).
func (t *TextMap) posSeg(off int) (file string, pos hcl.Pos, seg *Segment, ok bool) {
	if t == nil {
		return "", hcl.Pos{}, nil, false
	}
	segs, from := t.Segments(), 0
	if len(segs) > searchSegs && t.madeSegs().ordered() {
		// The segment holding off by a binary search: a long escaped
		// string has a segment per escape, and a policy in it asks a
		// position per element, which scanning them made quadratic
		// (jsonencode(jsondecode("<100 KB of escaped JSON>")): 0.85 s,
		// 1 MB: minutes).
		from = sort.Search(len(segs), func(j int) bool { return segs[j].Offset+segs[j].Len > off })
	}
	for si := from; si < len(segs); si++ {
		s := &segs[si]
		if off < s.Offset || off >= s.Offset+s.Len {
			continue
		}
		if !s.Verbatim || s.Src == nil {
			return s.File, s.Start, s, true
		}
		p := s.Start
		k := off - s.Offset
		if k > len(s.Src) {
			k = len(s.Src)
		}
		i := 0
		if k > markEvery {
			m := t.marks(si)
			j := sort.Search(len(m), func(j int) bool { return m[j].k > k }) - 1
			i, p = m[j].k, m[j].pos
		}
		for i < k {
			i += advance(&p, s.Src[i:])
		}
		return s.File, p, s, true
	}
	return "", hcl.Pos{}, nil, false
}

// searchSegs is the number of segments past which Pos searches them.
const searchSegs = 16

// ordered reports whether the segments are sorted by Offset and do not
// overlap, so that the first one ending past an offset is the only one
// that can hold it (checked once).
func (m *madeSegs) ordered() bool {
	switch m.order.Load() {
	case 1:
		return true
	case 2:
		return false
	}
	ok := true
	for i := 1; i < len(m.segs) && ok; i++ {
		ok = m.segs[i-1].Offset+m.segs[i-1].Len <= m.segs[i].Offset
	}
	if ok {
		m.order.Store(1)
	} else {
		m.order.Store(2)
	}
	return ok
}

// Range returns the source range of bytes [start, end) of the string, when
// both ends are mapped into the same file.
func (t *TextMap) Range(start, end int) (hcl.Range, bool) {
	f, a, ok := t.Pos(start)
	if !ok {
		return hcl.Range{}, false
	}
	last := end - 1
	if last < start {
		last = start
	}
	g, b, seg, ok := t.posSeg(last)
	if !ok || g != f {
		return hcl.Range{Filename: f, Start: a, End: a}, true
	}
	if !seg.Verbatim && seg.End.Line != 0 {
		// The last byte is spelled by an escape (\" closing "*" in a
		// JSON string in a string): the range ends after the escape.
		return hcl.Range{Filename: f, Start: a, End: seg.End}, true
	}
	b.Byte++
	b.Column++
	return hcl.Range{Filename: f, Start: a, End: b}, true
}

// advance moves p past the first character of src (a line break starts a
// new line) and returns its length in bytes.
func advance(p *hcl.Pos, src []byte) int {
	r, n := utf8.DecodeRune(src)
	if r == '\n' {
		p.Line++
		p.Column = 1
	} else {
		p.Column++
	}
	p.Byte += n
	return n
}
