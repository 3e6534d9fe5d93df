package eval

import (
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// Pos returns the source file and position of byte offset off of the string
// the map describes. ok is false when no segment covers off.
func (t *TextMap) Pos(off int) (file string, pos hcl.Pos, ok bool) {
	if t == nil {
		return "", hcl.Pos{}, false
	}
	for _, s := range t.Segments {
		if off < s.Offset || off >= s.Offset+s.Len {
			continue
		}
		if !s.Verbatim || s.Src == nil {
			return s.File, s.Start, true
		}
		p := s.Start
		k := off - s.Offset
		if k > len(s.Src) {
			k = len(s.Src)
		}
		for i := 0; i < k; {
			r, n := utf8.DecodeRune(s.Src[i:])
			if r == '\n' {
				p.Line++
				p.Column = 1
			} else {
				p.Column++
			}
			p.Byte += n
			i += n
		}
		return s.File, p, true
	}
	return "", hcl.Pos{}, false
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
	g, b, ok := t.Pos(last)
	if !ok || g != f {
		return hcl.Range{Filename: f, Start: a, End: a}, true
	}
	b.Byte++
	b.Column++
	return hcl.Range{Filename: f, Start: a, End: b}, true
}
