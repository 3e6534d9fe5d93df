package eval

import (
	"bytes"
	"unicode/utf8"
)

// scanLiteralWork is lexedLiteralWork of a configuration file (or, with
// template, a template's text) without its tokens: it follows hclsyntax's
// scanner (main mode, quoted strings, heredocs, a template's text,
// interpolations and directives nested in them)
// far enough to see where each literal piece (TokenStringLit,
// TokenQuotedLit) starts and ends, in memory that does not grow with them.
// hclsyntax's lexing takes a token of about a hundred bytes per heredoc
// line: a 2 MB file of one heredoc of a million short lines took 440 MB to
// be refused. It returns the work, the byte offsets of the first piece of
// the longest run and that run's length (-1, -1, 0 when no run has two
// pieces; offsets count a leading UTF-8 byte order mark, which the lexer
// strips and skips as this does); ok is false, and the caller lexes, for
// text outside what it follows exactly: text that is not UTF-8, a heredoc
// marker with a character past ASCII (a Unicode
// letter may be one). TestScanLiteralWork checks it against
// lexedLiteralWork.
func scanLiteralWork(src []byte, template bool) (work int64, worstStart, worstEnd int, worstN int64, ok bool) {
	if bom := []byte("\xef\xbb\xbf"); bytes.HasPrefix(src, bom) {
		// The lexer strips one and lexes the rest, its tokens' byte offsets
		// counting the mark (their columns do not: see scannedRange).
		work, worstStart, worstEnd, worstN, ok = scanLiteralWorkNoBOM(src[len(bom):], template)
		if worstStart >= 0 {
			worstStart += len(bom)
			worstEnd += len(bom)
		}
		return work, worstStart, worstEnd, worstN, ok
	}
	return scanLiteralWorkNoBOM(src, template)
}

// scanLiteralWorkNoBOM is scanLiteralWork of the text after the byte order
// mark, if any (a second mark is a character of the text).
func scanLiteralWorkNoBOM(src []byte, template bool) (work int64, worstStart, worstEnd int, worstN int64, ok bool) {
	if !utf8.Valid(src) {
		return 0, -1, -1, 0, false
	}
	s := literalScanner{src: src, worstStart: -1, worstEnd: -1}
	if template {
		s.stack = append(s.stack, scanFrame{mode: modeBare})
	}
	s.run()
	if s.bail {
		return 0, -1, -1, 0, false
	}
	s.brk()
	return s.work, s.worstStart, s.worstEnd, s.worstN, true
}

type scanMode uint8

const (
	modeMain scanMode = iota
	modeString
	modeHeredoc
	modeBare // a template file's text, outside its sequences
)

type scanFrame struct {
	mode   scanMode
	marker []byte // heredoc
	sol    bool   // heredoc: at the start of a line
}

type literalScanner struct {
	src       []byte
	bail      bool        // text that it does not follow (scanLiteralWork's ok)
	stack     []scanFrame // the modes entered; empty is the file's main mode
	braces    int
	retBraces []int

	n, size              int64 // the current run
	runStart, runEnd     int   // its first piece
	work                 int64
	worstStart, worstEnd int
	worstN               int64
}

// lit is a literal piece from s to e.
func (l *literalScanner) lit(s, e int) {
	if l.n == 0 {
		l.runStart, l.runEnd = s, e
	}
	l.n++
	l.size += int64(e - s)
}

// brk is any other token: it ends the run.
func (l *literalScanner) brk() {
	if l.n > 1 {
		l.work += 8*l.n*l.n + l.n*l.size/2
		if l.n > l.worstN {
			l.worstStart, l.worstEnd, l.worstN = l.runStart, l.runEnd, l.n
		}
	}
	l.n, l.size = 0, 0
}

func (l *literalScanner) top() *scanFrame {
	if len(l.stack) == 0 {
		return nil
	}
	return &l.stack[len(l.stack)-1]
}

func (l *literalScanner) run() {
	src := l.src
	for i := 0; i < len(src); {
		f := l.top()
		switch {
		case f == nil || f.mode == modeMain:
			i = l.main(i)
		case f.mode == modeString:
			i = l.quoted(i)
		case f.mode == modeBare:
			i = l.bare(i)
		default:
			i = l.heredoc(i, f)
		}
	}
}

