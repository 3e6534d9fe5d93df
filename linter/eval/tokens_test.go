package eval

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func TestCountTokensNative(t *testing.T) {
	for _, src := range []string{
		"locals {\n  x = [1, 2, 3]\n}\n",
		"a = \"abc\"\nb = \"\"\nc = \"x${var.y}z\"\n",
		"# comment\nx = 1 // more\n/* block\n comment */ y = 2\n",
		"x = <<EOT\nline 1\nline ${var.two} x\nline 3\nEOT\ny = 1\n",
		"x = <<-EOT\n  a\n  EOT\n",
		"policy = jsonencode({Statement = [{Action = [\"s3:GetObject\", \"s3:PutObject\"]}]})\n",
		"x = \"%{ if true }a%{ endif }$${b}\"\n",
		"x = { for k, v in var.m : k => v if v != null }\n",
		"x = \"unterminated\ny = 2\n",
	} {
		toks, _ := hclsyntax.LexConfig([]byte(src), "x.tf", hcl.InitialPos)
		want := len(toks) - 1 // not the EOF
		got, at := CountTokens([]byte(src), false, 0)
		if at != -1 || got < want*3/4 || got > want*5/4+1 {
			t.Errorf("CountTokens(%q) = %d, %d; hclsyntax lexes %d tokens", src, got, at, want)
		}
	}
}

// A heredoc's marker is a name (hclsyntax: a letter or _ first): after
// "<<" and no name, a number, or "-" alone, the next lines are code, and
// counted as code, not a token a line. Found by FuzzCountTokens: "<<\r\n"
// was taken for a heredoc of an empty marker, which the end of the text
// closed, a token past it (limit 1: token 2 at offset 4 of 4 bytes).
func TestCountTokensHeredocMarker(t *testing.T) {
	code := strings.Repeat(",1", 500) + "\n"
	for _, open := range []string{"<<\r\n", "<<-\r\n", "<<\n", "<<1\n", "<<-1\n", "<<--\n", "<<-_a-1\n", "<<EOT\r\n"} {
		src := "x = " + open + code + "_a-1\nEOT\r\n"
		toks, _ := hclsyntax.LexConfig([]byte(src), "x.tf", hcl.InitialPos)
		want := len(toks) - 1 // not the EOF
		if got, at := CountTokens([]byte(src), false, 0); at != -1 || got < want*3/4 || got > want*5/4+1 {
			t.Errorf("CountTokens(%q...) = %d, %d; hclsyntax lexes %d tokens", src[:len("x = ")+len(open)], got, at, want)
		}
	}
	if n, at := CountTokens([]byte("<<\r\n"), false, 1); n != 2 || at != 3 {
		t.Errorf(`CountTokens("<<\r\n", limit 1) = %d, %d, want 2, 3 (the line break)`, n, at)
	}
}

