package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "4194304": 4 << 20, "4MiB": 4 << 20, "4mb": 4 << 20, "512KiB": 512 << 10,
		"1G": 1 << 30, " 2 MiB ": 2 << 20, "100B": 100} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "x", "4TiB", "1.5MiB", "99999999999999999999"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}

// TestLimitFlags runs the command with each resource limit set low enough to
// be hit: each gives a located error and exit status 2.
func TestLimitFlags(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `resource "aws_iam_user" "u" {
  count = 5
  name  = "u${count.index}"
}
module "a" {
  source = "./a"
}
`)
	write("a/main.tf", `module "b" {
  source = "./b"
}
`)
	write("a/b/main.tf", `resource "aws_iam_user" "b" { name = "b" }`)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-instances", "2"}, "main.tf:2:11: error: Too many instances"},
		{[]string{"--max-module-depth", "1"}, "Module nesting too deep"},
		{[]string{"--max-file-size", "10B"}, "main.tf:1:1: error: File too large"},
		{[]string{"--max-file-size", "1KiB"}, ""},
	} {
		var out, errb bytes.Buffer
		args := append(append([]string{"--format", "json"}, c.args...), filepath.Join(dir))
		code := run(args, nil, &out, &errb)
		if c.want == "" {
			if code != 0 {
				t.Errorf("%v: exit %d, stderr %s", c.args, code, errb.String())
			}
			continue
		}
		if code != exitError || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errb.String(), c.want)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--max-instances", "0", dir}, nil, &out, &errb); code != exitError || !strings.Contains(errb.String(), "must be positive") {
		t.Errorf("--max-instances 0: exit %d, %s", code, errb.String())
	}
}
