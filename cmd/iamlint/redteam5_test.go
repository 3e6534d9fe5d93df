package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMaxFileSizeZero: --max-file-size 0 is refused like --max-instances 0
// ("must be positive"); it silently meant the default, 4 MiB, so a user
// asking for no limit (or none at all) got files over 4 MiB refused.
func TestMaxFileSizeZero(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`resource "aws_iam_user" "u" { name = "u" }`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"0", "0KiB"} {
		var out, errb bytes.Buffer
		if code := run([]string{"--max-file-size", v, dir}, nil, &out, &errb); code != exitError || !strings.Contains(errb.String(), "must be positive") {
			t.Errorf("--max-file-size %s: exit %d, stderr %q; want 2 and 'must be positive'", v, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{dir}, nil, &out, &errb); code != exitOK {
		t.Errorf("no --max-file-size: exit %d, stderr %q", code, errb.String())
	}
}
