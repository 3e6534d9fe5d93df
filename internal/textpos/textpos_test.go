package textpos

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestRuneCountIsRange(t *testing.T) {
	for _, s := range []string{"", "abc", "é", "e\u0301", "👍", "\xff", "a\xc3", "\xc3\xa9\xa9", "\xe2\x82",
		strings.Repeat("abcdefgh", 5) + "é" + strings.Repeat("x", 17) + "\xf0\x9f", "日本語 text\r\n"} {
		n := 0
		for range s {
			n++
		}
		if got := RuneCount([]byte(s)); got != n {
			t.Errorf("RuneCount(%q) = %d, range counts %d", s, got, n)
		}
	}
}

func TestConvert(t *testing.T) {
	// Line 2 holds a combining character (two code points, one grapheme),
	// an emoji (4 bytes) and an invalid byte before the "*"; lines end in
	// CRLF.
	src := []byte("ab\r\n  \"e\u0301👍\xff\" = \"*\"\r\nxé*\n")
	star := strings.Index(string(src), `"*"`)
	x := strings.LastIndex(string(src), "*")
	ps := []hcl.Pos{
		{Line: 1, Column: 3, Byte: 2},            // the \r of line 1: third code point
		{Line: 2, Column: 1, Byte: 4},            // line start after CRLF
		{Line: 2, Column: 13, Byte: star},        // graphemes (or anything): code points
		{Line: 2, Column: 19, Byte: star + 3},    // bytes: code points
		{Line: 3, Column: 3, Byte: x},            // after "xé"
		{Line: 2, Column: 5, Byte: 0},            // no byte offset (line disagrees): kept
		{Line: 1, Column: 7, Byte: 0},            // no byte offset (column past it): kept
		{Line: 3, Column: 13, Byte: star},        // after non-ASCII, line disagrees: kept
		{Line: 2, Column: 22, Byte: star},        // column past the byte column (20): kept
		{Line: 3, Column: 2, Byte: len(src) + 1}, // outside the source: kept
		{Line: 2, Column: 9, Byte: star - 5},     // the \xff: after e, U+0301, 👍
		{Line: 2, Column: 8, Byte: star - 8},     // inside the emoji: its first byte counts one
	}
	want := []int{3, 1, 12, 15, 3, 5, 7, 13, 22, 2, 7, 7}
	ptrs := make([]*hcl.Pos, len(ps))
	for i := range ps {
		ptrs[i] = &ps[i]
	}
	if !Convert(src, ptrs) {
		t.Error("Convert says no column changed")
	}
	for i, p := range ps {
		if p.Column != want[i] {
			t.Errorf("position %d (byte %d): column %d, want %d", i, p.Byte, p.Column, want[i])
		}
		if c := Column(src, p.Byte); p.Column != c && i < 5 {
			t.Errorf("position %d: Column gives %d, Convert %d", i, c, p.Column)
		}
	}
	// Converting again changes nothing; without a source nothing changes.
	for i := range ps {
		ptrs[i] = &ps[i]
	}
	if Convert(src, ptrs) {
		t.Error("second pass: a column changed")
	}
	for i, p := range ps {
		if p.Column != want[i] {
			t.Errorf("second pass: position %d: column %d, want %d", i, p.Column, want[i])
		}
	}
	q := hcl.Pos{Line: 2, Column: 13, Byte: star}
	Convert(nil, []*hcl.Pos{&q})
	if q.Column != 13 {
		t.Errorf("no source: column %d, want 13 kept", q.Column)
	}
}

func TestConvertASCIIUnchanged(t *testing.T) {
	// An ASCII source: every unit counts the same, nothing changes.
	src := []byte("a\tb\r\n  c = \"*\"\n")
	ps := []hcl.Pos{{Line: 2, Column: 7, Byte: 11}, {Line: 1, Column: 3, Byte: 2}}
	ptrs := []*hcl.Pos{&ps[0], &ps[1]}
	if Convert(src, ptrs) || ps[0].Column != 7 || ps[1].Column != 3 {
		t.Errorf("ASCII source: columns %d, %d changed", ps[0].Column, ps[1].Column)
	}
	if c := Column(src, 11); c != 7 {
		t.Errorf("Column = %d, want 7", c)
	}
}

// A UTF-8 byte order mark at the start of the file is not a column: the
// HCL parser skips it (columns matched the element before code points) and
// editors do not show it, so the text report's caret sat one to the right.
func TestLeadingBOMNotAColumn(t *testing.T) {
	src := []byte("\xef\xbb\xbfab = \"*\"\ncd\n")
	star := 3 + len(`ab = "`)
	if got := Column(src, star); got != 7 {
		t.Errorf("Column after BOM = %d, want 7", got)
	}
	if got := Column(src, 3); got != 1 {
		t.Errorf("Column of first byte after BOM = %d, want 1", got)
	}
	p := hcl.Pos{Line: 1, Column: star + 1, Byte: star}
	Convert(src, []*hcl.Pos{&p})
	if p.Column != 7 {
		t.Errorf("Convert after BOM: column %d, want 7", p.Column)
	}
	q := hcl.Pos{Line: 2, Column: 2, Byte: strings.Index(string(src), "d")}
	Convert(src, []*hcl.Pos{&q})
	if q.Column != 2 {
		t.Errorf("Convert on line 2: column %d, want 2", q.Column)
	}
}
