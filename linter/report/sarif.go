package report

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamlint/iamlint/linter"
)

// SARIFVersion and SARIFSchema identify the SARIF format written by WriteSARIF.
const (
	SARIFVersion = "2.1.0"
	SARIFSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
)

// SecuritySeverity is the SARIF "security-severity" property of each
// severity (GitHub code scanning maps >= 9.0 to critical, >= 7.0 high,
// >= 4.0 medium, else low).
func SecuritySeverity(s linter.Severity) string {
	switch s {
	case linter.Critical:
		return "9.5"
	case linter.High:
		return "8.0"
	case linter.Medium:
		return "5.5"
	}
	return "3.0"
}

// SARIFLevel maps a severity to a SARIF level.
func SARIFLevel(s linter.Severity) string {
	switch s {
	case linter.Critical, linter.High:
		return "error"
	case linter.Medium:
		return "warning"
	}
	return "note"
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	Invocations        []sarifInvocation           `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult               `json:"results"`
	ColumnKind         string                      `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	FullDescription      sarifMessage    `json:"fullDescription"`
	Help                 sarifMessage    `json:"help"`
	HelpURI              string          `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
	Properties           sarifRuleProps  `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	SecuritySeverity string   `json:"security-severity"`
	Severity         string   `json:"iamlint-severity"`
	Tags             []string `json:"tags"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           *int               `json:"ruleIndex,omitempty"`
	Level               string             `json:"level"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]string  `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               int               `json:"id,omitempty"`
	PhysicalLocation *sarifPhysical    `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLoc `json:"logicalLocations,omitempty"`
	Message          *sarifMessage     `json:"message,omitempty"`
}

