package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadFlagNamed: a limit out of range is named with the value given
// (the message named all three limits at once), --max-instances has a
// ceiling, and an empty report file
// name is refused (-o "" wrote the report to stdout), as is an empty
// --var-file, --config, --baseline or --source.
func TestBadFlagNamed(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`resource "aws_iam_user" "u" { name = "u" }`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-instances", "0"}, "iamlint: --max-instances must be positive (got 0)\n"},
		// A count that big was allocated at once: "fatal error: out of
		// memory" (--max-instances 1000000000, count = 1e9).
		{[]string{"--max-instances", "1000000000"}, "iamlint: --max-instances must be at most 100000 (got 1000000000)\n"},
		{[]string{"--max-module-depth", "-3"}, "iamlint: --max-module-depth must be positive (got -3)\n"},
		// A chain of 10,000 distinct modules ran out of memory with
		// --max-module-depth 1000000.
		{[]string{"--max-module-depth", "1000000"}, "iamlint: --max-module-depth must be at most 100 (got 1000000)\n"},
		// 700 bytes a value: 10 million values took 7 GB; a larger number
		// turned the bound off.
		{[]string{"--max-policy-values", "9223372036854775807"}, "iamlint: --max-policy-values must be at most 10000000 (got 9223372036854775807)\n"},
		{[]string{"--max-file-size", "0"}, "iamlint: --max-file-size must be positive (got 0)\n"},
		{[]string{"-o", ""}, "iamlint: -o needs a file name\n"},
		{[]string{"--output", ""}, "iamlint: --output needs a file name\n"},
		{[]string{"--write-baseline", ""}, "iamlint: --write-baseline needs a file name\n"},
		// It was read as a file named "": "iamlint:1:1: error: Cannot read
		// file: open : no such file or directory" (red team 23).
		{[]string{"--var-file", ""}, "iamlint: --var-file needs a file name\n"},
		{[]string{"--var-file", "x.tfvars", "--var-file", ""}, "iamlint: --var-file needs a file name\n"},
		// They ran as if not given (an unset variable in a CI script): the
		// .iamlint.hcl found instead or none, every finding reported, the
		// plan's own directory as its source (red team 40).
		{[]string{"--config", ""}, "iamlint: --config needs a file name\n"},
		{[]string{"--config=", "--baseline", "b.json"}, "iamlint: --config needs a file name\n"},
		{[]string{"--baseline", ""}, "iamlint: --baseline needs a file name\n"},
		{[]string{"--source", ""}, "iamlint: --source needs a directory name\n"},
		// It wrote a file named "-" (red team 40).
		{[]string{"--write-baseline", "-"}, "iamlint: --write-baseline needs a file name: \"-\" is not standard output here (the report is); ./- names a file \"-\"\n"},
	} {
		var out, errb bytes.Buffer
		code := run(append(c.args, dir), nil, &out, &errb)
		if code != exitError || !strings.HasPrefix(errb.String(), c.want) || out.Len() != 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr starts %q; want 2, no stdout and %q", c.args, code, out.String(), firstLine(errb.String()), c.want)
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i+1]
	}
	return s
}

// TestLimitFlagsDecimal: --max-instances, --max-module-depth and
// --max-policy-values are decimal: 010 is ten (it was eight, octal: a
// count of 9 was "more than the limit of 8"), 08 is eight (it was "parse
// error"), and 0x10 is refused (it was sixteen).
func TestLimitFlagsDecimal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"aws_iam_user\" \"u\" {\n  count = 9\n  name  = \"u${count.index}\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--max-instances", "010"}, exitOK, ""},
		{[]string{"--max-instances", "08"}, exitError, "main.tf:2:11: error: Too many instances: count is 9, more than the limit of 8 (--max-instances)"},
		{[]string{"--max-instances", "0x10"}, exitError, `invalid value "0x10" for flag -max-instances: want a whole number in decimal digits`},
		{[]string{"--max-module-depth", "0o7"}, exitError, `invalid value "0o7" for flag -max-module-depth: want a whole number in decimal digits`},
		{[]string{"--max-policy-values", "1_000"}, exitError, `invalid value "1_000" for flag -max-policy-values: want a whole number in decimal digits`},
		{[]string{"--max-policy-values", "99999999999999999999"}, exitError, `invalid value "99999999999999999999" for flag -max-policy-values: 99999999999999999999 is out of range`},
	} {
		var out, errb bytes.Buffer
		code := run(append(c.args, dir), nil, &out, &errb)
		got := firstLine(errb.String())
		if code != c.code || c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%q: exit %d, stderr starts %q; want %d and %q", c.args, code, got, c.code, c.want)
		}
	}
}

// TestDashedPathHint: a path that starts with "-" is taken for a flag
// ("flag provided but not defined: -x.tf" and the usage, no more); when a
// file has that name, a last line says how to give it. An unknown flag
// that names no file gets no such line.
func TestDashedPathHint(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "-x.tf"), []byte(`resource "aws_iam_user" "u" { name = "u" }`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	var out, errb bytes.Buffer
	if code := run([]string{"-x.tf"}, nil, &out, &errb); code != exitError {
		t.Errorf("-x.tf: exit %d, want 2", code)
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	if want := `iamlint: -x.tf is a path: give -- before paths that start with "-" (iamlint -- -x.tf), or ./-x.tf`; lines[len(lines)-1] != want {
		t.Errorf("-x.tf: last line %q, want %q", lines[len(lines)-1], want)
	}
	errb.Reset()
	if code := run([]string{"--no-such-flag", "."}, nil, &out, &errb); code != exitError || strings.Contains(errb.String(), "is a path") {
		t.Errorf("--no-such-flag: exit %d, stderr %q", code, errb.String())
	}
	errb.Reset()
	if code := run([]string{"--", "-x.tf"}, nil, &out, &errb); code != exitOK {
		t.Errorf("-- -x.tf: exit %d, stderr %q", code, errb.String())
	}
}
