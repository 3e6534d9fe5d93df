package linter

import (
	"bytes"
	"strings"
	"testing"
)

// Fingerprints do not depend on layout: terraform fmt alignment, a list or
// object split over lines (with a trailing comma, or newlines instead of
// commas), CRLF.
func TestWriteLayoutFree(t *testing.T) {
	norm := func(s string) string {
		var b bytes.Buffer
		writeLayoutFree(&b, []byte(s))
		return b.String()
	}
	same := [][]string{
		{`jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject" }] })`,
			"jsonencode({\n    Statement = [\n      {\n        Effect = \"Allow\"\n        Action = \"s3:GetObject\"\n      },\n    ]\n  })",
			"jsonencode({\r\n  Statement = [{ Effect = \"Allow\",\r\n Action   = \"s3:GetObject\", }]\r\n})"},
		{`["s3:GetObject"]`, "[\n  \"s3:GetObject\",\n]"},
		{`{"a": 1, "b": [1, 2]}`, "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}"},
	}
	for _, group := range same {
		want := norm(group[0])
		for _, s := range group[1:] {
			if got := norm(s); got != want {
				t.Errorf("%q -> %q, want %q", s, got, want)
			}
		}
	}
	// Substance still counts.
	if norm(`["a", "b"]`) == norm(`["a"]`) || norm(`["a","b"]`) == norm(`["ab"]`) || norm(`[1, 2]`) == norm(`[12]`) {
		t.Error("different values gave the same text")
	}
	// Longer than the write buffer, streamed.
	long := strings.Repeat("x , ", 5000) + "]"
	if got := norm(long); got != strings.Repeat("x,", 4999)+"x]" {
		t.Errorf("long input: %d bytes", len(got))
	}
}
