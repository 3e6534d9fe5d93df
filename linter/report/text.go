package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter"
)

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

func severityColor(s linter.Severity) string {
	switch s {
	case linter.Critical:
		return "\x1b[1;31m"
	case linter.High:
		return "\x1b[31m"
	case linter.Medium:
		return "\x1b[33m"
	}
	return "\x1b[36m"
}

// Text writes the human report: for each finding
//
//	file:line:col: severity rule: message
//	    <the source line>
//	    <a caret under the column>
//
// then its related locations (the module call chain), then the errors
// (file:line:col: error: message), then one summary line. Colour is used only
// when meta.Color is set.
func Text(w io.Writer, res *linter.Result, meta Meta) error {
	bw := bufio.NewWriter(w)
	paint := func(code, s string) string {
		if !meta.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, f := range res.Findings {
		fmt.Fprintf(bw, "%s: %s %s: %s\n", paint(ansiBold, position(f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column)),
			paint(severityColor(f.Severity), f.Severity.String()), f.Rule, f.Message)
		if line, ok := sourceLine(res.Sources[f.Range.Filename], f.Range.Start.Line); ok {
			fmt.Fprintf(bw, "    %s\n    %s%s\n", line, caretPad(line, f.Range.Start.Column), paint(severityColor(f.Severity), "^"))
		}
		for _, r := range f.Related {
			fmt.Fprintf(bw, "    %s\n", paint(ansiDim, fmt.Sprintf("%s: %s", position(r.Range.Filename, r.Range.Start.Line, 0), r.Message)))
		}
	}
	for _, e := range res.Errors {
		fmt.Fprintf(bw, "%s: %s: %s\n", paint(ansiBold, position(e.File, e.Line, e.Column)), paint(severityColor(linter.Critical), "error"), e.Message)
	}
	fmt.Fprintln(bw, summaryLine(res))
	return bw.Flush()
}

// position formats file:line:col, leaving out what is unknown.
func position(file string, line, col int) string {
	if file == "" {
		file = "iamlint"
	}
	switch {
	case line > 0 && col > 0:
		return fmt.Sprintf("%s:%d:%d", file, line, col)
	case line > 0:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

// sourceLine returns line n (1-based) of src without its line ending.
func sourceLine(src []byte, n int) (string, bool) {
	if src == nil || n < 1 {
		return "", false
	}
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src, '\n')
		if j < 0 {
			return "", false
		}
		src = src[j+1:]
	}
	if j := bytes.IndexByte(src, '\n'); j >= 0 {
		src = src[:j]
	}
	return strings.TrimRight(string(src), "\r"), true
}

// caretPad returns the white space that puts a caret under column col of line:
// tabs are kept so the caret lines up however tabs are shown.
func caretPad(line string, col int) string {
	var b strings.Builder
	for i := 1; i < col && line != ""; i++ {
		r, size := utf8.DecodeRuneInString(line)
		line = line[size:]
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// summaryLine says how many findings (by severity), what was linted and how
// many errors there were.
func summaryLine(res *linter.Result) string {
	s := res.Summary
	var b strings.Builder
	n := len(res.Findings)
	fmt.Fprintf(&b, "%d %s", n, plural(n, "finding", "findings"))
	if n > 0 {
		counts := map[linter.Severity]int{}
		for _, f := range res.Findings {
			counts[f.Severity]++
		}
		var parts []string
		for _, sev := range []linter.Severity{linter.Critical, linter.High, linter.Medium, linter.Low} {
			if counts[sev] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", counts[sev], sev))
			}
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, " in %d %s, %d %s, %d %s", s.Files, plural(s.Files, "file", "files"),
		s.Resources, plural(s.Resources, "resource", "resources"), s.Policies, plural(s.Policies, "policy", "policies"))
	if k := len(res.Suppressed); k > 0 {
		fmt.Fprintf(&b, "; %d suppressed", k)
	}
	if k := len(res.Errors); k > 0 {
		fmt.Fprintf(&b, "; %d %s", k, plural(k, "error", "errors"))
	}
	if k := len(res.Notices); k > 0 {
		fmt.Fprintf(&b, "; %d %s", k, plural(k, "notice", "notices"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
