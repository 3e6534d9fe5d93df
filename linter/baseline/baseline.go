package baseline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"sort"
	"strings"

	"github.com/iamlint/iamlint/internal/tfaddr"
	"github.com/iamlint/iamlint/linter"
)

// Version is the version of the baseline file format.
const Version = 1

// Entry is one recorded finding.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	Resource    string `json:"resource,omitempty"`
	File        string `json:"file,omitempty"`
	Message     string `json:"message,omitempty"`
}

// Baseline is a parsed baseline file.
type Baseline struct {
	Version int
	Tool    string
	recs    store // the findings recorded
	n       int   // how many
}

// file is a baseline file as Write writes it.
type file struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// New returns a baseline of entries.
func New(entries []Entry) *Baseline {
	b := &Baseline{Version: Version, Tool: "iamlint"}
	for _, e := range entries {
		b.recs.add(e)
	}
	b.recs.done()
	b.n = len(entries)
	return b
}

// Entries returns the recorded findings (a copy: the baseline holds them
// compactly).
func (b *Baseline) Entries() []Entry {
	var out []Entry
	if b != nil {
		b.recs.each(b.n, func(_ int, e Entry) { out = append(out, e) })
	}
	return out
}

// Write records findings (those with a fingerprint) as a baseline, sorted by
// file, rule and fingerprint so that the same findings give the same bytes.
func Write(w io.Writer, findings []linter.Finding) error {
	b := file{Version: Version, Tool: "iamlint", Findings: []Entry{}}
	for _, f := range findings {
		if f.Fingerprint == "" {
			continue
		}
		b.Findings = append(b.Findings, Entry{
			Fingerprint: f.Fingerprint,
			Rule:        f.Rule,
			Resource:    f.Resource,
			File:        f.Range.Filename,
			Message:     f.Message,
		})
	}
	sort.SliceStable(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		return x.Fingerprint < y.Fingerprint
	})
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// maxSize bounds what Read reads: about a million findings (Write takes
// about 500 bytes a finding, ../shared/corpus/real); a file that never ends
// (a pipe, /dev/zero) would take all the memory. A variable for the tests.
var maxSize int64 = 512 << 20

// CheckSize returns Read's error for input of more than the size limit when
// a file of n bytes is larger: a regular file is refused without reading it.
func CheckSize(n int64) error {
	if limit, why := sizeLimit(); n > limit {
		return tooLarge(limit, why)
	}
	return nil
}

// AddressSpaceLeft returns the bytes of address space the process may
// still map under its limit (ulimit -v), false when there is none or it is
// not known (nil: not known). cmd/iamlint sets it.
var AddressSpaceLeft func() (int64, bool)

// sizeLimit is the most Read reads: maxSize, or under a limit on the
// address space a third of what is left of it (a string as long as the
// input is held about three times as it grows), with why then. Past the
// address space the runtime dies ("fatal error: out of memory" and its
// stacks): an endless {"version":1,"findings":[{"fingerprint":"yyy...
// piped to --baseline /dev/stdin did under ulimit -v 2000000.
func sizeLimit() (int64, string) {
	if AddressSpaceLeft == nil {
		return maxSize, ""
	}
	left, ok := AddressSpaceLeft()
	if !ok || left/3 >= maxSize {
		return maxSize, ""
	}
	return max(left/3, 0), fmt.Sprintf(" (a third of the %d bytes of address space left under the process's limit, ulimit -v)", max(left, 0))
}

func tooLarge(limit int64, why string) error {
	if why != "" {
		return fmt.Errorf("baseline: more than %d bytes%s", limit, why)
	}
	return fmt.Errorf("baseline: more than %d bytes: not a baseline iamlint wrote", limit)
}

// OffsetError is a baseline that is not JSON, or not JSON of a baseline's
// shape, at a byte of its input: Offset counts the bytes before it (the
// start of the value or member name at fault). Message says what is wrong
// in the words of the file format, without the offset (to follow a
// file:line:column); Error adds the offset.
type OffsetError struct {
	Offset int64
	Err    error
	enc    int64 // encoding/json's offset (FuzzRead compares it)
}

