package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestMapLiteralEscapesAndIndent(t *testing.T) {
	// A quoted literal with escapes: `a\"b\u00e9c`
	src := []byte(`x = "a\"b\u00e9c"`)
	rng := hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 6, Byte: 5}, End: hcl.Pos{Line: 1, Column: 17, Byte: 16}}
	val := "a\"b\u00e9c"
	tm := NewTextMap(mapLiteral(src, rng, val, true, 0))
	for off, col := range map[int]int{0: 6, 1: 7, 2: 9, 3: 10, 5: 16} {
		_, p, ok := tm.Pos(off)
		if !ok || p.Line != 1 || p.Column != col {
			t.Errorf("offset %d -> %v (ok=%v), want column %d", off, p, ok, col)
		}
	}
	// A <<- heredoc literal whose indentation was stripped.
	src = []byte("p = <<-EOT\n    {\n      \"A\": 1\n    }\n  EOT\n")
	start := hcl.Pos{Line: 2, Column: 1, Byte: 11}
	end := hcl.Pos{Line: 5, Column: 1, Byte: len(src) - 6}
	val = "  {\n    \"A\": 1\n  }\n"
	tm = NewTextMap(mapLiteral(src, hcl.Range{Filename: "f.tf", Start: start, End: end}, val, false, 0))
	_, p, ok := tm.Pos(8) // the `"` of "A"
	if !ok || p.Line != 3 || p.Column != 7 {
		t.Errorf(`"A" -> %v ok=%v, want 3:7`, p, ok)
	}
	r, ok := tm.Range(8, 11)
	if !ok || r.Start.Line != 3 || r.End.Column != 10 {
		t.Errorf("Range = %v", r)
	}
}

// mapLiteral's shortcut for a value the source spells out as is gives what
// the scan gives.
func TestMapLiteralShortcutMatchesScan(t *testing.T) {
	cases := []struct {
		src, val string
		quoted   bool
	}{
		{`"s3:GetObject"`, "s3:GetObject", true},
		{`"arn:aws:s3:::b/*"`, "arn:aws:s3:::b/*", true},
		{"  line one\n  line two\n", "  line one\n  line two\n", false},
		{`"café ünïcode"`, "café ünïcode", true},
		{`"abc"`, "ab", true},
		{`"tab	x"`, "tab\tx", true},
	}
	for _, c := range cases {
		src := []byte("x = " + c.src + " # tail")
		start := hcl.Pos{Line: 1, Column: 5, Byte: 4}
		if c.quoted {
			start = hcl.Pos{Line: 1, Column: 6, Byte: 5}
		}
		end := hcl.Pos{Line: 1, Column: start.Column + len(c.val), Byte: start.Byte + len(c.val)}
		rng := hcl.Range{Filename: "f.tf", Start: start, End: end}
		for _, off := range []int{0, 7} {
			got := mapLiteral(src, rng, c.val, c.quoted, off)
			want := mapLiteralScan(src, rng, c.val, c.quoted, off)
			if len(got) != len(want) {
				t.Fatalf("%q: %d segments, scan gives %d", c.val, len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.Offset != w.Offset || g.Len != w.Len || g.Start != w.Start || g.File != w.File || g.Verbatim != w.Verbatim || string(g.Src) != string(w.Src) {
					t.Errorf("%q segment %d: %+v, scan gives %+v", c.val, i, g, w)
				}
			}
		}
	}
}

// FuzzMapLiteralShortcut: for any source and value, mapLiteral gives what
// the scan gives.
func FuzzMapLiteralShortcut(f *testing.F) {
	f.Add("s3:GetObject", "s3:GetObject", true)
	f.Add(`a\"b`, `a"b`, true)
	f.Add("$${x}", "${x}", true)
	f.Add("  a\n  b", "a\nb", false)
	f.Fuzz(func(t *testing.T, lit, val string, quoted bool) {
		src := []byte("x = " + lit + "\n")
		rng := hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 5, Byte: 4}, End: hcl.Pos{Line: 1, Column: 5 + len(lit), Byte: 4 + len(lit)}}
		got := mapLiteral(src, rng, val, quoted, 3)
		if len(val) == 0 {
			return
		}
		want := mapLiteralScan(src, rng, val, quoted, 3)
		if len(got) != len(want) {
			t.Fatalf("%d segments, scan gives %d", len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Offset != w.Offset || g.Len != w.Len || g.Start != w.Start || g.Verbatim != w.Verbatim || string(g.Src) != string(w.Src) {
				t.Fatalf("segment %d: %+v, scan gives %+v", i, g, w)
			}
		}
	})
}

// mapLiteralScan is mapLiteral by the walk of the source and the value
// side by side, whatever the value.
func mapLiteralScan(src []byte, rng hcl.Range, val string, quoted bool, off int) []Segment {
	return appendLiteralScan(nil, src, rng, val, quoted, off)
}

