package iam

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// benchPolicy generates a policy of about size bytes: many statements with
// actions, resources, principals and conditions, pretty-printed.
func benchPolicy(size int) []byte {
	var b strings.Builder
	b.WriteString("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n")
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `    {
      "Sid": "Stmt%d",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::123456789012:role/r%d", "arn:aws:iam::123456789012:root"]},
      "Action": ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "sqs:SendMessage"],
      "Resource": ["arn:aws:s3:::bucket-%d/*", "arn:aws:kms:eu-west-1:123456789012:key/%d"],
      "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}, "Bool": {"aws:SecureTransport": true}}
    }`, i, i, i, i)
	}
	b.WriteString("\n  ]\n}\n")
	return []byte(b.String())
}

func BenchmarkParseJSON(b *testing.B) {
	src := benchPolicy(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		m := FileMapper("bench.json", src)
		if _, diags := ParseJSON(src, m); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

// BenchmarkParseJSONFromTree includes building the Document (which maps every
// range to a line and column).
func BenchmarkParseJSONFromTree(b *testing.B) {
	src := benchPolicy(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		tr, _ := ParseJSON(src, FileMapper("bench.json", src))
		if d, _ := FromTree(tr, Identity); len(d.Statements) == 0 || d.Size == 0 {
			b.Fatal("no statements")
		}
	}
}

// BenchmarkEncodingJSON is a yardstick: encoding/json decoding the same
// policy into interface values (no positions).
func BenchmarkEncodingJSON(b *testing.B) {
	src := benchPolicy(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(src, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromJSONString builds the Documents of small one-line policies,
// as a plan holds them (one JSON string per policy).
func BenchmarkFromJSONString(b *testing.B) {
	var srcs []string
	for i := range 64 {
		srcs = append(srcs, fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Sid":"S0","Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::bucket-%d-0","arn:aws:s3:::bucket-%d-0/*"]},`+
			`{"Sid":"S1","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bucket-%d-1","arn:aws:s3:::bucket-%d-1/*"]},`+
			`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:Decrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`, i, i, i, i))
	}
	m := FixedMapper(hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: 1}, End: hcl.Pos{Line: 1, Column: 9}})
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, ok := FromJSONString(src, m, Identity); !ok {
				b.Fatal("not on the fast path")
			}
		}
	}
}

// BenchmarkMakeRange makes the ranges of a run of values in one file, as
// the builders do.
func BenchmarkMakeRange(b *testing.B) {
	name := "modules/team/main.tf"
	var sink Range
	for i := 0; i < b.N; i++ {
		line := 10 + i%500
		sink = MakeRange(hcl.Range{Filename: name, Start: hcl.Pos{Line: line, Column: 5, Byte: 40 * line}, End: hcl.Pos{Line: line, Column: 30, Byte: 40*line + 25}})
	}
	_ = sink
}
