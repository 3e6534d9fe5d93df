package report

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

// TestTextSnippetHostileLines: the source line quoted under a finding never
// carries control characters to the terminal, and a very long line is cut
// around the column with the caret still under it.
func TestTextSnippetHostileLines(t *testing.T) {
	long := `  policy = "` + strings.Repeat("x", 1<<20) + `*` + strings.Repeat("y", 1<<20) + `"`
	starCol := strings.Index(long, "*") + 1
	src := "a = \"\x1b[2J\x1b]0;title\x07 \xff *\"\n" + long + "\n"
	res := &linter.Result{Sources: map[string][]byte{"m.tf": []byte(src)}}
	for _, f := range []struct{ line, col int }{{1, 23}, {2, starCol}, {2, 3}, {2, len(long)}} {
		res.Findings = append(res.Findings, linter.Finding{Rule: "r", Severity: linter.High, Message: "m",
			Range: hcl.Range{Filename: "m.tf", Start: hcl.Pos{Line: f.line, Column: f.col}}})
	}
	var out bytes.Buffer
	if err := Text(&out, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	if out.Len() > 4000 {
		t.Errorf("report of %d bytes for 4 findings", out.Len())
	}
	for _, c := range out.String() {
		if c != '\n' && c != '\t' && c < 0x20 || c == 0x7f {
			t.Fatalf("control character %q in the report:\n%q", c, out.String())
		}
	}
	lines := strings.Split(out.String(), "\n")
	// Each finding: header, source, caret. The caret is under the character
	// the finding points at.
	for i, want := range []rune{'*', '*', 'p', '"'} {
		srcLine, caret := []rune(lines[3*i+1]), []rune(lines[3*i+2])
		at := len(caret) - 1
		if caret[at] != '^' || at >= len(srcLine) || srcLine[at] != want {
			t.Errorf("finding %d: caret at %d under %q, want %q:\n%s\n%s", i, at, string(srcLine[min(at, len(srcLine)-1)]), want, lines[3*i+1], lines[3*i+2])
		}
	}
}

// TestSnippetASCIIFastPath: the ASCII fast paths of snippet and caretPad give
// what the rune by rune versions give, for lines short and long, with tabs,
// control characters and non-ASCII text.
func TestSnippetASCIIFastPath(t *testing.T) {
	alphabet := []string{"a", "b", " ", "\t", "\x1b", "\x7f", "é", "\xff", "\"", ":"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		var b strings.Builder
		n := r.IntN(400)
		plain := r.IntN(2) == 0
		for range n {
			if plain {
				b.WriteString(alphabet[r.IntN(4)])
			} else {
				b.WriteString(alphabet[r.IntN(len(alphabet))])
			}
		}
		line := b.String()
		for _, col := range []int{0, 1, 2, r.IntN(n + 2), n, n + 1, n + 5, 1000} {
			got, gc := snippet(line, col)
			want, wc := snippetRunes(line, col)
			if got != want || gc != wc {
				t.Fatalf("snippet(%q, %d) = %q, %d; want %q, %d", line, col, got, gc, want, wc)
			}
			if got, want := caretPad(line, col), caretPadRunes(line, col); got != want {
				t.Fatalf("caretPad(%q, %d) = %q; want %q", line, col, got, want)
			}
		}
	}
}

// TestFileURIPlainPath: a name that fileURI returns as it is (plainPath) is
// one that escaping segment by segment leaves unchanged.
func TestFileURIPlainPath(t *testing.T) {
	for _, name := range []string{"a/b.tf", "x-y_z/~v/1.2/main.tf.json", "a b/c.tf", "a%b", "é/x.tf", "a?b", "a#b", "a:b/c", "/abs/p", "a//b", "."} {
		parts := strings.Split(name, "/")
		for i, p := range parts {
			parts[i] = strings.ReplaceAll(url.PathEscape(p), ":", "%3A")
		}
		if got, want := fileURI(name), strings.Join(parts, "/"); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestFileURIRelativeReference: fileURI's result is read back by a URI
// parser as a relative reference to the same path: no scheme (a ':' in the
// first segment made one: team:a/main.tf), no query, no fragment.
func TestFileURIRelativeReference(t *testing.T) {
	for _, name := range []string{"team:a/main.tf", "a:b", "x/c:d/e.tf", "a b%20c,d:e#f/ma in.tf", "q?x/y.tf", "a/b.tf", "é/ü.tf"} {
		u, err := url.Parse(fileURI(name))
		if err != nil || u.Scheme != "" || u.Opaque != "" || u.RawQuery != "" || u.Fragment != "" || u.Path != name {
			t.Errorf("fileURI(%q) = %q: parsed as %#v (%v); want the relative path %q", name, fileURI(name), u, err, name)
		}
	}
}

// TestCaretPadDisplayWidth: columns count code points, so the caret's white
// space gives combining marks and format characters (ZWJ, ZWSP) no cell and
// wide characters (CJK, emoji) two: the caret sits under the element.
func TestCaretPadDisplayWidth(t *testing.T) {
	for _, c := range []struct {
		line string
		col  int // code points, of the '*'
		want string
	}{
		{"a = \"e\u0301\" *", 10, "        "},
		{"\u200ba = *", 6, "    "}, // a zero-width space
		{"\"😀\" *", 5, "     "},
		{"\"日本\" *", 6, "       "},
		{"\t\"e\u0301\u0301\" *", 8, "\t    "},
		{"ab *", 4, "   "},
	} {
		if got := caretPad(c.line, c.col); got != c.want {
			t.Errorf("caretPad(%q, %d) = %q; want %q", c.line, c.col, got, c.want)
		}
	}
}

// TestTextSnippetBOM: a file's leading byte order mark is not a column
// (package textpos), so the quoted first line leaves it out: the caret is
// under the element whether the line is cut (a one-line plan) or not.
func TestTextSnippetBOM(t *testing.T) {
	short := "\ufeffa = \"é*\"\n"
	long := "\ufeff{\"é\":\"" + strings.Repeat("x", 500) + "*" + strings.Repeat("y", 500) + "\"}"
	res := &linter.Result{Sources: map[string][]byte{"s.tf": []byte(short), "p.json": []byte(long)}}
	for _, f := range []struct {
		file string
		col  int
	}{{"s.tf", 7}, {"p.json", 507}} {
		res.Findings = append(res.Findings, linter.Finding{Rule: "r", Severity: linter.High, Message: "m",
			Range: hcl.Range{Filename: f.file, Start: hcl.Pos{Line: 1, Column: f.col}}})
	}
	var out bytes.Buffer
	if err := Text(&out, res, Meta{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	for i := range 2 {
		srcLine, caret := []rune(lines[3*i+1]), []rune(lines[3*i+2])
		at := len(caret) - 1
		if caret[at] != '^' || at >= len(srcLine) || srcLine[at] != '*' {
			t.Errorf("finding %d: caret at %d under %q, want '*':\n%s\n%s", i, at, string(srcLine[min(at, len(srcLine)-1)]), lines[3*i+1], lines[3*i+2])
		}
	}
}
