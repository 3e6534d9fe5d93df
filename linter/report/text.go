package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/iamlint/iamlint/internal/credmask"
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
	bw := bufio.NewWriterSize(w, 64<<10)
	// The findings are appended to buffers a chunk at a time, no fmt and no
	// string per part (a big plan or estate has hundreds of thousands), on
	// every CPU while the chunks done are written (writeOrdered: on a dense
	// 10,000-file estate, 80 MB, a third of a second on one CPU). The line
	// index is shared (each worker keeps its last file's, lineCursor), each
	// worker has its own cache of lines cut.
	var lines lineIndex
	var cursors []lineCursor
	var ascii []map[lineKey]*lineInfo
	for range runtime.GOMAXPROCS(0) {
		cursors = append(cursors, lineCursor{ix: &lines})
		ascii = append(ascii, map[lineKey]*lineInfo{})
	}
	if err := writeOrdered(bw, len(res.Findings), func(b []byte, from, to, worker int) []byte {
		for i := from; i < to; i++ {
			b = appendTextFinding(b, &res.Findings[i], res.Sources, &cursors[worker], ascii[worker], meta.Color)
		}
		return b
	}); err != nil {
		return err
	}
	paint := func(code, s string) string {
		if !meta.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, e := range res.Errors {
		fmt.Fprintf(bw, "%s: %s: %s\n", paint(ansiBold, position(e.File, e.Line, e.Column)), paint(severityColor(linter.Critical), "error"), Printable(e.Message))
	}
	if err := principalsTable(bw, res); err != nil {
		return err
	}
	fmt.Fprintln(bw, summaryLine(res))
	return bw.Flush()
}

// appendTextFinding appends the lines of f to b: its position, severity,
// rule and message, the source line with a caret under the column (when
// the source is known) and its related locations; lines and ascii are
// Text's caches.
func appendTextFinding(b []byte, f *linter.Finding, sources map[string][]byte, lines *lineCursor, ascii map[lineKey]*lineInfo, color bool) []byte {
	sev := severityColor(f.Severity)
	b = paintStart(b, color, ansiBold)
	b = appendPosition(b, f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column)
	b = paintEnd(b, color)
	b = append(b, ':', ' ')
	b = paintStart(b, color, sev)
	b = append(b, f.Severity.String()...)
	b = paintEnd(b, color)
	b = append(b, ' ')
	b = append(b, f.Rule...)
	b = append(b, ':', ' ')
	b = append(b, Printable(f.Message)...)
	b = append(b, '\n')
	if lb, ok := lines.lineBytes(sources, f.Range.Filename, f.Range.Start.Line); ok {
		if f.Range.Start.Line == 1 {
			lb = bytes.TrimPrefix(lb, []byte("\ufeff")) // not a column (package textpos)
		}
		start, end, col := cutSpan(lb, f.Range.Start.Column, ascii, lineKey{f.Range.Filename, f.Range.Start.Line})
		b = append(b, "    "...)
		at := len(b)
		if cut := lb[start:end]; plainASCII(cut) && !credmask.KeyRun(cut) && !credmask.HasEscape(cut) {
			// Nothing to redact, a column per byte (most lines): the
			// snippet is appended as it is cut, without a string of it.
			b, col = appendSnippetASCII(b, cut, col)
			line := b[at:]
			b = append(b, "\n    "...)
			b = appendCaretPad(b, line, col)
		} else {
			line, col := snippet(redactCredentials(string(cut)), col)
			b = append(b, line...)
			b = append(b, "\n    "...)
			b = appendCaretPad(b, line, col)
		}
		if quoted := b[at:]; WorkflowCommand(quoted[:bytes.IndexByte(quoted, '\n')]) {
			// A quoted line that GitHub Actions would read as a workflow
			// command once it trims the indentation (a heredoc or comment
			// line "::stop-commands::AKIA..." quoted for the key): a '|'
			// for the last space of the indentation, so that the caret
			// keeps its column.
			b[at-1] = '|'
		}
		b = paintStart(b, color, sev)
		b = append(b, '^')
		b = paintEnd(b, color)
		b = append(b, '\n')
	}
	for _, r := range f.Related {
		b = append(b, "    "...)
		b = paintStart(b, color, ansiDim)
		b = appendPosition(b, r.Range.Filename, r.Range.Start.Line, 0)
		b = append(b, ':', ' ')
		b = append(b, Printable(r.Message)...)
		b = paintEnd(b, color)
		b = append(b, '\n')
	}
	return b
}

