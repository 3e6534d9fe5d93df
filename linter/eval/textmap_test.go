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
	tm := &TextMap{Segments: mapLiteral(src, rng, val, true, 0)}
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
	tm = &TextMap{Segments: mapLiteral(src, hcl.Range{Filename: "f.tf", Start: start, End: end}, val, false, 0)}
	_, p, ok := tm.Pos(8) // the `"` of "A"
	if !ok || p.Line != 3 || p.Column != 7 {
		t.Errorf(`"A" -> %v ok=%v, want 3:7`, p, ok)
	}
	r, ok := tm.Range(8, 11)
	if !ok || r.Start.Line != 3 || r.End.Column != 10 {
		t.Errorf("Range = %v", r)
	}
}
