package linter

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
)

// Severity of a finding. The zero value is invalid.
type Severity int

// Severities, lowest first.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

func (s Severity) String() string {
	switch s {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	case Critical:
		return "critical"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity parses low|medium|high|critical (any case).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	case "critical":
		return Critical, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// Doc is the documentation of a rule, from which docs/rules/<id>.md and
// `iamlint explain` are generated.
type Doc struct {
	Why   string
	Fix   string
	Links []string
}

// Rule is one check. Rules are values, listed in rules.All; a rule is a small
// pure function over the IAM model: it never sees HCL, cty or plan JSON, and
// never prints.
type Rule struct {
	ID       string
	Title    string
	Severity Severity
	Doc      Doc
	Check    func(*Pass)
	// TakesUnknown, when set, returns what of statement s of d the rule
	// takes as if known though it is unknown (a condition value known only
	// after apply that wildcard-principal takes to pin who may call), as a
	// list of condition keys, for the notice of unknown policies; "" for
	// nothing. It reads the model only, as Check does.
	TakesUnknown func(d *iam.Document, s *iam.Statement) string
}

// Finding is one problem found by a rule.
type Finding struct {
	Rule        string
	Severity    Severity
	Message     string
	Range       hcl.Range // the offending element itself
	Resource    string    // Terraform address of the block that holds the element
	PolicyKind  iam.Kind  // empty when the finding is not about a policy
	Fingerprint string    // filled by the runner
	Related     []iam.Related

	// Suppression is set on suppressed findings.
	Suppression *Suppression

	// Instances are the addresses of the other instances of the block
	// (count / for_each keys) with the same finding, which the runner
	// merged into this one (at the smallest address); nil for most. Only
	// the configuration's ignore blocks read them: an ignore of one
	// instance must not hide the others' finding.
	Instances []string
}

// Suppression says why a finding is not reported.
type Suppression struct {
	Kind    string // "inline", "config", "baseline"
	Reason  string
	Expires string // YYYY-MM-DD, optional
}

// Pass is what a rule's Check receives: the model, and a way to report.
type Pass struct {
	Rule  *Rule
	Model *iam.Model
	// Options are the rule's options from the configuration (.iamlint.hcl
	// rule blocks), by name; nil when none are set. Read them with Option.
	Options map[string][]string
	report  func(Finding)
	shared  *shared // values computed once per run for every rule (Shared); nil in tests
}

// shared holds the values that the rules of one run compute once and share
// (Pass.Shared): a list every rule would otherwise rebuild from the model.
type shared struct {
	model *iam.Model
	mu    sync.Mutex
	vals  map[any]*sharedVal
}

type sharedVal struct {
	once sync.Once
	v    any
}

func newShared(m *iam.Model) *shared { return &shared{model: m, vals: map[any]*sharedVal{}} }

// Shared returns build(p.Model), computed once per run and shared by every
// rule of the run that asks for the same key (rules run in parallel: the
// first to ask builds, the others wait). The value must be read only. Without
// a run (NewPass in tests), build is called each time.
func (p *Pass) Shared(key any, build func(m *iam.Model) any) any {
	sh := p.shared
	if sh == nil || sh.model != p.Model {
		return build(p.Model)
	}
	sh.mu.Lock()
	sv := sh.vals[key]
	if sv == nil {
		sv = &sharedVal{}
		sh.vals[key] = sv
	}
	sh.mu.Unlock()
	sv.once.Do(func() { sv.v = build(p.Model) })
	return sv.v
}

// Option returns the configured values of the rule option name (for example
// "extra_resourceless_actions"), or nil when it is not set.
func (p *Pass) Option(name string) []string {
	if p == nil {
		return nil
	}
	return p.Options[name]
}

// NewPass returns a Pass whose Report calls report. Used by the runner and tests.
func NewPass(r *Rule, m *iam.Model, report func(Finding)) *Pass {
	return &Pass{Rule: r, Model: m, report: report}
}

// Report records a finding. Rule and, when zero, Severity are filled from the rule.
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule.ID
	f.Message = capMessage(f.Message)
	// A range that ends before it starts ends where it starts: HCL's
	// parser, recovering from a call left open (jsonencode({ at the end of
	// a file), gives the call the end line 0, column 0, and the finding
	// on its policy was reported with end_line 0.
	if r := &f.Range; r.End.Byte < r.Start.Byte || r.End.Line < r.Start.Line {
		r.End = r.Start
	}
	if f.Severity == 0 {
		f.Severity = p.Rule.Severity
	}
	p.report(f)
}

// ReportDoc records a finding at rng inside document d: resource, policy kind and
// related locations (module call chain) are taken from d.
func (p *Pass) ReportDoc(d *iam.Document, rng hcl.Range, sev Severity, format string, args ...any) {
	p.ReportDocMessage(d, rng, sev, fmt.Sprintf(format, args...))
}

// ReportDocMessage is ReportDoc with the message already built (a rule
// that reports on most statements of a big plan builds it in one buffer,
// without the intermediate strings of a format's arguments).
func (p *Pass) ReportDocMessage(d *iam.Document, rng hcl.Range, sev Severity, msg string) {
	p.Report(Finding{
		Severity:   sev,
		Message:    msg,
		Range:      rng,
		Resource:   d.Address,
		PolicyKind: d.Kind,
		Related:    d.Related,
	})
}

// maxMessage is the longest finding message kept: a message quoting a value
// of the input (a 100 MB action name) is cut, not printed whole.
const maxMessage = 2000

// capMessage cuts a message longer than maxMessage at a character boundary.
func capMessage(m string) string {
	if len(m) <= maxMessage {
		return m
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(m[cut]) {
		cut--
	}
	return m[:cut] + fmt.Sprintf("... (%d more bytes)", len(m)-cut)
}
