package hclfast

import "testing"

// TestLeads checks lexPeek's table of first bytes against the tests it
// stands for: a byte that is a token of its own has its type there, above
// tIdent (lexPeek takes any type above tIdent as such a token), the first
// byte of a name tIdent, any other byte tEOF.
func TestLeads(t *testing.T) {
	for c := range 256 {
		b := byte(c)
		want := tEOF
		switch {
		case singles[b] != tEOF:
			want = singles[b]
			if want <= tIdent {
				t.Fatalf("singles[%q] = %d, not above tIdent", b, want)
			}
		case isIdentStart(b):
			want = tIdent
		}
		if leads[b] != want {
			t.Errorf("leads[%q] = %d, want %d", b, leads[b], want)
		}
	}
}
