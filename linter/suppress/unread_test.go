package suppress

import (
	"slices"
	"strings"
	"testing"
)

func TestUnread(t *testing.T) {
	for src, want := range map[string]int{
		// "/*" in a string before the comment: the span from it covers the comment.
		"r = \"arn:aws:s3:::b/*\"\n/*\n# iamlint:ignore wildcard-resource -- x\n*/\n": 1,
		"/*\n * checkov:skip=CKV_AWS_63: old\n * trivy:ignore:AVD-AWS-0057\n */\n":    2,
		"/* iamlint:ignore wildcard-resource -- one line */\n":                        0,
		"/*\n iamlint is great\n*/\n":                                                 0,
		"x = \"a/*\"\n# iamlint:ignore wildcard-resource -- x\ny = \"*/\"\n":          0,
		"/*\n iamlint:ignore wildcard-resource -- not terminated\n":                   0,
	} {
		if got := Unread("main.tf", []byte(src)); len(got) != want {
			t.Errorf("Unread(%q) = %v, want %d notices", src, got, want)
		}
	}
	js := `{"//": "a", "resource": {"x": {"y": {"//": "iamlint:ignore wildcard-resource -- r", "z": [{"//": "tfsec:ignore:aws-iam-no-policy-wildcards"}]}}}}`
	if got := Unread("main.tf.json", []byte(js)); len(got) != 2 {
		t.Errorf("Unread(json) = %v, want 2 notices", got)
	}
	if got := Unread("plan.json", []byte(js)); len(got) != 0 {
		t.Errorf("Unread(plan.json) = %v, want none", got)
	}
}

// TestUnreadJSONLines: each "//" key's notice is at its value's line
// (counted from the previous key on).
func TestUnreadJSONLines(t *testing.T) {
	js := "{\n\"//\": \"iamlint:ignore wildcard-resource -- a\",\n\"resource\": {\n\n\"x\": {\"//\":\n\"iamlint:ignore wildcard-action -- b\"},\n\"y\": [\n{\"//\": \"iamlint:ignore wildcard-action -- c\"}]}}\n"
	got := Unread("main.tf.json", []byte(js))
	var lines []int
	for _, n := range got {
		lines = append(lines, n.Line)
	}
	if want := []int{2, 6, 8}; !slices.Equal(lines, want) {
		t.Errorf("notice lines %v, want %v (%v)", lines, want, got)
	}
}

// TestUnreadColumns: each notice of a /* */ comment is at its directive's
// first character, in code points (as findings' columns: "é" and "日" are
// one each, a tab one, the BOM none); a "//" key's is at its value's
// opening quote.
func TestUnreadColumns(t *testing.T) {
	type pos struct{ line, col int }
	for _, c := range []struct {
		name, src string
		want      []pos
	}{
		{"main.tf", "/*\n  # iamlint:ignore wildcard-resource -- old\n */\n", []pos{{2, 5}}},
		// On the comment's first line, after "/*"; a tab; CRLF line endings.
		{"main.tf", "x = 1 /* iamlint:ignore wildcard-action -- a\r\n\t * tfsec:ignore:aws-iam-no-policy-wildcards\r\n*/\r\n", []pos{{1, 10}, {2, 5}}},
		// Non-ASCII before the comment and in it: code points, not bytes.
		{"main.tf", "# é日\nd = \"日本\" /* iamlint:ignore wildcard-action -- b\n old code\n*/\n", []pos{{2, 13}}},
		{"main.tf", "\ufeff/*\n# iamlint:ignore wildcard-action -- bom\n*/\n", []pos{{2, 3}}},
		{"main.tf", "\ufeff/* iamlint:ignore wildcard-action -- bom\n old code\n*/\n", []pos{{1, 4}}},
		{"main.tf.json", "{\n  \"//\": \"iamlint:ignore wildcard-resource -- a\",\n  \"é\": {\"//\":\n    \"iamlint:ignore wildcard-action -- b\"}, \"日\": {\"//\": \"tfsec:ignore:aws-iam-no-policy-wildcards\"}}\n", []pos{{2, 9}, {4, 5}, {4, 57}}},
	} {
		var got []pos
		for _, n := range Unread(c.name, []byte(c.src)) {
			got = append(got, pos{n.Line, n.Column})
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Unread(%s, %q): positions %v, want %v", c.name, c.src, got, c.want)
		}
	}
}

// TestUnreadDeepJSON: a .tf.json nested past the loader's limit (which
// refuses it) is not walked to its depth: 2M brackets overflowed the stack
// (a fatal error, not a panic) before the walk stopped at maxJSONDepth.
func TestUnreadDeepJSON(t *testing.T) {
	n := 2_000_000
	js := strings.Repeat("[", n) + `{"//": "iamlint:ignore wildcard-action -- deep"}` + strings.Repeat("]", n)
	if got := Unread("main.tf.json", []byte(js)); len(got) != 0 {
		t.Errorf("Unread(deep) = %v, want none (past the nesting limit)", got)
	}
	shallow := strings.Repeat("[", maxJSONDepth-1) + `{"//": "iamlint:ignore wildcard-action -- ok"}` + strings.Repeat("]", maxJSONDepth-1)
	if got := Unread("main.tf.json", []byte(shallow)); len(got) != 1 {
		t.Errorf("Unread(%d levels) = %v, want 1 notice", maxJSONDepth, got)
	}
}

// BenchmarkUnreadManyJSONKeys: many "//" keys take time linear in the file
// (lines were counted from the start for each key).
func BenchmarkUnreadManyJSONKeys(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("{\"a\": [\n")
	for i := 0; i < 50_000; i++ {
		if i > 0 {
			sb.WriteString(",\n")
		}
		sb.WriteString(`{"//": "iamlint:ignore wildcard-action -- x"}`)
	}
	sb.WriteString("]}\n")
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if got := Unread("main.tf.json", src); len(got) != 50_000 {
			b.Fatalf("%d notices, want 50000", len(got))
		}
	}
}

// FuzzUnread: the scan for unread suppression comments reads every source
// file of a run (HCL and .tf.json): it must not panic, and each notice is on
// a line of the file, at a column of that line.
func FuzzUnread(f *testing.F) {
	f.Add([]byte("/*\n# iamlint:ignore wildcard-resource -- x\n*/\n"), false)
	f.Add([]byte("r = \"arn:aws:s3:::b/*\"\n/*\n * checkov:skip=CKV_AWS_63: old\n*/\n"), false)
	f.Add([]byte(`{"//": "iamlint:ignore wildcard-action -- a", "resource": {"x": [{"//": "tfsec:ignore:aws-iam-no-policy-wildcards"}]}}`), true)
	f.Add([]byte(`[[[{"//": "iamlint:ignore x"}]]]`), true)
	f.Fuzz(func(t *testing.T, src []byte, isJSON bool) {
		name := "main.tf"
		if isJSON {
			name = "main.tf.json"
		}
		lines := strings.Split(string(src), "\n")
		for _, n := range Unread(name, src) {
			if n.Line < 1 || n.Line > len(lines) || n.File != name {
				t.Fatalf("notice %+v outside %s (%d lines)", n, name, len(lines))
			}
			// A column of the line (code points, as Go's range counts them).
			if cps := len([]rune(lines[n.Line-1])); n.Column < 1 || n.Column > cps+1 {
				t.Fatalf("notice %+v: column outside line %d (%d code points)", n, n.Line, cps)
			}
		}
	})
}
