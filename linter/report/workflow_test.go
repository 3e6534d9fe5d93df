package report

import "testing"

// TestWorkflowCommand: a line GitHub Actions reads as a workflow command
// starts with "::" after white space, Unicode's included (the runner trims
// it as .NET's TrimStart does); PrintableFile writes such a file name with
// "./" before it.
func TestWorkflowCommand(t *testing.T) {
	for s, want := range map[string]bool{
		"::stop-commands::x":    true,
		"    ::warning::x":      true,
		"\t\u3000\u00a0::x":     true,
		"::":                    true,
		":":                     false,
		"":                      false,
		"   ":                   false,
		"x::y":                  false,
		"./::stop-commands::x":  false,
		"\u200b::zero-width":    false, // not white space for either
		"main.tf:3:1: error: x": false,
	} {
		if got := WorkflowCommand(s); got != want {
			t.Errorf("WorkflowCommand(%q) = %v, want %v", s, got, want)
		}
		if got := WorkflowCommand([]byte(s)); got != want {
			t.Errorf("WorkflowCommand([]byte(%q)) = %v, want %v", s, got, want)
		}
	}
	for name, want := range map[string]string{
		"::stop-commands::x.tf": "./::stop-commands::x.tf",
		" ::x.tf":               "./ ::x.tf",
		"a/::x.tf":              "a/::x.tf",
		"main.tf":               "main.tf",
		"\n::x.tf":              "\ufffd::x.tf", // a control character is U+FFFD, no white space
	} {
		if got := PrintableFile(name); got != want {
			t.Errorf("PrintableFile(%q) = %q, want %q", name, got, want)
		}
	}
}
