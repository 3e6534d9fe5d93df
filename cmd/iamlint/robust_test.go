package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/internal/docgen"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestRulePanicCLI: a rule that panics on one policy is an error at that
// policy's file (exit 2) with the stack only under --debug; every other
// finding, the panicking rule's on other files included, is still reported.
func TestRulePanicCLI(t *testing.T) {
	r := docgen.ByID(rules.All, "wildcard-action")
	if r == nil {
		t.Fatal("no rule wildcard-action")
	}
	check := r.Check
	t.Cleanup(func() { r.Check = check })
	r.Check = func(p *linter.Pass) {
		for _, d := range p.Model.Documents {
			if strings.HasSuffix(d.Address, ".boom") {
				panic("rule bug on " + d.Address)
			}
		}
		check(p)
	}
	t.Setenv("IAMLINT_DEBUG", "") // --debug sets it; restored after the test
	dir := t.TempDir()
	policy := `jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })`
	for name, src := range map[string]string{
		"bad.tf":  "resource \"aws_iam_policy\" \"boom\" {\n  policy = " + policy + "\n}\n",
		"good.tf": "resource \"aws_iam_policy\" \"fine\" {\n  policy = " + policy + "\n}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	for _, debug := range []bool{false, true} {
		args := []string{"."}
		if debug {
			args = []string{"--debug", "."}
		}
		var out, errb bytes.Buffer
		code := run(args, nil, &out, &errb)
		if code != exitError {
			t.Errorf("debug=%v: exit %d, want %d", debug, code, exitError)
		}
		if !strings.Contains(errb.String(), "bad.tf:2:12: error: internal error: rule wildcard-action failed on aws_iam_policy.boom: rule bug on aws_iam_policy.boom") {
			t.Errorf("debug=%v: no located error for the panic; stderr:\n%s", debug, errb.String())
		}
		if hasStack := strings.Contains(errb.String(), "goroutine ") && strings.Contains(errb.String(), "robust_test.go"); hasStack != debug {
			t.Errorf("debug=%v: stack on stderr = %v", debug, hasStack)
		}
		for _, want := range []string{
			"good.tf:2:67: critical wildcard-action",
			"bad.tf:2:83: medium wildcard-resource",
			"good.tf:2:83: medium wildcard-resource",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("debug=%v: %q missing from the report:\n%s", debug, want, out.String())
			}
		}
		if strings.Contains(out.String(), "bad.tf:2:67: critical wildcard-action") {
			t.Errorf("debug=%v: the failed rule reported on bad.tf", debug)
		}
	}
}