// paintStart and paintEnd surround what is painted in code (when color).
func paintStart(b []byte, color bool, code string) []byte {
	if color {
		b = append(b, code...)
	}
	return b
}

func paintEnd(b []byte, color bool) []byte {
	if color {
		b = append(b, ansiReset...)
	}
	return b
}

// position formats file:line:col, leaving out what is unknown.
func position(file string, line, col int) string {
	if line <= 0 && file != "" {
		return file
	}
	return string(appendPosition(nil, file, line, col))
}

// appendPosition appends position(file, line, col) to b.
func appendPosition(b []byte, file string, line, col int) []byte {
	if file == "" {
		file = "iamlint"
	}
	b = append(b, PrintableFile(file)...)
	if line > 0 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(line), 10)
		if col > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(col), 10)
		}
	}
	return b
}

// lineIndex holds the line start offsets of each source file quoted so far:
// quoting a line is then a lookup, not a scan from the top of the file (78k
// findings in a 50 MB plan took 4 minutes of scanning). It is safe for
// concurrent use (Text's workers share one: a file's index is made once).
type lineIndex struct {
	mu     sync.Mutex
	starts map[string][]int // by file name
}

// line returns line n (1-based) of the named source without its line ending.
func (ix *lineIndex) line(sources map[string][]byte, name string, n int) (string, bool) {
	b, ok := ix.lineBytes(sources, name, n)
	return string(b), ok
}

// lineBytes is line without copying the line (one line may be a whole plan).
func (ix *lineIndex) lineBytes(sources map[string][]byte, name string, n int) ([]byte, bool) {
	src := sources[name]
	if src == nil || n < 1 {
		return nil, false
	}
	return lineOf(src, ix.startsOf(name, src), n)
}

// startsOf returns the line starts of src, the source of the named file.
func (ix *lineIndex) startsOf(name string, src []byte) []int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	starts, ok := ix.starts[name]
	if !ok {
		starts = []int{0}
		for i, c := range src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		if ix.starts == nil {
			ix.starts = map[string][]int{}
		}
		ix.starts[name] = starts
	}
	return starts
}

// lineOf returns line n (1-based) of src, whose lines start at starts,
// without its line ending.
func lineOf(src []byte, starts []int, n int) ([]byte, bool) {
	if n > len(starts) {
		return nil, false
	}
	// The line ends where the next starts (its '\n' before): no scan for
	// it, which on a one-line plan (terraform show -json writes one line)
	// was the rest of the file per finding.
	end := len(src)
	if n < len(starts) {
		end = starts[n] - 1
	}
	return bytes.TrimRight(src[starts[n-1]:end], "\r"), true
}

// lineCursor is one of Text's workers' view of the shared lineIndex: the
// line starts of the last file asked are kept, the index (locked) is asked
// when the file changes (a file's findings follow each other). Locked for
// every finding, the index was a quarter of the text report's time with
// two workers.
type lineCursor struct {
	ix     *lineIndex
	name   string
	src    []byte
	starts []int
}

// lineBytes is lineIndex.lineBytes.
func (c *lineCursor) lineBytes(sources map[string][]byte, name string, n int) ([]byte, bool) {
	if c.starts == nil || name != c.name {
		src := sources[name]
		if src == nil || n < 1 {
			return nil, false
		}
		c.name, c.src, c.starts = name, src, c.ix.startsOf(name, src)
	}
	if n < 1 {
		return nil, false
	}
	return lineOf(c.src, c.starts, n)
}

