package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"strconv"
	"sync/atomic"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
)

// Meta is what a formatter needs besides the result.
type Meta struct {
	ToolName    string         // "iamlint"
	ToolVersion string         // the binary's version
	Rules       []*linter.Rule // the rules of the catalog (SARIF and other formats describe them)
	Color       bool           // text: use ANSI colours
	// RulesRun, when not nil, are the rules that ran (--enable, --disable
	// and the configuration chose them; none when the configuration did
	// not load), for the junit format's passing test cases. nil: Rules.
	RulesRun []*linter.Rule
}

// Formatter writes a report of res to w.
type Formatter func(w io.Writer, res *linter.Result, meta Meta) error

// JSONVersion is the version of the JSON report format (CLI.md).
const JSONVersion = 1

type jsonReport struct {
	Version    int           `json:"version"`
	Tool       jsonTool      `json:"tool"`
	Findings   []jsonFinding `json:"findings"`
	Suppressed []jsonFinding `json:"suppressed"`
	Errors     []jsonError   `json:"errors"`
	Notices    []jsonNotice  `json:"notices"`
	Summary    jsonSummary   `json:"summary"`
	// Principals is the effective-permissions summary (linter.Result.Principals),
	// present when it was computed (the command always computes it for json).
	Principals *[]effective.PrincipalSummary `json:"principals,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFinding struct {
	Rule        string           `json:"rule"`
	Severity    string           `json:"severity"`
	Message     string           `json:"message"`
	File        string           `json:"file"`
	Line        int              `json:"line"`
	Column      int              `json:"column"`
	EndLine     int              `json:"end_line"`
	EndColumn   int              `json:"end_column"`
	Resource    string           `json:"resource"`
	PolicyKind  string           `json:"policy_kind"`
	Fingerprint string           `json:"fingerprint"`
	Related     []jsonRelated    `json:"related"`
	Suppression *jsonSuppression `json:"suppression,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type jsonSuppression struct {
	Kind    string `json:"kind"`
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"`
}

