package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestQuoteIDClips checks that an unknown rule ID is quoted whole when
// short, cut on a character boundary with the count of the rest when long,
// and has a credential masked.
func TestQuoteIDClips(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"wildcard-acton", `"wildcard-acton"`},
		{"a\x1b[31mb", `"a\x1b[31mb"`},
		{strings.Repeat("a", 100), `"` + strings.Repeat("a", 100) + `"`},
		{strings.Repeat("a", 101), `"` + strings.Repeat("a", 100) + `"... (1 bytes more)`},
		{strings.Repeat("a", 100_000), `"` + strings.Repeat("a", 100) + `"... (99900 bytes more)`},
		// "é" is 2 bytes: the 100th byte would split one.
		{"x" + strings.Repeat("é", 60), `"x` + strings.Repeat("é", 49) + `"... (22 bytes more)`},
		{"AKIAIOSFODNN7EXAMPLE", `"AKIA****************"`},
	} {
		if got := quoteID(tc.id); got != tc.want {
			t.Errorf("quoteID(%.20q...) = %s, want %s", tc.id, got, tc.want)
		}
	}
	head, rest := clipID(strings.Repeat("é", 1000))
	if !utf8.ValidString(head) || len(head) > maxQuotedID || len(head)+rest != 2000 {
		t.Errorf("clipID: %d bytes kept (valid %v), %d more", len(head), utf8.ValidString(head), rest)
	}
}

// TestExplainLongIDClipped runs explain with an ID of 100 KB: the error is
// short, and the exit code says usage error.
func TestExplainLongIDClipped(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"explain", strings.Repeat("z", 100_000)}, nil, &out, &errb)
	if code != exitError || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %d bytes", code, out.Len())
	}
	if errb.Len() > 300 || !strings.Contains(errb.String(), "(99900 bytes more)") {
		t.Errorf("stderr (%d bytes): %.300s", errb.Len(), errb.String())
	}
	errb.Reset()
	code = run([]string{"--enable", strings.Repeat("z", 100_000), "."}, nil, &out, &errb)
	first, _, _ := strings.Cut(errb.String(), "\n") // the usage follows
	if code != exitError || len(first) > 300 || !strings.Contains(first, "(99900 bytes more)") {
		t.Errorf("--enable: exit %d, first line of stderr (%d bytes): %.300s", code, len(first), first)
	}
}
