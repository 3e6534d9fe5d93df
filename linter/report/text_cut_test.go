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
	ascii := map[lineKey]*lineInfo{}
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
}

// TestCutLineSameSnippetNonASCII: a long line with non-ASCII text (one
// description with an accent in a one-line plan) is cut too, by characters
// (columns count code points), and shows what the whole line shows: it was
// not cut, so each finding on it copied, redacted and converted to runes
// the whole line (a 5 MB one-line plan with one "é": 150 CPU s of text
// report). Invalid UTF-8, control characters and tabs count one column
// each, as snippet counts them.
func TestCutLineSameSnippetNonASCII(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 40000; i++ {
		b.WriteString(`{"id":"AKIAIOSFODNN7EXAMPLE","d":"café ☕ 日本語 🧑‍💻","secret":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","n":`)
		b.WriteString(strings.Repeat("é", i%29))
		b.WriteString(strings.Repeat("x", i%37))
		switch i % 5 {
		case 1:
			b.WriteString("\xff\xe2\x82") // invalid: a stray byte, a truncated sequence
		case 2:
			b.WriteString("\t\x1b[31m")
		}
		b.WriteString(`},`)
	}
	line := b.String()
	runes := len([]rune(line))
	ascii := map[lineKey]*lineInfo{}
	for _, col := range []int{1, 2, 100, 161, 300, 384, 385, 386, 5000, 12345, runes - 300, runes - 80, runes - 1, runes, runes + 1, runes + 5, len(line)} {
		wantLine, wantCol := snippet(redactCredentials(line), col)
		cut, c := cutLine(line, col, ascii, lineKey{"plan.json", 1})
		if len(cut) >= len(line)/2 {
			t.Fatalf("col %d: line of %d bytes not cut (%d)", col, len(line), len(cut))
		}
		gotLine, gotCol := snippet(redactCredentials(cut), c)
		if gotLine != wantLine || gotCol != wantCol {
			t.Errorf("col %d: cut gives %q at %d, want %q at %d", col, gotLine, gotCol, wantLine, wantCol)
		}
	}
}
