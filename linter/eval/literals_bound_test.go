package eval

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"
)

// literalWorkBound is a true upper bound of the lexed work: CheckLiterals
// skips lexing only files the lexer would pass. Random sources of the
// pieces that split, start and end heredocs and strings (markers indented,
// after CR, inside interpolations that span lines, in comments; lone $ and
// %, escapes, unterminated heredocs), in both scanner modes.
func TestLiteralWorkBoundIsUpperBound(t *testing.T) {
	frags := []string{
		"<<EOT\n", "<<-EOT\n", "<<EOT\r\n", "EOT\n", "  EOT\n", "\tEOT\r\n", "EOT", " EOT x\n",
		"<<A\n", "A\n", "<<-A\n", "  A\n", "${", "%{", "}", "~}", "$${", "%%{", "$", "%", "$$$",
		"\n", "\r\n", "\r", "a", "abc ", "\"", "\\\"", "# ", "//", "/*", "*/", "x = ", "{", "(", ")",
		"${<<EOT\n", "${f(\n", "\\${", "\\\\${", "%${", "$%{", "é", "\xff", "<<", "<<-", "-", "EOTX\n", "if ", "endif", "for ",
	}
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.Intn(60); n >= 0; n-- {
			f := frags[rng.Intn(len(frags))]
			for r := rng.Intn(3); r >= 0; r-- {
				b.WriteString(f)
			}
		}
		src := []byte(b.String())
		for _, template := range []bool{false, true} {
			work, _, _, _ := lexedLiteralWork(src, "t.tf", template)
			if bound := literalWorkBound(src, template); bound < work {
				t.Fatalf("template=%v: bound %d < lexed work %d for %q", template, bound, work, src)
			}
			if bound := segmentedWorkBound(src); bound < work {
				t.Fatalf("template=%v: segmented bound %d < lexed work %d for %q", template, bound, work, src)
			}
		}
	}
}

// Sources that are cheap to tell apart without lexing: no heredoc, or
// heredocs that end where they seem to; and ones that are not: a marker
// line inside an interpolation that spans lines does not end the heredoc.
func TestLiteralWorkBoundCases(t *testing.T) {
	lines := strings.Repeat("line\n", 40000)
	for _, tc := range []struct {
		name  string
		src   string
		small bool // the bound passes it without lexing
		diag  bool // CheckLiterals reports it
	}{
		{"blank lines", strings.Repeat("\n", 400000), true, false},
		{"comments and attributes", "locals {\n" + strings.Repeat("# c\n  a = \"${var.x}\"\n", 40000) + "}\n", true, false},
		{"short heredoc, long file", "locals {\n  x = <<-EOT\n    a\n    EOT\n" + strings.Repeat("  b = 1\n", 100000) + "}\n", true, false},
		{"long heredoc", "locals {\n  x = <<EOT\n" + lines + "EOT\n}\n", false, true},
		{"marker inside an interpolation", "locals {\n  x = <<EOT\n${f(\nEOT\n)}\n" + lines + "EOT\n}\n", false, true},
		{"dollar signs", "locals {\n  x = \"" + strings.Repeat("$", 60000) + "\"\n}\n", false, true},
		{"percent signs in a heredoc", "locals {\n  x = <<EOT\n" + strings.Repeat("%", 60000) + "\nEOT\n}\n", false, true},
		{"interpolations", "locals {\n  x = \"" + strings.Repeat("${a}", 60000) + "\"\n}\n", true, false},
		// An interpolation on each line of a heredoc (red team 16: the
		// whole file was lexed, 1.7 GB for 4 MB of "${1}" lines), and
		// directives: no two literal pieces follow each other.
		{"interpolation on each heredoc line", "locals {\n  x = <<EOT\n" + strings.Repeat("${1}\n", 200000) + "EOT\n}\n", true, false},
		{"directives on each heredoc line", "locals {\n  x = <<EOT\n" + strings.Repeat("%{if true}x%{endif}\n", 100000) + "EOT\n}\n", true, false},
		// Escapes and a backslash before "${" do not end a run.
		{"escaped interpolations", "locals {\n  x = <<EOT\n" + strings.Repeat("$${1}\n", 200000) + "EOT\n}\n", false, true},
		{"lines between interpolations", "locals {\n  x = <<EOT\n${1}\n" + lines + "${2}\nEOT\n}\n", false, true},
	} {
		src := []byte(tc.src)
		if small := literalWorkBound(src, false) <= maxLiteralWork; small != tc.small {
			t.Errorf("%s: bound passes it without lexing = %v, want %v", tc.name, small, tc.small)
		}
		if d := CheckLiterals(src, "t.tf", false); (d != nil) != tc.diag {
			t.Errorf("%s: CheckLiterals = %v, want a diagnostic: %v", tc.name, d, tc.diag)
		}
		work, _, _, _ := lexedLiteralWork(src, "t.tf", false)
		if bound := literalWorkBound(src, false); bound < work {
			t.Errorf("%s: bound %d < lexed work %d", tc.name, bound, work)
		}
	}
	// A template file is all literal text: its lines count.
	if literalWorkBound([]byte(lines), true) <= maxLiteralWork || CheckLiterals([]byte(lines), "t.tpl", true) == nil {
		t.Error("a template of 40,000 lines: want it lexed and reported")
	}
	if d := CheckLiterals(bytes.Repeat([]byte("$"), 60000), "t.tpl", true); d == nil || !strings.Contains(d.Detail, "a $ or % not followed by {") {
		t.Errorf("a template of 60,000 $ signs: got %v", d)
	}
}
