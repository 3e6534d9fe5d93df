package linter_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter"
	_ "github.com/iamlint/iamlint/linter/suppress" // the inline suppressor and its directive scan
	"github.com/iamlint/iamlint/rules"
)

// TestNoDirectivesSkipsInline checks that a run whose Terraform sources hold
// no suppression directive (the inline suppressor skipped, the findings not
// anchored at their blocks) gives what running the suppressor gives: on a
// generated estate (findings in module variables' values and locals, away
// from their blocks) with principals, and on the same estate with one
// suppression comment (the suppressor runs either way).
func TestNoDirectivesSkipsInline(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 30}); err != nil {
		t.Fatal(err)
	}
	run := func(skip bool) *linter.Result {
		t.Helper()
		old := *linter.SkipNoDirectives
		*linter.SkipNoDirectives = skip
		defer func() { *linter.SkipNoDirectives = old }()
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All, Principals: true})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	same := func(what string) {
		t.Helper()
		a, b := run(true), run(false)
		if len(a.Findings) == 0 {
			t.Fatalf("%s: no findings", what)
		}
		if !reflect.DeepEqual(a.Findings, b.Findings) || !reflect.DeepEqual(a.Suppressed, b.Suppressed) ||
			!reflect.DeepEqual(a.Notices, b.Notices) || !reflect.DeepEqual(a.Errors, b.Errors) || a.Summary != b.Summary {
			t.Errorf("%s: results differ when the inline suppressor is skipped", what)
		}
		t.Logf("%s: %d findings, %d suppressed", what, len(a.Findings), len(a.Suppressed))
	}
	same("no directives")

	f := filepath.Join(dir, "r00000", "iam_jsonencode.tf")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	at := bytes.Index(src, []byte("resource "))
	if at < 0 {
		t.Fatal("no resource block")
	}
	src = append(append(append([]byte{}, src[:at]...), "# iamlint:ignore wildcard-action -- test\n"...), src[at:]...)
	if err := os.WriteFile(f, src, 0o644); err != nil {
		t.Fatal(err)
	}
	same("one directive")
}
