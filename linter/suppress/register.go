package suppress

import (
	"regexp"
	"sort"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// Importing this package makes every linter.Lint apply inline suppression
// comments (see Inline).
func init() { linter.RegisterInlineSuppressor(Inline) }

var mayHoldDirective = regexp.MustCompile(`(?i)iamlint|tfsec|trivy|checkov`)

// Inline applies the suppression comments of sources (file name to content;
// names as in the findings' ranges) to findings: it parses every file with
// ParseKnown against known, scopes directives with Blocks and applies them
// with ApplyWith (ran: the rules that ran). Problems are the malformed,
// expired and unused directives, as invalid-suppression findings. It has the
// linter.InlineSuppressor signature.
func Inline(findings []linter.Finding, sources map[string][]byte, known []string, ran map[string]bool, now time.Time) (kept, suppressed, problems []linter.Finding) {
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	sort.Strings(names)
	var dirs []Directive
	var blocks []BlockRange
	for _, n := range names {
		src := sources[n]
		if !mayHoldDirective.Match(src) {
			continue // nothing to lex
		}
		d, p := ParseKnown(n, src, known)
		problems = append(problems, p...)
		if len(d) == 0 {
			continue
		}
		dirs = append(dirs, d...)
		blocks = append(blocks, Blocks(n, src)...)
	}
	if len(dirs) == 0 {
		return append([]linter.Finding{}, findings...), []linter.Finding{}, problems
	}
	kept, suppressed, more := ApplyWith(findings, dirs, blocks, Options{Now: now, Enabled: ran})
	return kept, suppressed, append(problems, more...)
}
