package extract

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
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