// redactCredentials hides all but the first four characters of every AWS
// credential in a source line (same length, so the caret stays in place):
// a quoted line must not print the secret that hardcoded-credentials (or any
// other finding on that line) is about.
func redactCredentials(line string) string {
	if len(line) < 20 {
		return line
	}
	var b []byte
	if credmask.KeyRun(line) {
		b = []byte(line)
		redactIn(b, b, nil)
	}
	if credmask.HasEscape(line) {
		// A credential written with escapes (a policy's JSON in a plan's
		// JSON: "s3:\\u0041KIA...", a .tf.json "wJal...\/K7MD...") is
		// looked for in the text decoded, and masked in the line.
		if b == nil {
			b = []byte(line)
		}
		dec, spans := credmask.Unescape(b)
		redactIn(dec, b, spans)
	}
	if b == nil {
		return line
	}
	return string(b)
}

// redactIn masks each credential in text (credmask.Each: an access key ID
// in upper case, a secret access key) in out, but its first four
// characters: out is text itself (spans nil), or the line text was decoded
// from, each byte k of text written by out[spans[k][0]:spans[k][1]] (where
// its letters and digits become '*').
func redactIn(text, out []byte, spans [][2]int) {
	credmask.Each(text, true, false, func(i, j int) {
		for k := i + 4; k < j; k++ {
			if spans == nil {
				out[k] = '*'
				continue
			}
			for x := spans[k][0]; x < spans[k][1]; x++ {
				if c := out[x]; c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '+' {
					out[x] = '*'
				}
			}
		}
	})
}

// snippetWidth is the most characters of a source line the text report
// shows: a longer line (minified JSON, a generated file) is cut around the
// column, so that a 5 MB line is not printed once per finding.
const snippetWidth = 160

// snippet returns the part of line to show for column col, and col within
// it. Control characters (an escape sequence in the source must not reach
// the terminal) and invalid UTF-8 are shown as U+FFFD, one column each.
func snippet(line string, col int) (string, int) {
	if plainASCII(line) {
		return snippetASCII(line, col)
	}
	return snippetRunes(line, col)
}

