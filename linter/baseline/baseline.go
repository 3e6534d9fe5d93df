package baseline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

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
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// Write records findings (those with a fingerprint) as a baseline, sorted by
// file, rule and fingerprint so that the same findings give the same bytes.
func Write(w io.Writer, findings []linter.Finding) error {
	b := Baseline{Version: Version, Tool: "iamlint", Findings: []Entry{}}
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
	if n > maxSize {
		return tooLarge()
	}
	return nil
}

func tooLarge() error {
	return fmt.Errorf("baseline: more than %d bytes: not a baseline iamlint wrote", maxSize)
}

// OffsetError is a baseline that is not JSON, or not JSON of a baseline's
// shape, at a byte of its input: Offset counts the bytes before it.
type OffsetError struct {
	Offset int64
	Err    error
}

func (e *OffsetError) Error() string {
	return fmt.Sprintf("baseline: %v (byte offset %d)", e.Err, e.Offset)
}

func (e *OffsetError) Unwrap() error { return e.Err }

// Read parses a baseline. Unknown versions and entries without a
// fingerprint are errors; JSON that is not valid or not of a baseline's
// shape is an *OffsetError.
func Read(r io.Reader) (*Baseline, error) {
	lr := &io.LimitedReader{R: r, N: maxSize + 1}
	dec := json.NewDecoder(lr)
	dec.DisallowUnknownFields()
	var b Baseline
	err := dec.Decode(&b)
	if lr.N <= 0 {
		return nil, tooLarge()
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &syn):
		// Offset is "after reading Offset bytes": the offending byte is the
		// last of them.
		return nil, &OffsetError{Offset: max(syn.Offset-1, 0), Err: err}
	case errors.As(err, &typ):
		return nil, &OffsetError{Offset: max(typ.Offset-1, 0), Err: err}
	case err == io.EOF:
		return nil, errors.New("baseline: the file is empty (want the JSON iamlint --write-baseline writes)")
	case err == io.ErrUnexpectedEOF:
		return nil, &OffsetError{Offset: maxSize + 1 - lr.N,
			Err: errors.New("the JSON ends early (a truncated file?)")}
	default:
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline: version %d is not supported (want %d)", b.Version, Version)
	}
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline: finding %d has no fingerprint", i+1)
		}
	}
	return &b, nil
}

// Filter splits findings into new ones and ones recorded in the baseline.
// Known findings get Suppression{Kind: "baseline"}. A fingerprint recorded
// n times matches at most n findings; findings without a fingerprint are
// always new. Order follows findings.
func (b *Baseline) Filter(findings []linter.Finding) (fresh, known []linter.Finding) {
	fresh, known = []linter.Finding{}, []linter.Finding{}
	left := map[string]int{}
	if b != nil {
		for _, e := range b.Findings {
			left[e.Fingerprint]++
		}
	}
	for _, f := range findings {
		if f.Fingerprint != "" && left[f.Fingerprint] > 0 {
			left[f.Fingerprint]--
			f.Suppression = &linter.Suppression{Kind: "baseline", Reason: "recorded in the baseline"}
			known = append(known, f)
			continue
		}
		fresh = append(fresh, f)
	}
	return fresh, known
}

// Len is the number of recorded findings.
func (b *Baseline) Len() int {
	if b == nil {
		return 0
	}
	return len(b.Findings)
}
