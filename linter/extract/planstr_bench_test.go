package extract

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter/iam"
)

// BenchmarkJSONStrMapper builds the mapper of a plan's policy string (a JSON
// string literal holding policy JSON: an escape every few bytes), with the
// old way (one search and one compare per run between escapes) as
// reference.
func BenchmarkJSONStrMapper(b *testing.B) {
	st := `{"Sid":"S1","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-0-1","arn:aws:s3:::bucket-0-1/*"]}`
	s := `{"Version":"2012-10-17","Statement":[` + strings.Repeat(st+",", 7) + st + `]}`
	lit, _ := json.Marshal(s)
	prefix := `{"policy": `
	src := []byte(prefix + string(lit) + "}")
	a := len(prefix)
	rng := hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a},
		End: hcl.Pos{Line: 1, Column: a + 1 + len(lit), Byte: a + len(lit)}}
	for _, c := range []struct {
		name string
		fn   func([]byte, hcl.Range, string) *jsonStrMapper
	}{{"words", newJSONStrMapper}, {"reference", refJSONStrMapper}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(lit)))
			for b.Loop() {
				if c.fn(src, rng, s) == nil {
					b.Fatal("no mapper")
				}
			}
		})
	}
}

// BenchmarkParseLiteral builds the documents of deferred plan policies
// (parseLiteral: a JSON string literal of one-line policy JSON per policy),
// read as written (fastLiteral) and, as reference, decoded and mapped
// through their escapes (the way parseLiteral falls back to).
func BenchmarkParseLiteral(b *testing.B) {
	var src []byte
	var rngs []hcl.Range
	for i := range 64 {
		text := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"S0","Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::bucket-%d-0","arn:aws:s3:::bucket-%d-0/*"]},`+
			`{"Sid":"S1","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-%d-1","arn:aws:s3:::bucket-%d-1/*"]},`+
			`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:Decrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, i, i, i, i)
		lit, _ := json.Marshal(text)
		src = append(src, `{"policy":`...)
		a := len(src)
		src = append(src, lit...)
		rngs = append(rngs, hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: a + 1, Byte: a},
			End: hcl.Pos{Line: 1, Column: a + 1 + len(lit), Byte: a + len(lit)}})
		src = append(src, "},"...)
	}
	srcs := map[string][]byte{"plan.json": src}
	for _, c := range []struct {
		name string
		fn   func(*iam.Document, hcl.Range, *[]byte) bool
	}{
		{"literal", func(d *iam.Document, rng hcl.Range, buf *[]byte) bool {
			got, _ := parseLiteral(srcs, rng, d, buf)
			return got == d
		}},
		{"decoded", func(d *iam.Document, rng hcl.Range, buf *[]byte) bool {
			*buf = appendLiteral((*buf)[:0], src, rng)
			text := string(*buf)
			return fastInto(d, text, newJSONStrMapper(src, rng, text), rng)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var buf []byte
			start := cputime.Used()
			for b.Loop() {
				for _, rng := range rngs {
					if !c.fn(&iam.Document{Kind: iam.Identity}, rng, &buf) {
						b.Fatal("not on the fast path")
					}
				}
			}
			b.ReportMetric(float64((cputime.Used()-start).Microseconds())/float64(b.N), "cpu-us/op")
		})
	}
}
