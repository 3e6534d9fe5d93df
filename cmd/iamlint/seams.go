package main

import (
	"sort"

	"github.com/iamlint/iamlint/linter/report"
)

// formats maps --format names to formatters (all in package report, with
// the report.Formatter signature). A new format is one more entry.
var formats = map[string]report.Formatter{
	"text":       report.Text,
	"json":       report.JSON,
	"sarif":      report.SARIF,
	"junit":      report.JUnit,
	"checkstyle": report.Checkstyle,
	"github":     report.GitHub,
	"gitlab":     report.GitLab,
}

func formatNames() []string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
