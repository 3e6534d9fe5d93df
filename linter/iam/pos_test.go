package iam

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestFileMapper(t *testing.T) {
	src := "ab\r\nçé→x\n\n" + strings.Repeat("é", 100) + "z"
	m := FileMapper("f.tf", []byte(src))
	tests := []struct {
		off             int
		line, col, byte int
	}{
		{0, 1, 1, 0},
		{2, 1, 3, 2}, // \r
		{4, 2, 1, 4},
		{6, 2, 2, 6},   // é after ç (2 bytes)
		{8, 2, 3, 8},   // →
		{11, 2, 4, 11}, // x
		{13, 3, 1, 13},
		{14, 4, 1, 14},
		{14 + 200, 4, 101, 214}, // z after 100 two-byte characters (crosses checkpoints)
		{-5, 1, 1, 0},           // clamped
		{10000, 4, 102, len(src)},
	}
	for _, tc := range tests {
		r := m.Range(tc.off, tc.off)
		if r.Filename != "f.tf" || r.Start.Line != tc.line || r.Start.Column != tc.col || r.Start.Byte != tc.byte {
			t.Errorf("offset %d: %s byte %d, want %d:%d byte %d", tc.off, r, r.Start.Byte, tc.line, tc.col, tc.byte)
		}
	}
	r := m.Range(4, 11)
	if r.Start.Column != 1 || r.End.Column != 4 || r.End.Line != 2 {
		t.Errorf("range = %s", r)
	}
	if r := m.Range(5, 2); r.End != r.Start {
		t.Errorf("end before start: %s", r)
	}
	// the same results as a naive count for every offset
	for off := 0; off <= len(src); off++ {
		want := naivePos(src, off, hcl.Pos{Line: 1, Column: 1})
		if got := m.Range(off, off).Start; got != want {
			t.Fatalf("offset %d: %#v, want %#v", off, got, want)
		}
	}
}

func naivePos(src string, off int, p hcl.Pos) hcl.Pos {
	for i := 0; i < off; i++ {
		c := src[i]
		if c == '\n' {
			p.Line++
			p.Column = 1
		} else if c&0xC0 != 0x80 {
			p.Column++ // a character starts here
		}
		p.Byte++
	}
	return p
}

func TestFixedMapper(t *testing.T) {
	r := hcl.Range{Filename: "m.tf", Start: hcl.Pos{Line: 3, Column: 5, Byte: 20}, End: hcl.Pos{Line: 3, Column: 9, Byte: 24}}
	m := FixedMapper(r)
	if m.Range(0, 100) != r || m.Range(-1, -7) != r {
		t.Error("FixedMapper must map everything to r")
	}
	// a parse through FixedMapper points errors at r
	_, diags := ParseJSON([]byte("{"), m)
	if !diags.HasErrors() || *diags[0].Subject != r {
		t.Errorf("diags = %v", diags)
	}
}

func TestSegmentMapper(t *testing.T) {
	// The string `{"A": "${x}",\n"B": 1}` as a heredoc starting at line 10
	// column 1 byte 100, where ${x} was interpolated to "abc" (3 bytes) from
	// source bytes at line 10 col 8.
	str := "{\"A\": \"abc\",\n\"B\": 1}"
	seg1 := []byte(`{"A": "`)
	seg3 := []byte("\",\n\"B\": 1}")
	segs := []Seg{
		{Offset: 10, Len: len(seg3), File: "h.tf", Start: hcl.Pos{Line: 10, Column: 12, Byte: 111}, Verbatim: true, Src: seg3},
		{Offset: 0, Len: 7, File: "h.tf", Start: hcl.Pos{Line: 10, Column: 1, Byte: 100}, Verbatim: true, Src: seg1},
		{Offset: 7, Len: 3, File: "h.tf", Start: hcl.Pos{Line: 10, Column: 8, Byte: 107}},
	}
	fb := hcl.Range{Filename: "fallback.tf", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 1}}
	m := SegmentMapper(segs, fb)
	tests := []struct {
		start, end int
		want       string
	}{
		{1, 4, "h.tf:10,2-5"},         // "A" verbatim
		{7, 8, "h.tf:10,8-9"},         // inside the interpolation: its start
		{6, 11, "h.tf:10,7-13"},       // "abc" string: from verbatim quote to after the closing quote
		{13, 16, "h.tf:11,1-4"},       // "B" on the next line
		{19, 20, "h.tf:11,7-8"},       // }
		{20, 21, "fallback.tf:1,1-1"}, // outside every segment
		{-1, 2, "fallback.tf:1,1-1"},
	}
	for _, tc := range tests {
		if got := m.Range(tc.start, tc.end).String(); got != tc.want {
			t.Errorf("Range(%d,%d) = %s, want %s", tc.start, tc.end, got, tc.want)
		}
	}
	// a parse through the segment mapper locates "B"
	tr, diags := ParseJSON([]byte(str), m)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if kr := tr.Field("B").KeyRange(); kr.Start.Line != 11 || kr.Start.Column != 1 || kr.Start.Byte != 114 {
		t.Errorf("B key at %s byte %d", kr, kr.Start.Byte)
	}
	if r := tr.Field("A").Range(); r.Start.Column != 7 || r.Start.Line != 10 {
		t.Errorf("A value at %s", r)
	}
	if SegmentMapper(nil, fb).Range(0, 5) != fb {
		t.Error("no segments: fallback")
	}
}

// A range that ends in a non-verbatim segment with End (an escape such as
// \" in a quoted string) ends at End; without End, one column past the
// segment's start, as before.
func TestSegmentMapperEscapeEnd(t *testing.T) {
	// `"*"` spelled \"*\" at h.tf 1:10 (bytes 9..13).
	segs := []Seg{
		{Offset: 0, Len: 1, File: "h.tf", Start: hcl.Pos{Line: 1, Column: 10, Byte: 9}, End: hcl.Pos{Line: 1, Column: 12, Byte: 11}},
		{Offset: 1, Len: 1, File: "h.tf", Start: hcl.Pos{Line: 1, Column: 12, Byte: 11}, Verbatim: true, Src: []byte("*")},
		{Offset: 2, Len: 1, File: "h.tf", Start: hcl.Pos{Line: 1, Column: 13, Byte: 12}, End: hcl.Pos{Line: 1, Column: 15, Byte: 14}},
		{Offset: 3, Len: 3, File: "h.tf", Start: hcl.Pos{Line: 1, Column: 20, Byte: 19}}, // an interpolation
	}
	m := SegmentMapper(segs, hcl.Range{Filename: "fb.tf"})
	for _, tc := range []struct {
		start, end int
		want       string
	}{
		{0, 3, "h.tf:1,10-15"}, // \"*\" whole
		{0, 1, "h.tf:1,10-12"}, // \" alone
		{1, 2, "h.tf:1,12-13"}, // *
		{3, 6, "h.tf:1,20-21"}, // no End: its start, one column
	} {
		if got := m.Range(tc.start, tc.end).String(); got != tc.want {
			t.Errorf("Range(%d,%d) = %s, want %s", tc.start, tc.end, got, tc.want)
		}
	}
}
