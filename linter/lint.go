package linter

import (
	"github.com/hashicorp/hcl/v2"
)

// Options says what to lint and how.
type Options struct {
	Paths    []string // directories, .tf/.tf.json/.tfvars files, plan .json files, "-" for a plan on stdin
	VarFiles []string // --var-file
	Vars     []string // --var NAME=VALUE
	Rules    []*Rule  // the rules to run (already filtered by --enable/--disable)

	MinSeverity Severity // findings below are not reported (0: all)
	NewOnly     bool     // plans: only what the plan adds
	Source      string   // plans: directory with the .tf source (--source)
}

// Error is a problem that kept the linter from doing part of its job: a file
// that does not parse, a policy that is not JSON, an unreadable path.
type Error struct {
	File    string
	Line    int
	Column  int
	Message string
}

// Notice is something the user should know that is not a finding or an error:
// a registry module that was not followed, a plan policy that stayed unknown.
type Notice struct {
	File     string
	Line     int
	Resource string
	Message  string
}

// Summary counts what was linted.
type Summary struct {
	Files      int
	Resources  int
	Policies   int
	Findings   int
	Suppressed int
	Errors     int
	Notices    int
}

// Result is the outcome of Lint. Findings are sorted by file, line, column, rule.
type Result struct {
	Findings   []Finding
	Suppressed []Finding
	Errors     []Error
	Notices    []Notice
	Summary    Summary
	// Sources maps file names (as in finding ranges) to their content, so text
	// reports can quote the offending line.
	Sources map[string][]byte
	// Diags are the raw diagnostics behind Errors and Notices.
	Diags hcl.Diagnostics
}
