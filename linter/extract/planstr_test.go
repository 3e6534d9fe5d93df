package extract

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// A policy held as a JSON string in a plan is located through its escapes:
// each decoded offset maps to the raw byte that produced it.
func TestJSONStrMapper(t *testing.T) {
	for _, policy := range []string{
		`{"Statement":[{"Action":["s3:GetObject","iam:*"],"Effect":"Allow","Resource":"*"}]}`,
		"{\n  \"Statement\": [\n    {\"Action\": \"iam:*\", \"Resource\": \"*\"}\n  ]\n}",
		`{"Statement":[{"Sid":"caf\u00e9 ☃","Action":"iam:*","Resource":"arn:aws:s3:::b/a\\b/*"}]}`,
		`{"Statement":[{"Sid":"\ud83d\ude00 <&>","Action":"iam:*","Resource":"*"}]}`,
	} {
		lit, err := json.Marshal(policy) // escapes <, >, & as \u003c... and non-ASCII stays
		if err != nil {
			t.Fatal(err)
		}
		prefix := `{"x": 1,` + "\n" + `  "policy": `
		src := []byte(prefix + string(lit) + "}\n")
		a := len(prefix)
		rng := hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 2, Column: 13, Byte: a},
			End: hcl.Pos{Line: 2, Column: 13 + len(lit), Byte: a + len(lit)}}
		m := stringMapper(map[string][]byte{"plan.json": src}, rng, policy)
		if _, ok := m.(*jsonStrMapper); !ok {
			t.Fatalf("%q: not located through the literal", policy)
		}
		k := strings.Index(policy, `"iam:*"`)
		r := m.Range(k, k+len(`"iam:*"`))
		if got := string(src[r.Start.Byte:r.End.Byte]); got != `\"iam:*\"` {
			t.Errorf("%q: range of \"iam:*\" holds %q", policy, got)
		}
		// Columns count bytes, as everywhere in a plan (plan.scanner.pos):
		// non-ASCII text before the element on its line (outside or inside
		// the literal) counts the same.
		if r.Start.Line != 2 || r.Start.Column != 13+1+(r.Start.Byte-(a+1)) {
			t.Errorf("%q: position %v", policy, r.Start)
		}
		// Every decoded offset maps inside the literal, in order.
		last := 0
		for i := 0; i <= len(policy); i++ {
			p := m.Range(i, i).Start.Byte
			if p < a+1 || p > a+len(lit)-1 || p < last {
				t.Fatalf("%q: offset %d maps to byte %d (after %d)", policy, i, p, last)
			}
			last = p
		}
	}
}

// Text that is not a JSON string literal of the value keeps the whole range.
func TestJSONStrMapperFallback(t *testing.T) {
	src := []byte(`policy = "{\"a\":1}"` + "\n")
	rng := hcl.Range{Filename: "a.tf", Start: hcl.Pos{Line: 1, Column: 10, Byte: 9}, End: hcl.Pos{Line: 1, Column: 21, Byte: 20}}
	for _, s := range []string{`{"a":2}`, `{"a":1} `, `{"a":`} {
		if _, ok := stringMapper(map[string][]byte{"a.tf": src}, rng, s).(*jsonStrMapper); ok {
			t.Errorf("%q located through a literal that holds another text", s)
		}
	}
	if m := stringMapper(nil, rng, `{"a":1}`); m.Range(2, 3) != rng {
		t.Errorf("without sources: %v", m.Range(2, 3))
	}
	var _ iam.PosMapper = (*jsonStrMapper)(nil)
}

// FuzzJSONStrMapper: for any text, held as a JSON string literal in a plan
// (as encoding/json writes it, or with raw bytes that may not decode to the
// text), the mapper never panics, and every decoded offset maps inside the
// literal, in order; a range maps to a range inside the literal.
func FuzzJSONStrMapper(f *testing.F) {
	for _, s := range []string{`{"Statement":[]}`, "caf\u00e9 \u2603 \\ \" \n", "\U0001F600<&>", "\xff\xfe", `\u12`} {
		f.Add(s, "")
	}
	f.Add(`{"a":1}`, `"{\"a\":1}"`)
	f.Add("\ufffd", `"\ud800"`)
	f.Fuzz(func(t *testing.T, s, raw string) {
		lit := []byte(raw)
		if raw == "" {
			var err error
			if lit, err = json.Marshal(s); err != nil {
				t.Skip()
			}
		}
		prefix := `{"policy": `
		src := []byte(prefix + string(lit) + "}")
		a := len(prefix)
		rng := hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a},
			End: hcl.Pos{Line: 1, Column: a + 1 + len(lit), Byte: a + len(lit)}}
		m := stringMapper(map[string][]byte{"plan.json": src}, rng, s)
		jm, ok := m.(*jsonStrMapper)
		if !ok {
			return
		}
		last := 0
		for i := 0; i <= len(s); i++ {
			r := jm.Range(i, min(i+3, len(s)))
			if r.Start.Byte < a+1 || r.End.Byte > a+len(lit)-1 || r.Start.Byte > r.End.Byte || r.Start.Byte < last {
				t.Fatalf("offset %d of %q in %s maps to %d-%d (after %d)", i, s, lit, r.Start.Byte, r.End.Byte, last)
			}
			if r.Start.Line != 1 || r.Start.Column < a+2 {
				t.Fatalf("offset %d of %q in %s maps to %v", i, s, lit, r.Start)
			}
			last = r.Start.Byte
		}
	})
}