// Message describes the error for the user: what the file or a member of
// it should be and what it is (a member of the wrong type), or the syntax
// error; no Go type names nor offsets.
func (e *OffsetError) Message() string {
	switch err := e.Err.(type) {
	case *typeError:
		return err.describe()
	case *unknownField:
		return err.describe()
	case *syntaxError:
		return "not valid JSON: " + err.msg
	}
	return e.Err.Error()
}

func (e *OffsetError) Error() string {
	return fmt.Sprintf("baseline: %s (byte offset %d)", e.Message(), e.Offset)
}

func (e *OffsetError) Unwrap() error { return e.Err }

// ReportError is a file that is not a baseline but a report (a common
// mistake: --baseline given the output of --format json or sarif).
type ReportError struct {
	// Kind says what the file is: "an iamlint JSON report (--format json)",
	// "a SARIF report".
	Kind string
}

func (e *ReportError) Error() string {
	return "baseline: the file is " + e.Kind + ", not a baseline: write one with --write-baseline FILE"
}

// headSize is how much of the input Read keeps to recognise a report.
const headSize = 64 << 10

// headWriter keeps the first headSize bytes written to it.
type headWriter struct{ b []byte }

func (h *headWriter) Write(p []byte) (int, error) {
	if n := headSize - len(h.b); n > 0 {
		h.b = append(h.b, p[:min(n, len(p))]...)
	}
	return len(p), nil
}

// reportKind says which report head (the start of a JSON document) is, or
// "" when it is not recognisably one: an object whose "tool" is an object
// named iamlint (a baseline's tool is a string) is iamlint's JSON report;
// one with "runs" or a "$schema" naming SARIF is a SARIF report. Keys are
// read in order until one decides; a head cut short decides nothing.
func reportKind(head []byte) string {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return ""
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return ""
		}
		switch t {
		case "runs":
			return "a SARIF report"
		case "$schema":
			var s string
			if json.Unmarshal(v, &s) == nil && bytes.Contains(bytes.ToLower([]byte(s)), []byte("sarif")) {
				return "a SARIF report"
			}
		case "tool":
			var tool struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(v, &tool) == nil && tool.Name == "iamlint" {
				return "an iamlint JSON report (--format json)"
			}
		}
	}
	return ""
}

// errNoVersion is a JSON object without "version" (a baseline's version 0,
// not supported, for encoding/json).
var errNoVersion = errors.New(`baseline: no "version": not a baseline iamlint wrote (write one with --write-baseline FILE)`)

