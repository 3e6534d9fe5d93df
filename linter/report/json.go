package report

import (
	"encoding/json"
	"io"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
)

// Meta is what a formatter needs besides the result.
type Meta struct {
	ToolName    string         // "iamlint"
	ToolVersion string         // the binary's version
	Rules       []*linter.Rule // the rules that ran (SARIF and other formats describe them)
	Color       bool           // text: use ANSI colours
}

// Formatter writes a report of res to w.
type Formatter func(w io.Writer, res *linter.Result, meta Meta) error

// JSONVersion is the version of the JSON report format (CLI.md).
const JSONVersion = 1

type jsonReport struct {
	Version    int           `json:"version"`
	Tool       jsonTool      `json:"tool"`
	Findings   []jsonFinding `json:"findings"`
	Suppressed []jsonFinding `json:"suppressed"`
	Errors     []jsonError   `json:"errors"`
	Notices    []jsonNotice  `json:"notices"`
	Summary    jsonSummary   `json:"summary"`
	// Principals is the effective-permissions summary (linter.Result.Principals),
	// present when it was computed (the command always computes it for json).
	Principals *[]effective.PrincipalSummary `json:"principals,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	Rule        string           `json:"rule"`
	Severity    string           `json:"severity"`
	Message     string           `json:"message"`
	File        string           `json:"file"`
	Line        int              `json:"line"`
	Column      int              `json:"column"`
	EndLine     int              `json:"end_line"`
	EndColumn   int              `json:"end_column"`
	Resource    string           `json:"resource"`
	PolicyKind  string           `json:"policy_kind"`
	Fingerprint string           `json:"fingerprint"`
	Related     []jsonRelated    `json:"related"`
	Suppression *jsonSuppression `json:"suppression,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type jsonSuppression struct {
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"`
}

type jsonError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// jsonNotice is something the user should know that is neither a finding
// nor an error: a module not followed, a policy that stays unknown until apply.
type jsonNotice struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Resource string `json:"resource,omitempty"`
	Message  string `json:"message"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Resources  int `json:"resources"`
	Policies   int `json:"policies"`
	Findings   int `json:"findings"`
	Suppressed int `json:"suppressed"`
	Errors     int `json:"errors"`
	Notices    int `json:"notices"`
}

// JSON writes the version 1 JSON report of CLI.md: indented, with empty lists
// as [] and fields in a fixed order, so the same result gives the same bytes.
func JSON(w io.Writer, res *linter.Result, meta Meta) error {
	name := meta.ToolName
	if name == "" {
		name = "iamlint"
	}
	out := jsonReport{
		Version:    JSONVersion,
		Tool:       jsonTool{Name: name, Version: meta.ToolVersion},
		Findings:   jsonFindings(res.Findings),
		Suppressed: jsonFindings(res.Suppressed),
		Errors:     []jsonError{},
		Notices:    []jsonNotice{},
		Summary: jsonSummary{
			Files:      res.Summary.Files,
			Resources:  res.Summary.Resources,
			Policies:   res.Summary.Policies,
			Findings:   len(res.Findings),
			Suppressed: len(res.Suppressed),
			Errors:     len(res.Errors),
			Notices:    len(res.Notices),
		},
	}
	for _, n := range res.Notices {
		out.Notices = append(out.Notices, jsonNotice(n))
	}
	for _, e := range res.Errors {
		out.Errors = append(out.Errors, jsonError(e))
	}
	out.Principals = jsonPrincipals(res.Principals)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func jsonFindings(fs []linter.Finding) []jsonFinding {
	out := []jsonFinding{}
	for _, f := range fs {
		jf := jsonFinding{
			Rule:        f.Rule,
			Severity:    f.Severity.String(),
			Message:     f.Message,
			File:        f.Range.Filename,
			Line:        f.Range.Start.Line,
			Column:      f.Range.Start.Column,
			EndLine:     f.Range.End.Line,
			EndColumn:   f.Range.End.Column,
			Resource:    f.Resource,
			PolicyKind:  string(f.PolicyKind),
			Fingerprint: f.Fingerprint,
			Related:     []jsonRelated{},
		}
		for _, r := range f.Related {
			jf.Related = append(jf.Related, jsonRelated{File: r.Range.Filename, Line: r.Range.Start.Line, Message: r.Message})
		}
		if s := f.Suppression; s != nil {
			jf.Suppression = &jsonSuppression{Kind: s.Kind, Reason: s.Reason, Expires: s.Expires}
		}
		out = append(out, jf)
	}
	return out
}
