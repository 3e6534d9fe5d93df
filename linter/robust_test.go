package linter_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// End-to-end robustness: pathological inputs through the whole pipeline
// (load, evaluate, extract, rules, runner) give a clear error or a correct
// result in bounded time, never a crash.

func lintBounded(t *testing.T, limit time.Duration, opts linter.Options) *linter.Result {
	t.Helper()
	if opts.Rules == nil {
		opts.Rules = rules.All
	}
	if raceEnabled {
		limit *= 10 // the race detector's slowdown, not the linter's
	}
	type out struct {
		res *linter.Result
		err error
	}
	ch := make(chan out, 1)
	start, cpu := time.Now(), cputime.Used()
	go func() {
		res, err := linter.Lint(context.Background(), opts)
		ch <- out{res, err}
	}()
	select {
	case o := <-ch:
		if o.err != nil {
			t.Fatal(o.err)
		}
		used := cputime.Used() - cpu
		t.Logf("Lint took %v (%v CPU)", time.Since(start), used)
		// CPU time over both CPUs: runaway work, which a loaded machine
		// does not fake (the timeout below catches a hang).
		if used > 2*limit {
			t.Errorf("Lint used %v CPU, more than %v", used, 2*limit)
		}
		return o.res
	case <-time.After(limit + 3*time.Minute):
		t.Fatalf("Lint did not return within %v", limit+3*time.Minute)
	}
	return nil
}

