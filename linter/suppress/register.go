package suppress

import (
	"encoding/binary"
	"math/bits"
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
// Eight bytes at a time: the places where "ia", "tf", "tr" or "ch" start
// (any case) are found with word arithmetic, and only those are looked at
// (directiveAt). A byte at a time, with a branch on most letters, it took
// 15 instructions a byte: 2% of the instructions of a 1,000-file estate.
func mayHoldDirective(src []byte) bool {
	if len(src) < 9 {
		for i := range src {
			if directiveAt(src, i) {
				return true
			}
		}
		return false
	}
	const ones, lows, highs, fold = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080, 0x2020202020202020
	// zero has the high bit of each byte of x that is zero, and no other.
	zero := func(x uint64) uint64 { return ^((x&lows + lows) | x) & highs }
	for i := 0; ; i += 8 {
		// The last word ends at the end of src (over bytes read
		// already: what is looked for is whether there is one).
		i = min(i, len(src)-9)
		b := src[i : i+9 : i+9]
		x := binary.LittleEndian.Uint64(b) | fold
		y := binary.LittleEndian.Uint64(b[1:]) | fold // the bytes after x's
		m := zero(x^ones*'i')&zero(y^ones*'a') | zero(x^ones*'t')&(zero(y^ones*'f')|zero(y^ones*'r')) | zero(x^ones*'c')&zero(y^ones*'h')
		for ; m != 0; m &= m - 1 {
			if directiveAt(src, i+bits.TrailingZeros64(m)/8) {
				return true
			}
		}
		if i == len(src)-9 {
			return false
		}
	}
}

// directiveAt reports whether one of mayHoldDirective's words starts at
// src[i] (in any case: each byte | 0x20 is the word's).
func directiveAt(src []byte, i int) bool {
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
		return false
	}
	if i+len(w) > len(src) {
		return false
	}
	j := 1
	for ; j < len(w) && src[i+j]|0x20 == w[j]; j++ {
	}
	return j == len(w)
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
