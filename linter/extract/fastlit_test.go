package extract

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter/iam"
)

// fastLitSeeds are policy texts on and off the fast path of fastLiteral.
var fastLitSeeds = []string{
	`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}`,
	`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`,
	"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Deny\",\n      \"NotAction\": [\"iam:*\"],\n\t\"NotResource\": \"x\"\r\n    }\n  ]\n}\n",
	`{"Statement": [{"Principal": {"AWS": ["a", "b"], "Service": "s"}, "NotPrincipal": "*", "Condition": {"Bool": {"k": false}, "StringLike": {"j": ["x", 1, -2.5e+3, true]}}}]}`,
	`{"Statement": [{"Action": [], "Resource": [], "Condition": {}, "Principal": {}}], "Id": "x"}`,
	`{"Statement": {"Sid": "` + strings.Repeat("LongSid", 30) + `", "Effect": "Allow", "Action": "*", "Resource": ["` + strings.Repeat("LongSid", 30) + `/x"]}}`,
	` {"Statement":[]} `,
	`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a&b/é"}]}`,
	`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"a\"b"}]}`,
	`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"a\\b"}]}`,
	`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"a/b\u0001"}]}`,
	`{"Version":"2012-10-17","Foo":1,"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
	`{"Statement": [{"Action": "a", "Action": "b"}]}`,
	`{"Statement": [{"Action": ["a",]}]}`,
	`{"Statement": [{"Effect": "Allow"}]} x`,
	`{"Statement": [`,
	`[1, 2]`,
	``,
}

// literalAt returns a source holding lit as the value of a member, and the
// range of lit in it.
func literalAt(lit []byte) ([]byte, hcl.Range) {
	src := append([]byte(`{"policy": `), lit...)
	src = append(src, '}')
	a := len(`{"policy": `)
	return src, hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a}, End: hcl.Pos{Line: 1, Column: a + len(lit) + 1, Byte: a + len(lit)}}
}

// checkFastLiteral compares fastLiteral on the literal lit with fastInto on
// its decoded text through the literal's jsonStrMapper (the reference):
// when fastLiteral builds a document, fastInto builds the same one; when it
// does not, the document is unchanged. It reports whether fastLiteral built
// one.
func checkFastLiteral(t *testing.T, lit []byte) bool {
	t.Helper()
	var text string
	if json.Unmarshal(lit, &text) != nil {
		return false
	}
	src, rng := literalAt(lit)
	if !literalHolds(src, rng, text) {
		return false
	}
	fast := false
	for _, kind := range []iam.Kind{iam.Identity, iam.Trust} {
		had := iam.Document{Kind: kind, Address: "aws_iam_policy.p", ResourceType: "aws_iam_policy", Attribute: "policy", PolicyName: "n", Range: iam.MakeRange(rng)}
		got := had
		if !fastLiteral(&got, src, rng) {
			if !reflect.DeepEqual(got, had) {
				t.Fatalf("%s: fastLiteral = false changed the document: %+v", lit, got)
			}
			continue
		}
		fast = true
		want := had
		m := newJSONStrMapper(src, rng, text)
		if m == nil {
			t.Fatalf("%s: no jsonStrMapper", lit)
		}
		if !fastInto(&want, text, m, rng) {
			t.Fatalf("%s: fastLiteral = true, fastInto = false", lit)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\n got %+v\nwant %+v", lit, got, want)
		}
		for i := range got.Statements {
			if !reflect.DeepEqual(got.Statements[i], want.Statements[i]) {
				t.Fatalf("%s: statement %d\n got %+v\nwant %+v", lit, i, got.Statements[i], want.Statements[i])
			}
		}
		// Nothing of the document points into the source.
		for i := range src {
			src[i] = 'x'
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the document changed with the source", lit)
		}
	}
	return fast
}

// literals returns the literals of text: as encoding/json writes it (with
// and without HTML escapes, as terraform show -json does), and with \/
// and \u escapes of ASCII bytes.
func literals(text string) [][]byte {
	a, _ := json.Marshal(text)
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(text)
	c := strings.ReplaceAll(string(a), `/`, `\/`)
	d := strings.ReplaceAll(string(a), `\"`, `\u0022`)
	return [][]byte{a, []byte(strings.TrimSuffix(b.String(), "\n")), []byte(c), []byte(d)}
}

func TestFastLiteral(t *testing.T) {
	fast := 0
	for _, text := range fastLitSeeds {
		lits := literals(text)
		for i, lit := range lits {
			ok := checkFastLiteral(t, lit)
			if ok && i >= 2 && string(lit) != string(lits[0]) {
				t.Errorf("%s: fast path with escapes it does not read", lit)
			}
			if ok {
				fast++
			}
		}
	}
	if fast < 8 {
		t.Errorf("only %d literals on the fast path", fast)
	}
}

// FuzzFastLiteral compares fastLiteral with the decoded way (fastInto
// through the literal's jsonStrMapper) on any literal.
//
//	go test -run XXX -fuzz FuzzFastLiteral -parallel 1 ./linter/extract/
func FuzzFastLiteral(f *testing.F) {
	for _, text := range fastLitSeeds {
		for _, lit := range literals(text) {
			f.Add(lit)
		}
	}
	f.Fuzz(func(t *testing.T, lit []byte) {
		checkFastLiteral(t, lit)
	})
}

// refLiteralHolds is literalHolds as it was (eight bytes at a time only
// while they hold no special byte, then byte by byte): the reference
// FuzzLiteralHolds compares it with.
func refLiteralHolds(src []byte, rng hcl.Range, s string) bool {
	a, b := rng.Start.Byte, rng.End.Byte
	if src == nil || a < 0 || b > len(src) || b-a < 2 || src[a] != '"' || src[b-1] != '"' || rng.Start.Line != rng.End.Line {
		return false
	}
	raw := src[a+1 : b-1]
	k := 0
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(raw); {
		// Eight bytes at a time while they hold no backslash, quote or
		// control byte (a policy text has an escape every few bytes).
		for i+8 <= len(raw) && k+8 <= len(s) {
			w := binary.LittleEndian.Uint64(raw[i:])
			if (w-lowBits*0x20)&^w&highBits|zeroByte(w^backslashes)|zeroByte(w^quotes) != 0 {
				break
			}
			if w != le64(s, k) {
				return false
			}
			i += 8
			k += 8
		}
		if i >= len(raw) {
			break
		}
		if c := raw[i]; c != '\\' {
			if c == '"' || c < 0x20 || k >= len(s) || s[k] != c {
				return false
			}
			i++
			k++
			continue
		}
		dec, n := literalEscape(raw[i:], &buf)
		if n == 0 || k+len(dec) > len(s) || s[k:k+len(dec)] != string(dec) {
			return false
		}
		k += len(dec)
		i += n
	}
	return k == len(s)
}

// FuzzLiteralHolds compares literalHolds with refLiteralHolds on any
// literal and text: the text the literal decodes to, or another.
//
//	go test -run XXX -fuzz FuzzLiteralHolds -parallel 1 ./linter/extract/
func FuzzLiteralHolds(f *testing.F) {
	for _, text := range fastLitSeeds {
		for _, lit := range literals(text) {
			f.Add(lit, "", -1)
			f.Add(lit, "", 9)
		}
	}
	f.Fuzz(func(t *testing.T, lit []byte, other string, flip int) {
		src, rng := literalAt(lit)
		var text string
		if json.Unmarshal(lit, &text) == nil {
			if got, want := literalHolds(src, rng, text), refLiteralHolds(src, rng, text); got != want {
				t.Fatalf("literalHolds(%s, %q) = %v, want %v", lit, text, got, want)
			}
			if flip >= 0 && flip < len(text) {
				b := []byte(text)
				b[flip] ^= 0x01
				other = string(b)
			}
		}
		if got, want := literalHolds(src, rng, other), refLiteralHolds(src, rng, other); got != want {
			t.Fatalf("literalHolds(%s, %q) = %v, want %v", lit, other, got, want)
		}
	})
}

// BenchmarkLiteralHolds checks that a plan's policy literals hold their
// texts, as deferredDoc does, with refLiteralHolds as reference.
func BenchmarkLiteralHolds(b *testing.B) {
	var texts []string
	var srcs [][]byte
	var rngs []hcl.Range
	for i := range 64 {
		text := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"S0","Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::bucket-%d-0","arn:aws:s3:::bucket-%d-0/*"]},`+
			`{"Sid":"S1","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-%d-1","arn:aws:s3:::bucket-%d-1/*"]}]}`, i, i, i, i)
		lit, _ := json.Marshal(text)
		src, rng := literalAt(lit)
		texts, srcs, rngs = append(texts, text), append(srcs, src), append(rngs, rng)
	}
	for _, c := range []struct {
		name string
		fn   func([]byte, hcl.Range, string) bool
	}{{"words", literalHolds}, {"reference", refLiteralHolds}} {
		b.Run(c.name, func(b *testing.B) {
			start := cputime.Used()
			for b.Loop() {
				for i := range texts {
					if !c.fn(srcs[i], rngs[i], texts[i]) {
						b.Fatal("does not hold")
					}
				}
			}
			b.ReportMetric(float64((cputime.Used()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
