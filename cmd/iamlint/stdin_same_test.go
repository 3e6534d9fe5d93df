package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command hands the linter standard input through planSniffer, which
// passes its Stat on: iamlint plan.json - < plan.json lints the plan once,
// with a notice at <stdin> (it was linted twice, each finding reported
// twice). A pipe cannot be told from another plan and is linted.
func TestStdinRedirectedFromNamedPlan(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	src := `{"format_version":"1.2","planned_values":{"root_module":{"resources":[` +
		`{"address":"aws_iam_policy.a","mode":"managed","type":"aws_iam_policy","name":"a","values":{"name":"a","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}]}}}`
	if err := os.WriteFile(plan, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(plan)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out, errb bytes.Buffer
	run([]string{"--format", "json", "--fail-on", "none", "--enable", "wildcard-action", plan, "-"}, f, &out, &errb)
	s := out.String()
	if !strings.Contains(s, `"findings": 1,`) || !strings.Contains(s, "Plan named twice: <stdin> is the same file as "+plan+" (standard input is redirected from it)") {
		t.Errorf("plan.json - < plan.json: want 1 finding and a notice at <stdin>; got %s\nstderr: %s", s, errb.String())
	}
	out.Reset()
	errb.Reset()
	run([]string{"--format", "json", "--fail-on", "none", "--enable", "wildcard-action", plan, "-"}, strings.NewReader(src), &out, &errb)
	if s := out.String(); !strings.Contains(s, `"findings": 2,`) || strings.Contains(s, "Plan named twice") {
		t.Errorf("plan.json - with the plan piped: want 2 findings, no notice; got %s", s)
	}
}