type sarifLogicalLoc struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI         string        `json:"uri"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Justification string `json:"justification,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// WriteSARIF writes res as a SARIF 2.1.0 log with one run. Every rule of
// rules is described in tool.driver.rules (with help text, help URI and a
// security-severity property); findings become results (with
// partialFingerprints "iamlint/v1", relatedLocations for the module call
// chain), suppressed findings become results with suppressions (inline:
// kind "inSource"; config and baseline: kind "external"), and errors and
// notices become tool execution notifications of the one invocation, which
// is unsuccessful when there are errors. With opts.MaxResults, the log
// holds at most that many results, the most severe, and a warning
// notification says what it leaves out.
func WriteSARIF(w io.Writer, res *linter.Result, rules []*linter.Rule, opts Options) error {
	idx := ruleIndex(rules)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "iamlint",
			Version:        opts.ToolVersion,
			InformationURI: InformationURI,
			Rules:          []sarifRule{},
		}},
		Results:    []sarifResult{},
		ColumnKind: "unicodeCodePoints",
	}
	if isSemver(opts.ToolVersion) {
		run.Tool.Driver.SemanticVer = strings.TrimPrefix(opts.ToolVersion, "v")
	}
	if opts.SrcRootURI != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{"%SRCROOT%": {URI: opts.SrcRootURI}}
	}
	for _, r := range rules {
		if r == nil {
			continue
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	if res != nil {
		for _, e := range res.Errors {
			n := sarifNotification{Level: "error", Message: sarifMessage{Text: nonEmpty(e.Message, "error")}}
			if e.File != "" {
				n.Locations = []sarifLocation{{PhysicalLocation: physical(opts.sarifPath(e.File), e.Line, e.Column, 0, 0)}}
			}
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
			inv.ExecutionSuccessful = false
		}
		for _, no := range res.Notices {
			n := sarifNotification{Level: "note", Message: sarifMessage{Text: nonEmpty(no.Message, "notice")}}
			if no.File != "" {
				n.Locations = []sarifLocation{{PhysicalLocation: physical(opts.sarifPath(no.File), no.Line, no.Column, 0, 0)}}
			}
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
		}
	}
	sel, capped := selectSARIF(res, opts.MaxResults)
	if capped {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:   "warning",
			Message: sarifMessage{Text: sel.note(len(res.Findings)+len(res.Suppressed), opts.MaxResults)},
		})
	}
	run.Invocations = []sarifInvocation{inv}
	// The log is encoded without its results, which are then written in
	// the place of the empty list, one at a time (as in JSON): the same
	// bytes as the whole log through one indenting Encoder, without holding
	// a big plan's hundred megabytes of results (twice) in memory.
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	var nf, ns int
	if res != nil {
		nf, ns = len(res.Findings), len(res.Suppressed)
	}
	// finding and suppressed return the i-th finding and suppressed finding
	// the log holds.
	finding := func(i int) *linter.Finding { return &res.Findings[i] }
	suppressed := func(i int) *linter.Finding { return &res.Suppressed[i] }
	if capped {
		nf, ns = len(sel.findings), len(sel.suppressed)
		finding = func(i int) *linter.Finding { return &res.Findings[sel.findings[i]] }
		suppressed = func(i int) *linter.Finding { return &res.Suppressed[sel.suppressed[i]] }
	}
	// Strings hold no raw newline: this is the run's "results" member.
	const empty = "\n      \"results\": []"
	at := bytes.Index(head.Bytes(), []byte(empty))
	if nf+ns == 0 || at < 0 {
		_, err := w.Write(head.Bytes())
		return err
	}
	// File names made relative once each (relPath may ask for the current
	// directory): read by the workers that encode the results.
	rels := map[string]string{}
	addRel := func(name string) {
		if _, ok := rels[name]; !ok {
			rels[name] = opts.sarifPath(name)
		}
	}
	for _, fs := range [][]linter.Finding{res.Findings, res.Suppressed} {
		for i := range fs {
			addRel(fs[i].Range.Filename)
			for _, r := range fs[i].Related {
				addRel(r.Range.Filename)
			}
		}
	}
	relPath := func(name string) string {
		if r, ok := rels[name]; ok {
			return r
		}
		return opts.sarifPath(name)
	}
	sw := newStreamWriter(w)
	sw.rawBytes(head.Bytes()[:at+len(empty)-2])
	sw.listAt("      ", nf+ns, func(b []byte, i int, prefix string) []byte {
		if i < nf {
			return appendSarifFinding(b, prefix, finding(i), idx, relPath)
		}
		return appendSarifFinding(b, prefix, suppressed(i-nf), idx, relPath)
	})
	sw.rawBytes(head.Bytes()[at+len(empty):])
	return sw.flush()
}

func sarifRuleOf(r *linter.Rule) sarifRule {
	why := nonEmpty(r.Doc.Why, r.Title)
	text := why
	md := why
	if r.Doc.Fix != "" {
		text += "\n\nHow to fix: " + r.Doc.Fix
		md += "\n\n**How to fix:** " + r.Doc.Fix
	}
	for _, l := range r.Doc.Links {
		text += "\n" + l
		md += "\n- <" + l + ">"
	}
	if r.ID == linter.InvalidSuppressionRule {
		md += "\n\nFix or remove the suppression it reports, or turn the rule off with `--disable " + r.ID + "`: its findings cannot be suppressed."
	} else {
		md += "\n\nSuppress with `# iamlint:ignore " + r.ID + " -- reason` on the line above the block."
	}
	return sarifRule{
		ID:                   r.ID,
		Name:                 ruleName(r.ID),
		ShortDescription:     sarifMessage{Text: nonEmpty(r.Title, r.ID)},
		FullDescription:      sarifMessage{Text: why},
		Help:                 sarifMessage{Text: text, Markdown: md},
		HelpURI:              RuleHelpURI(r.ID),
		DefaultConfiguration: sarifRuleConfig{Level: SARIFLevel(r.Severity)},
		Properties: sarifRuleProps{
			SecuritySeverity: SecuritySeverity(r.Severity),
			Severity:         r.Severity.String(),
			Tags:             []string{"security", "iam", "terraform"},
		},
	}
}

