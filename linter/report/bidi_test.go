package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

// TestTextBidiControls: a source line or a message holding bidirectional
// controls (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066..U+2069 isolates, U+200F)
// is printed with U+FFFD in their place, so a terminal shows the line in the
// order it is read ("Trojan Source"); the caret stays under the element.
// Before, the quoted source line carried them as they were.
func TestTextBidiControls(t *testing.T) {
	src := "a = \"\u202e\u2066x\u2069\u200f*\" # é\n"
	res := &linter.Result{Sources: map[string][]byte{"m.tf": []byte(src)}}
	col := len([]rune("a = \"\u202e\u2066x\u2069\u200f")) + 1 // the "*", in characters
	res.Findings = append(res.Findings, linter.Finding{Rule: "r", Severity: linter.High, Message: "value \"\u202ex\"",
		Range: hcl.Range{Filename: "m.tf", Start: hcl.Pos{Line: 1, Column: col}}})
	var out bytes.Buffer
	if err := Text(&out, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, r := range "\u202e\u2066\u2069\u200f" {
		if strings.ContainsRune(got, r) {
			t.Errorf("text report holds U+%04X:\n%s", r, got)
		}
	}
	lines := strings.Split(got, "\n")
	if len(lines) < 3 {
		t.Fatalf("report:\n%s", got)
	}
	star := []rune(lines[1])
	caret := []rune(lines[2])
	if len(caret) == 0 || caret[len(caret)-1] != '^' || len(caret) > len(star) || star[len(caret)-1] != '*' {
		t.Errorf("caret not under the '*':\n%s\n%s", lines[1], lines[2])
	}
	if p := Printable("x\u202ey\u2067z"); p != "x\ufffdy\ufffdz" {
		t.Errorf("Printable = %q", p)
	}
}
