package iam

import (
	"bytes"
	"encoding/binary"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// PosMapper maps byte offsets in a JSON text to source ranges. end is
// exclusive. Implementations must be safe for concurrent use and must not
// panic on any offsets (out-of-range offsets are clamped).
type PosMapper interface {
	Range(start, end int) hcl.Range
}

// compactMapper is a PosMapper that also maps to compact Ranges directly
// (without looking its file name up in the file table for each range).
type compactMapper interface {
	PosMapper
	// Compact returns MakeRange(Range(start, end)).
	Compact(start, end int) Range
}

// anyMapper makes a compactMapper of any PosMapper.
type anyMapper struct{ PosMapper }

func (m anyMapper) Compact(start, end int) Range { return MakeRange(m.Range(start, end)) }

func toCompact(m PosMapper) compactMapper {
	if c, ok := m.(compactMapper); ok {
		return c
	}
	return anyMapper{m}
}

// checkpointEvery is the distance in bytes between two precomputed character
// counts of a lineIndex.
const checkpointEvery = 64

// lineIndex maps byte offsets of src to positions, with src[0] at base.
// Columns count characters (UTF-8 sequences: every byte that is not a
// continuation byte), the way hcl counts them for plain text.
type lineIndex struct {
	src    []byte
	base   hcl.Pos
	starts []int // byte offset of the start of each line; starts[0] == 0
	// chars[k] = characters in src[:k*checkpointEvery]; nil when src is
	// ASCII (a character a byte: charsBefore(off) is off).
	chars []int
}

func newLineIndex(src []byte, base hcl.Pos) *lineIndex {
	// One pass to count the lines and see whether src is ASCII, so that
	// starts is made at its size and an ASCII src (most) has no chars.
	lines, ascii := scanText(src)
	li := &lineIndex{}
	li.init(src, base, appendLineStarts(make([]int, 0, lines+1), src), ascii)
	return li
}

// appendLineStarts appends to starts the offsets in src of the start of
// each of its lines (0 first).
func appendLineStarts(starts []int, src []byte) []int {
	starts = append(starts, 0)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// appendLineStartsASCII is appendLineStarts, and whether src is all
// ASCII (scanText's), in a pass that reads a word at a time.
func appendLineStartsASCII(starts []int, src []byte) ([]int, bool) {
	starts = append(starts, 0)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	var high uint64
	b := src
	for len(b) >= 8 {
		high |= binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	for _, c := range b {
		high |= uint64(c)
	}
	return starts, high&0x8080808080808080 == 0
}

// init sets li to the index of src at base, whose lines start at starts
// (appendLineStarts); ascii says whether src is all ASCII (scanText).
func (li *lineIndex) init(src []byte, base hcl.Pos, starts []int, ascii bool) {
	*li = lineIndex{src: src, base: base, starts: starts}
	if ascii {
		return
	}
	li.chars = make([]int, 0, len(src)/checkpointEvery+1)
	n := 0
	for i, c := range src {
		if i%checkpointEvery == 0 {
			li.chars = append(li.chars, n)
		}
		if c&0xC0 != 0x80 {
			n++
		}
	}
	if len(src)%checkpointEvery == 0 {
		li.chars = append(li.chars, n)
	}
}

// scanText returns the number of newlines in src and whether it is all
// ASCII.
func scanText(src []byte) (lines int, ascii bool) {
	var high byte
	for _, c := range src {
		high |= c
		if c == '\n' {
			lines++
		}
	}
	return lines, high < 0x80
}

// charsBefore returns the number of characters in src[:off].
func (li *lineIndex) charsBefore(off int) int {
	if li.chars == nil {
		return off
	}
	k := off / checkpointEvery
	n := li.chars[k]
	for _, c := range li.src[k*checkpointEvery : off] {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func (li *lineIndex) pos(off int) hcl.Pos {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	// the last line starting at or before off
	l := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	col := 1
	if l == 0 {
		col = li.base.Column
	}
	col += li.charsBefore(off) - li.charsBefore(li.starts[l])
	return hcl.Pos{Line: li.base.Line + l, Column: col, Byte: li.base.Byte + off}
}

type fileMapper struct {
	name string
	id   uint32 // FileID(name)
	li   *lineIndex
}

// FileMapper maps offsets of src, the whole content of file filename, to
// 1-based lines and columns (columns count characters, not bytes). Line starts
// and character counts are precomputed, so each lookup is a binary search plus
// at most 64 bytes of counting.
func FileMapper(filename string, src []byte) PosMapper {
	return &fileMapper{name: filename, id: FileID(filename), li: newLineIndex(src, hcl.Pos{Line: 1, Column: 1})}
}

func (m *fileMapper) Range(start, end int) hcl.Range {
	if end < start {
		end = start
	}
	return hcl.Range{Filename: m.name, Start: m.li.pos(start), End: m.li.pos(end)}
}

func (m *fileMapper) Compact(start, end int) Range {
	return makeRange(m.id, m.Range(start, end))
}

type fixedMapper struct {
	r hcl.Range
	c Range // MakeRange(r)
}

// FixedMapper returns a mapper that maps every offset to r: for computed
// strings whose bytes cannot be traced to the source.
func FixedMapper(r hcl.Range) PosMapper { return &fixedMapper{r: r, c: MakeRange(r)} }

func (m *fixedMapper) Range(int, int) hcl.Range { return m.r }

func (m *fixedMapper) Compact(int, int) Range { return m.c }

// Seg is a run of bytes of a string that was copied from source text (it
// mirrors eval.Segment, which package iam cannot import).
type Seg struct {
	Offset int     // byte offset in the string
	Len    int     // bytes
	File   string  // source file name
	Start  hcl.Pos // position of the first byte in the source file
	// Verbatim is true when each byte maps 1:1 to the source bytes in Src
	// (Src[0] is at Start); otherwise all bytes of the segment map to Start.
	Verbatim bool
	Src      []byte
	// End, when its Line is set, is the source position after a
	// non-verbatim segment spelled by an escape (eval.Segment.End): a
	// range ending in the segment ends there.
	End hcl.Pos
}

type segMapper struct {
	segs     []mappedSeg
	fallback hcl.Range
}

// mappedSeg is a Seg with how its offsets are mapped.
type mappedSeg struct {
	Seg
	// counted is set for a verbatim segment with its Src (its offsets
	// counted from Start); li is its lineIndex, nil when Src is one line
	// of ASCII (an offset off is then off columns and bytes after Start,
	// as the lineIndex would find: most segments of a heredoc are one
	// line each).
	counted bool
	ascii   bool // Src is all ASCII (read while li is made)
	// nlEnd is set for a segment of one line of ASCII with its newline
	// (Src ends in its only '\n'; li is nil): the offset after the
	// newline is column 1 of the next line, as the lineIndex would find.
	// An indented heredoc is such lines.
	nlEnd bool
	li    *lineIndex
}

// pendingIndex marks the segments whose lineIndex SegmentMapperOf is
// about to make.
var pendingIndex lineIndex

// SegmentMapper maps offsets of a string made of segments (a heredoc or a
// template with interpolations) to source positions. Offsets inside a
// verbatim segment are counted through its Src from its Start; offsets inside
// other segments map to their Start; offsets outside every segment map to
// fallback. A range whose ends fall in different files maps to its start.
func SegmentMapper(segs []Seg, fallback hcl.Range) PosMapper {
	return SegmentMapperOf(len(segs), func(i int) Seg { return segs[i] }, fallback)
}

// SegmentMapperOf is SegmentMapper of the n segments seg(0), ...,
// seg(n-1), which it asks for once each, in order: the caller need not
// make a slice of them.
func SegmentMapperOf(n int, seg func(i int) Seg, fallback hcl.Range) PosMapper {
	m := &segMapper{}
	m.build(make([]mappedSeg, n), seg, fallback, nil)
	return m
}

// SegmentMapperBuf holds the memory of a SegmentMapper, reused from one
// mapper it makes to the next. Its zero value is ready; it is not safe for
// concurrent use.
type SegmentMapperBuf struct {
	m      segMapper
	lis    []lineIndex
	starts []int
}

// MapperOf is SegmentMapperOf(n, seg, fallback) in b's memory: the mapper
// is good until b's next MapperOf or Clear, for a caller that keeps
// nothing that holds it then (FromJSONString keeps nothing of its mapper;
// the tree of ParseJSONString does). A policy text parsed once, its
// mapper made for that alone, is thus not garbage each time.
func (b *SegmentMapperBuf) MapperOf(n int, seg func(i int) Seg, fallback hcl.Range) PosMapper {
	b.Clear()
	s := b.m.segs[:0]
	if cap(s) < n {
		s = make([]mappedSeg, n)
	}
	b.m.build(s[:n], seg, fallback, b)
	return &b.m
}

// Clear drops what b's last mapper points to (the source bytes of its
// segments), keeping b's memory.
func (b *SegmentMapperBuf) Clear() {
	clear(b.m.segs)
	clear(b.lis)
	b.m = segMapper{segs: b.m.segs[:0]}
}

// build sets m to the mapper of the segments seg(0), ..., seg(len(s)-1),
// held in s, their line indexes made in buf's memory when buf is not nil.
func (m *segMapper) build(s []mappedSeg, seg func(i int) Seg, fallback hcl.Range, buf *SegmentMapperBuf) {
	sorted := true
	for i := range s {
		s[i].Seg = seg(i)
		if i > 0 && s[i].Offset < s[i-1].Offset {
			sorted = false
		}
	}
	if !sorted {
		sort.SliceStable(s, func(i, j int) bool { return s[i].Offset < s[j].Offset })
	}
	// One pass over the source of each verbatim segment finds its line
	// starts, in one buffer for all of them, and whether it is ASCII; the
	// line indexes of the segments that need one (those of more than a
	// line, or not ASCII) are then made in one allocation for all of them,
	// not one each. A line of ASCII, with its newline or not (most
	// segments of a heredoc with interpolations), needs none.
	var starts []int
	if buf != nil {
		starts = buf.starts[:0]
	}
	need := 0
	for i := range s {
		g := &s[i]
		if !g.Verbatim || g.Src == nil {
			continue
		}
		g.counted = true
		from := len(starts)
		var ascii bool
		starts, ascii = appendLineStartsASCII(starts, g.Src)
		switch lines := len(starts) - from - 1; {
		case ascii && lines == 0:
			starts = starts[:from]
		case ascii && lines == 1 && g.Src[len(g.Src)-1] == '\n':
			g.nlEnd = true
			starts = starts[:from]
		default:
			need++
			g.li = &pendingIndex
			g.ascii = ascii
		}
	}
	if buf != nil {
		buf.starts = starts
	}
	if need > 0 {
		var lis []lineIndex
		if buf != nil && cap(buf.lis) >= need {
			lis = buf.lis[:need]
		} else {
			lis = make([]lineIndex, need)
			if buf != nil {
				buf.lis = lis
			}
		}
		// The starts of each segment are the next run of starts, from
		// its 0 to the next 0 (a segment's other starts are not 0).
		k, at := 0, 0
		for i := range s {
			if g := &s[i]; g.li == &pendingIndex {
				end := at + 1
				for end < len(starts) && starts[end] != 0 {
					end++
				}
				g.li = &lis[k]
				k++
				g.li.init(g.Src, g.Start, starts[at:end:end], g.ascii)
				at = end
			}
		}
	}
	*m = segMapper{segs: s, fallback: fallback}
}

// find returns the segment covering off, or -1.
func (m *segMapper) find(off int) int {
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].Offset > off }) - 1
	if i < 0 || off >= m.segs[i].Offset+m.segs[i].Len {
		return -1
	}
	return i
}

func (m *segMapper) pos(i, off int) hcl.Pos {
	g := &m.segs[i]
	if !g.counted {
		return g.Start
	}
	off -= g.Offset
	if g.li != nil {
		return g.li.pos(off)
	}
	// lineIndex.pos on one line of ASCII (with its newline: nlEnd).
	off = max(0, min(off, len(g.Src)))
	if g.nlEnd && off == len(g.Src) {
		return hcl.Pos{Line: g.Start.Line + 1, Column: 1, Byte: g.Start.Byte + off}
	}
	return hcl.Pos{Line: g.Start.Line, Column: g.Start.Column + off, Byte: g.Start.Byte + off}
}

func (m *segMapper) Compact(start, end int) Range { return MakeRange(m.Range(start, end)) }

func (m *segMapper) Range(start, end int) hcl.Range {
	if end < start {
		end = start
	}
	i := m.find(start)
	if i < 0 {
		return m.fallback
	}
	a := m.pos(i, start)
	r := hcl.Range{Filename: m.segs[i].File, Start: a, End: a}
	if end == start {
		return r
	}
	// map the last byte, then step past it
	j := m.find(end - 1)
	if j < 0 || m.segs[j].File != r.Filename {
		return r
	}
	if m.segs[j].counted && end-m.segs[j].Offset <= len(m.segs[j].Src) {
		r.End = m.pos(j, end)
	} else if g := &m.segs[j]; !g.counted && g.End.Line > 0 {
		r.End = g.End // after the escape (\" closing "*"), not one column into it
	} else {
		b := m.pos(j, end-1)
		b.Byte++
		b.Column++
		r.End = b
	}
	if r.End.Byte < r.Start.Byte {
		r.End = r.Start
	}
	return r
}
