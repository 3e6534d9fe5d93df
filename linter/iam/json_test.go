package iam

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

const testPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "All",
      "Effect": "Allow",
      "Action": "*",
      "Resource": ["arn:aws:s3:::b/*", "*"]
    }
  ]
}`

func mustParse(t *testing.T, src string) Tree {
	t.Helper()
	tr, diags := ParseJSON([]byte(src), FileMapper("p.json", []byte(src)))
	if diags.HasErrors() {
		t.Fatalf("ParseJSON: %v", diags)
	}
	return tr
}

func TestParseJSONPositions(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		path      []any // keys and indexes to the node
		line, col int
		endCol    int
		keyLine   int
		keyCol    int
	}{
		{"multi-line action", testPolicy, []any{"Statement", 0, "Action"}, 7, 17, 20, 7, 7},
		{"array element", testPolicy, []any{"Statement", 0, "Resource", 1}, 8, 40, 43, 0, 0},
		{"crlf", strings.ReplaceAll(testPolicy, "\n", "\r\n"), []any{"Statement", 0, "Action"}, 7, 17, 20, 7, 7},
		{"unicode before value", "{\"Sid\": \"héllo→\", \"Action\": \"*\"}", []any{"Action"}, 1, 29, 32, 1, 19},
		{"unicode line above", "{\"Sid\": \"日本語\",\n\"Action\": \"*\"}", []any{"Action"}, 2, 11, 14, 2, 1},
		{"bom", "\uFEFF{\"Action\": \"*\"}", []any{"Action"}, 1, 13, 16, 1, 3},
		{"number", `{"n": -1.5e+3}`, []any{"n"}, 1, 7, 14, 1, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := mustParse(t, tc.src)
			for _, p := range tc.path {
				switch p := p.(type) {
				case string:
					n = n.Field(p)
				case int:
					n = n.Elem(p)
				}
				if n == nil {
					t.Fatalf("no node at %v", p)
				}
			}
			r := n.Range()
			if r.Filename != "p.json" || r.Start.Line != tc.line || r.Start.Column != tc.col || r.End.Column != tc.endCol {
				t.Errorf("range = %s (end col %d), want line %d col %d..%d", r, r.End.Column, tc.line, tc.col, tc.endCol)
			}
			if got := tc.src[r.Start.Byte:r.End.Byte]; got != tc.src[r.Start.Byte:r.End.Byte] || (n.Kind() == TreeString && got != `"`+n.Scalar()+`"`) {
				t.Errorf("bytes = %q", got)
			}
			kr := n.KeyRange()
			if kr.Start.Line != tc.keyLine || kr.Start.Column != tc.keyCol {
				t.Errorf("key range = %s, want %d:%d", kr, tc.keyLine, tc.keyCol)
			}
		})
	}
}

func TestParseJSONValues(t *testing.T) {
	src := `{"b": "x", "a": [1, true, false, null, "\u00e9\ud83d\ude00\n\"\\\/", {}, []], "b": 2, "c": 1e5}`
	tr, diags := ParseJSON([]byte(src), FileMapper("p.json", []byte(src)))
	if diags.HasErrors() || len(diags) != 1 || diags[0].Summary != "Duplicate key in policy JSON" {
		t.Fatalf("diags = %v", diags)
	}
	if diags[0].Subject.Start.Column != 79 {
		t.Errorf("duplicate reported at %s, want the second key (col 79)", diags[0].Subject)
	}
	if got := strings.Join(tr.Keys(), ","); got != "b,a,c" {
		t.Errorf("keys = %s", got)
	}
	if b := tr.Field("b"); b.Kind() != TreeNumber || b.Scalar() != "2" {
		t.Errorf("b = %v %q, want last value 2", b.Kind(), b.Scalar())
	}
	if c := tr.Field("c"); c.Scalar() != "1e5" {
		t.Errorf("c = %q", c.Scalar())
	}
	a := tr.Field("a")
	wantKinds := []TreeKind{TreeNumber, TreeBool, TreeBool, TreeNull, TreeString, TreeObject, TreeArray}
	if a.Len() != len(wantKinds) {
		t.Fatalf("len = %d", a.Len())
	}
	for i, k := range wantKinds {
		if a.Elem(i).Kind() != k {
			t.Errorf("elem %d kind %v, want %v", i, a.Elem(i).Kind(), k)
		}
	}
	if s := a.Elem(4).Scalar(); s != "é😀\n\"\\/" {
		t.Errorf("string = %q", s)
	}
	if a.Elem(1).Scalar() != "true" || a.Elem(2).Scalar() != "false" {
		t.Errorf("bools = %q %q", a.Elem(1).Scalar(), a.Elem(2).Scalar())
	}
	if tr.Field("zz") != nil || a.Elem(99) != nil || a.Elem(-1) != nil || tr.Elem(0) != nil || a.Field("x") != nil {
		t.Error("missing members must be nil")
	}
	// a big object uses the index and keeps order
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 50; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d": 1`, i)
	}
	b.WriteString(`, "k0": 2}`)
	big := mustParse(t, b.String())
	if len(big.Keys()) != 50 || big.Keys()[0] != "k0" || big.Keys()[49] != "k49" || big.Field("k0").Scalar() != "2" || big.Field("k30") == nil {
		t.Errorf("big object: keys %v", big.Keys()[:3])
	}
}