// A range that ends in an escape ends after it: `"*"` spelled \"*\" in a
// quoted HCL string or a JSON string ends after the closing \", not on its
// `"` (one column short: the region left the quote out).
func TestRangeEndsAfterEscape(t *testing.T) {
	src := []byte(`x = "{\"A\": \"*\", \"B\": \"\u002a\"}"`)
	val := `{"A": "*", "B": "*"}`
	rng := hcl.Range{Filename: "f.tf", Start: hcl.Pos{Line: 1, Column: 6, Byte: 5}, End: hcl.Pos{Line: 1, Column: len(src), Byte: len(src) - 1}}
	tm := NewTextMap(mapLiteral(src, rng, val, true, 0))
	for _, tc := range []struct {
		start, end int
		want       string
	}{
		{6, 9, `\"*\"`},        // "*": from \" to after \"
		{16, 19, `\"\u002a\"`}, // "*" with the * escaped
		{7, 8, `*`},            // the verbatim * alone
		{1, 4, `\"A\"`},        // a key
		{0, 1, `{`},            // verbatim
		{16, 17, `\"`},         // one escape
		{17, 18, `\u002a`},     // the \u escape
	} {
		r, ok := tm.Range(tc.start, tc.end)
		if !ok {
			t.Fatalf("Range(%d,%d) not mapped", tc.start, tc.end)
		}
		if got := string(src[r.Start.Byte:r.End.Byte]); got != tc.want || r.End.Column-r.Start.Column != len(tc.want) {
			t.Errorf("Range(%d,%d) = %v: %q, want %q", tc.start, tc.end, r, got, tc.want)
		}
	}
	// A JSON string's content (a .tf.json attribute) maps its escapes alike.
	raw := []byte(`{\"A\": \"*\"}`)
	jm, ok := jsonStringMap(raw, "f.tf.json", hcl.Pos{Line: 1, Column: 2, Byte: 1})
	if !ok {
		t.Fatal("jsonStringMap failed")
	}
	r, _ := jm.Range(6, 9)
	if got := string(raw[r.Start.Byte-1 : r.End.Byte-1]); got != `\"*\"` || r.End.Column != 2+len(`{\"A\": \"*\"`) {
		t.Errorf("JSON string Range(6,9) = %v: %q, want \\\"*\\\"", r, got)
	}
}

// A range that ends in a run NFC composes through a \u escape ("e\u0301",
// é in the value), or in an escape of a JSON string that has such a run
// (its escapes are then mapped by jsonStringMapNFC), ends after it. The
// string "e\u0301*" of a .tf.json policy string ended on the backslash of
// its closing \" (one column short), a range ending in "e\u0301" after the
// "e"; a file() text's e and U+0301 after the e.
func TestRangeEndsAfterNFCRun(t *testing.T) {
	raw := []byte(`{\"A\": \"e\u0301*\", \"B\": \"*e\u0301\"}`)
	// Decoded: {"A": "é*", "B": "*é"}, é two bytes.
	jm, ok := jsonStringMap(raw, "f.tf.json", hcl.Pos{Line: 1, Column: 1, Byte: 0})
	if !ok {
		t.Fatal("jsonStringMap failed")
	}
	for _, tc := range []struct {
		start, end int
		want       string
	}{
		{6, 11, `\"e\u0301*\"`}, // "é*", quotes and all
		{7, 9, `e\u0301`},       // é
		{7, 10, `e\u0301*`},     // é*
		{10, 11, `\"`},          // the closing quote
		{18, 23, `\"*e\u0301\"`},
		{19, 22, `*e\u0301`}, // ends in the run
		{1, 4, `\"A\"`},
		{0, 1, `{`},
	} {
		r, ok := jm.Range(tc.start, tc.end)
		if !ok {
			t.Fatalf("Range(%d,%d) not mapped", tc.start, tc.end)
		}
		if got := string(raw[r.Start.Byte:r.End.Byte]); got != tc.want || r.End.Column-r.Start.Column != len(tc.want) {
			t.Errorf("Range(%d,%d) = %v: %q, want %q", tc.start, tc.end, r, got, tc.want)
		}
	}
	// A text with an e and U+0301 (file(): no escapes): the range ends
	// after the accent, a column a code point.
	src := []byte("xe\u0301*")
	segs, _ := nfcSegments(src, "p.json", hcl.Pos{Line: 1, Column: 1, Byte: 0})
	r, _ := NewTextMap(segs).Range(0, 3) // "xé"
	if got := string(src[r.Start.Byte:r.End.Byte]); got != "xe\u0301" || r.End.Column != 4 {
		t.Errorf("nfcSegments Range(0,3) = %v: %q, want %q to column 4", r, got, "xe\u0301")
	}
}
