package linter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestPlanShapeErrorModes: the plans of plan_type_errors.txtar (a member
// of the wrong JSON type, a resource without an address) give the error
// the script expects of the command, at the same line:column, whether the
// plan is loaded whole, streamed or through windows.
func TestPlanShapeErrorModes(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "testdata", "script", "plan_type_errors.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	// The first "stdout" line after each "exec exitcode 2 iamlint F.json".
	want := map[string]*regexp.Regexp{}
	var file string
	for _, ln := range strings.Split(string(ar.Comment), "\n") {
		if f, ok := strings.CutPrefix(ln, "exec exitcode 2 iamlint "); ok && strings.HasSuffix(f, ".json") {
			file = f
			continue
		}
		if re, ok := strings.CutPrefix(ln, "stdout '"); ok && file != "" {
			want[file] = regexp.MustCompile(strings.TrimSuffix(re, "'"))
			file = ""
		}
	}
	dir := t.TempDir()
	checked := 0
	for _, f := range ar.Files {
		re := want[f.Name]
		if re == nil || !strings.Contains(re.String(), "Invalid plan") {
			continue
		}
		name := filepath.Join(dir, f.Name)
		if err := os.WriteFile(name, f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
		forPlanLoadModes(func(mode string) {
			res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: []*Rule{{ID: "r", Severity: High, Check: func(*Pass) {}}}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Errors) != 1 {
				t.Errorf("%s %s: errors %+v", f.Name, mode, res.Errors)
				return
			}
			e := res.Errors[0]
			got := fmt.Sprintf("%s:%d:%d: error: %s", f.Name, e.Line, e.Column, e.Message)
			if !re.MatchString(got) {
				t.Errorf("%s %s:\n got %s\nwant %s", f.Name, mode, got, re)
			}
		})
		checked++
	}
	if checked < 20 {
		t.Errorf("%d plans checked", checked)
	}
}

// TestPlanSensitiveMarkModes: the plan of plan_sensitive_marks.txtar
// (sensitivity marks of the wrong type) gives the errors the script
// expects of the command, at the same line:column, and the same findings,
// none of the values the marks hide in the sources the report quotes,
// whether the plan is loaded whole, streamed or through windows.
func TestPlanSensitiveMarkModes(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "testdata", "script", "plan_sensitive_marks.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var want []*regexp.Regexp
	for _, ln := range strings.Split(string(ar.Comment), "\n") {
		if re, ok := strings.CutPrefix(ln, "stdout '^marks\\.json:"); ok && strings.Contains(re, ": error: ") {
			want = append(want, regexp.MustCompile("^"+strings.TrimSuffix(re, "'")))
		}
	}
	if len(want) != 4 {
		t.Fatalf("%d errors in the script", len(want))
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "marks.json")
	if err := os.WriteFile(name, ar.Files[0].Data, 0o600); err != nil {
		t.Fatal(err)
	}
	rule := &Rule{ID: "r", Severity: High, Check: func(p *Pass) {
		for _, d := range p.Model.Documents {
			p.Report(Finding{Rule: "r", Severity: High, Message: "m", Range: d.Range.HCL(), Resource: d.Address})
		}
	}}
	forPlanLoadModes(func(mode string) {
		res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: []*Rule{rule}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) != len(want) {
			t.Fatalf("%s: errors %+v", mode, res.Errors)
		}
		for i, e := range res.Errors {
			got := fmt.Sprintf("%d:%d: error: %s", e.Line, e.Column, e.Message)
			if !want[i].MatchString(got) {
				t.Errorf("%s:\n got %s\nwant %s", mode, got, want[i])
			}
		}
		var addrs []string
		for _, f := range res.Findings {
			addrs = append(addrs, f.Resource)
		}
		if got := strings.Join(addrs, " "); got != "aws_iam_policy.a aws_iam_policy.b aws_iam_policy.c aws_iam_policy.d" {
			t.Errorf("%s: findings of %s", mode, got)
		}
		plain := false
		for file, src := range res.Sources {
			if strings.Contains(string(src), "Hidden") {
				t.Errorf("%s: %s shows a hidden value", mode, file)
			}
			plain = plain || strings.Contains(string(src), "PlainSidB")
		}
		if !plain {
			t.Errorf("%s: no source quotes the plan", mode)
		}
	})
}
