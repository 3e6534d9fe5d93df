package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// referenceJSON is the report as JSON wrote it before it streamed: the
// whole jsonReport through one indenting Encoder.
func referenceJSON(res *linter.Result, meta Meta) []byte {
	name := meta.ToolName
	if name == "" {
		name = "iamlint"
	}
	findings := func(fs []linter.Finding) []jsonFinding {
		out := []jsonFinding{}
		for _, f := range fs {
			out = append(out, jsonFindingOf(f))
		}
		return out
	}
	out := jsonReport{
		Version:    JSONVersion,
		Tool:       jsonTool{Name: name, Version: meta.ToolVersion},
		Findings:   findings(res.Findings),
		Suppressed: findings(res.Suppressed),
		Errors:     []jsonError{},
		Notices:    []jsonNotice{},
		Summary: jsonSummary{Files: res.Summary.Files, Resources: res.Summary.Resources, Policies: res.Summary.Policies,
			Findings: len(res.Findings), Suppressed: len(res.Suppressed), Errors: len(res.Errors), Notices: len(res.Notices)},
	}
	for _, n := range res.Notices {
		out.Notices = append(out.Notices, jsonNotice{File: n.File, Line: n.Line, Column: n.Column, Resource: n.Resource, Message: n.Message})
	}
	for _, e := range res.Errors {
		out.Errors = append(out.Errors, jsonError{File: e.File, Line: e.Line, Column: e.Column, Message: e.Message})
	}
	out.Principals = jsonPrincipals(res.Principals)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestJSONStreamSameBytes: the streamed report is byte for byte what one
// Encoder of the whole report writes, for empty and full results, every
// section, strings that need escaping and many findings.
func TestJSONStreamSameBytes(t *testing.T) {
	odd := "a <b> & \"c\" \\ \u2028 \u00e9 \x01 tab\t" + string([]byte{0xff, 'x'})
	// More than 2*listChunk elements: encoded a chunk per CPU at a time.
	many := &linter.Result{Summary: linter.Summary{Files: 1, Resources: 500, Policies: 500}}
	for i := range 5*listChunk + 7 {
		many.Findings = append(many.Findings, linter.Finding{Rule: "wildcard-action", Severity: linter.Severity(1 + i%4),
			Message: fmt.Sprintf("finding %d %s", i, odd), Resource: fmt.Sprintf("aws_iam_policy.p[%d]", i), PolicyKind: iam.Identity,
			Range: hcl.Range{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: i + 1}, End: hcl.Pos{Line: 1, Column: i + 9}}})
	}
	full := sampleResult()
	full.Suppressed = []linter.Finding{{Rule: "r", Severity: linter.Low, Message: odd,
		Suppression: &linter.Suppression{Kind: "inline", Reason: odd, Expires: "2030-01-01"}}}
	full.Notices = []linter.Notice{{File: "a.tf", Line: 2, Column: 7, Resource: "aws_iam_role.r", Message: odd}, {File: "b.tf", Message: "m"}}
	full.Principals = []effective.PrincipalSummary{
		{Address: "aws_iam_role.r", Kind: "role", Name: odd, AdminEquivalent: true, EscalationPaths: []string{"x", "y"},
			AccessLevels: map[string][]string{"s3": {"Read", "Write"}, "*": {"List"}, "iam": nil}, Policies: []string{"p"}, Complete: true},
		{Address: "aws_iam_user.u", Kind: "user", External: true},
	}
	for i := range 3*listChunk + 1 {
		many.Principals = append(many.Principals, effective.PrincipalSummary{Address: fmt.Sprintf("aws_iam_role.r[%d]", i), Kind: "role",
			AccessLevels: map[string][]string{"s3": {"Read"}, "ec2": {odd}}, EscalationPaths: []string{}, Policies: []string{}})
	}
	emptyPrincipals := sampleResult()
	emptyPrincipals.Principals = []effective.PrincipalSummary{}
	cases := map[string]*linter.Result{
		"empty":            {},
		"sample":           sampleResult(),
		"full":             full,
		"empty principals": emptyPrincipals,
		"many":             many,
	}
	for name, res := range cases {
		for _, meta := range []Meta{{}, {ToolName: "x<y>", ToolVersion: "1.2.3"}} {
			var b bytes.Buffer
			if err := JSON(&b, res, meta); err != nil {
				t.Fatal(err)
			}
			if want := referenceJSON(res, meta); !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s: streamed report differs\ngot:\n%.2000s\nwant:\n%.2000s", name, b.Bytes(), want)
			}
		}
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, fmt.Errorf("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestJSONStreamWriteError: a failing writer is reported, not ignored.
func TestJSONStreamWriteError(t *testing.T) {
	res := &linter.Result{}
	for i := range 5000 {
		res.Findings = append(res.Findings, linter.Finding{Rule: "r", Message: fmt.Sprint(i)})
	}
	if err := JSON(&failWriter{n: 100 << 10}, res, Meta{}); err == nil {
		t.Fatal("no error from a failing writer")
	}
}

// BenchmarkJSONFileManyFindings writes the report of 100,000 findings
// (about 100 MB) to a file, as the command does with --output or a
// redirected stdout: the formatting on every CPU, the writes into the
// file's pages in the kernel.
func BenchmarkJSONFileManyFindings(b *testing.B) {
	res := &linter.Result{}
	for i := range 100_000 {
		res.Findings = append(res.Findings, linter.Finding{Rule: "wildcard-action", Severity: linter.Severity(1 + i%4),
			Message:  fmt.Sprintf("Statement %d of the policy allows every action of service s3 (s3:*): grant the actions the principal needs.", i),
			Resource: fmt.Sprintf("module.team[%d].aws_iam_policy.p", i), PolicyKind: iam.Identity, Fingerprint: fmt.Sprintf("%064x", i),
			Range:   hcl.Range{Filename: fmt.Sprintf("roots/r%d/main.tf", i/300), Start: hcl.Pos{Line: 10 + i%50, Column: 5}, End: hcl.Pos{Line: 10 + i%50, Column: 40}},
			Related: []iam.Related{{Range: hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 3}}, Message: "module call"}}})
	}
	benchWriteFile(b, func(w io.Writer) error { return JSON(w, res, Meta{}) })
}

// benchWriteFile times write writing a report to a new file, as the
// command does with --output or a redirected stdout.
func benchWriteFile(b *testing.B, write func(io.Writer) error) {
	name := filepath.Join(b.TempDir(), "report")
	for b.Loop() {
		f, err := os.Create(name)
		if err != nil {
			b.Fatal(err)
		}
		if err := write(f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
