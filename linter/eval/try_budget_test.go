package eval

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
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
	_, _, diags := evalSrcDiags(t, src)
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

// TestSplatSourceCountedOnce checks that a splat's source that calls
// functions is evaluated located once (preflight, before hcl's evaluation
// of the splat), and its work counted once: the located elements are
// preflight's. It was evaluated again to locate the elements, and counted
// again: a source whose calls take 150 MiB of strings, within the string
// budget (256 MiB), crossed it the second time, with an "Evaluation too
// large" error and the elements unlocated.
func TestSplatSourceCountedOnce(t *testing.T) {
	const mib = 1 << 20
	src := "locals {\n  mb = \"" + strings.Repeat("x", mib) + "\"\n}\n" +
		"resource \"aws_iam_policy\" \"p\" {\n  names = [for i in range(150) : { a = sha256(local.mb) }][*].a\n}\n"
	mods, _, diags := evalSrcDiags(t, src)
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	n := mods[0].Blocks[0].Body.Get("names")
	if n == nil || !n.Val.IsWhollyKnown() || n.Val.LengthInt() != 150 {
		t.Fatalf("names: %v", n)
	}
	if len(n.Elems) != 150 || n.Elems[0].Range.Start.Line != 5 {
		t.Errorf("names: %d elements located", len(n.Elems))
	}
}
