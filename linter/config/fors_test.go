package config

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
)

// TestParseNestedForsBounded: nine nested for expressions over ten-element
// tuples (a .iamlint.hcl of 300 bytes that a repository may hold) were
// evaluated by hcl with no bound: 10^9 iterations, a hang, then gigabytes.
// They are evaluated within the evaluator's for budget: an error at the
// expression, in well under a second. A for expression within the budget
// still works.
func TestParseNestedForsBounded(t *testing.T) {
	x := `"x"`
	for i := range 9 {
		x = "[for v" + string(rune('a'+i)) + " in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : " + x + "]"
	}
	for name, src := range map[string]string{
		"exclude":  "exclude = " + x + "\n",
		"severity": "rule \"wildcard-action\" {\n  severity = \"%{for a in " + x + "}low%{endfor}\"\n}\n",
		"enabled":  "rule \"wildcard-action\" {\n  enabled = length(" + x + ") > 0\n}\n",
		"reason":   "ignore {\n  rule = \"*\"\n  address = \"x\"\n  reason = \"${" + x + "[0][0][0][0][0][0][0][0][0]}\"\n}\n",
	} {
		start := cputime.Used() // CPU time of the process: wall time on a shared machine says little
		_, diags := Parse(".iamlint.hcl", []byte(src))
		t.Logf("%s: %v %v", name, cputime.Used()-start, diags)
		if d := cputime.Used() - start; d > 60*time.Second {
			t.Errorf("%s: Parse took %v", name, d)
		}
		if !diags.HasErrors() {
			t.Errorf("%s: want an error, got none", name)
		}
	}
	c, diags := Parse(".iamlint.hcl", []byte(`exclude = [for d in ["gen", "vendor"] : "${d}/**"]`+"\n"))
	if diags.HasErrors() || strings.Join(c.Exclude, ",") != "gen/**,vendor/**" {
		t.Errorf("exclude = %q, %v", c.Exclude, diags)
	}
}

// TestParseNotHCLBounded: a .iamlint.hcl of 4 MB of "$" (a file of the
// scanned repository, found from the scanned directory upwards) was parsed
// into 4,000,000 errors, each printed: 49 MB of stderr in 60 s, and not
// done. It is refused as not HCL, as a .tf file is, with a few errors; a
// file of many broken lines lists 1,000 parse errors and counts the rest.
func TestParseNotHCLBounded(t *testing.T) {
	for name, src := range map[string]string{
		"dollars": strings.Repeat("$", 4<<20),
		"broken":  strings.Repeat("x = = 1\n", 200000),
	} {
		start := cputime.Used() // CPU time of the process: wall time on a shared machine says little
		_, diags := Parse(".iamlint.hcl", []byte(src))
		if d := cputime.Used() - start; d > 60*time.Second {
			t.Errorf("%s: Parse took %v", name, d)
		}
		if !diags.HasErrors() || len(diags) > 1001 {
			t.Errorf("%s: %d diagnostics, want 1 to 1,001", name, len(diags))
		}
	}
}
