package extract

import (
	"strings"
	"testing"
)

// TestScanSecretsPositions checks the line and column of credentials found
// by the text scan (counted on from one match to the next), on several lines
// and many on one line.
func TestScanSecretsPositions(t *testing.T) {
	src := "a = 1\n  key = \"AKIAIOSFODNN7EXAMPLE\"\n" + "é \"AKIAIOSFODNN7EXAMPL2\" \"AKIAIOSFODNN7EXAMPL3\"\n"
	got := ScanSecrets("x.tf", []byte(src))
	want := [][3]int{{2, 10, strings.Index(src, "AKIAIOSFODNN7EXAMPLE")}, {3, 4, strings.Index(src, "AKIAIOSFODNN7EXAMPL2")}, {3, 27, strings.Index(src, "AKIAIOSFODNN7EXAMPL3")}}
	if len(got) != len(want) {
		t.Fatalf("%d secrets, want %d", len(got), len(want))
	}
	for i, s := range got {
		p := s.Range.Start
		if p.Line != want[i][0] || p.Column != want[i][1] || p.Byte != want[i][2] {
			t.Errorf("secret %d at %d:%d (byte %d), want %v", i, p.Line, p.Column, p.Byte, want[i])
		}
		if e := s.Range.End; e.Byte != p.Byte+20 || e.Column != p.Column+20 {
			t.Errorf("secret %d ends at %+v", i, e)
		}
	}
}
