package eval

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// FuzzJSONStringMap: for any JSON string literal, the segments of
// jsonStringMap cover the decoded string as cty holds it (composed, NFC:
// "A" U+0300 is "\u00c0") exactly, in order, and verbatim segments hold
// its bytes themselves.
func FuzzJSONStringMap(f *testing.F) {
	for _, s := range []string{`"{\"a\": 1}"`, `"caf\u00e9 \ud83d\ude00 \n\t\\"`, `"plain"`, `"\ud800"`, `""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, lit string) {
		var s string
		if len(lit) < 2 || json.Unmarshal([]byte(lit), &s) != nil || lit[0] != '"' || lit[len(lit)-1] != '"' {
			return
		}
		s = cty.StringVal(s).AsString() // NFC, as hcl's value of a .tf.json string
		tm, ok := jsonStringMap([]byte(lit[1:len(lit)-1]), "f.tf.json", hcl.Pos{Line: 1, Column: 2, Byte: 1})
		if !ok {
			return
		}
		off := 0
		for _, g := range tm.Segments() {
			if g.Offset != off || g.Len <= 0 {
				t.Fatalf("segment %+v at decoded offset %d", g, off)
			}
			if g.Verbatim && string(g.Src) != s[g.Offset:g.Offset+g.Len] {
				t.Fatalf("verbatim segment %q, decoded %q", g.Src, s[g.Offset:g.Offset+g.Len])
			}
			off += g.Len
		}
		if off != len(s) {
			t.Fatalf("segments cover %d bytes of %d (%q)", off, len(s), s)
		}
	})
}
