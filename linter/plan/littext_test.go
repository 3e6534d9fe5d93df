package plan

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestLitText checks Plan.LitText on the bodies StreamHeld gives: true
// for a policy text as the body holds it, at the offset of its literal,
// when the literal is ASCII (escapes \" \\ \n and the like included);
// false for a copy of it, at another offset, for a literal with \u or
// non-ASCII bytes, for the other strings (a name), for a text of a chunk
// the caller no longer holds, and for a plan not loaded lazily.
func TestLitText(t *testing.T) {
	texts := []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get%d","Resource":"*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Sid":"a\\b\n%d","Effect":"Allow","Action":"*","Resource":"*"}]}`,
		"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"é%d\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
		`{"Version":"2012-10-17","Statement":[{"Sid":"A%d","Effect":"Allow","Action":"*","Resource":"*"}]}`,
	}
	const n = 24
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		text := fmt.Sprintf(texts[i%len(texts)], i)
		lit, _ := json.Marshal(text)
		if i%len(texts) == 3 {
			// The same text, its A written \u0041.
			lit = []byte(strings.Replace(string(lit), `\"Sid\":\"A`, `\"Sid\":\"\u0041`, 1))
		}
		fmt.Fprintf(&b, `{"address":"aws_iam_policy.p%d","mode":"managed","type":"aws_iam_policy","name":"p%d","change":{"actions":["create"],`+
			`"after":{"name":"{\"n\":%d}","policy":%s},"after_unknown":{}}}`, i, i, i, lit)
	}
	b.WriteString(`]}`)
	src := []byte(b.String())
	if !strings.Contains(string(src), `\"Sid\":\"\u0041`) {
		t.Fatal("no \\u escape in the plan")
	}
	whole, diags := Load("p.json", src, Options{SkipBefore: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if whole.LitText() != nil {
		t.Error("LitText of a plan loaded whole is not nil")
	}
	p, diags := Load("p.json", src, Options{SkipBefore: true, Lazy: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	holds := p.LitText()
	if holds == nil {
		t.Fatal("LitText of a lazy plan is nil")
	}
	type seen struct {
		i    int
		text string
		at   int
	}
	var old []seen
	var first *eval.Block
	count := 0
	if diags := p.StreamHeld(4, func(blocks []*eval.Block) {
		for _, bl := range blocks {
			count++
			var i int
			if _, err := fmt.Sscanf(bl.Name, "p%d", &i); err != nil {
				t.Fatalf("%s: %v", bl.Name, err)
			}
			pol := bl.Body.Get("policy")
			text, at := pol.Val.AsString(), pol.Range.Start.Byte
			if src[at] != '"' {
				t.Fatalf("%s: policy range starts at %q", bl.Address, src[at])
			}
			want := i%len(texts) < 2 // ASCII literals
			if got := holds(text, at); got != want {
				t.Errorf("%s: LitText(text, %d) = %v, want %v", bl.Address, at, got, want)
			}
			if holds(strings.Clone(text), at) {
				t.Errorf("%s: LitText of a copy is true", bl.Address)
			}
			if holds(text, at+1) || holds(text, at-1) {
				t.Errorf("%s: LitText at another offset is true", bl.Address)
			}
			if holds(text[1:], at+1) || holds(text[:len(text)-1], at) {
				t.Errorf("%s: LitText of a part of the text is true", bl.Address)
			}
			if name := bl.Body.GetVal("name").AsString(); holds(name, at) {
				t.Errorf("%s: LitText of the name is true", bl.Address)
			}
			if want {
				old = append(old, seen{i, text, at})
			}
			if first == nil {
				first = bl
			}
		}
	}, func() *eval.Block { return nil }); len(diags) > 0 {
		t.Fatal(diags)
	}
	if count != n {
		t.Fatalf("%d blocks streamed, want %d", count, n)
	}
	// Once held has passed them, the texts are no longer the arena's
	// (its memory is zeroed and reused).
	for _, s := range old[:len(old)-2] {
		if holds(s.text, s.at) {
			t.Errorf("p%d: LitText true after its chunk was released", s.i)
		}
	}
}
