package report

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamlint/iamlint/linter"
)

// Options configures the CI formats (sarif, junit, checkstyle, github, gitlab).
type Options struct {
	// ToolVersion is the binary's version ("0.3.0", "dev").
	ToolVersion string
	// BaseDir, when set, is the directory that file names are made relative to
	// (for SARIF: what %SRCROOT% stands for). File names in a linter.Result are
	// already relative to the current directory; BaseDir only matters for names
	// that are absolute. Empty: names are used as they are.
	BaseDir string
	// SrcRootURI, when set, is written to SARIF originalUriBaseIds as the
	// absolute file:// URI of %SRCROOT% (must end in "/"). Empty: omitted.
	SrcRootURI string
	// MaxResults, when above 0, is the most results a SARIF log holds (the
	// most severe findings, then suppressed ones; see selectSARIF). SARIF
	// sets GitHubMaxResults.
	MaxResults int
}

// DocsBaseURL is where docs/rules/<id>.md lives on the web.
const DocsBaseURL = "https://github.com/iamlint/iamlint/blob/main/docs/rules/"

// InformationURI is the project's home page.
const InformationURI = "https://github.com/iamlint/iamlint"

// RuleHelpURI returns the web address of a rule's documentation.
func RuleHelpURI(id string) string { return DocsBaseURL + id + ".md" }

// Adapters with the Formatter signature of json.go/text.go, so the command can
// keep one table of formats: meta.Rules and meta.ToolVersion are passed on.

// SARIF writes a SARIF 2.1.0 log (see WriteSARIF). File URIs are relative
// to the root of the Git repository iamlint runs in, as GitHub code scanning
// reads them, even when it runs in a subdirectory (outside a repository: to
// the current directory). It holds at most GitHubMaxResults results, the
// most severe (SARIFLeftOut says what it leaves out), as GitHub rejects a
// log with more.
func SARIF(w io.Writer, res *linter.Result, meta Meta) error {
	return WriteSARIF(w, res, meta.Rules, Options{ToolVersion: meta.ToolVersion, BaseDir: RepoRoot("."), MaxResults: GitHubMaxResults})
}

// JUnit writes JUnit XML (see WriteJUnit) with a test suite for each rule
// that ran (meta.RulesRun, else meta.Rules): a rule that did not run did
// not pass.
func JUnit(w io.Writer, res *linter.Result, meta Meta) error {
	rules := meta.Rules
	if meta.RulesRun != nil {
		rules = meta.RulesRun
	}
	return WriteJUnit(w, res, rules, Options{ToolVersion: meta.ToolVersion})
}

// Checkstyle writes Checkstyle XML (see WriteCheckstyle).
func Checkstyle(w io.Writer, res *linter.Result, meta Meta) error {
	return WriteCheckstyle(w, res, meta.Rules, Options{ToolVersion: meta.ToolVersion})
}

// GitHub writes GitHub Actions workflow commands (see WriteGitHub); file
// names are relative to the repository root, as for SARIF.
func GitHub(w io.Writer, res *linter.Result, meta Meta) error {
	return WriteGitHub(w, res, meta.Rules, Options{ToolVersion: meta.ToolVersion, BaseDir: RepoRoot(".")})
}

// GitLab writes a GitLab Code Quality report (see WriteGitLab); paths are
// relative to the repository root, as GitLab reads them.
func GitLab(w io.Writer, res *linter.Result, meta Meta) error {
	return WriteGitLab(w, res, meta.Rules, Options{ToolVersion: meta.ToolVersion, BaseDir: RepoRoot(".")})
}

// relPath returns name (absolute, or relative to the current directory)
// relative to opts.BaseDir when it is inside it, with / separators.
func (o Options) relPath(name string) string {
	if name == "" {
		return ""
	}
	if o.BaseDir != "" && !strings.HasPrefix(name, "<") && name != "-" {
		abs := name
		if !filepath.IsAbs(abs) {
			if a, err := filepath.Abs(name); err == nil {
				abs = a
			}
		}
		if r, err := filepath.Rel(o.BaseDir, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && filepath.IsAbs(abs) {
			name = r
		}
	}
	return filepath.ToSlash(name)
}

// RepoRoot returns the root of the Git repository that holds dir (the
// nearest parent with a .git entry), or "" outside one.
func RepoRoot(dir string) string {
	d, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

func ruleIndex(rules []*linter.Rule) map[string]int {
	m := make(map[string]int, len(rules))
	for i, r := range rules {
		if r != nil {
			m[r.ID] = i
		}
	}
	return m
}

func ruleByID(rules []*linter.Rule, id string) *linter.Rule {
	for _, r := range rules {
		if r != nil && r.ID == id {
			return r
		}
	}
	return nil
}

func atLeast1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}
