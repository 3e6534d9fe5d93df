package linter

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/iamlint/iamlint/linter/plan"
)

// A value a plan marks sensitive in one place may be written, unmarked,
// in another: the policy of a sensitive output or of a prior object
// (prior_state's sensitive_values) used as is by a resource whose change
// does not mark it, a sensitive variable's value repeated as a literal.
// The ranges of Plan.Sensitive do not cover those copies: a finding in a
// copy of a sensitive policy had its message name the policy's actions,
// and the text report quoted it. What is printed near the findings is
// therefore checked against the sensitive strings (secretIndex):
//   - a finding located in a JSON string of the plan that is one of them
//     gets the message of a finding in a sensitive value (hiddenCopies),
//     and the string is masked in the text report;
//   - in the text around each finding that the text report may quote, every
//     occurrence of one is masked (nearSecrets).
// Only the findings' surroundings are read, not the whole plan: a plan
// with sensitive values costs a read of each finding's string (and, for a
// plan whose bytes were dropped, a pass over its file).

// secretIndex holds the sensitive strings of a plan as JSON writes them.
type secretIndex struct {
	raw     map[string]bool     // their encodings, without quotes
	decoded map[string]bool     // the strings
	encs    []string            // the encodings, longest first
	byHead  map[string][]string // the encodings by their first 3 bytes, longest first
	first2  *[1 << 16]bool      // the first 2 bytes of an encoding (when there are more than manySecrets)
	maxRaw  int                 // the longest encoding
}

// copyScanMax bounds the encodings whose copies hiddenCopies looks for
// (and the text it reads around a finding): a longer sensitive string
// (six times the biggest IAM policy) is only masked where it is marked.
const copyScanMax = 64 << 10

// newSecretIndex returns the index of secrets (and of the strings of
// more), nil when there is none of 3 or more characters (shorter ones
// would hide ordinary words, as in hideMarkedValues).
func newSecretIndex(secrets map[string]bool, more []string) *secretIndex {
	x := &secretIndex{raw: map[string]bool{}, decoded: map[string]bool{}, byHead: map[string][]string{}}
	add := func(v string) {
		if len(v) < 3 || x.decoded[v] {
			return
		}
		x.decoded[v] = true
		for _, enc := range encodings(v) {
			if len(enc) > copyScanMax || x.raw[enc] {
				continue
			}
			x.raw[enc] = true
			x.maxRaw = max(x.maxRaw, len(enc))
			x.encs = append(x.encs, enc)
			x.byHead[enc[:3]] = append(x.byHead[enc[:3]], enc)
		}
	}
	for v := range secrets {
		add(v)
	}
	for _, v := range more {
		add(v)
	}
	if len(x.raw) == 0 {
		return nil
	}
	longest := func(vs []string) {
		sort.Slice(vs, func(i, j int) bool {
			if len(vs[i]) != len(vs[j]) {
				return len(vs[i]) > len(vs[j])
			}
			return vs[i] < vs[j]
		})
	}
	longest(x.encs)
	if len(x.encs) > manySecrets {
		x.first2 = new([1 << 16]bool)
		for _, enc := range x.encs {
			x.first2[uint16(enc[0])<<8|uint16(enc[1])] = true
		}
	}
	for _, vs := range x.byHead {
		longest(vs)
	}
	return x
}

// encodings returns how JSON writes v in a string, without the quotes:
// with and without the escapes of <, > and & (Terraform writes them), and
// those of v written in a JSON string inside another (a policy text).
func encodings(v string) []string {
	one := func(s string, html bool) string {
		var b bytes.Buffer
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(html)
		_ = e.Encode(s)
		out := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
		return string(out[1 : len(out)-1])
	}
	var out []string
	for _, html := range []bool{true, false} {
		e := one(v, html)
		out = append(out, e, one(e, html))
	}
	return out
}

// isSecretString reports whether the JSON string token t (with its
// quotes) holds a sensitive string.
func (x *secretIndex) isSecretString(t []byte) bool {
	if len(t) < 2 || len(t)-2 > x.maxRaw {
		return false
	}
	if x.raw[string(t[1:len(t)-1])] {
		return true
	}
	if bytes.IndexByte(t, '\\') < 0 {
		return false
	}
	var s string
	return json.Unmarshal(t, &s) == nil && x.decoded[s]
}

