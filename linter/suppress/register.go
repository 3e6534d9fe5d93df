package suppress

import (
	"sort"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// Importing this package makes every linter.Lint apply inline suppression
// comments (see Inline).
func init() {
	linter.RegisterInlineSuppressor(Inline)
	linter.RegisterDirectiveScan(mayHoldDirective)
	linter.RegisterUnreadComments(Unread)
}

// mayHoldDirective reports whether src holds one of the words that start a
// directive (iamlint, tfsec, trivy, checkov) in any case. A hand-written
// scan: the equivalent case-insensitive regexp cost seconds on a 100 MB scan.
func mayHoldDirective(src []byte) bool {
	for i := 0; i < len(src); i++ {
		var w string
		switch src[i] | 0x20 {
		case 'i':
			w = "iamlint"
		case 't':
			if i+1 < len(src) && src[i+1]|0x20 == 'f' {
				w = "tfsec"
			} else {
				w = "trivy"
			}
		case 'c':
			w = "checkov"
		default:
			continue
		}
		if i+len(w) > len(src) {
			continue
		}
		j := 1
		for ; j < len(w) && src[i+j]|0x20 == w[j]; j++ {
		}
		if j == len(w) {
			return true
		}
	}
	return false
}

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
		if !mayHoldDirective(src) {
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
