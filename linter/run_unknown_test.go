package linter

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestExplainErrorUnknowns: a notice of a policy unknown before apply whose
// text holds an error that made a value unknown (marked so where it is
// made: eval.MadeUnknown, whatever its words) points at the error (the
// first), in a copy; an error not marked is no cause, even when its words
// say "is unknown", and a notice with the error elsewhere, in another
// file, or with another ending, is kept as it is; none is dropped.
func TestExplainErrorUnknowns(t *testing.T) {
	src := []byte("resource \"x\" \"y\" {\n  policy = jsonencode({ A = \"é\", B = pow(10, 1000) })\n}\n")
	rng := func(file string, from, to int) *hcl.Range {
		return &hcl.Range{Filename: file,
			Start: hcl.Pos{Line: 2, Column: from - 19 + 1, Byte: from},
			End:   hcl.Pos{Line: 2, Column: to - 19 + 1, Byte: to}}
	}
	policy := strings.Index(string(src), "jsonencode")
	pow := strings.Index(string(src), "pow")
	end := strings.Index(string(src), ")\n") + 1
	notice := func(file string, detail string) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: unknownPolicySummary, Detail: detail, Subject: rng(file, policy, end)}
	}
	applied := "The policy of x.y (policy) has statements whose Effect or actions are unknown before apply: what they grant could not be linted (the rest was): " + unknownApplyCause
	diags := hcl.Diagnostics{
		{Severity: hcl.DiagError, Summary: "Unmarked", Detail: "its words say the value is unknown.", Subject: rng("main.tf", pow, pow+16)},
		{Severity: hcl.DiagError, Summary: "Number out of range", Detail: "reworded: no word of it.", Subject: rng("main.tf", pow, pow+16), Extra: eval.MadeUnknown{}},
		{Severity: hcl.DiagError, Summary: "Duplicate", Detail: "makes nothing unknown", Subject: rng("main.tf", policy, pow)},
		{Severity: hcl.DiagError, Summary: "Other", Detail: "later; the value is unknown.", Subject: rng("main.tf", pow+4, pow+6), Extra: eval.MadeUnknown{Infinite: true}},
		notice("main.tf", applied),
		notice("other.tf", applied),
		notice("main.tf", "The policy of x.y (policy) is unknown before apply: something else."),
		{Severity: hcl.DiagError, Summary: "Elsewhere", Subject: rng("main.tf", 0, 8)},
	}
	orig := diags[4].Detail
	got := explainErrorUnknowns(diags, map[string][]byte{"main.tf": src})
	if len(got) != len(diags) {
		t.Fatalf("%d diagnostics, want %d", len(got), len(diags))
	}
	want := "The policy of x.y (policy) has statements whose Effect or actions are unknown: what they grant could not be linted (the rest was): the error at line 2, column 38 (Number out of range) made a value of it unknown: see that error, and lint again once it is solved."
	if got[4].Detail != want {
		t.Errorf("detail\n%s\nwant\n%s", got[4].Detail, want)
	}
	if diags[4].Detail != orig {
		t.Error("the notice was changed, not copied")
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 7} {
		if got[i] != diags[i] {
			t.Errorf("diagnostic %d changed: %s", i, got[i].Detail)
		}
	}
	// Without errors, the same slice.
	if g := explainErrorUnknowns(diags[4:7], nil); &g[0] != &diags[4] {
		t.Error("copied without an error")
	}
}
