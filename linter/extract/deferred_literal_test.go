package extract

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestLiteralHoldsDecode checks that a deferred policy text decoded again
// from its literal (decodeLiteral) is the text the literal holds, for
// every kind of escape, and that literalHolds refuses what is not that
// text's literal (another text, a range off the literal, bytes that are
// not valid UTF-8: the plan's scanner replaced them).
func TestLiteralHoldsDecode(t *testing.T) {
	lits := []string{
		`""`,
		`"plain"`,
		`"{\"Version\":\"2012-10-17\",\"Statement\":[]}"`,
		`"a\\b\/c\b\f\n\r\t"`,
		`"\u0026\u00e9\u4e2d"`,
		`"\ud83d\ude00 pair"`,
		`"\ud83d lone high"`,
		`"\ude00 lone low"`,
		`"é raw ü"`,
		`"end\\"`,
	}
	for _, lit := range lits {
		src := []byte(`{"k": ` + lit + `}`)
		var want string
		if err := json.Unmarshal([]byte(lit), &want); err != nil {
			t.Fatalf("%s: %v", lit, err)
		}
		a := len(`{"k": `)
		rng := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a}, End: hcl.Pos{Line: 1, Column: a + len(lit) + 1, Byte: a + len(lit)}}
		if !literalHolds(src, rng, want) {
			t.Errorf("%s: literalHolds(%q) = false", lit, want)
			continue
		}
		if got := decodeLiteral(src, rng); got != want {
			t.Errorf("%s: decodeLiteral = %q, want %q", lit, got, want)
		}
		if literalHolds(src, rng, want+"x") || (len(want) > 0 && literalHolds(src, rng, want[:len(want)-1])) {
			t.Errorf("%s: literalHolds accepts another text", lit)
		}
		off := rng
		off.End.Byte++
		if literalHolds(src, off, want) {
			t.Errorf("%s: literalHolds accepts a range past the literal", lit)
		}
		if literalHolds(nil, rng, want) {
			t.Errorf("%s: literalHolds accepts no source", lit)
		}
	}
	bad := []byte("{\"k\": \"a\xffb\"}")
	rng := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: 7, Byte: 6}, End: hcl.Pos{Line: 1, Column: 12, Byte: 11}}
	if literalHolds(bad, rng, "a\uFFFDb") {
		t.Error("literalHolds accepts a literal that is not valid UTF-8 for its replaced text")
	}
	two := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Byte: 0}, End: hcl.Pos{Line: 2, Byte: 4}}
	if literalHolds([]byte("\"a\nb\""), two, "a\nb") {
		t.Error("literalHolds accepts a literal over two lines")
	}
}
