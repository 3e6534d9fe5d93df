package main

import (
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/iamlint/iamlint/linter"
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

// hooks are the parts of the workflow (config, baseline) that packages
// linter/config and linter/baseline provide. A nil hook means this build does
// not have the feature; the flag is then handled as applyConfig and cmdLint say.
var hooks struct {
	// loadConfig reads the configuration (--config FILE, or .iamlint.hcl found
	// from the scanned paths) into opts. An explicit FILE that is missing must be an error.
	loadConfig func(file string, opts *linter.Options) error
	// applyBaseline moves findings recorded in FILE out of res.Findings.
	applyBaseline func(file string, res *linter.Result) error
	// writeBaseline records res.Findings in FILE.
	writeBaseline func(file string, res *linter.Result) error
}

// applyConfig loads the configuration through hooks.loadConfig. Without the
// hook, an explicit --config FILE must at least exist; it is then not applied,
// and a note on stderr says so.
func applyConfig(lf *lintFlags, opts *linter.Options, stderr io.Writer) (int, bool) {
	if hooks.loadConfig != nil {
		if err := hooks.loadConfig(lf.config, opts); err != nil {
			fmt.Fprintf(stderr, "iamlint: config: %v\n", err)
			return exitError, false
		}
		return 0, true
	}
	if lf.config == "" {
		return 0, true
	}
	if _, err := os.Stat(lf.config); err != nil {
		fmt.Fprintf(stderr, "iamlint: --config: %v\n", err)
		return exitError, false
	}
	fmt.Fprintf(stderr, "iamlint: note: configuration files are not applied by this build; %s is ignored\n", lf.config)
	return 0, true
}
