package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamlint/iamlint/linter"
)

// GitHubLevel maps a severity to a workflow command: critical and high are
// "error", medium "warning", low "notice".
func GitHubLevel(s linter.Severity) string {
	switch s {
	case linter.Critical, linter.High:
		return "error"
	case linter.Medium:
		return "warning"
	}
	return "notice"
}

// WriteGitHub writes one GitHub Actions workflow command per finding
// (::error file=F,line=L,col=C,endLine=E,endColumn=EC,title=T::message; col
// and endColumn only when the finding is on one line, E = L) and
// one ::error per linter error. Suppressed findings are not written.
// Property values escape %, \r, \n, ':' and ','; messages escape %, \r, \n
// (the escaping of @actions/core).
func WriteGitHub(w io.Writer, res *linter.Result, rules []*linter.Rule, opts Options) error {
	if res == nil {
		return nil
	}
	for _, f := range res.Findings {
		props := [][2]string{{"file", opts.relPath(f.Range.Filename)}}
		if l := f.Range.Start.Line; l > 0 {
			props = append(props, [2]string{"line", itoa(l)})
			// Columns only for a finding on one line: GitHub takes col and
			// endColumn only when line and endLine are the same (the
			// Checks API: omit them when start_line and end_line differ).
			el := f.Range.End.Line
			oneLine := el <= l
			if c := f.Range.Start.Column; c > 0 && oneLine {
				props = append(props, [2]string{"col", itoa(c)})
			}
			if el >= l {
				props = append(props, [2]string{"endLine", itoa(el)})
				if ec := f.Range.End.Column; ec > 0 && el == l && ec >= f.Range.Start.Column {
					props = append(props, [2]string{"endColumn", itoa(ec)})
				}
			}
		}
		title := "iamlint " + f.Rule + " (" + f.Severity.String() + ")"
		if r := ruleByID(rules, f.Rule); r != nil && r.Title != "" {
			title = "iamlint " + f.Rule + " (" + f.Severity.String() + "): " + r.Title
		}
		props = append(props, [2]string{"title", title})
		msg := f.Message
		if f.Resource != "" {
			msg += "\nresource: " + f.Resource
		}
		msg += "\ndocs: " + RuleHelpURI(f.Rule)
		if err := writeCommand(w, GitHubLevel(f.Severity), props, msg); err != nil {
			return err
		}
	}
	for _, e := range res.Errors {
		var props [][2]string
		if e.File != "" {
			props = append(props, [2]string{"file", opts.relPath(e.File)})
			if e.Line > 0 {
				props = append(props, [2]string{"line", itoa(e.Line)})
				if e.Column > 0 {
					props = append(props, [2]string{"col", itoa(e.Column)})
				}
			}
		}
		props = append(props, [2]string{"title", "iamlint error"})
		if err := writeCommand(w, "error", props, e.Message); err != nil {
			return err
		}
	}
	return nil
}

func writeCommand(w io.Writer, cmd string, props [][2]string, msg string) error {
	var b strings.Builder
	b.WriteString("::" + cmd)
	for i, p := range props {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p[0] + "=" + EscapeGitHubProperty(p[1]))
	}
	b.WriteString("::" + EscapeGitHubData(msg) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// EscapeGitHubData escapes a workflow command's message; other control
// characters (an escape sequence the log would run) are shown as U+FFFD
// (Printable).
func EscapeGitHubData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return Printable(strings.ReplaceAll(s, "\n", "%0A"))
}

// EscapeGitHubProperty escapes a workflow command's property value.
func EscapeGitHubProperty(s string) string {
	s = EscapeGitHubData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}

// GitLabSeverity maps a severity to GitLab Code Quality's
// info|minor|major|critical|blocker: critical -> blocker, high -> critical,
// medium -> major, low -> minor.
func GitLabSeverity(s linter.Severity) string {
	switch s {
	case linter.Critical:
		return "blocker"
	case linter.High:
		return "critical"
	case linter.Medium:
		return "major"
	case linter.Low:
		return "minor"
	}
	return "info"
}

type glIssue struct {
	Description string     `json:"description"`
	CheckName   string     `json:"check_name"`
	Fingerprint string     `json:"fingerprint"`
	Severity    string     `json:"severity"`
	Location    glLocation `json:"location"`
	Type        string     `json:"type"`
	Categories  []string   `json:"categories"`
}

type glLocation struct {
	Path  string  `json:"path"`
	Lines glLines `json:"lines"`
}

type glLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// WriteGitLab writes a GitLab Code Quality report: a JSON array of issues
// with description, check_name, fingerprint, severity and
// location{path, lines{begin}}. Errors are issues with check_name
// "iamlint-error" and severity "blocker"; one without a file is located at
// the current directory (GitLab requires a path: it was ""), line 1. Suppressed findings are not
// written. The fingerprint is the finding's (unique per issue: when two
// findings share one, or a finding has none, a hash of rule, file, line and
// message is used, as GitLab drops issues with duplicate fingerprints).
func WriteGitLab(w io.Writer, res *linter.Result, rules []*linter.Rule, opts Options) error {
	out := []glIssue{}
	seen := map[string]bool{}
	fp := func(pref string, parts ...any) string {
		if pref != "" && !seen[pref] {
			seen[pref] = true
			return pref
		}
		h := sha256.New()
		fmt.Fprintln(h, parts...)
		s := hex.EncodeToString(h.Sum(nil))
		for seen[s] {
			h.Write([]byte{0})
			s = hex.EncodeToString(h.Sum(nil))
		}
		seen[s] = true
		return s
	}
	// GitLab requires a path: what has no file (an invalid --var, a path
	// argument "") is at the directory iamlint ran in, relative to the
	// repository root as the others ("." at the root).
	path := func(name string) string {
		if p := opts.relPath(name); p != "" {
			return p
		}
		return opts.relPath(".")
	}
	if res != nil {
		for _, f := range res.Findings {
			file := path(f.Range.Filename)
			desc := f.Message
			if f.Resource != "" {
				desc += " (" + f.Resource + ")"
			}
			out = append(out, glIssue{
				Description: desc,
				CheckName:   f.Rule,
				Fingerprint: fp(f.Fingerprint, f.Rule, file, f.Range.Start.Line, f.Range.Start.Column, f.Message),
				Severity:    GitLabSeverity(f.Severity),
				Location:    glLocation{Path: file, Lines: glLines{Begin: atLeast1(f.Range.Start.Line), End: endLine(f)}},
				Type:        "issue",
				Categories:  []string{"Security"},
			})
		}
		for _, e := range res.Errors {
			file := path(e.File)
			out = append(out, glIssue{
				Description: e.Message,
				CheckName:   "iamlint-error",
				Fingerprint: fp("", "error", file, e.Line, e.Column, e.Message),
				Severity:    "blocker",
				Location:    glLocation{Path: file, Lines: glLines{Begin: atLeast1(e.Line)}},
				Type:        "issue",
				Categories:  []string{"Bug Risk"},
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func endLine(f linter.Finding) int {
	if f.Range.End.Line > f.Range.Start.Line {
		return f.Range.End.Line
	}
	return 0
}
