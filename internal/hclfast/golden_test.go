package hclfast

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fastInputs must take the fast path and match hclsyntax exactly.
var fastInputs = []string{
	"",
	"\n",
	"   ",
	"# only a comment",
	"# only a comment\n",
	"// slash comment\n",
	"/* block */",
	"/* block\n spanning */\n",
	"a = 1",
	"a = 1\n",
	"a = 1\r\n",
	"a = 1\r\nb = \"x\"\r\n",
	"\ta\t=\t1\t\n",
	"a = 1 # trailing\n",
	"a = 1 // trailing",
	"a = 1 /* c */\n",
	"a = /* c */ 1\n",
	"  a = 1\n\n\nb = 2\n  ",
	"a = true\nb = false\nc = null\n",
	"a = 1.5\nb = 1e3\nc = 2.5E-2\nd = 0\ne = 10\n",
	"a = -1\nb = !true\nc = -x.y[0]\n",
	"a = 1 + 2 * 3 - 4 / 5 % 6\n",
	"a = x == y && z != w || !v\n",
	"a = x < 1 || x <= 2 || x > 3 || x >= 4\n",
	"a = (1 + 2) * 3\n",
	"a = x ? y : z\n",
	"a = x ? y ? 1 : 2 : z ? 3 : 4\n",
	"a = (x\n ? y\n : z)\n",
	"a = foo.bar.baz\n",
	"a = foo.bar[0].baz[\"k\"]\n",
	"a = foo[var.i]\n",
	"a = foo[var.i].x.y\n",
	"a = foo.0.bar\n",
	"a = foo.*.id\n",
	"a = foo.*.bar.0.baz\n",
	"a = foo[*].id\n",
	"a = foo[*].x[0].y\n",
	"a = foo[*]\n",
	"a = foo.*\n",
	"a = foo[*][*].x\n",
	"a = f(x)[0]\n",
	"a = f(x).y\n",
	"a = (x).y[z]\n",
	"a = [1, 2, 3][0]\n",
	"a = {x = 1}.x\n",
	"a = f()\n",
	"a = f(1)\n",
	"a = f(1, 2,)\n",
	"a = f(\n  1,\n  2\n)\n",
	"a = f(x...)\n",
	"a = f([1, 2]...)\n",
	"a = provider::aws::arn_parse(x)\n",
	"a = []\nb = [1]\nc = [1,]\nd = [\n  1,\n  2,\n]\n",
	"a = {}\n",
	"a = { x = 1 }\n",
	"a = { x = 1, y = 2 }\n",
	"a = {\n  x = 1\n  y = 2,\n  \"z\" = 3\n  (k) = 4\n  k2: 5\n}\n",
	"a = {\n  # comment\n  x = 1 # c\n}\n",
	"a = { for k, v in m : k => v }\n",
	"a = { for k, v in m : k => v... if v != null }\n",
	"a = {\n  for k, v in m :\n  k => v\n}\n",
	"a = [for x in xs : x]\n",
	"a = [for i, x in xs : x if i > 0]\n",
	"a = [\n  for x in xs :\n  upper(x)\n]\n",
	"a = \"\"\n",
	"a = \"plain\"\n",
	"a = \"${x}\"\n",
	"a = \"a${x}b\"\n",
	"a = \"${x}${y}\"\n",
	"a = \"esc \\n \\t \\r \\\" \\\\ \\u00e9 \\U0001F600 \\u0041\"\n",
	"a = \"$${not} %%{not} $$ %% $ % $x %x\"\n",
	"a = \"$$${x}\"\n",
	// runs of plain bytes around escapes and sequences (scanQuoted skips
	// them in a tight loop and copies them at once after an escape), and
	// literals with and without non-ASCII bytes from escapes (strValAt).
	"a = \"pre \\\"q\\\" mid $ plain % more \\\\ to the end of a longer string\"\n",
	"a = \"e\\u0301 then plain text that NFC composes\"\n",
	"a = \"A\\u030A${x}\\u212B and plain\"\n",
	"a = \"tab\\there\\tand ${x} \\n after $${y} and %%{z} then $\"\n",
	"a = \"x\ty  z\"\n",
	"a = \"arn:${p}:s3:::${b}/*\"\n",
	// Plain runs read eight bytes at a time (plainEnd): strings ending or
	// stopping at every offset of a word, control characters, tabs and
	// DEL as plain bytes, quotes and backslashes plain in a heredoc; a
	// string without sequences is built at once (parseQuoted).
	"a = \"1234567\"\nb = \"12345678\"\nc = \"123456789\"\nd = \"1234567${x}\"\ne = \"12345678\\n\"\nf = \"123456789abcdef$${x}\"\n",
	"a = \"\x01\x1f\x7f\ttab and DEL\x7f, \x00 NUL\"\n",
	"a = \"\"\nb = { \"\" = \"\" }\nc = [\"\", \"x\"]\n",
	"a = <<EOF\n{\"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"arn:aws:s3:::b\\\\x\"}]}\n\x7f\x01\tEOF\nEOF\n",
	"a = <<EOF\nplain run $${x} then more plain text, $ and % alone\n  %%{y} and ${z} after\r\nEOF\n",
	"a = <<-EOF\n    $${x} indented plain text\n      more ${y}\n    EOF\n",
	"a = \"${x} ${~ y ~} z\"\n",
	"a = \"a  ${~x}  b\"\n",
	"a = \"%{if x}yes%{else}no%{endif}\"\n",
	"a = \"%{ if x ~} yes %{~ endif }\"\n",
	"a = \"%{if x}%{endif}\"\n",
	"a = \"%{for v in xs}${v},%{endfor}\"\n",
	"a = \"%{for k, v in m}${k}=${v}%{endfor}\"\n",
	"a = \"%{for v in xs}%{endfor}\"\n",
	"a = \"%{for v in xs}%{if v}x%{endif}%{endfor}\"\n",
	"a = \"${\"nested ${x}\"}\"\n",
	"a = \"${ {a = 1}.a }\"\n",
	"a = <<EOF\nhello\nEOF\n",
	"a = <<EOF\nEOF\n",
	"a = <<EOF\nhello ${name}\n  line2\nEOF\n",
	"a = <<EOF\n  hello\n  EOF\n",
	"a = <<-EOF\n    hello\n      indented\n    ${x}\n    EOF\n",
	"a = <<-EOF\n    a\n\n    b\n      \n    EOF\n",
	"a = <<-EOF\n  ${x}\n    y\n  EOF\n",
	"a = <<-EOF\n\tx\n\t\ty\nEOF\n",
	"a = <<EOF\nx\nEOF\f\n",
	"a = <<EOF\r\nwin\r\nEOF\r\nb = 1\r\n",
	"a = <<EOF\n$${x} %%{y} $ % $$ \nEOF\n",
	"a = <<EOF\n%{ for x in xs ~}\n${x}\n%{ endfor ~}\nEOF\n",
	"a = <<EOF\n%{ if x }\n  yes\n%{ else }\n  no\n%{ endif }\nEOF\n",
	"a = <<EOF\nfoo\n  ${~x}\n  ${x~}  \n  bar\nEOF\n",
	"a = <<-EOT\n  %{~ for x in xs ~}\n  ${x}\n  %{~ endfor ~}\n  EOT\n",
	"a = jsonencode({\n  x = <<EOF\ninner\nEOF\n  y = 1\n})\n",
	"a = f(<<EOF\none\nEOF\n, <<EOT\ntwo\nEOT\n)\n",
	"a = \"${<<EOF\nin interp\nEOF\n}\"\n",
	"a = <<EOF\n${<<EOT\nnested\nEOT\n}\nEOF\n",
	"a = <<EOF\nEOFX\nxEOF\n EOF \n",
	"resource \"aws_iam_policy\" \"p\" {\n  name = \"x\"\n}\n",
	"resource aws_iam_policy p {\n}\n",
	"locals {}\n",
	"locals {\n}\n",
	"a { b = 1 }\n",
	"a \"l\" { b = \"${x}\" }\n",
	"a {\n  b {\n    c = 1\n  }\n  d = [for x in y : x]\n}\n",
	"a \"esc\\\"aped\" \"$${x}\" {}\n",
	"variable \"v\" {\n  default = 1\n}\nmodule m {}\n",
	"a \"x\" y \"z\" {\n  b = 1\n}\nc p \"q\" r s { d = 2 }\ne \"f\" \"g\" {}\n",
	"block {}",
	"block {\n}",
	"a = 1 /* no newline at end */",
	"a = x\n# comment at end",
	"a = x\n/* comment at end */",
	"a = foo-bar\n",
	"a = a-1\n",
	"a = a - 1\n",
	"a = 1...\n"[:0] + "a = [x...]\n"[:0] + "a = f(x, y...)\n",
	"a = !x.y\n",
	"a = -f(x)[0]\n",
	"a = x[\n  0\n]\n",
	"a = [\n  # comment\n  1, // two\n  /* three */ 3\n]\n",
	"a = \"\\u00a0${~ x}\"\n",
	"a = \"${x ~}\\u00a0 \"\n",
	"# café — ünïcode in a comment\na = 1 // ✅ here too\n",
	"# lone\rCR in a comment\na = 1\n",
	// End-marker lines told by their first byte past the blanks (or by
	// TrimSpace: white space other than blanks), indentation stripped by
	// trimLeftSpace.
	"a = <<-EOF\n  Eat\n  E\n\t EOFX\n  xEOF\n\n\v EOF\n",
	"a = <<EOF\n\f\tbody\nE\n\fEOF\n",
	"a = <<-EOF\n\t\t${x}\n\t  y\n \t\n  EOF\n",
	// Tokens lexPeek scans itself next to those it leaves to lexRest.
	"a=1\nb=x==y\nc={for k,v in m:k=>v...}\nd=f(x...)\ne=a.b.c\nf=[x.*.y]\ng=x>=1\nh=!x\n",
	"a = 1\n\n  \n\t\nb = 2 # c\n// d\n/* e */\nc = 3",
	"a = x.y",
	"a = x",
	"a = 1\n",
}

