package eval

import (
	"math/rand"
	"strings"
	"testing"
)

// TestScanLiteralWorkMorePieces is TestScanLiteralWork with the pieces it
// does not draw from: "~}", "${~", "%{~", "$${~", directives, heredoc
// markers with "<<-", closing markers after tabs and after the white space
// bytes.TrimSpace takes but the file's syntax does not (vertical tab, form
// feed, U+0085, U+00A0), comments holding quotes and signs, templates
// nested in interpolations; each text as a configuration file and as a
// template. (400,000 texts agreed when run once.)
func TestScanLiteralWorkMorePieces(t *testing.T) {
	cases := []string{
		"x = <<-EOT\n\t\ta\n\t\tEOT\n", "x = <<-EOT\n  a\n\u00a0EOT\nEOT\n", "x = <<EOT\na\n\vEOT\n\fEOT\nEOT\n",
		"# \"${a}\" $${b\nx = \"a$b\"\n", "// \"a\n/* \" ${ */ x = \"$${a}\"\n", "/* \"a$b\" x = \"c\"",
		"x = \"${\"${\"a$$b\"}\"}$c\"", "x = <<EOT\n${\"a${<<EOU\nb\nEOU\n}\"}c\nd\nEOT\n", "x = \"%{ if a ~}b%{ else }c%{~ endif }\"",
	}
	r := rand.New(rand.NewSource(35))
	pieces := []string{"a", " ", "\n", "\r\n", "\"", "$", "%", "{", "}", "~}", "~", "\\", "\\\"", "<<EOT\n", "<<-EOT\n", "<<-E\n",
		"EOT", "  EOT\n", "\tEOT\n", "\u00a0EOT\n", "\vE\n", "\fE\n", "E\r\n", "#", "//", "/*", "*/", "*", "/", "x = ",
		"${", "%{", "${~", "%{~", "$${", "%%{", "$${~", "$$", "%%", "<<", "-", "<<E\n", "E\n", "E", "\t", "1e5", "<=",
		"<<E\r\n", "\"\"", "{}", "%{ if a }", "%{ endif }", "%{ for x in y ~}", "%{ endfor }", "${\"", "\"}", "\u0085", "\u2028",
		"é", "\x00", "<<E", "E \n", " E\n", "\r", "$\r", "%\r", "\\\r", "<<E\r", "E\r"}
	n := 20000
	if testing.Short() {
		n = 1000
	}
	for k := range n {
		var b strings.Builder
		if k%3 == 2 { // a byte order mark, which the lexer strips
			b.WriteString("\xef\xbb\xbf")
		}
		switch k % 4 {
		case 0:
			b.WriteString("x = <<EOT\n")
		case 1:
			b.WriteString("x = <<-E\n")
		case 2:
			b.WriteString("x = \"")
		}
		for range 1 + r.Intn(30) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		cases = append(cases, b.String())
	}
	scanned := 0
	defer func() { t.Logf("scanned %d of %d", scanned, 2*len(cases)) }()
	for _, c := range cases {
		for _, tmpl := range []bool{false, true} {
			work, toks, worst, worstN := lexedLiteralWork([]byte(c), "f", tmpl)
			sw, ss, se, sn, ok := scanLiteralWork([]byte(c), tmpl)
			if !ok {
				if !strings.Contains(c, "<<") {
					t.Errorf("%q (template %v): not scanned", c, tmpl)
				}
				continue
			}
			scanned++
			ws, we := -1, -1
			if worst >= 0 {
				ws, we = toks[worst].Range.Start.Byte, toks[worst].Range.End.Byte
			}
			if work != sw || ws != ss || we != se || worstN != sn {
				t.Errorf("%q (template %v): lexed work %d, longest run at %d-%d of %d; scanned %d, %d-%d of %d", c, tmpl, work, ws, we, worstN, sw, ss, se, sn)
			}
		}
	}
}
