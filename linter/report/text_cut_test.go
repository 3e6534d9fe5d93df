package report

import (
	"strings"
	"testing"
)

// TestCutLineSameSnippet checks that quoting a finding from the cut part of a
// long line (cutLine) shows what quoting it from the whole line shows, with
// the caret at the same place and credentials redacted, near either end and
// in the middle, and with a credential across the edge of the cut part.
func TestCutLineSameSnippet(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 20000; i++ {
		b.WriteString(`{"id":"AKIAIOSFODNN7EXAMPLE","secret":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","n":`)
		b.WriteString(strings.Repeat("x", i%37))
		b.WriteString(`},`)
	}
	line := b.String()
	ascii := map[lineKey]bool{}
	for _, col := range []int{1, 2, 100, 161, 300, 384, 385, 386, 5000, 12345, len(line) - 300, len(line) - 80, len(line) - 1, len(line), len(line) + 5} {
		wantLine, wantCol := snippet(redactCredentials(line), col)
		cut, c := cutLine(line, col, ascii, lineKey{"plan.json", 1})
		if len(cut) >= len(line) {
			t.Fatalf("col %d: line of %d bytes not cut", col, len(line))
		}
		gotLine, gotCol := snippet(redactCredentials(cut), c)
		if gotLine != wantLine || gotCol != wantCol {
			t.Errorf("col %d: cut gives %q at %d, want %q at %d", col, gotLine, gotCol, wantLine, wantCol)
		}
		if strings.Contains(gotLine, "IOSFODNN7") || strings.Contains(gotLine, "XUtnFEMI") {
			t.Errorf("col %d: credential shown: %q", col, gotLine)
		}
	}
	// A line with non-ASCII text is not cut (columns count characters).
	u := strings.Repeat("é", 1000)
	if got, c := cutLine(u, 10, ascii, lineKey{"x.tf", 1}); got != u || c != 10 {
		t.Errorf("non-ASCII line cut")
	}
}
