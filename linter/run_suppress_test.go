package linter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// wsTF holds two policies granting "*": a and b.
const wsTF = `resource "aws_iam_policy" "a" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "aws_iam_policy" "b" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`

// actionRule reports every Action "*", with the values of its option "note"
// in the message (to see options arrive).
var actionRule = &Rule{ID: "act", Title: "act", Severity: Low, Check: func(p *Pass) {
	for _, d := range p.Model.Documents {
		for _, s := range d.Statements {
			for _, a := range s.Actions {
				if a.Is("*") {
					p.ReportDoc(d, a.Range.HCL(), 0, "every action; note=%s", strings.Join(p.Option("note"), ","))
				}
			}
		}
	}
}}

var invalidRule = &Rule{ID: InvalidSuppressionRule, Title: "bad suppression", Severity: Medium, Check: func(*Pass) {}}

func lintDir(t *testing.T, files map[string]string, opts Options) *Result {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(wd) })
	if opts.Paths == nil {
		opts.Paths = []string{"."}
	}
	res, err := Lint(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func summary(fs []Finding) string {
	var out []string
	for _, f := range fs {
		s := f.Resource + " " + f.Rule + " " + f.Severity.String()
		if f.Suppression != nil {
			s += " [" + f.Suppression.Kind + ": " + f.Suppression.Reason + "]"
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

func TestRuleOptionsSeveritiesExclude(t *testing.T) {
	res := lintDir(t, map[string]string{"main.tf": wsTF, "gen/x.tf": wsTF}, Options{
		Rules:       []*Rule{actionRule},
		RuleOptions: map[string]map[string][]string{"act": {"note": {"x", "y"}}},
		Severities:  map[string]Severity{"act": Critical},
		Exclude:     func(file string) bool { return strings.HasPrefix(file, "gen/") },
	})
	if got := summary(res.Findings); got != "aws_iam_policy.a act critical; aws_iam_policy.b act critical" {
		t.Errorf("findings: %s", got)
	}
	for _, f := range res.Findings {
		if !strings.HasSuffix(f.Message, "note=x,y") || f.Range.Filename != "main.tf" {
			t.Errorf("finding %s: %s", f.Range.Filename, f.Message)
		}
	}
	// MinSeverity applies to the overridden severity.
	res = lintDir(t, map[string]string{"main.tf": wsTF}, Options{
		Rules: []*Rule{actionRule}, Severities: map[string]Severity{"act": Critical}, MinSeverity: High,
	})
	if len(res.Findings) != 2 {
		t.Errorf("min severity after override: %s", summary(res.Findings))
	}
}

func TestSuppressors(t *testing.T) {
	var seen []string
	sup := func(fs []Finding) (kept, suppressed, problems []Finding) {
		for _, f := range fs {
			seen = append(seen, f.Range.Filename)
			if f.Resource == "aws_iam_policy.b" {
				f.Suppression = &Suppression{Kind: "config", Reason: "ok"}
				suppressed = append(suppressed, f)
				continue
			}
			kept = append(kept, f)
		}
		problems = append(problems, Finding{Rule: InvalidSuppressionRule, Severity: Medium, Message: "unused ignore",
			Range: rangeIn(t, ".iamlint.hcl", 3)})
		return kept, suppressed, problems
	}
	files := map[string]string{"main.tf": wsTF, ".iamlint.hcl": "x = 1\n"}

	// Below MinSeverity, findings still reach the suppressor (so its
	// suppressions are not unused), then neither list holds them.
	res := lintDir(t, files, Options{Rules: []*Rule{actionRule, invalidRule}, Suppressors: []Suppressor{sup}, MinSeverity: Medium})
	if len(seen) != 2 || seen[0] != "main.tf" {
		t.Errorf("suppressor saw %v, want the 2 findings with relative names", seen)
	}
	if got := summary(res.Findings); got != " invalid-suppression medium" || len(res.Suppressed) != 0 {
		t.Errorf("findings %q suppressed %q", got, summary(res.Suppressed))
	}

	res = lintDir(t, files, Options{Rules: []*Rule{actionRule, invalidRule}, Suppressors: []Suppressor{sup}})
	if got := summary(res.Findings); got != " invalid-suppression medium; aws_iam_policy.a act low" {
		t.Errorf("findings: %s", got)
	}
	if got := summary(res.Suppressed); got != "aws_iam_policy.b act low [config: ok]" {
		t.Errorf("suppressed: %s", got)
	}
	if res.Summary.Findings != 2 || res.Summary.Suppressed != 1 {
		t.Errorf("summary %+v", res.Summary)
	}

	// Without invalid-suppression among the rules, problems are dropped.
	res = lintDir(t, files, Options{Rules: []*Rule{actionRule}, Suppressors: []Suppressor{sup}})
	if got := summary(res.Findings); got != "aws_iam_policy.a act low" {
		t.Errorf("without invalid-suppression: %s", got)
	}

	// A named file: problems elsewhere are not reported.
	res = lintDir(t, files, Options{Paths: []string{"main.tf"}, Rules: []*Rule{actionRule, invalidRule}, Suppressors: []Suppressor{sup}})
	if got := summary(res.Findings); got != "aws_iam_policy.a act low" {
		t.Errorf("named file: %s", got)
	}
}

func rangeIn(t *testing.T, file string, line int) (r hcl.Range) {
	t.Helper()
	r.Filename = file
	r.Start.Line, r.Start.Column, r.End.Line, r.End.Column = line, 1, line, 2
	return r
}

func TestInlineSuppressorRegistration(t *testing.T) {
	old, oldScan := registeredInline(), registeredDirectiveScan()
	t.Cleanup(func() { RegisterInlineSuppressor(old); RegisterDirectiveScan(oldScan) })
	RegisterDirectiveScan(nil) // (package suppress's, when a test of the binary imports it, would skip this one)
	var gotSources, gotKnown []string
	var gotRan map[string]bool
	var gotNow time.Time
	RegisterInlineSuppressor(func(fs []Finding, sources map[string][]byte, known []string, ran map[string]bool, now time.Time) (kept, suppressed, problems []Finding) {
		for n := range sources {
			gotSources = append(gotSources, n)
		}
		gotKnown, gotRan, gotNow = known, ran, now
		for _, f := range fs {
			if f.Resource == "aws_iam_policy.a" {
				f.Suppression = &Suppression{Kind: "inline", Reason: "r"}
				suppressed = append(suppressed, f)
				continue
			}
			kept = append(kept, f)
		}
		return kept, suppressed, nil
	})
	now := time.Date(2030, 1, 2, 0, 0, 0, 0, time.UTC)
	res := lintDir(t, map[string]string{"main.tf": wsTF, "policy.json.tpl": "{}"}, Options{
		Rules: []*Rule{actionRule}, KnownRules: []string{"act", "other"}, Now: now,
	})
	if strings.Join(gotSources, ",") != "main.tf" {
		t.Errorf("sources %v: only Terraform files", gotSources)
	}
	if strings.Join(gotKnown, ",") != "act,other" || !gotRan["act"] || len(gotRan) != 1 || !gotNow.Equal(now) {
		t.Errorf("known %v ran %v now %v", gotKnown, gotRan, gotNow)
	}
	if summary(res.Suppressed) != "aws_iam_policy.a act low [inline: r]" || summary(res.Findings) != "aws_iam_policy.b act low" {
		t.Errorf("findings %s; suppressed %s", summary(res.Findings), summary(res.Suppressed))
	}
}

func TestProgressCallback(t *testing.T) {
	var stages []string
	res := lintDir(t, map[string]string{"main.tf": wsTF}, Options{Rules: []*Rule{actionRule}, Progress: func(p Progress) {
		stages = append(stages, p.Stage)
		if p.Files != 1 {
			t.Errorf("%s: %d files", p.Stage, p.Files)
		}
	}})
	if strings.Join(stages, ",") != "loaded,extracted" || len(res.Findings) != 2 {
		t.Errorf("stages %v, findings %d", stages, len(res.Findings))
	}
}

// TestMayHoldDirectivesAnyFile: the parallel scan finds a directive in any
// one file of many (first, last, middle), none when there is none, and is
// true without a scan.
func TestMayHoldDirectivesAnyFile(t *testing.T) {
	scan := func(src []byte) bool { return strings.Contains(string(src), "iamlint:") }
	for _, n := range []int{0, 1, 7, 1000} {
		srcs := map[string][]byte{}
		for i := range n {
			srcs[fmt.Sprintf("f%04d.tf", i)] = []byte("resource \"x\" \"y\" {}\n")
		}
		if mayHoldDirectives(srcs, scan) {
			t.Fatalf("%d files without a directive: found one", n)
		}
		if !mayHoldDirectives(srcs, nil) {
			t.Fatalf("%d files, no scan: not true", n)
		}
		for _, at := range []int{0, n / 2, n - 1} {
			if n == 0 {
				continue
			}
			name := fmt.Sprintf("f%04d.tf", at)
			old := srcs[name]
			srcs[name] = []byte("# iamlint:ignore x\n")
			if !mayHoldDirectives(srcs, scan) {
				t.Fatalf("%d files, directive in file %d: not found", n, at)
			}
			srcs[name] = old
		}
	}
}
