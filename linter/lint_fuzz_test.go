package linter_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// checkLint fails on an internal error (a panic recovered) and on a
// finding, error or notice in the input named name not located inside it.
func checkLint(t *testing.T, res *linter.Result, name string, src []byte) {
	t.Helper()
	lines := 1 + bytes.Count(src, []byte{'\n'})
	inside := func(what string, r hcl.Range) {
		t.Helper()
		if r.Filename != name {
			return
		}
		for _, p := range []hcl.Pos{r.Start, r.End} {
			if p.Line < 1 || p.Column < 1 || p.Byte < 0 || p.Byte > len(src) {
				t.Fatalf("%s: position %+v outside the %d-byte input", what, p, len(src))
			}
		}
		if r.End.Byte < r.Start.Byte {
			t.Fatalf("%s: range %+v ends before it starts", what, r)
		}
		if want := 1 + bytes.Count(src[:r.Start.Byte], []byte{'\n'}); r.Start.Line != want {
			t.Fatalf("%s: start %+v is on line %d", what, r.Start, want)
		}
	}
	for _, f := range append(res.Findings, res.Suppressed...) {
		if f.Range.Filename != name {
			t.Fatalf("finding %s %s located in %q, not the input %q", f.Rule, f.Message, f.Range.Filename, name)
		}
		inside("finding "+f.Rule, f.Range)
		for _, r := range f.Related {
			inside("related of "+f.Rule, r.Range)
		}
	}
	for _, e := range res.Errors {
		if strings.Contains(e.Message, "internal error") || strings.HasPrefix(e.Message, "Internal error") {
			t.Fatalf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
		}
		if e.File == name && (e.Line < 0 || e.Line > lines || e.Column < 0 || (e.Line == 0) != (e.Column == 0)) {
			t.Fatalf("error at line %d column %d of a %d-line input: %s", e.Line, e.Column, lines, e.Message)
		}
	}
	for _, d := range res.Diags {
		if strings.HasPrefix(d.Summary, "Internal error") {
			t.Fatalf("%s", d.Error())
		}
	}
	for _, n := range res.Notices {
		if n.File == name && (n.Line < 0 || n.Line > lines) {
			t.Fatalf("notice at line %d of a %d-line input: %s", n.Line, lines, n.Message)
		}
	}
	if res.Summary.Findings != len(res.Findings) || res.Summary.Errors != len(res.Errors) {
		t.Fatalf("summary %+v: %d findings, %d errors", res.Summary, len(res.Findings), len(res.Errors))
	}
}

// FuzzLintPlan lints the input as a plan on standard input with every
// rule, effective permissions and --new-only: no panic, internal error or
// hang, and what is said of the plan is located inside it.
func FuzzLintPlan(f *testing.F) {
	for _, p := range []string{"plan/testdata/modules_unknown.json", "plan/testdata/v01_count.json"} {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":["create"],"after":{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{"arn":true},"after_sensitive":{}}}]}`))
	f.Add([]byte("\xef\xbb\xbf  \n {\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":[{\"address\":\"aws_iam_role.r\",\"mode\":\"managed\",\"type\":\"aws_iam_role\",\"name\":\"r\",\"values\":{\"assume_role_policy\":\"{\\\"Statement\\\":{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"sts:AssumeRole\\\"}}\"}}]}}}"))
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[{"address":"aws_iam_user_policy.u","mode":"managed","type":"aws_iam_user_policy","name":"u","change":{"actions":["update"],"before":{"policy":"{}"},"after":{"policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}","user":"x"},"after_sensitive":{"policy":true}}}],"prior_state":{"values":{"root_module":{}}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{"-"}, Stdin: bytes.NewReader(src),
			Rules: rules.All, Principals: true, NewOnly: true, MaxInstances: 64, MaxModuleDepth: 4})
		if err != nil {
			t.Fatal(err)
		}
		checkLint(t, res, "<stdin>", src)
	})
}

// FuzzLintHCL lints the input as the main.tf of a directory with every
// rule and effective permissions: no panic, internal error or hang, and
// what is said of the file is located inside it.
func FuzzLintHCL(f *testing.F) {
	f.Add([]byte(`resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`))
	f.Add([]byte(`data "aws_iam_policy_document" "d" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_iam_role" "r" {
  # iamlint:ignore wildcard-principal reason="test"
  assume_role_policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_role_policy" "rp" {
  role   = aws_iam_role.r.id
  policy = <<EOT
{"Statement":[{"Effect":"Allow","Action":["iam:PassRole"],"Resource":"*"}]}
EOT
}
`))
	f.Add([]byte("locals { a = [for i in range(3) : \"s3:${i}*\"] }\nresource \"aws_iam_user_policy\" \"u\" {\n count = 2\n user = \"u${count.index}\"\n policy = jsonencode({Statement = [{Effect = \"Allow\", Action = local.a, NotResource = \"arn:aws:s3:::b\"}]})\n}\n"))
	dir := f.TempDir()
	name := filepath.Join(dir, "main.tf")
	wd, err := os.Getwd()
	if err != nil {
		f.Fatal(err)
	}
	rel, err := filepath.Rel(wd, name)
	if err != nil {
		f.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(name, src, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir},
			Rules: rules.All, Principals: true, MaxInstances: 64, MaxModuleDepth: 4})
		if err != nil {
			t.Fatal(err)
		}
		checkLint(t, res, rel, src)
	})
}
