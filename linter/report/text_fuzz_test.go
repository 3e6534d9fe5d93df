package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

// FuzzTextSnippet: the text report quotes any source line (control bytes,
// invalid UTF-8, tabs, credentials, long lines that are cut) with the
// snippet and caret that the whole line, redacted, gives through snippet and
// caretPad, for any column.
func FuzzTextSnippet(f *testing.F) {
	f.Add("resource \"x\" {", 3, uint16(0), "")
	f.Add("\tpolicy = \"AKIAIOSFODNN7EXAMPLE\"", 12, uint16(400), "x")
	f.Add("\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"", 200, uint16(300), "ab")
	f.Add("é\x01\xff名前", 2, uint16(10), "\t")
	f.Fuzz(func(t *testing.T, s string, col int, pad uint16, fill string) {
		if len(fill) > 8 {
			fill = fill[:8]
		}
		// a line of s, then fill repeated (long lines are cut)
		line := s
		if fill != "" {
			line += strings.Repeat(fill, int(pad)/len(fill))
		}
		line = strings.NewReplacer("\n", " ", "\r", " ").Replace(line)
		src := []byte(line + "\n")
		res := &linter.Result{Sources: map[string][]byte{"f.json": src}}
		res.Findings = []linter.Finding{{Rule: "r", Severity: linter.High, Message: "m",
			Range: hcl.Range{Filename: "f.json", Start: hcl.Pos{Line: 1, Column: col}, End: hcl.Pos{Line: 1, Column: col}}}}
		var got bytes.Buffer
		if err := Text(&got, res, Meta{}); err != nil {
			t.Fatal(err)
		}
		whole := strings.TrimPrefix(line, "\ufeff")
		sn, c := snippet(redactCredentials(whole), col)
		want := fmt.Sprintf("%s: high r: m\n    %s\n    %s^\n", positionReference("f.json", 1, col), sn, caretPadReference(sn, c))
		if !strings.HasPrefix(got.String(), want) {
			t.Fatalf("line %q col %d:\ngot  %q\nwant %q", line, col, got.String(), want)
		}
	})
}