// seqStart returns the length of the "${", "${~", "%{" or "%{~" at i, or 0.
func (l *literalScanner) seqStart(i int) int {
	src := l.src
	if i+1 < len(src) && (src[i] == '$' || src[i] == '%') && src[i+1] == '{' {
		if i+2 < len(src) && src[i+2] == '~' {
			return 3
		}
		return 2
	}
	return 0
}

// enterSeq enters an interpolation or directive of k bytes at i.
func (l *literalScanner) enterSeq(i, k int) int {
	l.brk()
	l.braces++
	l.retBraces = append(l.retBraces, l.braces)
	l.stack = append(l.stack, scanFrame{mode: modeMain})
	return i + k
}

// escapeLen returns the length of the literal that starts with the "$" or
// "%" at i: "$${" (or "$${~") as one piece, else the sign alone, 0 at the
// end of the file (an invalid token).
func (l *literalScanner) escapeLen(i int) int {
	src := l.src
	if i+1 >= len(src) {
		return 0
	}
	if k := l.seqStart(i + 1); k > 0 && src[i+1] == src[i] {
		return 1 + k
	}
	return 1
}

func isIdentStart(c byte) bool {
	return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func isIdentCont(c byte) bool {
	return isIdentStart(c) || c == '-' || (c >= '0' && c <= '9')
}

// main scans one token of main mode at i.
func (l *literalScanner) main(i int) int {
	src := l.src
	l.brk()
	switch c := src[i]; c {
	case '"':
		l.stack = append(l.stack, scanFrame{mode: modeString})
		return i + 1
	case '<':
		// BeginHeredocTmpl: "<<" "-"? Ident Newline.
		j := i + 2
		if j > len(src) || src[i+1] != '<' {
			return i + 1
		}
		if j < len(src) && src[j] == '-' {
			j++
		}
		m := j
		if j < len(src) && src[j] >= utf8.RuneSelf {
			l.bail = true // a Unicode letter starts an identifier
			return len(src)
		}
		if j >= len(src) || !isIdentStart(src[j]) {
			return i + 1
		}
		for j < len(src) && isIdentCont(src[j]) {
			j++
		}
		if j < len(src) && src[j] >= utf8.RuneSelf {
			l.bail = true
			return len(src)
		}
		me := j
		if j < len(src) && src[j] == '\r' {
			j++
		}
		if j >= len(src) || src[j] != '\n' {
			return i + 1
		}
		l.stack = append(l.stack, scanFrame{mode: modeHeredoc, marker: src[m:me], sol: true})
		return j + 1
	case '#':
		return lineCommentEnd(src, i+1)
	case '/':
		if i+1 < len(src) && src[i+1] == '/' {
			return lineCommentEnd(src, i+2)
		}
		if i+1 < len(src) && src[i+1] == '*' {
			if k := bytes.Index(src[i+2:], []byte("*/")); k >= 0 {
				return i + 2 + k + 2
			}
		}
		return i + 1
	case '{':
		l.braces++
		return i + 1
	case '}':
		l.closeBrace()
		return i + 1
	case '~':
		if i+1 < len(src) && src[i+1] == '}' {
			l.closeBrace()
			return i + 2
		}
		return i + 1
	}
	return i + 1
}

// closeBrace is "}" or "~}" in main mode: the end of an interpolation or
// directive when its brace is the one open (an unmatched "~}" closes no
// sequence either).
func (l *literalScanner) closeBrace() {
	if n := len(l.retBraces); n > 0 && l.retBraces[n-1] == l.braces {
		l.braces--
		l.retBraces = l.retBraces[:n-1]
		l.stack = l.stack[:len(l.stack)-1]
		return
	}
	l.braces--
}

func lineCommentEnd(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k + 1
	}
	return len(src)
}

// quoted scans one token of a quoted string at i.
func (l *literalScanner) quoted(i int) int {
	src := l.src
	if k := l.seqStart(i); k > 0 {
		return l.enterSeq(i, k)
	}
	switch c := src[i]; c {
	case '"':
		l.brk()
		l.stack = l.stack[:len(l.stack)-1]
		return i + 1
	case '\r', '\n':
		l.brk()
		for i < len(src) && (src[i] == '\r' || src[i] == '\n') {
			i++
		}
		return i
	case '$', '%':
		k := l.escapeLen(i)
		if k == 0 {
			l.brk()
			return i + 1
		}
		l.lit(i, i+k)
		return i + k
	}
	// A run of plain characters and backslash escapes.
	j := i
	for j < len(src) {
		c := src[j]
		if c == '\\' {
			if j+1 < len(src) && src[j+1] != '\r' && src[j+1] != '\n' {
				j += 2
				continue
			}
			break
		}
		if c == '$' || c == '%' || c == '"' || c == '\r' || c == '\n' {
			break
		}
		j++
	}
	if j == i { // a backslash before a line break or the end: invalid
		l.brk()
		return i + 1
	}
	l.lit(i, j)
	return j
}

