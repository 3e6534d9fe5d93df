package extract

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestLiteralHoldsDecode checks that a deferred policy text decoded again
// from its literal (decodeLiteral) is the text the literal holds, for
// every kind of escape, and that literalHolds refuses what is not that
// text's literal (another text, a range off the literal, bytes that are
// not valid UTF-8: the plan's scanner replaced them).
func TestLiteralHoldsDecode(t *testing.T) {
	lits := []string{
		`""`,
		`"plain"`,
		`"{\"Version\":\"2012-10-17\",\"Statement\":[]}"`,
		`"a\\b\/c\b\f\n\r\t"`,
		`"\u0026\u00e9\u4e2d"`,
		`"\ud83d\ude00 pair"`,
		`"\ud83d lone high"`,
		`"\ude00 lone low"`,
		`"é raw ü"`,
		`"end\\"`,
		`"the quick brown fox jumps over the lazy dog, \"quoted\" then more plain text past eight bytes"`,
	}
	for _, lit := range lits {
		src := []byte(`{"k": ` + lit + `}`)
		var want string
		if err := json.Unmarshal([]byte(lit), &want); err != nil {
			t.Fatalf("%s: %v", lit, err)
		}
		a := len(`{"k": `)
		rng := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a}, End: hcl.Pos{Line: 1, Column: a + len(lit) + 1, Byte: a + len(lit)}}
		if !literalHolds(src, rng, want) {
			t.Errorf("%s: literalHolds(%q) = false", lit, want)
			continue
		}
		if got := decodeLiteral(src, rng); got != want {
			t.Errorf("%s: decodeLiteral = %q, want %q", lit, got, want)
		}
		if len(want) > 20 && literalHolds(src, rng, want[:17]+"X"+want[18:]) {
			t.Errorf("%s: literalHolds accepts a text that differs in a word", lit)
		}
		if literalHolds(src, rng, want+"x") || (len(want) > 0 && literalHolds(src, rng, want[:len(want)-1])) {
			t.Errorf("%s: literalHolds accepts another text", lit)
		}
		off := rng
		off.End.Byte++
		if literalHolds(src, off, want) {
			t.Errorf("%s: literalHolds accepts a range past the literal", lit)
		}
		if literalHolds(nil, rng, want) {
			t.Errorf("%s: literalHolds accepts no source", lit)
		}
	}
	bad := []byte("{\"k\": \"a\xffb\"}")
	rng := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: 7, Byte: 6}, End: hcl.Pos{Line: 1, Column: 12, Byte: 11}}
	if literalHolds(bad, rng, "a\uFFFDb") {
		t.Error("literalHolds accepts a literal that is not valid UTF-8 for its replaced text")
	}
	two := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Byte: 0}, End: hcl.Pos{Line: 2, Byte: 4}}
	if literalHolds([]byte("\"a\nb\""), two, "a\nb") {
		t.Error("literalHolds accepts a literal over two lines")
	}
}

// TestParseLiteral checks that parseLiteral builds the document parseString
// builds from the decoded text, for plain policies (the fast path, from the
// reused buffer) and others, and that the document keeps nothing of the
// buffer: it is the same after the buffer is overwritten.
func TestParseLiteral(t *testing.T) {
	texts := []string{
		`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a&b/é"}]}`,
		`{"Version":"2012-10-17","Foo":1,"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
		`{"Statement": [`,
		`[1, 2]`,
	}
	for _, text := range texts {
		lit, err := json.Marshal(text) // escapes & as \u0026
		if err != nil {
			t.Fatal(err)
		}
		src := append([]byte(`{"policy": `), lit...)
		src = append(src, '}')
		a := len(`{"policy": `)
		rng := hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a}, End: hcl.Pos{Line: 1, Column: a + len(lit) + 1, Byte: a + len(lit)}}
		srcs := map[string][]byte{"plan.json": src}
		if !literalHolds(src, rng, text) {
			t.Fatalf("%s: literalHolds = false", text)
		}
		want, wantDiags := parseString(text, stringMapper(srcs, rng, text), rng, iam.Identity)
		buf := []byte("previous text, longer than some of the policies")
		got, gotDiags := parseLiteral(srcs, rng, &iam.Document{Kind: iam.Identity}, &buf)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: parseLiteral = %+v %v, want %+v %v", text, got, gotDiags, want, wantDiags)
		}
		for i := range buf {
			buf[i] = 'x'
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the document changed with the buffer", text)
		}
	}
}

// FuzzLiteral checks literalHolds and decodeLiteral on any literal: no
// panic, and a literal that holds a text decodes to it.
func FuzzLiteral(f *testing.F) {
	for _, s := range []string{`"a"`, `"\u0026\ud83d\ude00"`, `"\\\""`, `"\ud800x"`, "\"\xff\"", `"\u12"`} {
		f.Add([]byte(s), "")
	}
	f.Fuzz(func(t *testing.T, lit []byte, other string) {
		rng := hcl.Range{Filename: "p.json", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: len(lit) + 1, Byte: len(lit)}}
		var s string
		if json.Unmarshal(lit, &s) == nil && literalHolds(lit, rng, s) {
			if got := decodeLiteral(lit, rng); got != s {
				t.Fatalf("decodeLiteral(%q) = %q, want %q", lit, got, s)
			}
		}
		if literalHolds(lit, rng, other) {
			if got := decodeLiteral(lit, rng); got != other {
				t.Fatalf("decodeLiteral(%q) = %q, want %q", lit, got, other)
			}
		}
	})
}

// TestFastInto: a plain policy is built in the deferred document, which
// keeps what the extraction set on it; any other text leaves it unchanged.
func TestFastInto(t *testing.T) {
	const plain = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	rng := hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 2, Byte: 1}}
	m := stringMapper(nil, rng, plain)
	want, _ := parseString(plain, m, rng, iam.Resource)
	want.Address, want.ResourceType, want.Attribute, want.PolicyName = "aws_s3_bucket_policy.b", "aws_s3_bucket_policy", "policy", "p"
	doc := &iam.Document{Kind: iam.Resource, Address: want.Address, ResourceType: want.ResourceType, Attribute: want.Attribute, PolicyName: "p", Range: iam.MakeRange(rng)}
	if !fastInto(doc, plain, m, rng) {
		t.Fatal("fastInto(plain) = false")
	}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("fastInto = %+v, want %+v", doc, want)
	}
	for _, text := range []string{`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}],"Foo":1}`, `not json`, `{"Statement": null}`} {
		had := &iam.Document{Kind: iam.Resource, Address: "a.b", Attribute: "policy", Range: iam.MakeRange(rng)}
		doc := *had
		if fastInto(&doc, text, stringMapper(nil, rng, text), rng) {
			t.Errorf("fastInto(%s) = true", text)
		}
		if !reflect.DeepEqual(&doc, had) {
			t.Errorf("fastInto(%s) changed the document: %+v", text, doc)
		}
	}
}
