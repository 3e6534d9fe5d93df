package linter_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// Inputs of 100 MB: run with IAMLINT_HUGE=1 (they take several seconds and
// hundreds of MB; the normal suite checks the 100 MB policy file refusal in
// package load).

func hugeOnly(t *testing.T) {
	t.Helper()
	if os.Getenv("IAMLINT_HUGE") == "" {
		t.Skip("set IAMLINT_HUGE=1 to run the 100 MB inputs")
	}
}

// peakRSS returns the process's peak resident set size in MB (Linux), or 0.
func peakRSS() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int
			for _, c := range strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")) {
				kb = kb*10 + int(c-'0')
			}
			return kb >> 10
		}
	}
	return 0
}

// TestHugeSingleLineStringInPlan: a plan on one line whose policy holds a
// 100 MB action name, next to a normal policy: linted, within bounded time.
func TestHugeSingleLineStringInPlan(t *testing.T) {
	hugeOnly(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "plan.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, _ = w.WriteString(`{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[` +
		`{"address":"aws_iam_policy.big","mode":"managed","type":"aws_iam_policy","name":"big","change":{"actions":["create"],"before":null,` +
		`"after":{"name":"big","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:`)
	chunk := bytes.Repeat([]byte("G"), 1<<20)
	for i := 0; i < 100; i++ {
		_, _ = w.Write(chunk) // an error shows at Flush
	}
	_, _ = w.WriteString(`\",\"Resource\":\"*\"}]}"},"after_unknown":{}}},` +
		`{"address":"aws_iam_policy.ok","mode":"managed","type":"aws_iam_policy","name":"ok","change":{"actions":["create"],"before":null,` +
		`"after":{"name":"ok","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}` +
		`],"planned_values":{"root_module":{}}}`)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	before := peakRSS()
	start := time.Now()
	res := lintBounded(t, 60*time.Second, linter.Options{Paths: []string{p}})
	t.Logf("100 MB plan: %v, peak RSS %d MB (before: %d MB)", time.Since(start), peakRSS(), before)
	var big, ok bool
	for _, fd := range res.Findings {
		big = big || fd.Resource == "aws_iam_policy.big" && fd.Rule == "policy-too-large"
		ok = ok || fd.Resource == "aws_iam_policy.ok" && fd.Rule == "wildcard-action"
	}
	if !big || !ok {
		t.Errorf("want policy-too-large on big and wildcard-action on ok; findings %d, errors %+v", len(res.Findings), res.Errors)
	}
	for _, fd := range res.Findings {
		if len(fd.Message) > 2100 {
			t.Errorf("%s message of %d bytes", fd.Rule, len(fd.Message))
		}
	}
	for _, e := range res.Errors {
		if strings.Contains(strings.ToLower(e.Message), "internal error") {
			t.Errorf("panic: %.300s", e.Message)
		}
	}
}