// Read parses a baseline. Unknown versions and entries without a
// fingerprint are errors; JSON that is not valid or not of a baseline's
// shape, or data after the JSON value (two baselines concatenated), is an
// *OffsetError, or a *ReportError when it is an iamlint JSON
// report or a SARIF report. It is parsed as it is read (see read.go).
func Read(r io.Reader) (*Baseline, error) {
	limit, why := sizeLimit()
	lr := &io.LimitedReader{R: r, N: limit + 1}
	// A byte order mark, which editors and shells on Windows write
	// (PowerShell 5's Out-File and > write UTF-16 with one), is not JSON:
	// UTF-8's is skipped, UTF-16's named (it was "invalid character 'ï'
	// looking for beginning of value" at 1:1).
	br := bufio.NewReader(lr)
	skipped := int64(0)
	if b, _ := br.Peek(3); bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3) // peeked: the bytes are there
		skipped = 3
	} else if bytes.HasPrefix(b, []byte("\xff\xfe")) || bytes.HasPrefix(b, []byte("\xfe\xff")) {
		return nil, errors.New("baseline: the file is UTF-16 text (as PowerShell's > and Out-File write it), not the UTF-8 JSON iamlint --write-baseline writes: write it with --write-baseline FILE")
	}
	p := &parser{in: &reader{r: br}, b: &Baseline{}}
	err := p.document()
	if err == nil {
		err = p.saved
	}
	var rest error // data after the value, reported after the value's own errors
	if err == nil {
		rest = p.rest()
	}
	if lr.N <= 0 {
		return nil, tooLarge(limit, why)
	}
	if err != nil {
		if kind := reportKind(p.in.head.b); kind != "" {
			return nil, &ReportError{Kind: kind}
		}
	}
	var syn *syntaxError
	var typ *typeError
	var unk *unknownField
	switch {
	case err == nil:
	case errors.As(err, &syn):
		return nil, &OffsetError{Offset: skipped + syn.off, Err: err, enc: skipped + syn.off}
	case errors.As(err, &typ):
		return nil, &OffsetError{Offset: skipped + typ.start, Err: err, enc: skipped + typ.off}
	case errors.As(err, &unk):
		return nil, &OffsetError{Offset: skipped + unk.off, Err: err, enc: -1}
	case err == io.EOF:
		return nil, errors.New("baseline: the file is empty (want the JSON iamlint --write-baseline writes)")
	case err == io.ErrUnexpectedEOF:
		off := maxSize + 1 - lr.N
		return nil, &OffsetError{Offset: off, enc: off,
			Err: errors.New("the JSON ends early (a truncated file?)")}
	default:
		return nil, fmt.Errorf("baseline: %w", err)
	}
	b := p.b
	if !p.hasVer {
		return nil, errNoVersion
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline: version %d is not supported (want %d)", b.Version, Version)
	}
	if p.noFP > 0 {
		return nil, fmt.Errorf("baseline: finding %d has no fingerprint", p.noFP)
	}
	var trail *trailingData
	switch {
	case errors.As(rest, &trail):
		return nil, &OffsetError{Offset: skipped + trail.off, Err: rest, enc: -1}
	case rest != nil:
		return nil, fmt.Errorf("baseline: %w", rest)
	}
	b.recs.done()
	return b, nil
}

// Filter splits findings into new ones and ones recorded in the baseline.
// Known findings get Suppression{Kind: "baseline"}. A fingerprint recorded
// n times matches at most n findings; findings without a fingerprint are
// always new. Order follows findings.
//
// A finding that no recorded fingerprint matches may still be recorded as a
// called module's: a baseline written by a scan of the whole tree holds the
// findings of a module as its called instances' (module.m.aws_iam_policy.p),
// which a run on the module's directory or file alone (pre-commit passing a
// changed module file) reports as the module's own (aws_iam_policy.p), under
// another fingerprint (it hashes the address). Such a finding matches a
// recorded one left over with the same rule, file and message whose address
// is the finding's under one or more module calls (see moduleMatches).
func (b *Baseline) Filter(findings []linter.Finding) (fresh, known []linter.Finding) {
	fresh, known = []linter.Finding{}, []linter.Finding{}
	isKnown := make([]bool, len(findings))
	if b == nil {
		b = &Baseline{}
	}
	// The k-th finding of a fingerprint matches its k-th entry: the
	// findings are indexed (the entries, maybe millions, are read in
	// order, not copied into a map).
	waiting := map[string][]int{} // fingerprint -> findings not matched yet
	for i, f := range findings {
		if f.Fingerprint != "" {
			waiting[f.Fingerprint] = append(waiting[f.Fingerprint], i)
		}
	}
	used := make([]bool, b.n)
	if len(waiting) > 0 {
		b.recs.each(b.n, func(i int, e Entry) {
			if l := waiting[e.Fingerprint]; len(l) > 0 {
				used[i] = true
				isKnown[l[0]] = true
				waiting[e.Fingerprint] = l[1:]
			}
		})
	}
	unmatched := false
	for i, f := range findings {
		unmatched = unmatched || !isKnown[i] && f.Fingerprint != ""
	}
	if unmatched {
		moduleMatches(findings, b, used, isKnown)
	}
	for i, f := range findings {
		if isKnown[i] {
			f.Suppression = &linter.Suppression{Kind: "baseline", Reason: "recorded in the baseline"}
			known = append(known, f)
			continue
		}
		fresh = append(fresh, f)
	}
	return fresh, known
}

