package iam

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// fastSeeds are policies on and off the fast path of FromJSONString.
var fastSeeds = []string{
	testPolicy,
	strings.ReplaceAll(testPolicy, "\n", "\r\n"),
	`{"Version":"2012-10-17","Statement":[{"Sid":"S0","Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}]}`,
	`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`,
	`{"Statement": {"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": "x"}}`,
	// a Sid too long to be a Word (see SetSid), and one that is a prefix of a resource
	`{"Statement":[{"Sid":"` + strings.Repeat("LongSid", 30) + `","Effect":"Allow","Action":"*","Resource":["` + strings.Repeat("LongSid", 30) + `/x"]},{"Sid":"arn:aws:s3"}]}`,
	`{"Statement": [{"Principal": {"AWS": ["a", "b"], "Service": "s"}, "Condition": {"Bool": {"k": false}, "StringLike": {"j": ["x", 1]}}}]}`,
	`{"Statement": [{"Principal": "*", "NotPrincipal": {"AWS": "*"}}], "Version": null}`,
	`{"Statement": [{"Principal": "arn:aws:iam::1:root"}]}`,
	`{"Statement": [], "Id": "x", "Version": "2012-10-17"}`,
	`{"Statement": [{}], "Id": 1}`,
	`{"Statement": [{"Action": [], "Resource": [1, -2.5e+3, true, false], "Condition": {}, "Principal": {}}]}`,
	`{"Statement": [{"Condition": {"StringEquals": {}, "Null": {"a": "true", "b": ["x"]}}}]}`,
	`{"Statement": [{"Action": "a", "Action": "b"}]}`,
	`{"Statement": [{"action": "a"}]}`,
	`{"Statement": [{"Actions": "a"}]}`,
	`{"Statement": [null]}`,
	`{"Statement": "x"}`,
	`{"Statement": [{"Action": ["a", ["b"]]}]}`,
	`{"Statement": [{"Action": ["a",]}]}`,
	`{"Statement": [{"Action": "a\"b"}]}`,
	`{"Statement": [{"Action": "é"}]}`,
	`{"Statement": [{"Sid": {}}]}`,
	`{"Statement": [{"Principal": {"AWS": "a", "AWS": "b"}}]}`,
	`{"Statement": [{"Condition": {"A": {"k": "1", "k": "2"}}}]}`,
	`{"Statement": [{"Condition": {"A": {"k": "1"}, "A": {"j": "2"}}}]}`,
	`{"Statement": [{"Condition": {"A": "x"}}]}`,
	`{"Statement": [{"Effect": "Allow"}]} x`,
	`{"Statement": [{"Effect": "Allow"}],}`,
	`{"Version": "2012-10-17"}`,
	`{"Statement": [{"Resource": [01]}]}`,
	`{"Statement": [{"Resource": [1.]}]}`,
	`{"Statement": [{"Resource": tru}]}`,
	`{"Statement": [{"Resource": "a"`,
	` {"Statement":[]} `,
	"\uFEFF{\"Statement\":[]}",
	`[]`,
	``,
}

// checkFast compares FromJSONString with FromTree(ParseJSONString) on src.
func checkFast(t *testing.T, src string, m PosMapper) bool {
	t.Helper()
	for _, kind := range []Kind{Identity, Trust} {
		got, ok := FromJSONString(src, m, kind)
		tr, diags := ParseJSONString(src, m)
		if !ok {
			if got != nil {
				t.Fatalf("%q: a document %+v without ok", src, got)
			}
			continue
		}
		if len(diags) > 0 || tr == nil {
			t.Fatalf("%q: fast path taken, ParseJSON says %v", src, diags)
		}
		want, fd := FromTree(tr, kind)
		if len(fd) > 0 {
			t.Fatalf("%q: fast path taken, FromTree says %v", src, fd)
		}
		if !got.TextsOwned() || want.TextsOwned() {
			t.Fatalf("%q: TextsOwned %v, FromTree's %v", src, got.TextsOwned(), want.TextsOwned())
		}
		got.ownsTexts = false // FromTree's texts may share the tree's
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", src, got, want)
		}
		for i := range got.Statements {
			if !reflect.DeepEqual(got.Statements[i], want.Statements[i]) {
				t.Fatalf("%q: statement %d\n got %+v\nwant %+v", src, i, got.Statements[i], want.Statements[i])
			}
		}
	}
	_, ok := FromJSONString(src, m, Identity)
	return ok
}

