package linter_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// sharedModuleRoots writes roots r00..r<n-1>, each calling ../.shared (a
// hidden directory: not a root of its own), a module of a policy granting
// "*" and, with padTokens, a list of about that many tokens.
func sharedModuleRoots(t *testing.T, n, padTokens int) string {
	t.Helper()
	mod := `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`
	if padTokens > 0 {
		mod += "locals {\n  pad = [" + strings.Repeat("1,", padTokens/2) + "1]\n}\n"
	}
	files := map[string]string{".shared/main.tf": mod}
	for r := range n {
		files[fmt.Sprintf("r%02d/main.tf", r)] = "module \"m\" {\n  source = \"../.shared\"\n}\n"
	}
	return writeTree(t, files)
}

// repeatErrors returns the errors of res that say a module called again
// was not evaluated, by file.
func repeatErrors(res *linter.Result) []string {
	var at []string
	for _, e := range res.Errors {
		if strings.Contains(e.Message, "Too many tokens in modules called again") {
			at = append(at, fmt.Sprintf("%s:%d", filepath.ToSlash(e.File), e.Line))
		}
	}
	sort.Strings(at)
	return at
}

// sharedFindings returns the findings of res in the shared module, as
// rule and line.
func sharedFindings(res *linter.Result) []string {
	var fs []string
	for _, f := range res.Findings {
		if strings.HasSuffix(filepath.ToSlash(f.Range.Filename), ".shared/main.tf") {
			fs = append(fs, fmt.Sprintf("%s:%d %s", f.Rule, f.Range.Start.Line, f.Resource))
		}
	}
	sort.Strings(fs)
	return fs
}

// Roots that call one module directory each evaluate it again: a run of
// many roots calling a module near the tokens a root may hold (twenty
// calling a 3.6 MB policy of 250,000 actions: 37 s and 2.2 GB) draws
// these repeated tokens, past a tenth of a root's limit each, from a pool
// the run's roots share (3 times a root's limit, 6,291,456 tokens); once
// spent, a root's call is not evaluated, with an error at it. Here eleven
// roots call a module of a million tokens: the first is free, the next
// eight draw 790,000 each, the last two are cut (which two depends on the
// order the roots finish in). The module's findings are those of a root
// linted alone, once; eleven roots calling a small module draw nothing.
func TestRootsSharedModuleRepeatBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds")
	}
	lint := func(paths ...string) *linter.Result {
		t.Helper()
		res, err := linter.Lint(context.Background(), linter.Options{Paths: paths, Rules: rules.All})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	small := sharedModuleRoots(t, 11, 0)
	alone := lint(filepath.Join(small, "r05"))
	want := sharedFindings(alone)
	if len(want) == 0 || len(alone.Errors) != 0 {
		t.Fatalf("alone: findings %v, errors %v", want, alone.Errors)
	}
	res := lint(small)
	if len(res.Errors) != 0 {
		t.Errorf("small module: want no error, got %v", res.Errors)
	}
	if got := sharedFindings(res); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("small module: findings in the module\n%v\nwant (one root alone)\n%v", got, want)
	}

	big := sharedModuleRoots(t, 11, 1_000_000)
	res = lint(big)
	errs := repeatErrors(res)
	if len(errs) != 2 || len(res.Errors) != 2 {
		t.Errorf("want 2 errors of a module called again, got %v (all: %v)", errs, res.Errors)
	}
	for _, at := range errs {
		if !strings.HasSuffix(at, "/main.tf:1") || !strings.Contains(at, "/r") {
			t.Errorf("error at %s, want at a root's module call", at)
		}
	}
	if len(res.Errors) > 0 && !strings.Contains(res.Errors[0].Message, "Lint the roots that call it on their own") {
		t.Errorf("error does not say what to do: %s", res.Errors[0].Message)
	}
	if got := sharedFindings(res); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("big module: findings in the module\n%v\nwant (one root alone)\n%v", got, want)
	}
	// A root linted on its own evaluates it.
	if alone := lint(filepath.Join(big, "r10")); len(alone.Errors) != 0 || strings.Join(sharedFindings(alone), "\n") != strings.Join(want, "\n") {
		t.Errorf("big module, one root alone: errors %v, findings %v", alone.Errors, sharedFindings(alone))
	}
}

