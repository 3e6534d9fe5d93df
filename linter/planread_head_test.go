package linter

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestPlanFileHeadSame: a plan file whose first byte past the white space
// at its start is not '{' is not read whole (fileHead), and its error is
// the one notPlanDiag made of the whole file: the same text, position and
// hints (UTF-16, a saved plan, HCL), with the white space within headChunk
// or past it; so is one whose '{' is followed by a byte that can neither
// start a member nor end the object. A file that starts with '{' and '"'
// or '}' (or white space past headChunk), or is only a little white
// space, is read whole, as it was.
func TestPlanFileHeadSame(t *testing.T) {
	defer func(n int) { headChunk = n }(headChunk)
	headChunk = 8
	var texts []string
	for _, ws := range []string{"", "  ", strings.Repeat(" ", 20), "\n", strings.Repeat("\t\n", 20), strings.Repeat(" ", 30) + "\n" + strings.Repeat(" \t", 3),
		"\n\n" + strings.Repeat("\t", 30), strings.Repeat("\r\n", 9) + "   "} {
		for _, bom := range []string{"", "\xef\xbb\xbf"} {
			for _, next := range []string{"", "x", "[]", `["a", {"format_version": "1.2"}]`, `"plan"`, "7", "null", "\x00\x00\x00", "\xff\xfe{\x00", "\xff", "\xc3\xa9", "}",
				"\xef\xbb\xbf{}", "PK\x03\x04zip", "resource \"aws_iam_role\" \"r\" {\n}\n", "# comment\n" + strings.Repeat("y", 600), `{"format_version": "1.2"}`, "{", "{\x00\x00", "{ \n x", "{[]}", "{}", `{"a"`, "{\n\n   1", "{" + strings.Repeat(" ", 30) + "x"} {
				texts = append(texts, bom+ws+next)
			}
		}
	}
	dir := t.TempDir()
	for i, text := range texts {
		p := filepath.Join(dir, "p.json")
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		want := notPlanDiag(p, []byte(text))
		got, err := readPlanInput(p, nil)
		var start *notObjectStartError
		var noe *notObjectError
		trimmed := strings.TrimLeft(strings.TrimPrefix(text, "\xef\xbb\xbf"), " \t\r\n")
		switch {
		case errors.As(err, &start):
			if d := notPlanDiag(p, start.src); !reflect.DeepEqual(d, want) {
				t.Errorf("%d %q: %+v %+v, want %+v %+v", i, text, d, d.Subject, want, want.Subject)
			}
			if len(start.src) > headChunk+hclWindow {
				t.Errorf("%d %q: read %d bytes", i, text, len(start.src))
			}
		case errors.As(err, &noe):
			if d := notObjectDiag(p, noe); !reflect.DeepEqual(d, want) {
				t.Errorf("%d %q: %+v %+v, want %+v %+v", i, text, d, d.Subject, want, want.Subject)
			}
		case err != nil:
			t.Errorf("%d %q: %v", i, text, err)
		case string(got) != text:
			t.Errorf("%d %q: read %q", i, text, got)
		case strings.HasPrefix(trimmed, "{") && (strings.HasPrefix(strings.TrimLeft(trimmed[1:], " \t\r\n"), `"`) || strings.HasPrefix(strings.TrimLeft(trimmed[1:], " \t\r\n"), "}") ||
			strings.TrimLeft(trimmed[1:], " \t\r\n") == "" || len(text)-len(strings.TrimLeft(trimmed[1:], " \t\r\n")) >= headChunk):
		case trimmed == "" && len(text) <= headChunk+hclWindow:
		default:
			t.Errorf("%d %q: read whole", i, text)
		}
	}
}

// TestPlanFileHeadBounded: a gigabyte-class file of NUL bytes (a sparse
// 256 MB file here), or of '{' and NUL bytes, or megabytes of white space and then a letter, or
// white space only, given as a plan is not read whole: the error at its
// first byte that is not white space after less than 4 MB allocated
// (before: the whole file, 1 GB of memory for a 1 GB file).
func TestPlanFileHeadBounded(t *testing.T) {
	dir := t.TempDir()
	nul := filepath.Join(dir, "nul.json")
	f, err := os.Create(nul)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(256 << 20); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	brace := filepath.Join(dir, "brace.json")
	if err := os.WriteFile(brace, []byte("{\n  "), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(brace, 256<<20); err != nil {
		t.Fatal(err)
	}
	space := bytes.Repeat([]byte("  \n"), 3<<20)
	spaceX := filepath.Join(dir, "spacex.json")
	spaceOnly := filepath.Join(dir, "space.json")
	if os.WriteFile(spaceX, append(space, "x{}"...), 0o600) != nil || os.WriteFile(spaceOnly, space, 0o600) != nil {
		t.Fatal("write")
	}
	for _, c := range []struct{ p, detail string }{
		{nul, "invalid plan JSON: unexpected byte 0x00, expected an object at byte offset 0 (line 1, column 1) of " + nul + ". Expected the output of terraform show -json."},
		{brace, "invalid plan JSON: unexpected byte 0x00, expected an object key at byte offset 4 (line 2, column 3) of " + brace + ". Expected the output of terraform show -json."},
		{spaceX, "invalid plan JSON: unexpected character 'x', expected an object at byte offset 9437184 (line 3145729, column 1) of " + spaceX + ". Expected the output of terraform show -json."},
		{spaceOnly, "invalid plan JSON: empty input, expected a JSON object at byte offset 9437184 (line 3145729, column 1) of " + spaceOnly + ". Expected the output of terraform show -json."},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := readPlanInput(c.p, nil)
		runtime.ReadMemStats(&after)
		var start *notObjectStartError
		var noe *notObjectError
		var d *hcl.Diagnostic
		switch {
		case errors.As(err, &start):
			d = notPlanDiag(c.p, start.src)
		case errors.As(err, &noe):
			d = notObjectDiag(c.p, noe)
		default:
			t.Fatalf("%s: %v", c.p, err)
		}
		if d.Summary+": "+d.Detail != c.detail {
			t.Errorf("%s: %s: %s", c.p, d.Summary, d.Detail)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
			t.Errorf("%s: allocated %d bytes", c.p, got)
		}
	}
}
