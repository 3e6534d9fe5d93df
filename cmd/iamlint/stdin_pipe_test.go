package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestPlanPipedLikeFile: a plan of several hundred kilobytes (read from a
// pipe in several chunks, readBounded) gives the same report on standard
// input as from a file, but for its name.
func TestPlanPipedLikeFile(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [`)
	for i := 0; i < 4000; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"address": "aws_iam_policy.p%d", "mode": "managed", "type": "aws_iam_policy", "name": "p%d",`+
			` "values": {"name": "p%d", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b%d/*\"}]}"}}`, i, i, i, i)
	}
	b.WriteString(`]}}}`)
	plan := b.String()
	if len(plan) < 3*firstChunkForTest {
		t.Fatalf("plan of %d bytes: too small to span chunks", len(plan))
	}
	t.Chdir(t.TempDir())
	file := "plan.json"
	if err := os.WriteFile(file, []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	var fout, ferr bytes.Buffer
	fcode := run([]string{"--format", "json", file}, nil, &fout, &ferr)

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		_, _ = w.WriteString(plan)
		_ = w.Close()
	}()
	var pout, perr bytes.Buffer
	pcode := run([]string{"--format", "json", "-"}, r, &pout, &perr)
	// Fingerprints hash the file name.
	norm := func(s string) string {
		return fingerprintLine.ReplaceAllString(strings.ReplaceAll(s, `"<stdin>"`, `"`+file+`"`), "")
	}
	got, want := norm(pout.String()), norm(fout.String())
	if pcode != fcode || fcode != exitFindings || got != want || !strings.Contains(want, `"aws_iam_policy.p3999"`) {
		t.Errorf("pipe: exit %d (file %d); stderr %q; reports equal: %v", pcode, fcode, perr.String(), got == want)
	}
}

var fingerprintLine = regexp.MustCompile(`(?m)^\s*"fingerprint": "[0-9a-f]+",?\n`)

// firstChunkForTest is linter's first read chunk (256 KiB).
const firstChunkForTest = 256 << 10