// The findings in a module directory that many roots call are each
// root's again: those dedupe would drop whatever else is found (the same
// but for the root's own call, of roots called by none; rootRun.repeats)
// are left out before they are unpacked, and the reports are those of the
// whole model. Shapes: roots calling the module directly; roots calling it
// through one intermediate module (the same chain but for the root's
// call), and through two intermediate modules of the same call names (the
// chains differ inside: not left out); a root that another root calls
// (its findings are not left out, as the caller's chain extends them).
func TestRootsSharedModuleRepeats(t *testing.T) {
	mod := `variable "n" { default = "x" }
resource "aws_iam_policy" "p" {
  name   = var.n
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObjectz", "*"], Resource = "*" }] })
}
`
	call := func(name, src string) string {
		return fmt.Sprintf("module %q {\n  source = %q\n}\n", name, src)
	}
	for _, tc := range []struct {
		name    string
		files   map[string]string
		dropped bool
	}{
		{"direct", map[string]string{
			"shared/main.tf": mod,
			"r0/main.tf":     call("m", "../shared"), "r1/main.tf": call("m", "../shared"),
			"r2/main.tf": call("m", "../shared"), "r3/main.tf": call("m", "../shared"),
		}, true},
		{"through one module", map[string]string{
			"shared/main.tf": mod,
			"mid/main.tf":    call("s", "../shared"),
			"r0/main.tf":     call("m", "../mid"), "r1/main.tf": call("m", "../mid"), "r2/main.tf": call("m", "../mid"),
		}, true},
		{"through two modules", map[string]string{
			"shared/main.tf": mod,
			"mida/main.tf":   call("s", "../shared"), "midb/main.tf": call("s", "../shared"),
			"r0/main.tf": call("m", "../mida"), "r1/main.tf": call("m", "../midb"),
		}, false},
		{"a root called", map[string]string{
			"shared/main.tf": mod,
			"b/main.tf":      call("m", "../shared"),
			"a/main.tf":      call("m", "../b"),
			"c/main.tf":      call("m", "../shared"),
		}, false},
		{"a root called, two not", map[string]string{
			"shared/main.tf": mod,
			"b/main.tf":      call("m", "../shared"),
			"a/main.tf":      call("m", "../b"),
			"c/main.tf":      call("m", "../shared"),
			"d/main.tf":      call("m", "../shared"),
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dropped := 0
			linter.SetRepeatsDropped(func(n int) { dropped += n })
			defer linter.SetRepeatsDropped(nil)
			res, redone := reportsBothWays(t, linter.Options{Paths: []string{writeTree(t, tc.files)}, Rules: rules.All})
			if redone != "" {
				t.Errorf("done again: %s", redone)
			}
			inShared := 0
			for _, f := range res.Findings {
				if strings.HasSuffix(filepath.ToSlash(f.Range.Filename), "shared/main.tf") {
					inShared++
				}
			}
			if inShared == 0 {
				t.Errorf("no finding in shared/main.tf")
			}
			if (dropped > 0) != tc.dropped {
				t.Errorf("%d findings left out as repeats, want some: %v", dropped, tc.dropped)
			}
			t.Logf("%d findings in shared/main.tf, %d left out as repeats (in both runs one root at a time, with and without the principals)", inShared, dropped)
		})
	}
}

// BenchmarkSharedModuleRoots lints 100 roots of one module call each, all
// calling ../.shared, one policy of 50,000 unknown actions (689 KB, within
// the free part of repeated module tokens): each root's findings in the
// module are those of the first root again, left out as soon as the root
// is linted (rootRun.dropRepeated).
func BenchmarkSharedModuleRoots(b *testing.B) {
	dir := b.TempDir()
	var acts strings.Builder
	for i := range 50000 {
		if i > 0 {
			acts.WriteByte(',')
		}
		fmt.Fprintf(&acts, `"s3:Get%d"`, i)
	}
	files := map[string]string{".shared/main.tf": fmt.Sprintf("resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Statement=[{Effect=\"Allow\",Action=[%s],Resource=\"*\"}]})\n}\n", acts.String())}
	for r := range 100 {
		files[fmt.Sprintf("r%03d/main.tf", r)] = "module \"m\" {\n source = \"../.shared\"\n}\n"
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	opts := linter.Options{Paths: []string{dir}, Rules: rules.All}
	var res *linter.Result
	for b.Loop() {
		var err error
		if res, err = linter.Lint(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Summary.Findings), "findings")
}
