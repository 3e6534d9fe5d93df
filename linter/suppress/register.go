package suppress

import (
	"bytes"
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
//
// The places of the letters m, f and v (any case), one of which each word
// holds and which are rarer in Terraform than the first letters of the
// words ("ia" starts every "iam"), are found with bytes.IndexByte, a letter
// at a time (vectorised: 32 bytes an instruction or so), and only there
// are the words tried (directiveAround). A byte at a time, with a branch
// on most letters, it took 15 instructions a byte; with the pairs "ia",
// "tf", "tr" and "ch" looked for eight bytes at a time, 8 (1.8% of the
// instructions of a dense estate); with m, f and v eight bytes at a time
// with word arithmetic, about 8 (a dense 1,000-file estate: 83M of 5,880M
// instructions); so, about 2.
func mayHoldDirective(src []byte) bool {
	for _, c := range [...]byte{'v', 'V', 'f', 'F', 'm', 'M'} {
		for i := 0; ; i++ {
			j := bytes.IndexByte(src[i:], c)
			if j < 0 {
				break
			}
			if i += j; directiveAround(src, i) {
				return true
			}
		}
	}
	return false
}

// directiveAround reports whether one of mayHoldDirective's words holds
// src[i] as its m (iamlint), f (tfsec) or v (trivy, checkov), in any case
// (each byte | 0x20 is the word's).
func directiveAround(src []byte, i int) bool {
	switch src[i] | 0x20 {
	case 'm':
		return wordAt(src, i-2, "iamlint")
	case 'f':
		return wordAt(src, i-1, "tfsec")
	case 'v':
		return wordAt(src, i-3, "trivy") || wordAt(src, i-6, "checkov")
	}
	return false
}

// wordAt reports whether src holds the lower-case word w at i (each byte
// | 0x20); false when w would not fit there.
func wordAt(src []byte, i int, w string) bool {
	if i < 0 || i+len(w) > len(src) {
		return false
	}
	for j := 0; j < len(w); j++ {
		if src[i+j]|0x20 != w[j] {
			return false
		}
	}
	return true
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
