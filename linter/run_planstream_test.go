package linter_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanStreamed lints every plan of the test data and the corpus, and
// generated ones, streamed (the values of their resources built and
// extracted a chunk at a time, down to one block a chunk, so that every
// link between blocks crosses chunks) and loaded whole: the reports are
// the same.
// jsonAndText lints opts and returns the JSON report followed by the text
// report.
func jsonAndText(t *testing.T, opts linter.Options) string {
	t.Helper()
	res, err := linter.Lint(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	meta := report.Meta{ToolName: "iamlint", Rules: rules.All}
	if err := report.JSON(&b, res, meta); err != nil {
		t.Fatal(err)
	}
	if err := report.Text(&b, res, meta); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestPlanStreamed(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "plans", "*", "*.json"))
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "plans", "*", "*.json"))
	paths = append(paths, corpus...)
	dir := t.TempDir()
	for _, size := range []int64{1 << 20, 5 << 20} {
		var buf bytes.Buffer
		if _, err := estate.WritePlan(&buf, size); err != nil {
			t.Fatal(err)
		}
		gen := filepath.Join(dir, fmt.Sprintf("plan%d.json", size))
		if err := os.WriteFile(gen, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, gen)
	}
	// The roles read back the policies that resources after them manage
	// (dropReadBack).
	readBack := filepath.Join(dir, "readback.json")
	if err := os.WriteFile(readBack, []byte(readBackPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, readBack)
	if len(paths) < 20 {
		t.Fatalf("%d plans", len(paths))
	}
	out := func(p string, minSize, chunk int) string {
		defer linter.SetPlanStream(minSize, chunk)()
		return jsonAndText(t, linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true})
	}
	lines := 0
	for _, p := range paths {
		if filepath.Base(p) == "SOURCE.json" || (raceEnabled && filepath.Dir(p) != dir) {
			continue
		}
		want := out(p, math.MaxInt, 0) // never streamed
		lines += bytes.Count([]byte(want), []byte("\n"))
		chunks := []int{1, 7, 8192}
		if filepath.Dir(p) == dir && p != readBack {
			chunks = []int{1000, 8192}
		}
		for _, chunk := range chunks {
			if got := out(p, 0, chunk); got != want {
				t.Errorf("%s: streamed %d blocks at a time, the report differs:\n%s\nwant\n%s", p, chunk, got, want)
			}
		}
	}
	if lines < 1000 {
		t.Errorf("only %d lines of reports in all", lines)
	}
}

// readBackPlan is a plan whose role shows, in inline_policy and
// managed_policy_arns, policies that resources after it manage.
const readBackPlan = `{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["update"],
 "after":{"name":"r","assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}",
  "inline_policy":[{"name":"p1","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},
   {"name":"p2","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"}],
  "managed_policy_arns":["arn:aws:iam::aws:policy/AdministratorAccess","arn:aws:iam::aws:policy/IAMFullAccess","arn:aws:iam::aws:policy/PowerUserAccess"]},
 "after_unknown":{"arn":true}}},
{"address":"aws_iam_role_policy.p1","mode":"managed","type":"aws_iam_role_policy","name":"p1","change":{"actions":["create"],
 "after":{"role":"r","name":"p1","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{"id":true}}},
{"address":"aws_iam_role_policy_attachment.a","mode":"managed","type":"aws_iam_role_policy_attachment","name":"a","change":{"actions":["create"],
 "after":{"role":"r","policy_arn":"arn:aws:iam::aws:policy/AdministratorAccess"},"after_unknown":{"id":true}}},
{"address":"aws_iam_policy_attachment.b","mode":"managed","type":"aws_iam_policy_attachment","name":"b","change":{"actions":["create"],
 "after":{"name":"b","roles":["r"],"policy_arn":"arn:aws:iam::aws:policy/IAMFullAccess"},"after_unknown":{"id":true}}}
]}`
