package eval

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// TestNFCJoiner: past 30 non-starters in a row NFC (and so cty) writes a
// Combining Grapheme Joiner (U+034F, 2 bytes) before the next one; the text
// maps of a string so long in combining marks cover the value as cty holds
// it, the joiners included, and the text after them is where it is (it was
// 2 bytes off per joiner, and "\u0301" x 35 was taken for a text NFC keeps).
func TestNFCJoiner(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("\u0301", 35) + "*",
		"a" + strings.Repeat("\u0301", 35) + "*",
		"x" + strings.Repeat("\u0614\u0734", 17) + "*", // marks out of order
		"e" + strings.Repeat("\u0301", 29) + "\u0300\u0316*",
		"a" + strings.Repeat("\u0301", 70) + "*", // two joiners
		"a" + strings.Repeat("\u0301", 30) + "*", // no joiner
	} {
		want := cty.StringVal(src).AsString()
		segs, n := nfcSegments([]byte(src), "f.tf", hcl.Pos{Line: 1, Column: 1})
		if n != len(want) {
			t.Errorf("%+q: nfcSegments length %d, want %d", src, n, len(want))
		}
		checkCover(t, "nfcSegments", src, segs, want)
		tm, ok := jsonStringMap([]byte(src), "f.tf.json", hcl.Pos{Line: 1, Column: 2, Byte: 1})
		if !ok {
			t.Fatalf("%+q: no JSON text map", src)
		}
		checkCover(t, "jsonStringMap", src, tm.Segments(), want)
		// the same with the marks written as \u escapes
		esc := strings.ReplaceAll(src, "\u0301", `\u0301`)
		if tm, ok = jsonStringMap([]byte(esc), "f.tf.json", hcl.Pos{Line: 1, Column: 2, Byte: 1}); !ok {
			t.Fatalf("%+q: no JSON text map", esc)
		}
		checkCover(t, "jsonStringMap (escaped)", esc, tm.Segments(), want)
	}
}

// checkCover fails unless segs cover want in order, the verbatim ones with
// its bytes, and the last one is the verbatim "*" at the end of src.
func checkCover(t *testing.T, what, src string, segs []Segment, want string) {
	t.Helper()
	if segs == nil {
		t.Errorf("%s %+q: no segments (NFC changes it: %+q)", what, src, want)
		return
	}
	off := 0
	for _, g := range segs {
		if g.Offset != off || g.Len <= 0 || off+g.Len > len(want) {
			t.Errorf("%s %+q: segment %+v at offset %d of %d", what, src, g, off, len(want))
			return
		}
		if g.Verbatim && string(g.Src) != want[off:off+g.Len] {
			t.Errorf("%s %+q: verbatim %+q, value %+q", what, src, g.Src, want[off:off+g.Len])
		}
		off += g.Len
	}
	if off != len(want) {
		t.Errorf("%s %+q: segments cover %d bytes of %d", what, src, off, len(want))
	}
	if last := segs[len(segs)-1]; !last.Verbatim || !strings.HasSuffix(string(last.Src), "*") || last.Start.Byte+len(last.Src) > len(src)+1 {
		t.Errorf("%s %+q: last segment %+v", what, src, last)
	}
}
