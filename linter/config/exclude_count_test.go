package config

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
)

// TestTooManyExcludePatterns: exclude takes at most 1,000 patterns; past
// them an error at the first pattern not used names the count and the
// limit, and the patterns before it are used. A .iamlint.hcl of 50,000
// patterns (0.9 MB) took 11 s and 430 MB on a directory of 200 files, as
// every pattern was compiled and tested against every file; 260,000 (about
// the tokens of a 4 MiB file) 4.5 s and 1.4 GB on 2 files.
func TestTooManyExcludePatterns(t *testing.T) {
	list := func(n int) string {
		pats := make([]string, n)
		for i := range pats {
			pats[i] = fmt.Sprintf(`"**/*-x%d-*/**"`, i)
		}
		return "exclude = [\n" + strings.Join(pats, ",\n") + "\n]\n"
	}
	c, diags := Parse("/repo/.iamlint.hcl", []byte(list(maxExcludePatterns)))
	if diags.HasErrors() {
		t.Fatalf("%d patterns: %v", maxExcludePatterns, diags)
	}
	if !c.Excluded(fmt.Sprintf("/repo/a/a-x%d-b/main.tf", maxExcludePatterns-1)) {
		t.Errorf("%d patterns: the last is not used", maxExcludePatterns)
	}

	start := cputime.Used()
	c, diags = Parse("/repo/.iamlint.hcl", []byte(list(200_000)))
	if el := cputime.Used() - start; el > 5*time.Second {
		t.Errorf("Parse of 200,000 patterns took %v of CPU", el)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d:%d: %s: %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary, d.Detail))
	}
	want := fmt.Sprintf("%d:1: Too many exclude patterns: exclude lists 200000 patterns, more than the limit of 1000; this one and those after it are not used.", maxExcludePatterns+2)
	if strings.Join(got, "\n") != want {
		t.Errorf("200,000 patterns: diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if !c.Excluded("/repo/a/a-x0-b/main.tf") || !c.Excluded(fmt.Sprintf("/repo/a/a-x%d-b/main.tf", maxExcludePatterns-1)) {
		t.Error("200,000 patterns: the first 1,000 are not used")
	}
	if c.Excluded(fmt.Sprintf("/repo/a/a-x%d-b/main.tf", maxExcludePatterns)) {
		t.Error("200,000 patterns: the 1,001st is used")
	}
}