// refJSONStrMapper is newJSONStrMapper as it was before the runs between
// escapes were compared a word at a time: one search and one compare per
// run. FuzzJSONStrMapperReference checks the two agree.
func refJSONStrMapper(src []byte, rng hcl.Range, s string) *jsonStrMapper {
	a, b := rng.Start.Byte, rng.End.Byte
	if src == nil || a < 0 || b > len(src) || b-a < 2 || src[a] != '"' || src[b-1] != '"' || rng.Start.Line != rng.End.Line {
		return nil
	}
	raw := src[a+1 : b-1]
	m := &jsonStrMapper{file: rng.Filename, id: iam.FileID(rng.Filename), raw: raw,
		start: hcl.Pos{Line: rng.Start.Line, Column: rng.Start.Column + 1, Byte: a + 1}}
	k := 0
	var one [1]byte
	for i := 0; i < len(raw); {
		if raw[i] != '\\' {
			j := bytes.IndexByte(raw[i:], '\\')
			if j < 0 {
				j = len(raw) - i
			}
			if k+j > len(s) || string(raw[i:i+j]) != s[k:k+j] {
				return nil
			}
			i += j
			k += j
			continue
		}
		if i+1 >= len(raw) {
			return nil
		}
		dec := one[:]
		n := 2
		switch raw[i+1] {
		case '"', '\\', '/':
			one[0] = raw[i+1]
		case 'b':
			one[0] = '\b'
		case 'f':
			one[0] = '\f'
		case 'n':
			one[0] = '\n'
		case 'r':
			one[0] = '\r'
		case 't':
			one[0] = '\t'
		case 'u':
			r, size := eval.JSONUnicode(raw[i:])
			if size == 0 {
				return nil
			}
			dec, n = utf8.AppendRune(nil, r), size
			if m.esc == nil {
				m.esc = m.escapes()
			}
		default:
			return nil
		}
		if k+len(dec) > len(s) || s[k:k+len(dec)] != string(dec) {
			return nil
		}
		if m.esc != nil {
			m.esc = append(m.esc, strEscape{dec: k, raw: i, decLen: len(dec), rawLen: n})
		} else {
			m.at = append(m.at, int32(i))
		}
		k += len(dec)
		i += n
	}
	if k != len(s) {
		return nil
	}
	if m.esc != nil {
		m.at = nil
	}
	return m
}

// FuzzJSONStrMapperReference: newJSONStrMapper accepts exactly the literals
// refJSONStrMapper accepts (the decoded text equal to s), with the same
// escapes, for literals that decode to s and literals that do not (s
// changed at one byte, in and across 8-byte words).
func FuzzJSONStrMapperReference(f *testing.F) {
	long := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::bucket-0-0/*"}]}`
	for _, s := range []string{long, "caf\u00e9 \u2603 \\ \" \n", "abcdefghijklmnopqrstuvwxyz0123456789", ""} {
		for _, at := range []int{-1, 0, 3, 7, 8, 9, 15, 16, 30, 60} {
			f.Add(s, at, byte('x'))
		}
	}
	f.Fuzz(func(t *testing.T, s string, at int, c byte) {
		lit, err := json.Marshal(s)
		if err != nil {
			t.Skip()
		}
		decoded := s
		if at >= 0 && at < len(s) {
			decoded = s[:at] + string(c) + s[at+1:] // the literal no longer decodes to it (unless c is the same byte)
		}
		prefix := `{"policy": `
		src := []byte(prefix + string(lit) + "}")
		a := len(prefix)
		rng := hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a},
			End: hcl.Pos{Line: 1, Column: a + 1 + len(lit), Byte: a + len(lit)}}
		got, want := newJSONStrMapper(src, rng, decoded), refJSONStrMapper(src, rng, decoded)
		if (got == nil) != (want == nil) {
			t.Fatalf("%q as %s: mapper %v, reference %v", decoded, lit, got != nil, want != nil)
		}
		if got == nil {
			return
		}
		if !slices.Equal(got.at, want.at) && !(len(got.at) == 0 && len(want.at) == 0) || !slices.Equal(got.esc, want.esc) {
			t.Fatalf("%q as %s: escapes %v %v, reference %v %v", decoded, lit, got.at, got.esc, want.at, want.esc)
		}
		// Every decoded offset maps to the raw byte that produced it (the
		// start of its escape), the end to the end of the literal.
		raw := lit[1 : len(lit)-1]
		var rawAt []int
		for i := 0; i < len(raw); {
			n, dec := 1, 1
			if raw[i] == '\\' {
				n = 2
				if raw[i+1] == 'u' {
					r, size := eval.JSONUnicode(raw[i:])
					n, dec = size, utf8.RuneLen(r)
				}
			}
			for range dec {
				rawAt = append(rawAt, i)
			}
			i += n
		}
		rawAt = append(rawAt, len(raw))
		for k := 0; k <= len(decoded); k++ {
			if p := got.pos(k); p.Byte-got.start.Byte != rawAt[k] {
				t.Fatalf("%q as %s: offset %d maps to raw %d, want %d", decoded, lit, k, p.Byte-got.start.Byte, rawAt[k])
			}
		}
	})
}
