package main

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter/report"
)

// printableWriter is the stderr of a run (but for the progress line, which
// draws with "\r\033[K" on a terminal): each line of what is written to it
// goes out as report.Printable makes it, so a control character, an
// invalid byte or a bidirectional control that a message quotes from the
// command line (a flag's value, an --output or --baseline name, an unknown
// flag, which the flag package prints itself) is U+FFFD, not an escape
// sequence that a terminal runs (a colour, a title, a cleared screen) or a
// line a CI log reads as its own. Errors and notices were made printable
// where they are written; these messages were not ("iamlint: --baseline:
// open /nope\x1b[31m: no such file" turned the terminal red).
type printableWriter struct {
	w io.Writer
	// pending is the start of a character that the last Write cut (a
	// caller writing in pieces): it is written with what follows.
	pending []byte
}

// Write writes p, printable, to the underlying writer. It reports all of p
// written unless the underlying writer fails.
func (pw *printableWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(pw.pending) > 0 {
		p = append(pw.pending, p...)
		pw.pending = nil
	}
	if k := cutRune(p); k > 0 {
		pw.pending = append([]byte(nil), p[len(p)-k:]...)
		p = p[:len(p)-k]
	}
	if plainText(p) {
		if _, err := pw.w.Write(p); err != nil {
			return 0, err
		}
		return n, nil
	}
	var b bytes.Buffer
	b.Grow(len(p))
	for i, line := range bytes.Split(p, []byte("\n")) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(report.Printable(string(line)))
	}
	if _, err := pw.w.Write(b.Bytes()); err != nil {
		return 0, err
	}
	return n, nil
}

// flush writes a character that the last Write left cut, as the invalid
// bytes it is (U+FFFD).
func (pw *printableWriter) flush() {
	if len(pw.pending) > 0 {
		_, _ = io.WriteString(pw.w, report.Printable(string(pw.pending)))
		pw.pending = nil
	}
}

// cutRune returns the length of the start of a multi-byte UTF-8 character
// that p ends with and that is not whole (0: p ends with whole characters,
// or with bytes no character starts with).
func cutRune(p []byte) int {
	for k := 1; k < utf8.UTFMax && k <= len(p); k++ {
		c := p[len(p)-k]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if c >= 0xC2 && c <= 0xF4 && !utf8.FullRune(p[len(p)-k:]) {
				return k
			}
			return 0
		}
	}
	return 0
}

// plainText reports whether p is printable ASCII, tabs and newlines: what
// nearly every message is, written as it is.
func plainText(p []byte) bool {
	for _, c := range p {
		if (c < ' ' && c != '\n' && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// rawStderr returns the writer under w's printableWriter (the progress line
// writes its own control codes, to a terminal only), else w.
func rawStderr(w io.Writer) io.Writer {
	if pw, ok := w.(*printableWriter); ok {
		return pw.w
	}
	return w
}