func writeFile(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func hasFinding(res *linter.Result, rule, file string, line, col int) bool {
	for _, f := range res.Findings {
		if f.Rule == rule && filepath.Base(f.Range.Filename) == file && (line == 0 || f.Range.Start.Line == line) && (col == 0 || f.Range.Start.Column == col) {
			return true
		}
	}
	return false
}

// said is what res's errors and notices say, for a test's failure message.
func said(res *linter.Result) string {
	var msgs []string
	for _, d := range res.Errors {
		msgs = append(msgs, d.Message)
	}
	for _, d := range res.Notices {
		msgs = append(msgs, d.Message)
	}
	return strings.Join(msgs, " | ")
}

func TestLintDeeplyNestedPolicyJSON(t *testing.T) {
	dir := t.TempDir()
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	writeFile(t, dir, "deep.json", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":`+deep+`,"Resource":"*"}]}`)
	writeFile(t, dir, "main.tf", `resource "aws_iam_policy" "deep" {
  policy = file("deep.json")
}
resource "aws_iam_policy" "fine" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	// In a heredoc the brackets are text, which the HCL parser does not
	// nest on: the file is parsed, and the policy's JSON is refused by its
	// own bound (policy-invalid at the bracket past 1,000 levels).
	writeFile(t, dir, "heredoc.tf", `resource "aws_iam_policy" "heredoc" {
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": `+deep[:50000]+deep[150000:]+`, "Resource": "*"}]}
EOF
}
`)
	res := lintBounded(t, 20*time.Second, linter.Options{Paths: []string{dir}})
	if !hasFinding(res, "wildcard-action", "main.tf", 5, 0) {
		t.Errorf("the policy after the deep one was not linted: %+v", res.Findings)
	}
	if !hasFinding(res, "policy-invalid", "heredoc.tf", 3, 1043) {
		t.Errorf("want policy-invalid at heredoc.tf:3:1043, got %+v %+v", res.Findings, res.Errors)
	}
}

func TestLintDeeplyNestedPlan(t *testing.T) {
	dir := t.TempDir()
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	plan := `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[
{"address":"aws_iam_policy.deep","mode":"managed","type":"aws_iam_policy","name":"deep","change":{"actions":["create"],"before":null,"after":{"name":"deep","policy":"{}","tags":` + deep + `},"after_unknown":{}}},
{"address":"aws_iam_policy.ok","mode":"managed","type":"aws_iam_policy","name":"ok","change":{"actions":["create"],"before":null,"after":{"name":"ok","policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}
],"planned_values":{"root_module":{}}}`
	p := writeFile(t, dir, "plan.json", plan)
	res := lintBounded(t, 20*time.Second, linter.Options{Paths: []string{p}})
	// Either the plan is refused with a clear error, or the good resource is linted.
	var linted bool
	for _, f := range res.Findings {
		if f.Rule == "wildcard-action" && f.Resource == "aws_iam_policy.ok" {
			linted = true
		}
	}
	if !linted && len(res.Errors) == 0 {
		t.Errorf("neither an error nor the finding: %+v", res)
	}
	for _, e := range res.Errors {
		if strings.Contains(e.Message, "internal error") || strings.Contains(e.Message, "Internal error") {
			t.Errorf("panic: %+v", e)
		}
	}
}

func TestLintCRLF(t *testing.T) {
	dir := t.TempDir()
	src := strings.ReplaceAll(`resource "aws_iam_policy" "j" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::b/*" }]
  })
}

resource "aws_iam_policy" "h" {
  policy = <<-EOF
    {
      "Statement": [
        { "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*" }
      ]
    }
  EOF
}

resource "aws_iam_policy" "f" {
  policy = file("p.json")
}
`, "\n", "\r\n")
	writeFile(t, dir, "main.tf", src)
	writeFile(t, dir, "p.json", "{\r\n  \"Statement\": [\r\n    {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"arn:aws:s3:::b/*\"}\r\n  ]\r\n}\r\n")
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	if len(res.Errors) > 0 {
		t.Errorf("errors: %+v", res.Errors)
	}
	for _, w := range []struct {
		file      string
		line, col int
	}{{"main.tf", 3, 47}, {"main.tf", 11, 40}, {"p.json", 3, 35}} {
		if !hasFinding(res, "wildcard-action", w.file, w.line, w.col) {
			t.Errorf("no wildcard-action at %s:%d:%d; findings %+v", w.file, w.line, w.col, res.Findings)
		}
	}
}

func TestLintBinaryAndInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "bin.tf", "\x00\x01\x02\xff\xfe{{{\x00resource")
	writeFile(t, dir, "latin1.tf", "resource \"aws_iam_user\" \"caf\xe9\" {}\n")
	writeFile(t, dir, "ok.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	files := map[string]bool{}
	for _, e := range res.Errors {
		files[filepath.Base(e.File)] = true
		if e.Line == 0 {
			t.Errorf("error without a line: %+v", e)
		}
	}
	if !files["bin.tf"] || !files["latin1.tf"] {
		t.Errorf("want errors for bin.tf and latin1.tf, got %+v", res.Errors)
	}
	if !hasFinding(res, "wildcard-action", "ok.tf", 2, 0) {
		t.Errorf("ok.tf not linted: %+v", res.Findings)
	}
}

// TestRulePanicBecomesError: a rule that panics on one document gives an
// Error at that document's file (with the stack under IAMLINT_DEBUG, which
// --debug sets); its findings elsewhere and every other rule's are kept.
func TestRulePanicBecomesError(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "bad.tf", `resource "aws_iam_policy" "boom" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	writeFile(t, dir, "good.tf", `resource "aws_iam_policy" "fine" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`)
	boom := &linter.Rule{ID: "boom", Title: "panics", Severity: linter.High,
		Check: func(p *linter.Pass) {
			for _, d := range p.Model.Documents {
				if strings.HasSuffix(d.Address, ".boom") {
					var xs []int
					_ = xs[len(d.Address)] // index out of range: a panic
				}
				p.ReportDoc(d, d.Range.HCL(), 0, "seen")
			}
		}}
	rs := append([]*linter.Rule{boom}, rules.All...)
	for _, debug := range []bool{false, true} {
		if debug {
			t.Setenv("IAMLINT_DEBUG", "1")
		}
		res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}, Rules: rs})
		var located bool
		for _, e := range res.Errors {
			if filepath.Base(e.File) == "bad.tf" && strings.Contains(e.Message, "rule boom") {
				located = true
				if hasStack := strings.Contains(e.Message, "goroutine "); hasStack != debug {
					t.Errorf("debug=%v: stack in message = %v", debug, hasStack)
				}
			}
		}
		if !located {
			t.Errorf("debug=%v: no error at bad.tf for the panic: %+v", debug, res.Errors)
		}
		if !hasFinding(res, "wildcard-action", "bad.tf", 2, 0) || !hasFinding(res, "wildcard-action", "good.tf", 2, 0) {
			t.Errorf("debug=%v: other rules' findings missing: %+v", debug, res.Findings)
		}
		var seen bool
		for _, f := range res.Findings {
			if f.Rule == "boom" && filepath.Base(f.Range.Filename) == "good.tf" {
				seen = true
			}
		}
		if !seen {
			t.Errorf("debug=%v: the panicking rule's finding on good.tf was dropped", debug)
		}
	}
}

// A policy of 20,000 statements read with file(), a finding in each: each
// finding's statement is found through an index, not by walking every
// statement of the policy (30,000 statements took more than 5 minutes).
func TestLintManyStatementsOneFindingEach(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[`)
	const n = 20000
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"Sid":"S%d","Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}`, i)
	}
	b.WriteString("]}\n")
	writeFile(t, dir, "p.json", b.String())
	writeFile(t, dir, "main.tf", "resource \"aws_iam_policy\" \"p\" {\n  policy = file(\"${path.module}/p.json\")\n}\n")
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}})
	fps := map[string]bool{}
	for _, f := range res.Findings {
		if f.Rule == "wildcard-resource" {
			fps[f.Fingerprint] = true
		}
	}
	if len(fps) != n {
		t.Errorf("%d distinct wildcard-resource fingerprints, want %d (findings %d, errors %+v)", len(fps), n, len(res.Findings), res.Errors)
	}
}