// ruleName turns wildcard-action into WildcardAction (SARIF reportingDescriptor.name
// is meant to be an identifier-like name).
func ruleName(id string) string {
	var b strings.Builder
	for _, p := range strings.Split(id, "-") {
		if p == "" {
			continue
		}
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

// physical returns a location relative to %SRCROOT%. Lines and columns that
// are 0 (unknown) are left out; a region needs at least startLine.
func physical(name string, line, col, endLine, endCol int) *sarifPhysical {
	uri, base, desc := artifactURI(name)
	p := &sarifPhysical{ArtifactLocation: sarifArtifactLoc{URI: uri, URIBaseID: base}}
	if desc != "" {
		p.ArtifactLocation.Description = &sarifMessage{Text: desc}
	}
	if line > 0 {
		reg := &sarifRegion{StartLine: line}
		if col > 0 {
			reg.StartColumn = col
		}
		if endLine >= line {
			reg.EndLine = endLine
			if endCol > 0 && (endLine > line || endCol >= col) {
				reg.EndColumn = endCol
			}
		}
		p.Region = reg
	}
	return p
}

// sarifPath returns name (absolute, or relative to the current directory)
// as a SARIF location names it: a slash path relative to %SRCROOT%
// (opts.BaseDir, else the current directory) when the file is inside it,
// else the file's absolute slash path. A path with ".." relative to
// %SRCROOT% would be resolved against the wrong directory when %SRCROOT% is
// the repository root and iamlint runs in a subdirectory (sub/../../x.tf
// is one level above the root, not two), and names a file outside the
// checkout, which a SARIF consumer maps to no artifact.
func (o Options) sarifPath(name string) string {
	if name == "" || name == "-" || strings.HasPrefix(name, "<") {
		return o.relPath(name)
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return o.relPath(name)
	}
	base := o.BaseDir
	if base == "" {
		if base, err = os.Getwd(); err != nil {
			return o.relPath(name)
		}
	}
	if r, err := filepath.Rel(base, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

// artifactURI returns the SARIF artifactLocation of a sarifPath name: an
// escaped relative reference with uriBaseId %SRCROOT%, or, for an absolute
// path (a file outside %SRCROOT%), an absolute file URI with no uriBaseId.
// Standard input (a plan piped to iamlint -, named <stdin>, or -) is
// "stdin" with no uriBaseId, and desc says what it is: it is no file of
// %SRCROOT%, and GitHub code scanning rejects a whole log with a result
// that has no physical location (a logical one alone). It was
// "%3Cstdin%3E" under %SRCROOT%, a file named <stdin> at the root.
func artifactURI(name string) (uri, baseID, desc string) {
	switch {
	case name == stdinName || name == "-":
		return "stdin", "", stdinDescription
	case strings.HasPrefix(name, "/"):
		return "file://" + fileURI(name), "", ""
	}
	return fileURI(name), "%SRCROOT%", ""
}

// stdinName is the name of standard input in the run's results (the
// linter's planName), stdinDescription the artifactLocation description
// SARIF gives it.
const (
	stdinName        = "<stdin>"
	stdinDescription = "the standard input of iamlint (a plan piped to iamlint -), not a file of the repository"
)

// fileURI escapes a relative slash path as a URI reference.
func fileURI(name string) string {
	if name == "" {
		return "."
	}
	if plainPath(name) {
		return name // nothing to escape (the common case, once per location)
	}
	parts := strings.Split(name, "/")
	for i, p := range parts {
		// PathEscape leaves ':', which in a first segment makes the
		// reference a URI of that scheme (team:a/main.tf).
		parts[i] = strings.ReplaceAll(url.PathEscape(p), ":", "%3A")
	}
	return strings.Join(parts, "/")
}

// plainPath reports whether name holds only letters, digits, "-", "_",
// ".", "~" and "/": url.PathEscape leaves each segment of such a name as it is.
func plainPath(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}

func nonEmpty(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func isSemver(v string) bool {
	v = strings.TrimPrefix(v, "v")
	core := v
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		core = v[:i]
	}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}
