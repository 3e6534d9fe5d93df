package linter

import (
	"bytes"
	"math/rand/v2"
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

// writeLayoutFreeByByte is writeLayoutFree as first written, a byte at a
// time: the reference for the run-copying version.
func writeLayoutFreeByByte(src []byte) []byte {
	var out []byte
	pending := false
	last := byte(0)
	for _, c := range src {
		switch layoutClass[c] {
		case layoutSkip:
			continue
		case layoutSep:
			pending = true
			continue
		case layoutClose:
			pending = false
		}
		if pending {
			if last != 0 && last != '[' && last != '{' && last != '(' {
				out = append(out, ',')
			}
			pending = false
		}
		out = append(out, c)
		last = c
	}
	return out
}

// TestWriteLayoutFreeRuns: copying runs gives the bytes of the byte-at-a-time
// version, for random text of the bytes that matter and runs longer than the
// write buffer.
func TestWriteLayoutFreeRuns(t *testing.T) {
	alphabet := []byte(" \t\r\n,[]{}()ab\"")
	r := rand.New(rand.NewPCG(3, 4))
	inputs := [][]byte{nil, []byte(strings.Repeat("a", 20000)), []byte(strings.Repeat("ab ,", 9000))}
	for range 3000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		inputs = append(inputs, b)
	}
	for _, in := range inputs {
		var b bytes.Buffer
		writeLayoutFree(&b, in)
		if want := writeLayoutFreeByByte(in); !bytes.Equal(b.Bytes(), want) {
			t.Fatalf("%q: got %q, want %q", in, b.Bytes(), want)
		}
	}
}