func TestParseJSONErrors(t *testing.T) {
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	tests := []struct {
		name   string
		src    string
		line   int
		col    int
		detail string
	}{
		{"empty", "", 1, 1, "end of the text"},
		{"truncated", "{\n  \"Action\": [\"s3:*\",", 2, 20, "truncated"},
		{"truncated string", `{"Action": "s3:*`, 1, 12, "no closing double quote"},
		{"trailing comma array", `{"Action": ["a", "b",]}`, 1, 21, "Trailing comma"},
		{"trailing comma object", "{\"a\": 1,\n}", 1, 8, "Trailing comma"},
		{"missing colon", `{"a" 1}`, 1, 6, `Expected ":"`},
		{"missing comma", `{"a": 1 "b": 2}`, 1, 9, `Expected "," or "}"`},
		{"single quotes", `{'a': 1}`, 1, 2, "object key"},
		{"single quote value", `{"a": 'x'}`, 1, 7, "double quotes"},
		{"bad literal", `{"a": tru}`, 1, 7, "Expected a JSON value"},
		{"bad number", `{"a": -x}`, 1, 8, "expected a digit"},
		{"bad fraction", `[1.]`, 1, 4, "decimal point"},
		{"bad exponent", `[1e]`, 1, 4, "exponent"},
		{"leading zero", `[01]`, 1, 3, `Expected "," or "]"`},
		{"bad escape", `["\x"]`, 1, 3, "Invalid escape"},
		{"bad unicode escape", `["\u12G4"]`, 1, 7, "hexadecimal"},
		{"short unicode escape", `["\u12`, 1, 3, "Incomplete"},
		{"control char", "[\"a\tb\"]", 1, 4, "Control characters"},
		{"trailing garbage", `{"a": 1} x`, 1, 10, "end of the policy"},
		{"two values", `{} {}`, 1, 4, "end of the policy"},
		{"deep nesting", deep, 1, MaxJSONDepth + 1, "nested more than"},
		{"invalid utf8 outside string", "[\xff]", 1, 2, "byte 0xff"},
		// U+FFFD stands for bytes that were not UTF-8 (a .tf.json or plan
		// decoder put it there): said so, not "byte 0xef", which no file
		// holds (red team 23).
		{"replacement character", "[\uFFFD]", 1, 2, `found "\ufffd" (U+FFFD, the character that replaces bytes that are not UTF-8: the file may hold such bytes there)`},
		{"unclosed object", `{"a": {"b": 1}`, 1, 14, "found the end of the text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, diags := ParseJSON([]byte(tc.src), FileMapper("p.json", []byte(tc.src)))
			if tr != nil {
				t.Errorf("tree = %v, want nil", tr)
			}
			if !diags.HasErrors() || len(diags) != 1 {
				t.Fatalf("diags = %v, want one error", diags)
			}
			d := diags[0]
			if d.Summary != "Invalid JSON in policy" || !strings.Contains(d.Detail, tc.detail) {
				t.Errorf("diag = %q / %q, want detail containing %q", d.Summary, d.Detail, tc.detail)
			}
			if d.Subject == nil || d.Subject.Start.Line != tc.line || d.Subject.Start.Column != tc.col {
				t.Errorf("subject = %v, want %d:%d", d.Subject, tc.line, tc.col)
			}
		})
	}
}

func TestParseJSONInvalidUTF8(t *testing.T) {
	src := "{\"Action\": \"s3:\xffGet\xc3\"}"
	tr, diags := ParseJSON([]byte(src), FileMapper("p.json", []byte(src)))
	if diags.HasErrors() || len(diags) != 1 || diags[0].Severity != hcl.DiagWarning {
		t.Fatalf("diags = %v, want one warning", diags)
	}
	if diags[0].Subject.Start.Byte != 15 {
		t.Errorf("warning at byte %d, want 15", diags[0].Subject.Start.Byte)
	}
	if got := tr.Field("Action").Scalar(); got != "s3:\uFFFDGet\uFFFD" {
		t.Errorf("Action = %q", got)
	}
	// lone surrogates become U+FFFD too
	tr = mustParse(t, `["\ud800x", "\udc00", "\ud800\u0041"]`)
	for i, want := range []string{"\uFFFDx", "\uFFFD", "\uFFFDA"} {
		if got := tr.Elem(i).Scalar(); got != want {
			t.Errorf("elem %d = %q, want %q", i, got, want)
		}
	}
}

func TestParseJSONHugeString(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB string")
	}
	big := bytes.Repeat([]byte("a"), 100<<20)
	src := append(append([]byte(`{"Sid": "`), big...), `", "Action": "*"}`...)
	tr, diags := ParseJSON(src, FileMapper("big.json", src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(tr.Field("Sid").Scalar()) != len(big) {
		t.Fatal("wrong length")
	}
	r := tr.Field("Action").Range()
	if r.Start.Line != 1 || r.Start.Column != len(big)+23 {
		t.Errorf("Action at %s", r)
	}
}

func TestParseJSONDuplicateWarningsBounded(t *testing.T) {
	src := "{" + strings.Repeat(`"a": 1, `, 1000) + `"a": 2}`
	tr, diags := ParseJSON([]byte(src), FileMapper("p.json", []byte(src)))
	if len(diags) != maxDupWarnings || tr.Field("a").Scalar() != "2" || len(tr.Keys()) != 1 {
		t.Errorf("%d diags, a = %q", len(diags), tr.Field("a").Scalar())
	}
}