func TestGolden(t *testing.T) {
	for _, in := range fastInputs {
		if !check(t, []byte(in), "golden.tf") {
			t.Errorf("fell back on %q", in)
		}
	}
}

// slowInputs are errors or constructs outside the fast path: ParseConfig
// must return nil for them.
var slowInputs = []string{
	"a = \n",
	"a = 1 b = 2\n",
	"a = 1\na = 2\n",
	"a = \"unterminated\n",
	"a = \"bad \\x escape\"\n",
	"a = \"\\u12\"\n",
	"a = \"\\uD800\"\n",
	"a = <<EOF\nno end",
	"a = <<EOF\nno end\nEOF",
	"a = \"é\"\n",
	"\xef\xbb\xbfa = 1\n",
	"a = 1\rb = 2\n",
	"a = x.0.1\n",
	"a = x & y\n",
	"a = 'x'\n",
	"a = 1;\n",
	"a { b = 1, c = 2 }\n",
	"a { b = 1\n}\n",
	"a {\n  b = 1 }\n",
	"a\n{\n}\n",
	"a = [for x in y : x => x]\n",
	"a = {for x in y : x}\n",
	"a = \"%{if x}\"\n",
	"a = \"%{endif}\"\n",
	"a = \"%{for x in y}%{else}%{endfor}\"\n",
	"a = \"%{bogus}\"\n",
	"a = {\n  x = 1 ~}\n",
	"/* unterminated",
	"a = f(x...,)\n",
	"a \"${x}\" {}\n",
	"\"a\" = 1\n",
	"a = 1 # ünïcode at the end, no newline",
	"/* é */ a = 1\n",
	"a = <<EOF\nnon-ASCII é\nEOF\n",
	"a = <<EOF\nlone\rCR\nEOF\n",
	"a = <<EOF\nEOF\u00a0\nEOF\n",
	"a = \"\xff\"\n",
	"résumé = 1\n",
	"# invalid UTF-8 \xff\xfe in a comment\na = 1\n",
	"#0\xec0\n",
	"A=<<A\n\rA \n",
	// A literal ending in $ or % and white space, then a ~ strip marker
	// (QA round 3): hclsyntax trims only part of it.
	"a = <<EOF\na% \n${~x}\nEOF\n",
	"a = <<EOF\na$\t\n%{~if true}x%{endif}\nEOF\n",
	"a = \"a% ${~x}\"\n",
}

// TestManyComments: a comment line is skipped in a loop, not a call per
// line (2M lines inside parentheses overflowed the stack: QA round 3).
func TestManyComments(t *testing.T) {
	src := "a = (\n" + strings.Repeat("#\n", 2000000) + "1)\n"
	if ParseConfig([]byte(src), "many.tf") == nil {
		t.Fatal("fell back")
	}
}

func TestSlow(t *testing.T) {
	for _, in := range slowInputs {
		if f := ParseConfig([]byte(in), "slow.tf"); f != nil {
			t.Errorf("fast path took %q", in)
		}
	}
}

func FuzzParseConfig(f *testing.F) {
	for _, in := range fastInputs {
		f.Add([]byte(in))
	}
	for _, in := range slowInputs {
		f.Add([]byte(in))
	}
	// Small .tf files of the project's own testdata, and of the shared
	// corpus when it is there (real-world shapes: heredocs, for, splats).
	for _, dir := range []string{"../../testdata", "../../linter/load/testdata", sharedCorpus + "/real"} {
		_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && filepath.Ext(path) == ".tf" {
				if b, err := os.ReadFile(path); err == nil && len(b) < 3000 {
					f.Add(b)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		check(t, src, "fuzz.tf")
	})
}
