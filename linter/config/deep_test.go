package config

import (
	"strings"
	"testing"
)

// TestParseDeepNesting: a configuration nested 1,000,000 brackets or
// 200,000 operators deep is a located error, not a fatal stack overflow of
// the parser or the evaluator.
func TestParseDeepNesting(t *testing.T) {
	for name, src := range map[string]string{
		"brackets":  "disable = " + strings.Repeat("[", 1000000) + strings.Repeat("]", 1000000) + "\n",
		"operators": "fail_on = " + strings.Repeat(`true?"high":`, 200000) + "\"low\"\n",
	} {
		_, diags := Parse(".iamlint.hcl", []byte(src))
		if !diags.HasErrors() || diags[0].Summary != "Nesting too deep" || diags[0].Subject == nil || diags[0].Subject.Start.Line != 1 {
			t.Errorf("%s: want Nesting too deep at line 1, got %v", name, diags)
		}
	}
}
