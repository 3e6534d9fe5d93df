package linter_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanTwins checks the plan twins in ../testdata/plans/<rule>__<case>/:
// case.plan.json is the plan (`terraform show -json`, written by hand) that
// Terraform would produce for the HCL golden case rules/testdata/<rule>/<case>.
// For each twin, with that rule only:
//   - the plan linted with the HCL case as its source (--source) yields the
//     same (address, rule) pairs as the HCL case itself, every finding located
//     in the case's .tf files, and no notice;
//   - those pairs are case.plan.json.want ("address rule-id" per line);
//   - the plan linted alone yields case.plan.json.want-nosource when the twin
//     has one (policies unknown until apply cannot be linted from the plan
//     alone: each is a notice instead), else case.plan.json.want too.
func TestPlanTwins(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "plans", "*__*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 10 {
		t.Fatalf("%d plan twins, want at least 10", len(dirs))
	}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		ruleID, caseName, _ := strings.Cut(name, "__")
		t.Run(name, func(t *testing.T) {
			r := rules.ByID(ruleID)
			if r == nil {
				t.Fatalf("no rule %s", ruleID)
			}
			hclDir := filepath.Join("..", "rules", "testdata", ruleID, caseName)
			planFile := filepath.Join(dir, "case.plan.json")
			rs := []*linter.Rule{r}

			hcl := lint(t, linter.Options{Paths: []string{hclDir}, Rules: rs})
			withSource := lint(t, linter.Options{Paths: []string{planFile}, Source: hclDir, Rules: rs})
			alone := lint(t, linter.Options{Paths: []string{planFile}, Rules: rs})

			want := readWant(t, planFile+".want")
			if got := pairs(hcl); !eq(got, want) {
				t.Errorf("HCL case %s: %v, want (case.plan.json.want) %v", hclDir, got, want)
			}
			if got := pairs(withSource); !eq(got, want) {
				t.Errorf("plan with --source: %v, want %v", got, want)
			}
			for _, f := range withSource.Findings {
				if !strings.HasSuffix(f.Range.Filename, ".tf") {
					t.Errorf("plan with --source: %s %s located at %s, want the .tf source", f.Resource, f.Rule, f.Range)
				}
			}
			for _, n := range withSource.Notices {
				t.Errorf("plan with --source: notice %s:%d: %s", n.File, n.Line, n.Message)
			}
			wantAlone := want
			unknown := false
			if _, err := os.Stat(planFile + ".want-nosource"); err == nil {
				wantAlone = readWant(t, planFile+".want-nosource")
				unknown = true
			}
			if got := pairs(alone); !eq(got, wantAlone) {
				t.Errorf("plan alone: %v, want %v", got, wantAlone)
			}
			if unknown && len(alone.Notices) == 0 {
				t.Errorf("plan alone: policies unknown until apply but no notice")
			}
			if !unknown {
				for _, n := range alone.Notices {
					t.Errorf("plan alone: notice %s:%d: %s", n.File, n.Line, n.Message)
				}
			}
		})
	}
}

func lint(t *testing.T, opts linter.Options) *linter.Result {
	t.Helper()
	res, err := linter.Lint(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("%v: lint error %s:%d:%d: %s", opts.Paths, e.File, e.Line, e.Column, e.Message)
	}
	return res
}

// lintBothLoads lints opts with plans loaded whole and then streamed (a
// chunk per resource), and calls check with each result.
func lintBothLoads(t *testing.T, opts linter.Options, check func(stream bool, res *linter.Result)) {
	t.Helper()
	for _, stream := range []bool{false, true} {
		restore := func() {}
		if stream {
			restore = linter.SetPlanStream(1, 1)
		}
		res := lint(t, opts)
		restore()
		check(stream, res)
	}
}

func readWant(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}