// The text of a string that starts with an escape ("\n", "$${") is a
// token from the escape on: past the limit, at is where it starts. Found by
// FuzzCountTokens: `0"\` with limit 2 gave token 3 at offset 3 of 3 bytes.
func TestCountTokensTextAtEscape(t *testing.T) {
	for _, c := range []struct {
		src    string
		limit  int
		wantAt int
	}{
		{`x"\n"`, 2, 2},
		{`x"\`, 2, 2},
		{`x"$${a}"`, 2, 2},
		{`x"%%{a}"`, 2, 2},
		{`x"a\n"`, 2, 2},
	} {
		if n, at := CountTokens([]byte(c.src), false, c.limit); n != c.limit+1 || at != c.wantAt {
			t.Errorf("CountTokens(%q, limit %d) = %d, %d, want %d, %d", c.src, c.limit, n, at, c.limit+1, c.wantAt)
		}
	}
}

func TestCountTemplateTokens(t *testing.T) {
	for _, src := range []string{
		"hello ${name}!\nline two\n%{ for x in xs }${x},%{ endfor }\n",
		"$${literal} and %%{ this } ${a.b[0]}",
		"{\n  \"Statement\": [${jsonencode(var.s)}]\n}\n",
	} {
		toks, _ := hclsyntax.LexTemplate([]byte(src), "t.tpl", hcl.InitialPos)
		want := len(toks) - 1 // not the EOF
		got, at := CountTemplateTokens([]byte(src), 0)
		if at != -1 || got < want*2/3 || got > want*4/3+1 {
			t.Errorf("CountTemplateTokens(%q) = %d, %d; hclsyntax lexes %d tokens", src, got, at, want)
		}
	}
}

func TestCountTokensJSON(t *testing.T) {
	for src, want := range map[string]int{
		`{"a": [1, 2.5e3, true, null]}`: 13,
		`{"a\"b\\": "x y", "c": {}}`:    10,
		"\n{ }\n":                       2,
		`{"locals":{"x0":[1,1,1]}}`:     15,
		`{"unterminated`:                2,
	} {
		if got, at := CountTokens([]byte(src), true, 0); got != want || at != -1 {
			t.Errorf("CountTokens(%q) = %d, %d, want %d, -1", src, got, at, want)
		}
	}
	n, at := CountTokens([]byte(`[1,1,1,1]`), true, 4)
	if n != 5 || at != 4 {
		t.Errorf("CountTokens with limit 4 = %d, %d, want 5, 4", n, at)
	}
	n, at = CountTokens([]byte("x = [1,1,1,1]\n"), false, 4)
	if n != 5 || at != 6 {
		t.Errorf("native CountTokens with limit 4 = %d, %d, want 5, 6", n, at)
	}
}

// On the real configurations of ../shared/corpus/real, CountTokens is
// within 1% of hclsyntax's tokens in all, and within a third for every
// file of more than 50 tokens (comments aside, a string of text counts 3
// in both; the limits that use the count are far from real files anyway).
func TestCountTokensRealCorpus(t *testing.T) {
	const corpus = "../../../shared/corpus/real"
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("no ../shared/corpus/real")
	}
	var lexed, counted, files int
	err := filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		toks, _ := hclsyntax.LexConfig(src, p, hcl.InitialPos)
		n, _ := CountTokens(src, false, 0)
		if want := len(toks) - 1; want > 50 && (n < want*2/3 || n > want*4/3) {
			t.Errorf("%s: %d tokens counted, hclsyntax lexes %d", p, n, want)
		}
		if n > len(src) {
			t.Errorf("%s: %d tokens counted in %d bytes", p, n, len(src))
		}
		lexed += len(toks) - 1
		counted += n
		files++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 1000 || counted < lexed*99/100 || counted > lexed*101/100 {
		t.Errorf("%d files: %d tokens counted, hclsyntax lexes %d", files, counted, lexed)
	}
}

// CountTokens and CountTemplateTokens count at most a token a byte (only
// texts of more bytes than a limit are counted), and stop at the limit.
func FuzzCountTokens(f *testing.F) {
	for _, s := range []string{"x = <<EOT\n${a}\n$${b}\nEOT\n", `{"a": [1, "b\"", {}]}`, "a = \"${b}%{if c}d%{endif}\"\n", "/* x */ # y\n// z\n"} {
		f.Add([]byte(s), false, 0)
		f.Add([]byte(s), true, 3)
	}
	f.Fuzz(func(t *testing.T, src []byte, isJSON bool, limit int) {
		limit %= 1000
		n, at := CountTokens(src, isJSON, limit)
		if n > len(src) {
			t.Errorf("%d tokens counted in %d bytes", n, len(src))
		}
		if limit > 0 && n > limit+1 || (limit > 0 && n == limit+1) != (at >= 0) || at >= len(src) {
			t.Errorf("limit %d: %d tokens counted, at %d", limit, n, at)
		}
		if n, at := CountTemplateTokens(src, limit); n > len(src) || at >= len(src) {
			t.Errorf("template: %d tokens counted in %d bytes, at %d", n, len(src), at)
		}
	})
}
