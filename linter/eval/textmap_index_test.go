package eval

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// naivePos is Pos without the index: the position of byte k of src.
func naivePos(start hcl.Pos, src []byte, k int) hcl.Pos {
	p := start
	for i := 0; i < k; {
		r, n := utf8.DecodeRune(src[i:])
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
		p.Byte += n
		i += n
	}
	return p
}

// TestTextMapPosIndexed: positions in long segments (found from the marks)
// are those of a scan from the segment's start, at every offset, with
// multi-byte characters and line breaks, and after the Src changes.
func TestTextMapPosIndexed(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "é", "\n", "日本", "\"", "x\r\n", "\U0001F600"}
	var b strings.Builder
	for b.Len() < 20000 {
		b.WriteString(pieces[rng.Intn(len(pieces))])
	}
	src := []byte(b.String())
	start := hcl.Pos{Line: 3, Column: 7, Byte: 40}
	tm := NewTextMap([]Segment{
		{Offset: 0, Len: 5, Start: hcl.Pos{Line: 1, Column: 1}, File: "a.tf"},
		{Offset: 5, Len: len(src), Start: start, File: "b.json", Verbatim: true, Src: src},
	})
	for k := 0; k < len(src); k += 1 + rng.Intn(7) {
		f, p, ok := tm.Pos(5 + k)
		if !ok || f != "b.json" || p != naivePos(start, src, k) {
			t.Fatalf("Pos(%d) = %s %+v %v, want %+v", 5+k, f, p, ok, naivePos(start, src, k))
		}
	}
	// Another Src of the same length: the marks are built again.
	src2 := []byte(strings.Repeat("\n", len(src)))
	tm.Segments()[1].Src = src2
	if _, p, _ := tm.Pos(5 + 10000); p != naivePos(start, src2, 10000) {
		t.Fatalf("after the Src changed: %+v, want %+v", p, naivePos(start, src2, 10000))
	}
}