type jsonError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// jsonNotice is something the user should know that is neither a finding
// nor an error: a module not followed, a policy that stays unknown until apply.
type jsonNotice struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Resource string `json:"resource,omitempty"`
	Message  string `json:"message"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Resources  int `json:"resources"`
	Policies   int `json:"policies"`
	Findings   int `json:"findings"`
	Suppressed int `json:"suppressed"`
	Errors     int `json:"errors"`
	Notices    int `json:"notices"`
}

// JSON writes the version 1 JSON report of CLI.md: indented, with empty lists
// as [] and fields in a fixed order, so the same result gives the same bytes.
//
// The report is written as it is encoded, one finding (and principal) at a
// time, with the bytes encoding/json's indenting Encoder gives for the whole
// report (a test keeps them the same): a big plan's report runs to tens of
// thousands of findings and a hundred megabytes, which the Encoder would
// hold twice in memory before writing.
func JSON(w io.Writer, res *linter.Result, meta Meta) error {
	name := meta.ToolName
	if name == "" {
		name = "iamlint"
	}
	summary := jsonSummary{
		Files:      res.Summary.Files,
		Resources:  res.Summary.Resources,
		Policies:   res.Summary.Policies,
		Findings:   len(res.Findings),
		Suppressed: len(res.Suppressed),
		Errors:     len(res.Errors),
		Notices:    len(res.Notices),
	}
	notices := make([]jsonNotice, 0, len(res.Notices))
	for _, n := range res.Notices {
		notices = append(notices, jsonNotice{File: n.File, Line: n.Line, Column: n.Column, Resource: n.Resource, Message: n.Message})
	}
	errs := make([]jsonError, 0, len(res.Errors))
	for _, e := range res.Errors {
		errs = append(errs, jsonError{File: e.File, Line: e.Line, Column: e.Column, Message: e.Message})
	}
	sw := newStreamWriter(w)
	sw.raw("{\n")
	sw.field("version", JSONVersion)
	sw.raw(",\n")
	sw.field("tool", jsonTool{Name: name, Version: meta.ToolVersion})
	sw.raw(",\n")
	sw.list("findings", len(res.Findings), func(b []byte, i int, prefix string) []byte {
		return appendJSONFinding(b, prefix, &res.Findings[i])
	})
	sw.raw(",\n")
	sw.list("suppressed", len(res.Suppressed), func(b []byte, i int, prefix string) []byte {
		return appendJSONFinding(b, prefix, &res.Suppressed[i])
	})
	sw.raw(",\n")
	sw.field("errors", errs)
	sw.raw(",\n")
	sw.field("notices", notices)
	sw.raw(",\n")
	sw.field("summary", summary)
	if ps := res.Principals; ps != nil {
		sw.raw(",\n")
		sw.list("principals", len(ps), func(b []byte, i int, prefix string) []byte {
			return appendJSONPrincipal(b, prefix, &ps[i])
		})
	}
	sw.raw("\n}\n")
	return sw.flush()
}

// streamWriter writes an indented JSON object member by member, as
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes the
// whole object.
type streamWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	enc map[string]*json.Encoder // by prefix, into buf
	err error
}

func newStreamWriter(w io.Writer) *streamWriter {
	return &streamWriter{w: bufio.NewWriterSize(w, 64<<10), enc: map[string]*json.Encoder{}}
}

func (sw *streamWriter) rawBytes(b []byte) {
	if sw.err == nil {
		_, sw.err = sw.w.Write(b)
	}
}

func (sw *streamWriter) raw(s string) {
	if sw.err == nil {
		_, sw.err = sw.w.WriteString(s)
	}
}

// value writes v indented as a value whose line starts with prefix.
func (sw *streamWriter) value(v any, prefix string) {
	if sw.err != nil {
		return
	}
	enc := sw.enc[prefix]
	if enc == nil {
		enc = json.NewEncoder(&sw.buf)
		enc.SetIndent(prefix, "  ")
		enc.SetEscapeHTML(false)
		sw.enc[prefix] = enc
	}
	sw.buf.Reset()
	if sw.err = enc.Encode(v); sw.err != nil {
		return
	}
	_, sw.err = sw.w.Write(bytes.TrimSuffix(sw.buf.Bytes(), []byte("\n"))) // Encode ends with a newline
}

// field writes a member of the top-level object.
func (sw *streamWriter) field(name string, v any) {
	sw.raw("  " + strconv.Quote(name) + ": ")
	sw.value(v, "  ")
}

// appendElem appends element i of a list, indented: its first line at the
// current position, the next ones after prefix.
type appendElem func(b []byte, i int, prefix string) []byte

// list writes a member of the top-level object that is a list of n elements,
// elem appending each one when its turn comes.
func (sw *streamWriter) list(name string, n int, elem appendElem) {
	sw.raw("  " + strconv.Quote(name) + ": ")
	sw.listAt("  ", n, elem)
}

// listAt writes a list of n elements, elem appending each one when its turn
// comes, as the value of a member whose line starts with prefix. The
// elements are written by hand (json_append.go), straight from the result:
// no report struct, no reflection, no allocation per element.
func (sw *streamWriter) listAt(prefix string, n int, elem appendElem) {
	if sw.err != nil {
		return
	}
	if n == 0 {
		sw.raw("[]")
		return
	}
	sw.raw("[\n")
	ep := prefix + "  " // each element's lines
	// appendRun appends elements [from, to), each on its lines.
	appendRun := func(b []byte, from, to int) []byte {
		for i := from; i < to; i++ {
			b = append(b, ep...)
			b = elem(b, i, ep)
			if i < n-1 {
				b = append(b, ',', '\n')
			} else {
				b = append(b, '\n')
			}
		}
		return b
	}
	if sw.err == nil {
		sw.err = writeOrdered(sw.w, n, func(b []byte, from, to, _ int) []byte { return appendRun(b, from, to) })
	}
	sw.raw(prefix + "]")
}

// writeOrdered writes n elements to w, format appending elements [from,
// to) to b (worker numbers the goroutine that calls it, from 0, for its
// caches), a chunk of listChunk at a time. Long lists are formatted on
// every CPU, worker k taking chunks k, k+workers, k+2*workers..., while
// this goroutine writes the chunks in order as they come: the writes (on a
// dense 10,000-file estate 300 MB of JSON into a file, about 0.2 s in the
// kernel) overlap the formatting of the next chunks. Formatted a round of
// chunks at a time, then written, the workers waited for each write. Each
// worker has listDepth buffers: it runs at most that many chunks ahead of
// the writer. After a failed write nothing more is formatted and the
// error is returned.
func writeOrdered(w io.Writer, n int, format func(b []byte, from, to, worker int) []byte) error {
	chunks := (n + listChunk - 1) / listChunk
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if chunks < 2 || workers < 2 {
		// A chunk at a time through one buffer.
		var b []byte
		for lo := 0; lo < n; lo += listChunk {
			b = format(b[:0], lo, min(lo+listChunk, n), 0)
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	type pipe struct{ full, empty chan []byte }
	pipes := make([]pipe, workers)
	var stop atomic.Bool // a write failed: the workers format nothing more
	for k := range pipes {
		p := pipe{full: make(chan []byte, listDepth), empty: make(chan []byte, listDepth)}
		for range listDepth {
			p.empty <- nil
		}
		pipes[k] = p
		go func() {
			for c := k; c < chunks; c += workers {
				b := (<-p.empty)[:0]
				if !stop.Load() {
					b = format(b, c*listChunk, min((c+1)*listChunk, n), k)
				}
				p.full <- b
			}
		}()
	}
	var err error
	for c := range chunks {
		p := pipes[c%workers]
		b := <-p.full
		if err == nil {
			if _, err = w.Write(b); err != nil {
				stop.Store(true)
			}
		}
		p.empty <- b // (never blocks: it has room for all the worker's buffers)
	}
	return err
}

// listChunk is how many elements of a long list one CPU encodes at a time.
const listChunk = 256

// listDepth is how many formatted chunks a worker of listAt keeps ahead
// of the writer.
const listDepth = 2

func (sw *streamWriter) flush() error {
	if sw.err != nil {
		return sw.err
	}
	return sw.w.Flush()
}
