package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigEndless: --config naming a file that never ends (/dev/zero) is
// a located error (exit 2), not a read that takes all the memory (the
// configuration, then once more to convert its columns).
func TestConfigEndless(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"--config", "/dev/zero", dir}, nil, &out, &errb)
	if code != exitError || !strings.Contains(errb.String(), "/dev/zero:1:1: error: Configuration file too large") {
		t.Errorf("exit %d, stderr:\n%s", code, errb.String())
	}
}

// TestLongSuppressionMessageCapped: a suppression comment naming an unknown
// rule of 100,000 characters gives an invalid-suppression finding whose
// message is cut as other findings' are (linter.Pass.Report), not one of
// 100 KB in every format.
func TestLongSuppressionMessageCapped(t *testing.T) {
	dir := t.TempDir()
	src := "# iamlint:ignore " + strings.Repeat("a", 100000) + " -- reason\n" + `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	run([]string{"--format", "json", "--fail-on", "none", dir}, nil, &out, &errb)
	var rep struct {
		Findings []struct{ Rule, Message string }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	n := 0
	for _, f := range rep.Findings {
		if f.Rule != "invalid-suppression" {
			continue
		}
		n++
		if m := f.Message; len(m) > 2100 || !strings.HasPrefix(m, `unknown rule "aaa`) || !strings.HasSuffix(m, " more bytes)") {
			t.Errorf("message of %d bytes: %.80q...%q", len(m), m, m[max(len(m)-40, 0):])
		}
	}
	if n != 1 {
		t.Errorf("%d invalid-suppression findings, want 1", n)
	}
}

// TestControlCharactersNotPrinted: a file name holding an escape sequence
// or a newline (a hostile repository's) and messages quoting it reach
// neither the text report nor stderr raw: the terminal or the CI log would
// run the sequence (clear a line, recolour, retitle) or show a forged line.
// They are shown as U+FFFD, as in source snippets.
func TestControlCharactersNotPrinted(t *testing.T) {
	dir := t.TempDir()
	policy := "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = \"*\", Resource = \"*\" }] })\n}\n"
	for _, name := range []string{"a\x1b[2K\x1b]0;title\a.tf", "b\nmain.tf:1:1: critical fake.tf", "c.tf"} {
		src := policy
		if name == "c.tf" {
			src = "locals {\n  x = \"\x1b[31m\n" // an unterminated string: a parse error quoting it
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Skip("file names with control characters:", err)
		}
	}
	for _, format := range []string{"text", "json", "github"} {
		var out, errb bytes.Buffer
		run([]string{"--format", format, "--fail-on", "none", dir}, nil, &out, &errb)
		for what, b := range map[string]string{"stdout": out.String(), "stderr": errb.String()} {
			if format == "json" && what == "stdout" {
				continue // JSON escapes them
			}
			if strings.ContainsAny(b, "\x1b\a") || strings.Contains(b, "\nmain.tf:1:1: critical fake.tf") {
				t.Errorf("%s %s holds control characters:\n%q", format, what, b)
			}
			if what == "stdout" && format == "text" && !strings.Contains(b, "a\ufffd[2K\ufffd]0;title\ufffd.tf:2:") {
				t.Errorf("%s %s: no finding in the escaped file name:\n%s", format, what, b)
			}
		}
	}
}