// snippetRunes is snippet for any line, a rune at a time.
func snippetRunes(line string, col int) (string, int) {
	runes := []rune(line)
	start, end := 0, len(runes)
	if len(runes) > snippetWidth {
		c := max(col-1, 0)
		start = max(min(c-snippetWidth/2, len(runes)-snippetWidth), 0)
		end = start + snippetWidth
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("...")
		col = col - start + 3
	}
	for _, r := range runes[start:end] {
		if unprintable(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	if end < len(runes) {
		b.WriteString("...")
	}
	return b.String(), col
}

// plainASCII reports whether s is printable ASCII and tabs only: each byte
// is then one rune that snippet shows as it is.
func plainASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// snippetASCII is snippet for a plainASCII line: the same cut, by byte
// (a finding per line of a big plan made a rune slice and a copy each).
func snippetASCII(line string, col int) (string, int) {
	start, end := 0, len(line)
	if len(line) > snippetWidth {
		c := max(col-1, 0)
		start = max(min(c-snippetWidth/2, len(line)-snippetWidth), 0)
		end = start + snippetWidth
	}
	if start == 0 && end == len(line) {
		return line, col
	}
	out := line[start:end]
	if start > 0 {
		out = "..." + out
		col = col - start + 3
	}
	if end < len(line) {
		out += "..."
	}
	return out, col
}

// appendSnippetASCII appends snippetASCII(line, col) to b.
func appendSnippetASCII[T string | []byte](b []byte, line T, col int) ([]byte, int) {
	start, end := 0, len(line)
	if len(line) > snippetWidth {
		c := max(col-1, 0)
		start = max(min(c-snippetWidth/2, len(line)-snippetWidth), 0)
		end = start + snippetWidth
	}
	if start > 0 {
		b = append(b, "..."...)
		col = col - start + 3
	}
	b = append(b, line[start:end]...)
	if end < len(line) {
		b = append(b, "..."...)
	}
	return b, col
}

type lineKey struct {
	file string
	line int
}

// cutLine returns the part of a long line around column col that snippet
// shows, with room on both sides for a credential that crosses its edges
// (redactCredentials then sees it whole), and col in that part; snippet
// gives the same result on it as on the whole line. Quoting findings on a
// one-line plan then costs the width of a snippet, not the size of the plan
// (credential redaction and rune conversion of a megabyte line per
// finding). An ASCII line is cut by bytes (a column per byte); another by
// characters (columns count code points), found through the line's
// lineInfo, which lines remembers.
func cutLine[T string | []byte](line T, col int, lines map[lineKey]*lineInfo, k lineKey) (string, int) {
	start, end, col := cutSpan(line, col, lines, k)
	return string(line[start:end]), col
}

// lineInfo is what cutSpan learns of a long line once: whether it is ASCII,
// else its number of characters and the byte offset of every
// runeMark-th character.
type lineInfo struct {
	ascii bool
	runes int
	marks []int
}

// runeMark is the distance, in characters, between the offsets lineInfo
// keeps of a non-ASCII line.
const runeMark = 256

// cutSpan is cutLine as the bounds of the part in line.
func cutSpan[T string | []byte](line T, col int, lines map[lineKey]*lineInfo, k lineKey) (start, end, c int) {
	const margin = snippetWidth + 64
	if len(line) <= 2*margin+1 {
		return 0, len(line), col
	}
	li := lines[k]
	if li == nil {
		li = newLineInfo(line)
		lines[k] = li
	}
	if li.ascii {
		c = min(max(col-1, 0), len(line))
		start, end = max(c-margin, 0), min(c+margin, len(line))
		return start, end, col - start
	}
	// The same cut by characters (snippetRunes counts an invalid byte as
	// one, as decodeAt does).
	c = min(max(col-1, 0), li.runes)
	rs, re := max(c-margin, 0), min(c+margin, li.runes)
	return runeOffset(li, line, rs), runeOffset(li, line, re), col - rs
}

// newLineInfo reads line once: ASCII, or its characters and marks.
func newLineInfo[T string | []byte](line T) *lineInfo {
	i := 0
	for i < len(line) && line[i] < utf8.RuneSelf {
		i++
	}
	if i == len(line) {
		return &lineInfo{ascii: true}
	}
	li := &lineInfo{marks: make([]int, 0, len(line)/runeMark/2+1)}
	for i = 0; i < len(line); li.runes++ {
		if li.runes%runeMark == 0 {
			li.marks = append(li.marks, i)
		}
		i += decodeAt(line, i)
	}
	return li
}

// runeOffset returns the byte offset in line (read by li) of character r
// (0-based; the line's length for r = li.runes).
func runeOffset[T string | []byte](li *lineInfo, line T, r int) int {
	if r >= li.runes {
		return len(line)
	}
	i := li.marks[r/runeMark]
	for n := r % runeMark; n > 0; n-- {
		i += decodeAt(line, i)
	}
	return i
}

// decodeAt returns the size of the character at byte i of s (1 for an
// invalid byte, as utf8.DecodeRune).
func decodeAt[T string | []byte](s T, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
	return size
}

// caretPad returns the white space that puts a caret under column col of line:
// tabs are kept so the caret lines up however tabs are shown.
func caretPad(line string, col int) string {
	return string(appendCaretPad(nil, line, col))
}

// appendCaretPad appends caretPad(line, col) to b.
func appendCaretPad[T string | []byte](b []byte, line T, col int) []byte {
	if n := min(max(col-1, 0), len(line)); plainASCII(line[:n]) && !hasTab(line[:n]) {
		for range n {
			b = append(b, ' ') // one column per byte, no tabs
		}
		return b
	}
	return append(b, caretPadRunes(string(line), col)...)
}

func hasTab[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\t' {
			return true
		}
	}
	return false
}

// caretPadRunes is caretPad for any line, a rune at a time. Columns count
// code points; on the terminal a
// combining mark or format character (ZWJ) takes no cell and a wide
// character (CJK, most emoji) two, so the caret sits under the element.
func caretPadRunes(line string, col int) string {
	var b strings.Builder
	for i := 1; i < col && line != ""; i++ {
		r, size := utf8.DecodeRuneInString(line)
		line = line[size:]
		switch k := width.LookupRune(r).Kind(); {
		case r == '\t':
			b.WriteByte('\t')
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		case k == width.EastAsianWide || k == width.EastAsianFullwidth:
			b.WriteString("  ")
		default:
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
