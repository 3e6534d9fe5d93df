package eval

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestScanLiteralWork checks scanLiteralWork against lexedLiteralWork
// (hclsyntax's lexer) on fixed cases and on random text made of the pieces
// that change the scanner's mode: the work, the first piece of the longest
// run and its length are the same.
func TestScanLiteralWork(t *testing.T) {
	cases := []string{
		"x = <<EOT\n$\nEOT\n", "x = <<EOT\na$\n$\n\nEOT\n", "x = <<EOT\n$$\n%%{\n$${~x\nEOT\n", "x = <<EOT\na$",
		"x = <<EOT\n$\n$\n$\n$", "x = \"a$\"", "x = \"$$\"", "x = \"a\\\n\"", "x = \"a$", "x = <<EOT\n  EOT  \n",
		"x = <<EOT\n$EOT\nEOT\n", "x = <<EOT\nEOT", "x = <<EOT\n$$$\nEOT\n", "x = <<-EOT\r\na\r\nb$\r\n  EOT\r\n",
		"x = \"${\"a$$b\"}$$%%{c}\\\"d\"", "/* \"a$b\" */ x = \"a$b$\" # \"$a$\n", "x = <<EOT\n${<<EOU\na\nb\nEOU\n}\nc\nd\nEOT\n",
		"x = {a = \"${ {b = 1} }$a$\"}", "x = \"${a ~}$b$\"", "x = <<EOT\n$a$b\r\nEOT\n", "x = <<EOT\na\nb\nEOT", "x = <<EOT\n%{ if a }\na\nb\n%{ endif ~}\nEOT\n",
		"\xef\xbb\xbfx = <<EOT\na\nb\nEOT\n", "\xef\xbb\xbf\xef\xbb\xbfx = \"$a$\"", "\xef\xbb\xbfx = \"$a$\"\n", "\xef\xbb\xbf",
		"# a\rb = \"$$\"\n", "x = <<EOT\nab\rcd\nEOT\n", "x = <<EOT\n$\rcd\nEOT\n", "x = <<EOT\na$\r\r\nEOT\n", "x = \"${<<EOT\na\rb\nEOT\n}\"",
		"x = \"a\r$b\"", "x = \"a\\\rb$\"", "a = 1\rb = \"$a$\"",
	}
	// Odd lengths are scanned as templates: text outside sequences, a
	// trailing sign.
	cases = append(cases, "\xef\xbb\xbfa$b", "\xef\xbb\xbf$\n$", "a$", "ab%", "${a}$", "a$${\n", "ax$\nb", "%%{~\r\n$", "a\n${\"$\"}\n", "${<<EOT\nx\nEOT\n}$$", "a${b}$", "ab\rcd", "a$\rb", "${a}\rb", "a\n$b\r", "x = <<EOT\n\rEOT\n$")
	r := rand.New(rand.NewSource(1))
	pieces := []string{"a", "bc", " ", "\n", "\r\n", "\"", "$", "%", "{", "}", "~", "\\", "<<EOT\n", "<<-EOT\n", "EOT", "  EOT\n",
		"#", "//", "/*", "*/", "=", "x = ", "${", "%{", "$${", "%%{", "<<", "-", "<<E\n", "E\n", "\t", "'", "1e5",
		"é", "日本", "e\u0301", "<<Eé\n", "<<é\n", "\xff", "\xef\xbb\xbf", "\r", "$\r", "<<EOT\r"}
	for k := 0; k < 20000; k++ {
		var b strings.Builder
		n := 1 + r.Intn(40)
		if k%5 == 1 { // a byte order mark, which the lexer strips
			b.WriteString("\xef\xbb\xbf")
		}
		if k%3 == 0 {
			b.WriteString("x = <<EOT\n")
		}
		for range n {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	bailed, nonASCII := 0, 0
	defer func() { t.Logf("bailed %d, scanned non-ASCII %d of %d", bailed, nonASCII, len(cases)) }()
	for _, c := range cases {
		tmpl := len(c)%2 == 1 // as a template file
		work, toks, worst, worstN := lexedLiteralWork([]byte(c), "f", tmpl)
		sw, ss, se, sn, ok := scanLiteralWork([]byte(c), tmpl)
		if ok && !ascii(c) {
			nonASCII++
		}
		if !ok {
			bailed++
			if strings.Contains(c, "<<") || strings.Contains(c, "\xff") {
				continue
			}
			t.Errorf("%q: not scanned", c)
			continue
		}
		ws, we := -1, -1
		if worst >= 0 {
			ws, we = toks[worst].Range.Start.Byte, toks[worst].Range.End.Byte
		}
		if work != sw || ws != ss || we != se || worstN != sn {
			t.Errorf("%q (template %v): lexed work %d, longest run at %d-%d of %d; scanned %d, %d-%d of %d", c, tmpl, work, ws, we, worstN, sw, ss, se, sn)
			continue
		}
		if worst >= 0 {
			got, want := scannedRange([]byte(c), ss, se, "f"), toks[worst].Range
			if !ascii(strings.TrimPrefix(c, "\xef\xbb\xbf")) { // lexed columns count grapheme clusters
				got.Start.Column, got.End.Column, want.Start.Column, want.End.Column = 0, 0, 0, 0
			}
			if got != want {
				t.Errorf("%q: range %v, lexed %v", c, got, want)
			}
		}
	}
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TestCheckLiteralsMemory: a 2 MB file of one heredoc of a million short
// lines is refused at the heredoc's first line, as before, without lexing
// it: hclsyntax's tokens took 436 MB of peak memory (iamlint's RSS) to
// refuse it, and a 200,000-line one 105 MB; a templatefile's file of a
// million lines 438 MB. The bytes allocated now do not grow with the lines
// (a few kilobytes for the positions).
func TestCheckLiteralsMemory(t *testing.T) {
	for _, lines := range []int{200_000, 1_000_000} {
		for _, template := range []bool{false, true} {
			src := []byte("locals {\n  x = <<EOT\n" + strings.Repeat("a\n", lines) + "EOT\n}\n")
			line := 3
			if template { // a templatefile's file
				src, line = []byte(strings.Repeat("a\n", lines)), 1
			}
			wantTooLongSmall(t, fmt.Sprintf("%d lines (template %v)", lines, template), src, template, line, lines)
		}
	}
}

// wantTooLongSmall checks that CheckLiterals says "String too long to
// parse" of src at main.tf:line:1, counting lines lines, with under 1 MiB
// allocated; name names the case in errors.
func wantTooLongSmall(t *testing.T, name string, src []byte, template bool, line, lines int) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	d := CheckLiterals(src, "main.tf", template)
	runtime.ReadMemStats(&after)
	if d == nil || d.Summary != "String too long to parse" || d.Subject.Start.Line != line || d.Subject.Start.Column != 1 {
		t.Fatalf("%s: %v, want String too long to parse at main.tf:%d:1", name, d, line)
	}
	if !strings.Contains(d.Detail, fmt.Sprintf("has %d lines", lines)) {
		t.Errorf("%s: %s", name, d.Detail)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("%s: %d bytes allocated, want under 1 MiB", name, got)
	}
}

// TestCheckLiteralsMemoryBOM is TestCheckLiteralsMemory for files that start
// with a UTF-8 byte order mark, which hclsyntax's lexer strips: they were
// lexed (436 MB of peak memory for a 2 MB file of one heredoc of a million
// lines) and are scanned now. The heredoc is refused at the same place, its
// byte offset counting the mark, its column not (the lexer's).
func TestCheckLiteralsMemoryBOM(t *testing.T) {
	const bom = "\xef\xbb\xbf"
	for _, template := range []bool{false, true} {
		head := bom + "locals {\n  x = <<EOT\n"
		src := []byte(head + strings.Repeat("a\n", 1_000_000) + "EOT\n}\n")
		line := 3
		if template {
			head = bom
			src, line = []byte(head+strings.Repeat("a\n", 1_000_000)), 1
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		d := CheckLiterals(src, "main.tf", template)
		runtime.ReadMemStats(&after)
		if d == nil || d.Summary != "String too long to parse" {
			t.Fatalf("template %v: %v, want String too long to parse", template, d)
		}
		want := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: line, Column: 1, Byte: len(head)}, End: hcl.Pos{Line: line + 1, Column: 1, Byte: len(head) + 2}}
		if *d.Subject != want {
			t.Errorf("template %v: at %v, want %v", template, *d.Subject, want)
		}
		if !strings.Contains(d.Detail, "has 1000000 lines") {
			t.Errorf("template %v: %s", template, d.Detail)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
			t.Errorf("template %v: %d bytes allocated, want under 1 MiB", template, got)
		}
	}
}

// TestCheckLiteralsMemoryLoneCR: a carriage return that no line feed
// follows (here at the end of the file: in main mode an invalid token; in a
// template's text the lexer stops there, the rest one more piece) no longer
// sends the file to the lexer: a 2 MB heredoc of a million lines is refused
// with under 1 MiB allocated.
func TestCheckLiteralsMemoryLoneCR(t *testing.T) {
	for _, template := range []bool{false, true} {
		src := []byte("locals {\n  x = <<EOT\n" + strings.Repeat("a\n", 1_000_000) + "EOT\n}\n\r")
		line, n := 3, 1_000_000
		if template {
			src, line, n = []byte(strings.Repeat("a\n", 1_000_000)+"\r"), 1, 1_000_001
		}
		wantTooLongSmall(t, fmt.Sprintf("template %v", template), src, template, line, n)
	}
}