// eolLen returns the length of the line break at i ("\n", "\r\n"), or 0.
func eolLen(src []byte, i int) int {
	if i < len(src) && src[i] == '\n' {
		return 1
	}
	if i+1 < len(src) && src[i] == '\r' && src[i+1] == '\n' {
		return 2
	}
	return 0
}

// heredoc scans one token of the heredoc f at i.
func (l *literalScanner) heredoc(i int, f *scanFrame) int {
	src := l.src
	if k := l.seqStart(i); k > 0 {
		f.sol = false
		return l.enterSeq(i, k)
	}
	if c := src[i]; c == '$' || c == '%' {
		k := l.escapeLen(i)
		if k == 0 {
			l.brk()
			return i + 1
		}
		if k == 1 {
			// The sign alone, but before a byte and a line break, where it
			// is a piece with that byte (hclsyntax: "$$\n" is "$$" and
			// "\n", "$a$b\r\n" is "$", "a", "$b" and "\r\n"; so before a
			// lone carriage return: "$a\r" is "$a" and the rest).
			if eolLen(src, i+2) > 0 || loneCR(src, i+2) {
				l.lit(i, i+2)
				f.sol = true
				return i + 2
			}
		}
		if e := eolLen(src, i+k); k > 1 && e > 0 { // "$${" and the line break
			l.lit(i, i+k+e)
			f.sol = true
			return i + k + e
		}
		l.lit(i, i+k)
		f.sol = false
		return i + k
	}
	j := plainEnd(src, i)
	if loneCR(src, j) {
		// The lexer's heredoc scanner takes no lone carriage return: it
		// stops there, the rest of the file one invalid token.
		if j > i {
			l.lit(i, j)
		}
		l.brk()
		return len(src)
	}
	if e := eolLen(src, j); e > 0 {
		if f.sol && bytes.Equal(bytes.TrimSpace(src[i:j+e]), f.marker) {
			l.brk() // the closing marker
			l.stack = l.stack[:len(l.stack)-1]
			return j + e
		}
		f.sol = true
		l.lit(i, j+e)
		return j + e
	}
	f.sol = false
	l.lit(i, j)
	return j
}

// plainEnd returns the end of the run of plain text at i: the first "$",
// "%", CR or LF at or after i (len(src): none).
func plainEnd(src []byte, i int) int {
	for i < len(src) && src[i] != '$' && src[i] != '%' && src[i] != '\r' && src[i] != '\n' {
		i++
	}
	return i
}

// bare scans one token of a template's text at i: a heredoc's, without a
// closing marker, and a "$" or "%" at the end of the file is a piece.
func (l *literalScanner) bare(i int) int {
	src := l.src
	if k := l.seqStart(i); k > 0 {
		return l.enterSeq(i, k)
	}
	if c := src[i]; c == '$' || c == '%' {
		k := l.escapeLen(i)
		switch e := eolLen(src, i+k); {
		case k == 0:
			l.lit(i, i+1) // the scanner's straggling text
			return i + 1
		case k == 1 && (eolLen(src, i+2) > 0 || loneCR(src, i+2)):
			l.lit(i, i+2)
			return i + 2
		case k > 1 && e > 0:
			l.lit(i, i+k+e)
			return i + k + e
		}
		l.lit(i, i+k)
		return i + k
	}
	j := plainEnd(src, i)
	if loneCR(src, j) {
		// The lexer stops there, as in a heredoc; outside sequences the
		// rest of the file is one more piece (its straggling text).
		if j > i {
			l.lit(i, j)
		}
		l.lit(j, len(src))
		return len(src)
	}
	j += eolLen(src, j)
	l.lit(i, j)
	return j
}

// loneCR reports whether src holds a carriage return at i that no line feed
// follows.
func loneCR(src []byte, i int) bool {
	return i < len(src) && src[i] == '\r' && (i+1 == len(src) || src[i+1] != '\n')
}
