package iam

import (
	"math/rand"
	"slices"
	"sort"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// refLineIndex and refSegMapper are the segment mapper as it was before
// it counted one-line ASCII segments without a lineIndex and made a
// lineIndex of ASCII text without character counts: the oracle of
// TestSegmentMapperSameAsRef.
type refLineIndex struct {
	src    []byte
	base   hcl.Pos
	starts []int
	chars  []int
}

func newRefLineIndex(src []byte, base hcl.Pos) *refLineIndex {
	li := &refLineIndex{src: src, base: base, starts: []int{0}}
	n := 0
	for i, c := range src {
		if i%checkpointEvery == 0 {
			li.chars = append(li.chars, n)
		}
		if c&0xC0 != 0x80 {
			n++
		}
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	if len(src)%checkpointEvery == 0 {
		li.chars = append(li.chars, n)
	}
	return li
}

func (li *refLineIndex) charsBefore(off int) int {
	k := off / checkpointEvery
	n := li.chars[k]
	for _, c := range li.src[k*checkpointEvery : off] {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

func (li *refLineIndex) pos(off int) hcl.Pos {
	off = max(0, min(off, len(li.src)))
	l := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	col := 1
	if l == 0 {
		col = li.base.Column
	}
	col += li.charsBefore(off) - li.charsBefore(li.starts[l])
	return hcl.Pos{Line: li.base.Line + l, Column: col, Byte: li.base.Byte + off}
}

type refSegMapper struct {
	segs     []Seg
	idx      []*refLineIndex
	fallback hcl.Range
}

func newRefSegMapper(segs []Seg, fallback hcl.Range) *refSegMapper {
	s := make([]Seg, len(segs))
	copy(s, segs)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Offset < s[j].Offset })
	m := &refSegMapper{segs: s, idx: make([]*refLineIndex, len(s)), fallback: fallback}
	for i, g := range s {
		if g.Verbatim && g.Src != nil {
			m.idx[i] = newRefLineIndex(g.Src, g.Start)
		}
	}
	return m
}

func (m *refSegMapper) find(off int) int {
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].Offset > off }) - 1
	if i < 0 || off >= m.segs[i].Offset+m.segs[i].Len {
		return -1
	}
	return i
}

func (m *refSegMapper) pos(i, off int) hcl.Pos {
	if m.idx[i] == nil {
		return m.segs[i].Start
	}
	return m.idx[i].pos(off - m.segs[i].Offset)
}

func (m *refSegMapper) Range(start, end int) hcl.Range {
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
	j := m.find(end - 1)
	if j < 0 || m.segs[j].File != r.Filename {
		return r
	}
	if m.idx[j] != nil && end-m.segs[j].Offset <= len(m.segs[j].Src) {
		r.End = m.idx[j].pos(end - m.segs[j].Offset)
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

// TestSegmentMapperSameAsRef checks SegmentMapper against the mapper as it
// was (refSegMapper): random segments, verbatim or not, with or without
// their source, of ASCII or not, on one line or several, of lengths on
// both sides of a checkpoint, in any order, some with a Src shorter or
// longer than the segment; every range of offsets, out of bounds too; each
// mapper made twice: by SegmentMapper and in a SegmentMapperBuf that made
// the mappers before it.
func TestSegmentMapperSameAsRef(t *testing.T) {
	rnd := rand.New(rand.NewSource(7))
	alphabet := []string{"a", "b", "{", "\"", " ", "\n", "é", "日", "\t", "$"}
	// text is n bytes of one line of ASCII (mode 0), of ASCII lines (1),
	// of anything (2) or of one line of ASCII with its newline (3: a line
	// of a heredoc).
	text := func(n int, mode int) []byte {
		var b []byte
		for len(b) < n {
			b = append(b, alphabet[rnd.Intn([]int{5, 6, len(alphabet), 5}[mode])]...)
		}
		b = b[:n] // may cut a character: the mapper must not care
		if mode == 3 && n > 0 {
			b[n-1] = '\n'
		}
		return b
	}
	// One buffer for every mapper: what one left must not change the next.
	var buf SegmentMapperBuf
	for iter := range 600 {
		var segs []Seg
		off := 0
		files := []string{"a.tf", "b.tf"}
		for range rnd.Intn(8) {
			off += rnd.Intn(3) // gaps between segments
			n := rnd.Intn(150) + 1
			g := Seg{Offset: off, Len: n, File: files[rnd.Intn(2)],
				Start: hcl.Pos{Line: 1 + rnd.Intn(50), Column: 1 + rnd.Intn(40), Byte: rnd.Intn(5000)}}
			if rnd.Intn(4) > 0 {
				g.Verbatim = true
				srcLen := n
				switch rnd.Intn(8) {
				case 0:
					srcLen = max(0, n-rnd.Intn(5))
				case 1:
					srcLen = n + rnd.Intn(5)
				}
				if rnd.Intn(10) > 0 {
					g.Src = text(srcLen, rnd.Intn(4))
				}
			}
			segs = append(segs, g)
			off += n
		}
		rnd.Shuffle(len(segs), func(i, j int) {
			if iter%2 == 0 {
				segs[i], segs[j] = segs[j], segs[i]
			}
		})
		fb := hcl.Range{Filename: "fb.tf", Start: hcl.Pos{Line: 3, Column: 2, Byte: 9}, End: hcl.Pos{Line: 3, Column: 5, Byte: 12}}
		want := newRefSegMapper(segs, fb)
		for way, got := range []PosMapper{SegmentMapper(segs, fb), buf.MapperOf(len(segs), func(i int) Seg { return segs[i] }, fb)} {
			c := got.(compactMapper)
			for start := -2; start <= off+2; start++ {
				for end := start - 2; end <= off+2; end++ {
					if end > start+70 && end < off {
						end = off // the ranges beyond a segment's length, and to the end
					}
					w, g := want.Range(start, end), got.Range(start, end)
					if w != g {
						t.Fatalf("iter %d, way %d: Range(%d, %d) = %#v, want %#v\nsegs %#v", iter, way, start, end, g, w, segs)
					}
					if cr := c.Compact(start, end); cr != MakeRange(w) {
						t.Fatalf("iter %d, way %d: Compact(%d, %d) = %v, want %v", iter, way, start, end, cr, w)
					}
				}
			}
		}
	}
}

// TestAppendLineStartsASCII checks the one-pass scan of a segment's source
// against appendLineStarts and scanText, around the word it reads at a time.
func TestAppendLineStartsASCII(t *testing.T) {
	for _, src := range []string{"", "a", "\n", "abcdefg", "abcdefgh", "abcdefgh\n", "\n\n\nabcdefghijklmnop\nq",
		"abcdefgé", "é", "abcdefghijklmnoé", "日本\n語", "{\n  \"a\": 1\n}\n"} {
		got, ascii := appendLineStartsASCII([]int{7}, []byte(src))
		want := appendLineStarts([]int{7}, []byte(src))
		_, wantASCII := scanText([]byte(src))
		if !slices.Equal(got, want) || ascii != wantASCII {
			t.Errorf("%q: %v, %v; want %v, %v", src, got, ascii, want, wantASCII)
		}
	}
}
