package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// watched is a plan on standard input that notes whether it was read.
type watched struct {
	r    *strings.Reader
	read bool
}

func (w *watched) Read(p []byte) (int, error) {
	w.read = true
	return w.r.Read(p)
}

const baselinePlan = `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [
 {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p",
  "values": {"name": "p", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}]}}}`

// TestBaselineFailsFast: a --baseline that is missing, not JSON, truncated,
// empty or of another version stops the run before the scan (the plan on
// standard input is not read; it was, the whole scan ran first), exit 2,
// with the file name and, for JSON errors, its line and column.
func TestBaselineFailsFast(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct{ file, want string }{
		{filepath.Join(dir, "nope.json"), "nope.json: no such file"},
		{write("syntax.json", "{\"version\": 1,\n  \"findings\": [x"), "syntax.json:2:16: not valid JSON: invalid character 'x' looking for beginning of value\n"},
		{write("type.json", "{\"version\": 1,\n \"findings\": [\n  {\"fingerprint\": 3}]}"), "type.json:3:19: \"fingerprint\" of finding 1 should be a string, found a number\n"},
		{write("short.json", `{"version": 1,`), "short.json:1:15: the JSON ends early (a truncated file?)\n"},
		{write("empty.json", ""), "empty.json: baseline: the file is empty"},
		{write("v2.json", `{"version": 2, "findings": []}`), "v2.json: baseline: version 2 is not supported"},
		// Refused from its size, unread (it was read up to the first NUL).
		{sparse(t, filepath.Join(dir, "huge.json"), `{"version": 1, "findings": [`, 513<<20), "huge.json: baseline: more than 536870912 bytes"},
	} {
		in := &watched{r: strings.NewReader(baselinePlan)}
		var out, errb bytes.Buffer
		code := run([]string{"--baseline", tc.file, "-"}, in, &out, &errb)
		if code != exitError || !strings.Contains(errb.String(), "--baseline: ") || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", filepath.Base(tc.file), code, errb.String(), tc.want)
		}
		if in.read || out.Len() > 0 {
			t.Errorf("%s: the plan was read (scanned) before the bad baseline stopped the run; stdout %q", filepath.Base(tc.file), out.String())
		}
	}
}

// TestBaselineWithWriteBaseline: --baseline and --write-baseline naming the
// same file still read it after writing it (this run's findings are the
// baseline: nothing new, exit 0), even when it did not exist before; with
// two files, the old baseline is applied and the new one written.
func TestBaselineWithWriteBaseline(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(plan, []byte(baselinePlan), 0o644); err != nil {
		t.Fatal(err)
	}
	b := filepath.Join(dir, "b.json")
	var out, errb bytes.Buffer
	if code := run([]string{"--write-baseline", b, "--baseline", b, plan}, nil, &out, &errb); code != exitOK ||
		!strings.Contains(out.String(), "0 findings") || !strings.Contains(out.String(), "suppressed") {
		t.Fatalf("same file: exit %d\n%s%s", code, out.String(), errb.String())
	}
	empty := filepath.Join(dir, "empty.json")
	if err := os.WriteFile(empty, []byte(`{"version": 1, "tool": "iamlint", "findings": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	b2 := filepath.Join(dir, "b2.json")
	out.Reset()
	errb.Reset()
	if code := run([]string{"--baseline", empty, "--write-baseline", b2, plan}, nil, &out, &errb); code != exitFindings {
		t.Fatalf("two files: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if got, err := os.ReadFile(b2); err != nil || !bytes.Equal(got, mustRead(t, b)) {
		t.Errorf("written baseline %q (%v), want the same as %s", got, err, b)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sparse writes a file of size bytes that starts with head, the rest a hole
// (no disk used where the file system has holes).
func sparse(t *testing.T, p, head string, size int64) string {
	t.Helper()
	if err := os.WriteFile(p, []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, size); err != nil {
		t.Fatal(err)
	}
	return p
}
