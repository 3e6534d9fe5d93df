// Package baseline is linter/baseline's Read as it was before it parsed
// baselines as it read them (encoding/json's Decoder into the whole file):
// the reference its tests compare Read with (it names the types of its
// errors as linter/baseline did: baseline.Baseline, baseline.Entry).
// Nothing else uses it.
package baseline

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// Read parses a baseline. Unknown versions and entries without a
// fingerprint are errors; JSON that is not valid or not of a baseline's
// shape is an *OffsetError, or a *ReportError when it is an iamlint JSON
// report or a SARIF report.
func Read(r io.Reader) (*Baseline, error) {
	lr := &io.LimitedReader{R: r, N: maxSize + 1}
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
	var head headWriter
	dec := json.NewDecoder(io.TeeReader(br, &head))
	dec.DisallowUnknownFields()
	var b Baseline
	err := dec.Decode(&b)
	if lr.N <= 0 {
		return nil, tooLarge()
	}
	if err != nil {
		if kind := reportKind(head.b); kind != "" {
			return nil, &ReportError{Kind: kind}
		}
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &syn):
		// Offset is "after reading Offset bytes": the offending byte is the
		// last of them.
		return nil, &OffsetError{Offset: skipped + max(syn.Offset-1, 0), Err: err}
	case errors.As(err, &typ):
		return nil, &OffsetError{Offset: skipped + max(typ.Offset-1, 0), Err: err}
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
