package eval

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestTryRelocationKeepsBudgetError checks that try()'s located
// re-evaluation of its arguments (tryFallback) does not spend the string
// budget a second time: it once crossed maxStringWork there, and the
// "Evaluation too large" error it said was dropped with the diagnostics of
// the re-evaluation, so the values after it were unknown without an error
// (exit 0 instead of 2).
func TestTryRelocationKeepsBudgetError(t *testing.T) {
	const mib = 1 << 20
	n := maxStringWork/mib + 8 // the calls spend the budget: the error must be said
	src := "locals {\n  mb   = \"" + strings.Repeat("x", mib) + "\"\n" +
		"  burn = [for i in range(" + strconv.Itoa(n) + ") : length(try(trimspace(local.mb), \"\"))]\n}\n" +
		"resource \"aws_iam_policy\" \"p\" {\n  name = length(local.burn)\n}\n"
	f, diags := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cfg, diags := NewConfig(".", []*hcl.File{f})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	_, diags = Evaluate(cfg, nil, &Options{Sources: map[string][]byte{"main.tf": []byte(src)}})
	found := false
	for _, d := range diags {
		found = found || (d.Severity == hcl.DiagError && d.Summary == "Evaluation too large")
	}
	if !found {
		t.Errorf("want an Evaluation too large error, got %v", diags)
	}
}

// TestTryLocatesArgumentTaken checks that try() is located at the
// argument hcl's try took (tryTakingFunc tells which), evaluated again
// located alone: an argument before it, which try skipped, is not
// evaluated again, so one holding a for expression no longer leaves the
// result unlocated (a, at the try call before). Nested calls and a
// fallback literal are located as before.
func TestTryLocatesArgumentTaken(t *testing.T) {
	src := `variable "cfg" {
  default = { actions = ["s3:*"] }
}
locals {
  extra = ["iam:*"]
}
resource "aws_iam_policy" "p" {
  a = try([for s in var.cfg.missing : s], local.extra)
  b = try(var.cfg.missing, local.extra)
  c = try(var.cfg.actions, ["x"])
  d = try(try(var.cfg.missing, local.extra), ["y"])
  e = try(var.cfg.missing, ["kms:*"])
}
`
	mods, _ := evalSrc(t, src)
	body := mods[0].Blocks[0].Body
	for name, line := range map[string]int{"a": 5, "b": 5, "c": 2, "d": 5, "e": 12} {
		n := body.Get(name)
		if n == nil {
			t.Fatalf("%s: no node", name)
		}
		if n.Range.Start.Line != line {
			t.Errorf("%s: located at %v, want line %d", name, n.Range, line)
		}
	}
}
