package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagValuesOnStderrPrintable: a control character, a bidirectional
// control or an invalid byte that a message quotes from the command line
// (an --output, --baseline or --write-baseline name, a flag the flag
// package does not know) reaches stderr as U+FFFD, as the errors and
// notices about files do. Before, "iamlint: --baseline: open
// /nope\x1b[31m: ..." and "flag provided but not defined: -\x1b[31m" wrote
// the escape sequence raw (the terminal turned red).
func TestFlagValuesOnStderrPrintable(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_iam_user\" \"u\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nope")
	bad := "\x1b[31m\x1b]0;title\a\r\u202e\xff"
	for _, args := range [][]string{
		{"--baseline", missing + bad, dir},
		{"--output", missing + "/" + bad, dir},
		{"--write-baseline", missing + "/" + bad, dir},
		{"--output", filepath.Join(dir, bad+".tf"), dir},
		{"--" + bad, dir},
		{"--format", bad, dir},
		{"explain", bad},
	} {
		var out, errb bytes.Buffer
		if code := run(args, nil, &out, &errb); code != exitError {
			t.Errorf("%q: exit %d, want %d", args, code, exitError)
		}
		got := errb.String()
		if strings.ContainsAny(got, "\x1b\a\r\u202e") || strings.Contains(got, "\xff") {
			t.Errorf("%q: stderr holds control characters:\n%q", args, got)
		}
		if !strings.Contains(got, "\ufffd[31m\ufffd]0;title\ufffd\ufffd\ufffd\ufffd") && args[0] != "explain" && args[0] != "--format" {
			t.Errorf("%q: stderr does not show the name with U+FFFD:\n%q", args, got)
		}
	}
}

// TestOutputTerraformNameMasked: --output naming a new Terraform file is
// refused, and the name, only an argument (nothing is there), is masked
// when it has a credential's form, as in the other messages about paths.
// Before, "iamlint: --output: AKIAIOSFODNN7EXAMPLE.tf is the name of a
// Terraform file" printed the key.
func TestOutputTerraformNameMasked(t *testing.T) {
	dir := t.TempDir()
	for _, flag := range []string{"--output", "--write-baseline"} {
		var out, errb bytes.Buffer
		code := run([]string{flag, filepath.Join(dir, "AKIAIOSFODNN7EXAMPLE.tf"), dir}, nil, &out, &errb)
		if code != exitError || !strings.Contains(errb.String(), "AKIA****************.tf is the name of a Terraform file") {
			t.Errorf("%s: exit %d, stderr %q", flag, code, errb.String())
		}
		if strings.Contains(errb.String(), "IOSFODNN") {
			t.Errorf("%s: stderr holds the key: %q", flag, errb.String())
		}
	}
}

// TestPrintableWriterPieces: a character that a caller writes in two pieces
// is whole on stderr, and one left cut at the end is U+FFFD.
func TestPrintableWriterPieces(t *testing.T) {
	var b bytes.Buffer
	pw := &printableWriter{w: &b}
	for _, p := range []string{"caf\xc3", "\xa9 \xe2\x80", "\xae x\n", "tab\tok\n", "end\xf0\x9f"} {
		if n, err := pw.Write([]byte(p)); n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", p, n, err)
		}
	}
	pw.flush()
	if want := "café \ufffd x\ntab\tok\nend\ufffd\ufffd"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
