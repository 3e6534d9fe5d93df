package iam

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
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
