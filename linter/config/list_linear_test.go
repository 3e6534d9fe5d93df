package config

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
)

// TestLongListsLinear: a list of many strings (exclude, enable, disable,
// a rule's options) is read in time linear in its length. go-cty's
// conversion of the tuple to list(string) unifies its element types
// pairwise: 20,000 exclude patterns took 5.2 CPU s, 200,000 (a 2.6 MB
// .iamlint.hcl) ran past a minute (red team 21).
func TestLongListsLinear(t *testing.T) {
	const n = 60000
	var pats, acts []string
	for i := range n {
		pats = append(pats, fmt.Sprintf("%q", fmt.Sprintf("gen%d/**", i)))
		acts = append(acts, fmt.Sprintf("%q", fmt.Sprintf("s3:Action%d", i)))
	}
	src := "exclude = [" + strings.Join(pats, ",") + "]\n" +
		"rule \"wildcard-resource\" {\n  extra_resourceless_actions = [" + strings.Join(acts, ",") + "]\n}\n"
	start := cputime.Used()
	c, diags := Parse("/repo/.iamlint.hcl", []byte(src))
	if el := cputime.Used() - start; el > 5*time.Second {
		t.Errorf("Parse of %d patterns and %d options took %v of CPU", n, n, el)
	}
	// The list is read whole; its patterns past the 1,000th are an error,
	// not used (TestTooManyExcludePatterns).
	if len(diags) != 1 || diags[0].Summary != "Too many exclude patterns" {
		t.Fatal(diags)
	}
	if len(c.Exclude) != n || c.Exclude[n-1] != fmt.Sprintf("gen%d/**", n-1) {
		t.Errorf("exclude: %d patterns, last %q", len(c.Exclude), c.Exclude[len(c.Exclude)-1])
	}
	if !c.Excluded(fmt.Sprintf("/repo/gen%d/main.tf", maxExcludePatterns-1)) || c.Excluded("/repo/app/main.tf") {
		t.Error("exclude patterns not applied")
	}
	if got := c.Option("wildcard-resource", "extra_resourceless_actions"); len(got) != n || got[0] != "s3:Action0" {
		t.Errorf("rule option: %d values", len(got))
	}
	// What is not a list of strings is still refused, at the attribute.
	for _, bad := range []string{`exclude = ["a", {b = 1}]`, `exclude = ["a", null]`, `exclude = "a"`} {
		if _, d := Parse("/repo/.iamlint.hcl", []byte(bad)); !d.HasErrors() {
			t.Errorf("%s: no error", bad)
		}
	}
	// Numbers and bools convert to strings, as Terraform converts them.
	c, d := Parse("/repo/.iamlint.hcl", []byte(`exclude = ["a", 1, true]`))
	if d.HasErrors() || strings.Join(c.Exclude, ",") != "a,1,true" {
		t.Errorf("mixed list: %v %q", d, c.Exclude)
	}
}
