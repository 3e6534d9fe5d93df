package linter_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// TestErrorsCappedPerFile: errors said after parsing are capped per file as
// parse errors are: a .tf.json whose locals set "a" 20,000 times had
// 19,999 "Duplicate attribute definition" errors listed (350,000 of them in
// 2.4 MB: 7 s, 1 GB, as many lines on stdout and stderr). The first 1,000
// are listed, in order, and one more counts the rest; the policy of the
// file is linted, and another file's errors are not cut.
func TestErrorsCappedPerFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf.json", `{"locals": {`+strings.Repeat(`"a": 1, `, 20000)+`"b": 2}, "resource": {"aws_iam_policy": {"p": {"policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}}}`)
	writeFile(t, dir, "other.tf.json", `{"locals": {"c": 1, "c": 2}}`)
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	var mine []linter.Error
	others := 0
	for _, e := range res.Errors {
		switch {
		case strings.HasSuffix(e.File, "main.tf.json"):
			mine = append(mine, e)
		case strings.HasSuffix(e.File, "other.tf.json"):
			others++
		}
	}
	if len(mine) != 1001 || others != 1 {
		t.Fatalf("%d errors in main.tf.json (want 1001), %d in other.tf.json (want 1)", len(mine), others)
	}
	if !strings.HasPrefix(mine[0].Message, "Duplicate attribute definition") || mine[0].Column != 21 {
		t.Errorf("first error: %+v", mine[0])
	}
	last := mine[1000]
	want := fmt.Sprintf("Too many errors: %s has 18999 more errors, not listed.", last.File)
	if last.Message != want || last.Line != 1 || last.Column != 21+8*1000 {
		t.Errorf("last error: %+v, want %q at 1:%d", last, want, 21+8*1000)
	}
	if res.Summary.Errors != len(res.Errors) {
		t.Errorf("summary says %d errors, %d listed", res.Summary.Errors, len(res.Errors))
	}
	found := false
	for _, f := range res.Findings {
		found = found || f.Rule == "wildcard-action"
	}
	if !found {
		t.Error("the policy of main.tf.json is not linted")
	}
}