// moduleMatches sets isKnown for the findings (with a fingerprint, not known
// yet) that match a recorded entry not used by a fingerprint as the same
// finding reported by a module linted alone: same rule, file and message,
// and the finding's address is the entry's without its leading module calls
// (module.a.module.b.aws_iam_policy.p is module.b.aws_iam_policy.p from
// module a's directory, aws_iam_policy.p from module b's). The instances of
// one module recorded under several calls (module.x and module.y both
// calling it) stand for one run of the module alone: a key matches at most
// as many findings as the calls that recorded it most often have entries.
func moduleMatches(findings []linter.Finding, b *Baseline, used, isKnown []bool) {
	// The findings left to match, by rule, file and message: their
	// addresses. An entry is looked up by its rule, file and message once,
	// and its addresses after each module call only where one of the
	// group's is as long: a key was built for every cut of every entry (an
	// entry of 500,000 module calls, 4.5 MB, made 500,000 keys of up to 4.5
	// MB each: a hang, then all the memory), and each prefix was a map key.
	type group struct {
		addrs map[string]bool
		lens  map[int]bool
	}
	groups := map[string]*group{}
	for i, f := range findings {
		if isKnown[i] || f.Fingerprint == "" {
			continue
		}
		k := matchKey(f.Rule, f.Range.Filename, f.Message)
		g := groups[k]
		if g == nil {
			g = &group{addrs: map[string]bool{}, lens: map[int]bool{}}
			groups[k] = g
		}
		g.addrs[f.Resource] = true
		g.lens[len(f.Resource)] = true
	}
	if len(groups) == 0 {
		return
	}
	type keyed struct{ group, addr string }
	type prefixed struct {
		keyed
		prefix uint64 // the hash of the module calls before addr
	}
	perPrefix := map[prefixed]int{}
	seed := maphash.MakeSeed()
	b.recs.each(b.n, func(i int, e Entry) {
		if used[i] || !strings.HasPrefix(e.Resource, "module.") {
			return
		}
		gk := matchKey(e.Rule, e.File, e.Message)
		g := groups[gk]
		if g == nil {
			return
		}
		var h maphash.Hash
		h.SetSeed(seed)
		prev := 0
		for _, cut := range moduleCuts(e.Resource) {
			h.WriteString(e.Resource[prev:cut])
			prev = cut
			if addr := e.Resource[cut:]; g.lens[len(addr)] && g.addrs[addr] {
				perPrefix[prefixed{keyed{gk, addr}, h.Sum64()}]++
			}
		}
	})
	if len(perPrefix) == 0 {
		return
	}
	room := map[keyed]int{} // key -> findings it may still match
	for p, n := range perPrefix {
		room[p.keyed] = max(room[p.keyed], n)
	}
	for i, f := range findings {
		if isKnown[i] || f.Fingerprint == "" {
			continue
		}
		k := keyed{matchKey(f.Rule, f.Range.Filename, f.Message), f.Resource}
		if room[k] > 0 {
			room[k]--
			isKnown[i] = true
		}
	}
}

func matchKey(rule, file, msg string) string {
	return rule + "\x00" + file + "\x00" + msg
}

// moduleCuts returns the offsets in addr at which each of its leading module
// calls ends (module.a["k.x"].module.b.aws_iam_policy.p: after `module.a["k.x"].`
// and after `module.b.`), where what follows is still an address. An
// instance key is skipped whole, quoted strings and their escapes included.
func moduleCuts(addr string) []int {
	var cuts []int
	i := 0
	for strings.HasPrefix(addr[i:], "module.") {
		j := i + len("module.")
		for j < len(addr) && addr[j] != '.' && addr[j] != '[' {
			j++
		}
		if j < len(addr) && addr[j] == '[' {
			if j = tfaddr.KeyEnd(addr, j); j < 0 {
				j = len(addr) // a key that does not end: no cut
			}
		}
		if j >= len(addr) || addr[j] != '.' || j+1 == len(addr) {
			break
		}
		i = j + 1
		cuts = append(cuts, i)
	}
	return cuts
}

// Len is the number of recorded findings.
func (b *Baseline) Len() int {
	if b == nil {
		return 0
	}
	return b.n
}