func TestFromJSONStringSame(t *testing.T) {
	fixed := FixedMapper(hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 3, Column: 7, Byte: 100}, End: hcl.Pos{Line: 3, Column: 90, Byte: 183}})
	fast := 0
	for _, s := range fastSeeds {
		a := checkFast(t, s, FileMapper("f.json", []byte(s)))
		b := checkFast(t, s, fixed)
		if a != b {
			t.Errorf("%q: fast path depends on the mapper", s)
		}
		if a {
			fast++
		}
	}
	if fast < 10 {
		t.Errorf("only %d seeds on the fast path", fast)
	}
	// Every JSON policy of the test data and the shared corpora.
	n, fastFiles := 0, 0
	for _, dir := range []string{"testdata", "../extract/testdata", "../../testdata", "../../../shared/corpus", "../../../shared/conformance"} {
		_ = filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".tf.json") {
				return nil
			}
			if info, err := e.Info(); err != nil || info.Size() > 1<<20 {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			n++
			if checkFast(t, string(src), FileMapper(path, src)) {
				fastFiles++
			}
			return nil
		})
	}
	t.Logf("%d seeds on the fast path of %d; %d files of %d", fast, len(fastSeeds), fastFiles, n)
}

func FuzzFromJSONString(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkFast(t, src, FileMapper("f.json", []byte(src)))
		checkFast(t, src, FixedMapper(hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 2, Byte: 1}}))
	})
}

// TestFromJSONStringPacked checks that the documents FromJSONString builds
// own their lists: each at its exact size (an append to one cannot write
// into another), none changed by the documents built after it (the scratch
// they are built in is reused).
func TestFromJSONStringPacked(t *testing.T) {
	var docs []*Document
	var wants []*Document
	for _, s := range fastSeeds {
		m := FileMapper("f.json", []byte(s))
		d, ok := FromJSONString(s, m, Trust)
		if !ok {
			continue
		}
		tr, _ := ParseJSONString(s, m)
		want, _ := FromTree(tr, Trust)
		docs, wants = append(docs, d), append(wants, want)
	}
	if len(docs) < 10 {
		t.Fatalf("only %d documents on the fast path", len(docs))
	}
	for i, d := range docs {
		cp := *d
		cp.ownsTexts = false // see checkFast
		if !reflect.DeepEqual(&cp, wants[i]) {
			t.Errorf("document %d changed after the others were built:\n got %+v\nwant %+v", i, d, wants[i])
		}
		for _, s := range d.Statements {
			lists := [][]Value{s.Actions, s.Resources, s.NotActions(), s.NotResources()}
			for _, c := range s.Conditions() {
				lists = append(lists, c.Values)
			}
			for _, vs := range lists {
				if cap(vs) != len(vs) {
					t.Errorf("document %d: a list of %d values has room for %d", i, len(vs), cap(vs))
				}
			}
			for _, ps := range [][]Principal{s.Principals(), s.NotPrincipals()} {
				if cap(ps) != len(ps) {
					t.Errorf("document %d: %d principals have room for %d", i, len(ps), cap(ps))
				}
			}
			if cap(s.Conditions()) != len(s.Conditions()) {
				t.Errorf("document %d: %d conditions have room for %d", i, len(s.Conditions()), cap(s.Conditions()))
			}
		}
	}
}

// TestFromTreePacked checks that the documents FromTree builds (in the
// scratch FromJSONString uses, see fastScratch) own their lists too: none
// changed by the documents built after it, each list at its exact size.
func TestFromTreePacked(t *testing.T) {
	build := func(s string) *Document {
		tr, _ := ParseJSONString(s, FileMapper("f.json", []byte(s)))
		d, _ := FromTree(tr, Trust)
		return d
	}
	var docs []*Document
	for _, s := range fastSeeds {
		docs = append(docs, build(s))
	}
	stmts := 0
	for i, d := range docs {
		if want := build(fastSeeds[i]); !reflect.DeepEqual(d, want) {
			t.Errorf("document %d changed after the others were built:\n got %+v\nwant %+v", i, d, want)
		}
		for _, s := range d.Statements {
			stmts++
			lists := [][]Value{s.Actions, s.Resources, s.NotActions(), s.NotResources()}
			for _, c := range s.Conditions() {
				lists = append(lists, c.Values)
			}
			for _, vs := range lists {
				if cap(vs) != len(vs) {
					t.Errorf("document %d: a list of %d values has room for %d", i, len(vs), cap(vs))
				}
			}
			if ps := s.Principals(); cap(ps) != len(ps) {
				t.Errorf("document %d: %d principals have room for %d", i, len(ps), cap(ps))
			}
		}
	}
	if stmts < 20 {
		t.Fatalf("only %d statements", stmts)
	}
}
