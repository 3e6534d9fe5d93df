package linter_test

import (
	"bytes"
	"context"
	"fmt"
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
	if len(paths) < 20 {
		t.Fatalf("%d plans", len(paths))
	}
	out := func(p string, minSize, chunk int) string {
		defer linter.SetPlanStream(minSize, chunk)()
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{p}, Rules: rules.All, Principals: true})
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
	lines := 0
	for _, p := range paths {
		if filepath.Base(p) == "SOURCE.json" || (raceEnabled && filepath.Dir(p) != dir) {
			continue
		}
		want := out(p, 1<<62, 0)
		lines += bytes.Count([]byte(want), []byte("\n"))
		chunks := []int{1, 7, 8192}
		if filepath.Dir(p) == dir {
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
