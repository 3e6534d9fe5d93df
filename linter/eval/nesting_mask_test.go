package eval

import (
	"strings"
	"testing"
)

// TestNestingStringsNeitherHideNorAdd: brackets in the text of strings,
// heredocs and comments neither hide real nesting nor add up across a file;
// those of interpolations count. Before: [ "]", [ "]", ... 400,000 levels
// deep passed CheckNesting and overflowed the parser's stack (fatal), and
// a .iamlint.hcl of 1,001 globs like "module.env[\"prod*" was refused.
func TestNestingStringsNeitherHideNorAdd(t *testing.T) {
	const n = 1500 // more than MaxNesting
	deep := func(open, sep string) string {
		return "x = " + strings.Repeat(open+sep, n) + "1" + strings.Repeat("]", n) + "\n"
	}
	tooDeep := map[string]string{
		"closer in strings":          deep("[", `"]", `),
		"closer in line comments":    deep("[", "# ]\n"),
		"closer in // comments":      deep("[", "// ]\n"),
		"closer in block comments":   deep("[", "/* ] */"),
		"closer in heredocs":         deep("[", "<<EOF\n]\nEOF\n,"),
		"closer in indented heredoc": deep("[", "<<-EOF\n  ]\n  EOF\n,"),
		"escaped quote":              deep("[", `"\"]", `),
		"interpolation":              `x = "${` + strings.Repeat("[", n) + "1" + strings.Repeat("]", n) + "}\"\n",
		"interpolation in heredoc":   "x = <<EOF\n${" + strings.Repeat("[", n) + "1" + strings.Repeat("]", n) + "}\nEOF\n",
		"empty heredoc then code":    "y = <<EOF\nEOF\n" + deep("[", ""),
		"string in interpolation":    deep("[", `"${"]"}", `),
	}
	for name, src := range tooDeep {
		if d := CheckNesting([]byte(src), "n.tf", MaxNesting); d == nil || d.Summary != "Nesting too deep" {
			t.Errorf("%s: CheckNesting = %v, want Nesting too deep", name, d)
		}
	}
	fine := map[string]string{
		"openers in strings":    "x = [" + strings.Repeat(`"module.env[\"prod*", `, n) + "]\n",
		"openers in comments":   strings.Repeat("# [[(\n// {\n/* [ */\n", n),
		"openers in heredoc":    "x = <<EOF\n" + strings.Repeat("[{(\n", n) + "EOF\n",
		"escaped interpolation": "x = \"" + strings.Repeat("$${[", n) + "\"\n",
		"interpolations":        "x = [" + strings.Repeat(`"${var.l[0]}", `, n) + "]\n",
	}
	for name, src := range fine {
		if d := CheckNesting([]byte(src), "n.tf", MaxNesting); d != nil {
			t.Errorf("%s: CheckNesting = %v, want nil", name, d)
		}
	}
	// A template's text is not code; its interpolations are.
	if d := CheckTemplateNesting([]byte(strings.Repeat("[ # \" <<EOF\n", n)), "t.tpl", MaxNesting); d != nil {
		t.Errorf("template text: %v, want nil", d)
	}
	if d := CheckTemplateNesting([]byte("# ${"+strings.Repeat("[", n)+"1"+strings.Repeat("]", n)+"}"), "t.tpl", MaxNesting); d == nil {
		t.Error("template interpolation after '#': nil, want Nesting too deep")
	}
	// Located in the text as written.
	d := CheckNesting([]byte("# é\n"+deep("[", `"é]", `)), "n.tf", MaxNesting)
	if d == nil || d.Subject.Start.Line != 2 || d.Subject.Start.Column != 5+(MaxNesting)*7 {
		t.Errorf("location = %v, want line 2 column %d", d, 5+MaxNesting*7)
	}
}

// FuzzMaskLiterals: maskLiterals keeps the length and every new line, and
// each byte is either kept or a space.
func FuzzMaskLiterals(f *testing.F) {
	for _, s := range []string{`x = "a[${b["c"]}]" # ]`, "x = <<-EOF\n  ${[1]}\n  EOF\n", "/* [ */ y = [1]", `"\"${"}"}"`, "%{ if a }[%{ endif }", "$${[", "<<EOF\r\nx\r\nEOF\r\n"} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, src []byte, template bool) {
		out := maskLiterals(src, template)
		if len(out) != len(src) {
			t.Fatalf("length %d, want %d", len(out), len(src))
		}
		for i := range src {
			if (src[i] == '\n') != (out[i] == '\n') || (out[i] != src[i] && out[i] != ' ') {
				t.Fatalf("byte %d: %q became %q", i, src[i], out[i])
			}
		}
	})
}
