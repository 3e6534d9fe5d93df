package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/iamlint/iamlint/linter"
)

// JUnit XML (the de-facto schema read by Jenkins, GitLab, Azure DevOps,
// dorny/test-reporter): one testsuite per rule that ran; a rule with no
// finding is one passing testcase, else one failing testcase per finding.
// Errors (files that do not parse) are a testsuite "iamlint" with one
// <error> testcase each.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes res as JUnit XML: one testsuite per rule (in the order
// of rules, then any rule only seen in findings), a failing testcase per
// finding (type = severity), a skipped testcase per suppressed finding, a
// passing testcase for a rule without findings, and a testsuite "iamlint"
// holding one erroring testcase per error.
func WriteJUnit(w io.Writer, res *linter.Result, rules []*linter.Rule, opts Options) error {
	if res == nil {
		res = &linter.Result{}
	}
	byRule := map[string][]linter.Finding{}
	supByRule := map[string][]linter.Finding{}
	var order []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			order = append(order, id)
		}
	}
	for _, r := range rules {
		if r != nil {
			add(r.ID)
		}
	}
	var extra []string
	for _, f := range res.Findings {
		byRule[f.Rule] = append(byRule[f.Rule], f)
		if !seen[f.Rule] {
			extra = append(extra, f.Rule)
			seen[f.Rule] = true
		}
	}
	for _, f := range res.Suppressed {
		supByRule[f.Rule] = append(supByRule[f.Rule], f)
		if !seen[f.Rule] {
			extra = append(extra, f.Rule)
			seen[f.Rule] = true
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)

	out := junitSuites{Name: "iamlint"}
	for _, id := range order {
		s := junitSuite{Name: id}
		for _, f := range byRule[id] {
			file := opts.relPath(f.Range.Filename)
			s.Cases = append(s.Cases, junitCase{
				Name:      caseName(f, file),
				ClassName: file,
				File:      file,
				Line:      f.Range.Start.Line,
				Failure: &junitProblem{
					Message: f.Message,
					Type:    f.Severity.String(),
					Text:    findingText(f, file),
				},
			})
			s.Failures++
		}
		for _, f := range supByRule[id] {
			file := opts.relPath(f.Range.Filename)
			msg := "suppressed"
			if f.Suppression != nil {
				msg = "suppressed (" + f.Suppression.Kind + "): " + f.Suppression.Reason
			}
			s.Cases = append(s.Cases, junitCase{
				Name: caseName(f, file), ClassName: file, File: file, Line: f.Range.Start.Line,
				Skipped: &junitProblem{Message: msg},
			})
			s.Skipped++
		}
		if len(s.Cases) == 0 {
			s.Cases = []junitCase{{Name: id, ClassName: "iamlint"}}
		}
		s.Tests = len(s.Cases)
		out.Suites = append(out.Suites, s)
	}
	if len(res.Errors) > 0 {
		s := junitSuite{Name: "iamlint"}
		for _, e := range res.Errors {
			file := opts.relPath(e.File)
			s.Cases = append(s.Cases, junitCase{
				Name: position(file, e.Line, e.Column), ClassName: file, File: file, Line: e.Line,
				Error: &junitProblem{Message: e.Message, Type: "error", Text: position(file, e.Line, e.Column) + ": " + e.Message},
			})
		}
		s.Tests, s.Errors = len(s.Cases), len(s.Cases)
		out.Suites = append(out.Suites, s)
	}
	for _, s := range out.Suites {
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Errors += s.Errors
		out.Skipped += s.Skipped
	}
	return writeXML(w, out)
}

func caseName(f linter.Finding, file string) string {
	name := position(file, f.Range.Start.Line, f.Range.Start.Column)
	if f.Resource != "" {
		name += " " + f.Resource
	}
	return name
}

func findingText(f linter.Finding, file string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s: %s", position(file, f.Range.Start.Line, f.Range.Start.Column), f.Severity, f.Rule, f.Message)
	if f.Resource != "" {
		fmt.Fprintf(&b, "\nresource: %s", f.Resource)
	}
	for _, r := range f.Related {
		fmt.Fprintf(&b, "\n%s: %s", position(r.Range.Filename, r.Range.Start.Line, 0), r.Message)
	}
	if f.Fingerprint != "" {
		fmt.Fprintf(&b, "\nfingerprint: %s", f.Fingerprint)
	}
	b.WriteString("\ndocs: " + RuleHelpURI(f.Rule))
	return b.String()
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// Checkstyle XML 4.3: <checkstyle version="4.3"><file name><error line column
// severity message source/></file></checkstyle>, files sorted by name.
// Errors (files that do not parse) are <error source="iamlint.error">.

type csRoot struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// CheckstyleSeverity maps a severity to checkstyle's error|warning|info.
func CheckstyleSeverity(s linter.Severity) string {
	switch s {
	case linter.Critical, linter.High:
		return "error"
	case linter.Medium:
		return "warning"
	}
	return "info"
}

// WriteCheckstyle writes res as Checkstyle 4.3 XML. Suppressed findings are
// not written (checkstyle has no notion of them).
func WriteCheckstyle(w io.Writer, res *linter.Result, rules []*linter.Rule, opts Options) error {
	if res == nil {
		res = &linter.Result{}
	}
	files := map[string]*csFile{}
	get := func(name string) *csFile {
		if f, ok := files[name]; ok {
			return f
		}
		f := &csFile{Name: name}
		files[name] = f
		return f
	}
	for _, f := range res.Findings {
		file := opts.relPath(f.Range.Filename)
		msg := f.Message
		if f.Resource != "" {
			msg += " (" + f.Resource + ")"
		}
		cf := get(file)
		cf.Errors = append(cf.Errors, csError{
			Line: f.Range.Start.Line, Column: f.Range.Start.Column,
			Severity: CheckstyleSeverity(f.Severity), Message: msg, Source: "iamlint." + f.Rule,
		})
	}
	for _, e := range res.Errors {
		cf := get(opts.relPath(e.File))
		cf.Errors = append(cf.Errors, csError{Line: e.Line, Column: e.Column, Severity: "error", Message: e.Message, Source: "iamlint.error"})
	}
	out := csRoot{Version: "4.3", Files: []csFile{}}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out.Files = append(out.Files, *files[n])
	}
	return writeXML(w, out)
}

func itoa(n int) string { return strconv.Itoa(n) }