// escapedAt reports whether the quote at w[i] is escaped (an odd number of
// backslashes before it).
func escapedAt(w []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && w[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// stringEnd returns the offset after the closing quote of the JSON string
// whose opening quote is w[q], -1 when w ends first.
func stringEnd(w []byte, q int) int {
	for i := q + 1; i < len(w); i++ {
		switch w[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// enclosingString returns the bounds [q, e) in w of the JSON string that
// holds offset i (a finding's start: the string's opening quote, or a byte
// inside it), ok false when i is in none (or w does not hold it whole).
// Inside a string every quote is escaped: the nearest unescaped quote
// before i opens the string i is in.
func enclosingString(w []byte, i int) (q, e int, ok bool) {
	if i < 0 || i >= len(w) {
		return 0, 0, false
	}
	if w[i] == '"' && !escapedAt(w, i) {
		// i opens a string, or closes one (a finding is not located
		// there, but the string before it is then not i's).
		if e := stringEnd(w, i); e > 0 {
			return i, e, true
		}
		return 0, 0, false
	}
	for j := i - 1; j >= 0; j-- {
		if w[j] == '"' && !escapedAt(w, j) {
			if e := stringEnd(w, j); e > i {
				return j, e, true
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// textReader gives the text [a, b) of a plan (nil when it has not got it).
type textReader func(a, b int) []byte

// hiddenCopies returns the indices in fs of the findings located in a JSON
// string of the plan named name that is a sensitive string of x, and the
// ranges of those strings. text reads the plan (of size bytes).
func hiddenCopies(fs []Finding, name string, size int, text textReader, x *secretIndex) (hide []int, ranges [][2]int) {
	var at []int // the findings in the plan, by start
	for i := range fs {
		if fs[i].Range.Filename == name && fs[i].Range.Start.Byte >= 0 && fs[i].Range.Start.Byte < size {
			at = append(at, i)
		}
	}
	sort.SliceStable(at, func(a, b int) bool { return fs[at[a]].Range.Start.Byte < fs[at[b]].Range.Start.Byte })
	lastQ, lastE, lastSecret := -1, -1, false
	for _, i := range at {
		p := fs[i].Range.Start.Byte
		if p > lastQ && p < lastE {
			// In the string the finding before is in.
			if lastSecret {
				hide = append(hide, i)
			}
			continue
		}
		a, b := max(p-x.maxRaw-2, 0), min(p+x.maxRaw+2, size)
		w := text(a, b)
		if w == nil {
			continue
		}
		q, e, ok := enclosingString(w, p-a)
		if !ok {
			continue
		}
		lastQ, lastE, lastSecret = a+q, a+e, x.isSecretString(w[q:e])
		if lastSecret {
			hide = append(hide, i)
			ranges = append(ranges, [2]int{lastQ, lastE})
		}
	}
	return hide, ranges
}

// nearWindow is how far, in bytes, from a finding's start nearSecrets
// masks: the text report quotes 160 characters of a line around the
// column (snippetWidth; up to 160 before it at the end of a line), up to
// 4 bytes each.
const nearWindow = 4*160 + 8

// nearScanMax is how far before the part of a line nearSecrets masks it
// looks for the start of a sensitive string running into it, when the
// plan has so many that they are not looked for one at a time (longer ones
// are masked from the part of them that starts in the window).
const nearScanMax = 256

// manySecrets is the number of encodings from which nearSecrets looks
// for them all at once (by their first two bytes) rather than one at a
// time (bytes.Index).
const manySecrets = 16

// nearSecrets returns the ranges, in src (a plan's whole text), of the
// encodings of the sensitive strings of x that overlap the text within
// nearWindow bytes of the start of a finding of fs in name (the lines
// around it too: masking more than is quoted hides nothing that is).
func nearSecrets(fs []Finding, name string, src []byte, x *secretIndex) [][2]int {
	var starts []int
	for i := range fs {
		if fs[i].Range.Filename == name {
			if p := fs[i].Range.Start.Byte; p >= 0 && p < len(src) {
				starts = append(starts, p)
			}
		}
	}
	if len(starts) == 0 {
		return nil
	}
	sort.Ints(starts)
	// The windows, merged.
	var wins [][2]int
	for _, p := range starts {
		a, b := max(p-nearWindow, 0), min(p+nearWindow, len(src))
		if n := len(wins); n > 0 && a <= wins[n-1][1] {
			wins[n-1][1] = max(wins[n-1][1], b)
			continue
		}
		wins = append(wins, [2]int{a, b})
	}
	var out [][2]int
	if len(x.encs) <= manySecrets {
		for _, w := range wins {
			for _, enc := range x.encs {
				e := []byte(enc)
				lo, hi := max(w[0]-len(e)+1, 0), min(w[1]+len(e)-1, len(src))
				for i := lo; i < hi; {
					k := bytes.Index(src[i:hi], e)
					if k < 0 {
						break
					}
					out = append(out, [2]int{i + k, i + k + len(e)})
					i += k + 1
				}
			}
		}
		return out
	}
	done := 0
	for _, w := range wins {
		lo, hi := max(w[0]-min(x.maxRaw, nearScanMax)+1, done, 0), w[1]
		for i := lo; i+3 <= len(src) && i < hi; i++ {
			if !x.first2[uint16(src[i])<<8|uint16(src[i+1])] {
				continue
			}
			for _, enc := range x.byHead[string(src[i:i+3])] {
				if bytes.HasPrefix(src[i:], []byte(enc)) {
					out = append(out, [2]int{i, i + len(enc)})
					break
				}
			}
		}
		done = max(done, hi)
	}
	return out
}

// hideCopies gives the findings of fs at hide the message of a finding in
// a sensitive value.
func hideCopies(fs []Finding, hide []int, titles map[string]string) {
	for _, i := range hide {
		fs[i].Message = titleOf(titles, fs[i].Rule) + sensitiveMessage
	}
}

// mergeRanges returns the ranges of a and b sorted by start, overlapping
// ones merged (maskSensitive reads them so).
func mergeRanges(a, b [][2]int) [][2]int {
	if len(b) == 0 {
		return a
	}
	return plan.Disjoint(append(append(make([][2]int, 0, len(a)+len(b)), a...), b...))
}
