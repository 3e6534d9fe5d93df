package load

import (
	"os"
	"path/filepath"
	"testing"
)

// TestParseErrorsAfterInvalidUTF8: parse errors after a byte that is not
// UTF-8 and a newline are located on the line their byte offset is on
// (hclsyntax said 1:3 for the end of "\xec\n0\"", found by FuzzConfig).
func TestParseErrorsAfterInvalidUTF8(t *testing.T) {
	for _, tc := range []struct {
		src        string
		line, col  int
		start, end int
	}{
		{"\xec\n0\"", 2, 3, 4, 4},
		{"a\xec\nb = \"", 2, 6, 8, 8},
		{"# \xec\n\n\xec\nx = \"", 4, 6, 12, 12},
	} {
		_, diags := ParseNative([]byte(tc.src), "f.hcl")
		if len(diags) == 0 {
			t.Fatalf("%q: no error", tc.src)
		}
		found := false
		for _, d := range diags {
			if d.Subject == nil {
				t.Fatalf("%q: %s without a place", tc.src, d.Error())
			}
			s := d.Subject.Start
			if s.Byte == tc.start && d.Subject.End.Byte == tc.end {
				found = true
				if s.Line != tc.line || s.Column != tc.col {
					t.Errorf("%q: %s at %d:%d, want %d:%d", tc.src, d.Summary, s.Line, s.Column, tc.line, tc.col)
				}
			}
		}
		if !found {
			t.Errorf("%q: no error at bytes %d-%d: %v", tc.src, tc.start, tc.end, diags)
		}
	}
}

// TestCLIVarErrorAfterInvalidUTF8: a --var value's parse error after a
// byte that is not UTF-8 and a newline is on the line its byte offset is
// on (found by FuzzInputs).
func TestCLIVarErrorAfterInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("variable \"l\" { type = list(string) }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := Load(Options{Paths: []string{dir}, Vars: []string{"l=0\xed\n00$"}})
	found := false
	for _, d := range res.Diags {
		if d.Subject != nil && d.Subject.Filename == "<value for var.l>" && d.Summary == "Invalid character" {
			found = true
			if d.Subject.Start.Line != 2 || d.Subject.Start.Column != 3 {
				t.Errorf("%s at %+v, want 2:3", d.Summary, d.Subject.Start)
			}
		}
	}
	if !found {
		t.Errorf("no Invalid character error: %v", res.Diags)
	}
}
