package config

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/internal/cputime"
)

// TestPatternTooLong: an exclude pattern or an ignore address longer than
// 1,024 bytes is an error at it, not compiled: one pattern of "a*" 2
// million times (a 4 MB .iamlint.hcl) ran past a minute on a one-file
// directory (1.5 GB). A pattern of 1,024 bytes is used.
func TestPatternTooLong(t *testing.T) {
	long := strings.Repeat("a*", 500000)
	start := cputime.Used()
	_, diags := Parse("/repo/.iamlint.hcl", []byte(`exclude = ["legacy/**", "`+long+`"]
ignore {
  rule    = "*"
  address = "`+long+`"
  reason  = "x"
}
`))
	if el := cputime.Used() - start; el > 2*time.Second {
		t.Errorf("Parse took %v of CPU", el)
	}
	want := []string{
		".iamlint.hcl:1:25: Pattern too long: This exclude pattern is 1000000 bytes, more than the limit of 1024; it is not used.",
		".iamlint.hcl:4:13: Pattern too long: This address pattern is 1000000 bytes, more than the limit of 1024; it is not used.",
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s: %s", d.Subject.Filename[len("/repo/"):], d.Subject.Start.Line, d.Subject.Start.Column, d.Summary, d.Detail))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ok := strings.Repeat("a*", 511) + "zz"
	c, diags := Parse("/repo/.iamlint.hcl", []byte(`exclude = ["`+ok+`"]`))
	if diags.HasErrors() || !c.Excluded("/repo/"+strings.Repeat("a", 511)+"zz") {
		t.Errorf("a pattern of 1,024 bytes: %v", diags)
	}
}
