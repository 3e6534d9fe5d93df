// Package hclfast parses the common subset of HCL native syntax (.tf files)
// into the same AST that hclsyntax.ParseConfig builds, several times faster
// and with fewer allocations. It is a fast path only: whenever the input is
// outside the subset it handles exactly (a syntax error, a non-ASCII byte, a
// rare construct), ParseConfig returns nil and the caller parses with
// hclsyntax, so diagnostics stay those of hclsyntax.
//
// The contract, enforced by the tests: when ParseConfig returns a file,
// hclsyntax.ParseConfig on the same input reports no diagnostics and its body
// is reflect.DeepEqual to ours (every node, every range).
//
// Positions: outside line comments the input must be ASCII (anything else
// is left to hclsyntax), so a column is the byte offset from the start of
// the line plus one: hclsyntax counts grapheme clusters, which are single
// bytes in ASCII apart from CR LF, and a lone CR outside comments is an
// error. A line comment of valid UTF-8 ends with its newline, so what it
// holds never moves a column.
package hclfast

import (
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

type tokType uint8

const (
	tEOF tokType = iota
	tNewline
	tIdent
	tNumber
	tOQuote
	tOHeredoc
	tOBrace
	tCBrace
	tTildeCBrace // "~}"
	tOBrack
	tCBrack
	tOParen
	tCParen
	tDot
	tComma
	tStar
	tSlash
	tPercent
	tPlus
	tMinus
	tEqual
	tLT
	tGT
	tBang
	tQuestion
	tColon
	tEqOp
	tNotEq
	tGE
	tLE
	tAnd
	tOr
	tDoubleColon
	tEllipsis
	tFatArrow
)

// token is one token of the main (non-template) scanner mode.
type token struct {
	typ  tokType
	s, e hcl.Pos
}

// lexState is where the scanner is: a byte offset and the line it is on.
type lexState struct {
	pos, line, lineStart int
}

// bail is the panic value that unwinds the parser when the input is outside
// the fast path; ParseConfig recovers it and returns nil.
type bailout struct{}

func bail() { panic(bailout{}) }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentCont(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// pos returns the position of offset off, which must be on line st.line.
func pos(st lexState, off int) hcl.Pos {
	return hcl.Pos{Line: st.line, Column: off - st.lineStart + 1, Byte: off}
}

// lex scans the next main-mode token from st. With nl false, newlines and
// comments are skipped; with nl true a newline (or a line comment, which
// ends with its newline) is a tNewline token, as hclsyntax's peeker does.
func (p *parser) lex(st lexState, nl bool) (token, lexState) {
	src := p.src
	n := len(src)
	for {
		i := st.pos
		for i < n && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		st.pos = i
		if i >= n {
			ps := pos(st, i)
			return token{typ: tEOF, s: ps, e: ps}, st
		}
		c := src[i]
		start := pos(st, i)
		one := func(t tokType, w int) (token, lexState) {
			st.pos = i + w
			return token{typ: t, s: start, e: pos(st, i+w)}, st
		}
		switch {
		case isIdentStart(c):
			j := i + 1
			for j < n && isIdentCont(src[j]) {
				j++
			}
			return one(tIdent, j-i)
		case isDigit(c):
			j := i + 1
			for j < n {
				d := src[j]
				if isDigit(d) || d == '.' {
					j++
					continue
				}
				if d == 'e' || d == 'E' {
					k := j + 1
					if k < n && (src[k] == '+' || src[k] == '-') {
						k++
					}
					if k < n && isDigit(src[k]) {
						j = k + 1
						continue
					}
				}
				break
			}
			for src[j-1] == '.' {
				j--
			}
			return one(tNumber, j-i)
		}
		switch c {
		case '\n':
			st.pos = i + 1
			st.line++
			st.lineStart = i + 1
			if nl {
				return token{typ: tNewline, s: start, e: pos(st, i+1)}, st
			}
			continue
		case '\r':
			if i+1 < n && src[i+1] == '\n' {
				st.pos = i + 2
				st.line++
				st.lineStart = i + 2
				if nl {
					return token{typ: tNewline, s: start, e: pos(st, i+2)}, st
				}
				continue
			}
			bail()
		case '#':
			t, st2, ok := p.lineComment(st, i, start, nl)
			if ok {
				return t, st2
			}
			st = st2 // skipped: on with the loop, not a call per comment line
			continue
		case '/':
			if i+1 < n && src[i+1] == '/' {
				t, st2, ok := p.lineComment(st, i, start, nl)
				if ok {
					return t, st2
				}
				st = st2
				continue
			}
			if i+1 < n && src[i+1] == '*' {
				j := i + 2
				for {
					if j+1 >= n {
						bail() // unterminated comment
					}
					if src[j] == '*' && src[j+1] == '/' {
						break
					}
					if src[j] >= 0x80 {
						bail() // columns after it would count graphemes
					}
					if src[j] == '\n' {
						st.line++
						st.lineStart = j + 1
					}
					j++
				}
				st.pos = j + 2
				continue
			}
			return one(tSlash, 1)
		case '"':
			return one(tOQuote, 1)
		case '{':
			return one(tOBrace, 1)
		case '}':
			return one(tCBrace, 1)
		case '~':
			if i+1 < n && src[i+1] == '}' {
				return one(tTildeCBrace, 2)
			}
			bail()
		case '[':
			return one(tOBrack, 1)
		case ']':
			return one(tCBrack, 1)
		case '(':
			return one(tOParen, 1)
		case ')':
			return one(tCParen, 1)
		case ',':
			return one(tComma, 1)
		case '*':
			return one(tStar, 1)
		case '%':
			return one(tPercent, 1)
		case '+':
			return one(tPlus, 1)
		case '-':
			return one(tMinus, 1)
		case '?':
			return one(tQuestion, 1)
		case '.':
			if i+2 < n && src[i+1] == '.' && src[i+2] == '.' {
				return one(tEllipsis, 3)
			}
			return one(tDot, 1)
		case ':':
			if i+1 < n && src[i+1] == ':' {
				return one(tDoubleColon, 2)
			}
			return one(tColon, 1)
		case '=':
			if i+1 < n && src[i+1] == '=' {
				return one(tEqOp, 2)
			}
			if i+1 < n && src[i+1] == '>' {
				return one(tFatArrow, 2)
			}
			return one(tEqual, 1)
		case '!':
			if i+1 < n && src[i+1] == '=' {
				return one(tNotEq, 2)
			}
			return one(tBang, 1)
		case '>':
			if i+1 < n && src[i+1] == '=' {
				return one(tGE, 2)
			}
			return one(tGT, 1)
		case '<':
			if i+1 < n && src[i+1] == '<' {
				if t, st2, ok := p.heredocIntro(st, i, start); ok {
					return t, st2
				}
			}
			if i+1 < n && src[i+1] == '=' {
				return one(tLE, 2)
			}
			return one(tLT, 1)
		case '&':
			if i+1 < n && src[i+1] == '&' {
				return one(tAnd, 2)
			}
			bail()
		case '|':
			if i+1 < n && src[i+1] == '|' {
				return one(tOr, 2)
			}
			bail()
		}
		bail()
	}
}

// lineComment scans a # or // comment from offset i through its newline;
// ok is false when the comment was skipped (the caller lexes on).
// A comment that ends with a newline is a newline token in nl mode, with
// the range of the whole comment (hclsyntax's peeker does the same).
func (p *parser) lineComment(st lexState, i int, start hcl.Pos, nl bool) (token, lexState, bool) {
	src := p.src
	j := i
	ascii := true
	for j < len(src) && src[j] != '\n' {
		if src[j] >= 0x80 {
			ascii = false
		}
		j++
	}
	// hclsyntax counts the comment's columns in grapheme clusters; valid
	// UTF-8 never joins a cluster with the newline that ends it (invalid
	// UTF-8 can), so the position after the newline is line+1, column 1.
	if !ascii && (j == len(src) || !utf8.Valid(src[i:j])) {
		// At the end of the file, the end-of-file position is on its line.
		bail()
	}
	if j == len(src) {
		// Comment at the end of the file, without a newline: skipped.
		st.pos = j
		return token{}, st, false
	}
	st.pos = j + 1
	st.line++
	st.lineStart = j + 1
	if nl {
		return token{typ: tNewline, s: start, e: pos(st, j+1)}, st, true
	}
	return token{}, st, false
}

// heredocIntro matches <<MARKER or <<-MARKER followed by a newline at i.
func (p *parser) heredocIntro(st lexState, i int, start hcl.Pos) (token, lexState, bool) {
	src := p.src
	n := len(src)
	j := i + 2
	if j < n && src[j] == '-' {
		j++
	}
	if j >= n || !isIdentStart(src[j]) {
		return token{}, st, false
	}
	j++
	for j < n && isIdentCont(src[j]) {
		j++
	}
	if j < n && src[j] == '\r' {
		j++
	}
	if j >= n || src[j] != '\n' {
		return token{}, st, false
	}
	st.pos = j + 1
	st.line++
	st.lineStart = j + 1
	return token{typ: tOHeredoc, s: start, e: pos(st, j+1)}, st, true
}
