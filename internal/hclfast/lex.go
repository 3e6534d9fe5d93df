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

// token is one token of the main (non-template) scanner mode: its type,
// its byte offsets, and the line its start is on (number, offset of its
// first byte, in ln). A token ends on the line it starts on, but for a
// newline (and the line comment it ends) and a heredoc introducer, which
// end at the start of the next line. 24 bytes in four fields, where two
// hcl.Pos took 48: the parser copies tokens a lot (peek, read), and the
// compiler keeps a struct of at most four fields and 32 bytes in registers
// (a bigger one is copied through memory, with stalls where a wide load
// reads narrower stores). Positions are built for the ranges of the nodes
// only.
type token struct {
	typ    tokType
	so, eo int32
	ln     uint64 // line<<32 | offset of the line's first byte
}

// sp returns the position of the start of t.
func (t token) sp() hcl.Pos {
	return hcl.Pos{Line: int(t.ln >> 32), Column: int(t.so) - int(uint32(t.ln)) + 1, Byte: int(t.so)}
}

// ep returns the position of the end of t.
func (t token) ep() hcl.Pos {
	if t.typ == tNewline || t.typ == tOHeredoc {
		return hcl.Pos{Line: int(t.ln>>32) + 1, Column: 1, Byte: int(t.eo)}
	}
	return hcl.Pos{Line: int(t.ln >> 32), Column: int(t.eo) - int(uint32(t.ln)) + 1, Byte: int(t.eo)}
}

// maxSrc is the largest source ParseConfig takes (offsets are int32).
const maxSrc = 1<<31 - 1

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

func isIdentCont(c byte) bool { return identCont[c] }

// identCont tells the bytes that continue an identifier: a table, one load
// per byte of every name.
var identCont = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
	}
	return t
}()

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// rep8 is the word of eight bytes 1: c*rep8 is the word of eight bytes c.
const rep8 = 0x0101010101010101

// pos returns the position of offset off, which must be on line st.line.
func pos(st lexState, off int) hcl.Pos {
	return hcl.Pos{Line: st.line, Column: off - st.lineStart + 1, Byte: off}
}

// tok returns the token of type typ from offset s to e, starting on the
// line of st.
func tok(typ tokType, s, e int, st lexState) token {
	return token{typ: typ, so: int32(s), eo: int32(e), ln: uint64(st.line)<<32 | uint64(st.lineStart)}
}

// singles gives the type of the bytes that are a token of their own
// whatever follows them (tEOF for the others).
var singles = func() (t [256]tokType) {
	for c, typ := range map[byte]tokType{
		'"': tOQuote, '{': tOBrace, '}': tCBrace, '[': tOBrack, ']': tCBrack,
		'(': tOParen, ')': tCParen, ',': tComma, '*': tStar, '%': tPercent,
		'+': tPlus, '-': tMinus, '?': tQuestion,
	} {
		t[c] = typ
	}
	return t
}()

// leads gives lexPeek the type of a token by its first byte: singles' for
// the tokens of one byte, tIdent for the first bytes of names, tEOF for
// the others. One load for the two tests most tokens are told by.
var leads = func() (t [256]tokType) {
	t = singles
	for c := range t {
		if isIdentStart(byte(c)) {
			t[c] = tIdent
		}
	}
	return t
}()

// lexPeek scans the next main-mode token into the lookahead cache (pk, and
// pkAfter the scanner position after it), from the position after the
// last token read, in the parser's mode: with nl skipNL, newlines and
// comments are skipped; with keepNL a newline (or a line comment, which
// ends with its newline) is a tNewline token, as hclsyntax's peeker does.
// It writes the cache itself rather than return the token and position
// (seven words) for a caller to store. Not inlined, so that peek is.
//
// It scans the most common tokens itself (names, the tokens of one byte,
// an equals sign, a dot, a newline) and leaves the others to lexRest,
// which scans any token: without calls of its own, it keeps its values in
// registers (lexRest's calls made it save them on the stack first).
//
//go:noinline
func (p *parser) lexPeek() {
	st := p.cur
	p.pkMode, p.pkOK = p.nl, true
	src := p.src
	// Offsets compared unsigned: the compiler then knows them in range
	// and checks no bounds in the loops (st.pos could be negative to it).
	for {
		i := st.pos
		var c byte
		for {
			if uint(i) >= uint(len(src)) {
				p.lexRest(st) // the end of the file
				return
			}
			if c = src[i]; c != ' ' && c != '\t' {
				break
			}
			i++
		}
		typ, w := leads[c], 1
		if typ > tIdent {
			st.pos = i + 1
			p.pk, p.pkAfter = tok(typ, i, i+1, st), st
			return
		}
		switch {
		case typ == tIdent:
			j := i + 1
			for uint(j) < uint(len(src)) && isIdentCont(src[j]) {
				j++
			}
			w = j - i
		case c == '\n':
			t := tok(tNewline, i, i+1, st)
			st.pos = i + 1
			st.line++
			st.lineStart = i + 1
			if p.nl == keepNL {
				p.pk, p.pkAfter = t, st
				return
			}
			continue
		case c == '=' && i+1 < len(src) && src[i+1] != '=' && src[i+1] != '>':
			typ = tEqual
		case c == '.' && i+1 < len(src) && src[i+1] != '.':
			typ = tDot
		default:
			st.pos = i
			p.lexRest(st)
			return
		}
		st.pos = i + w
		p.pk, p.pkAfter = tok(typ, i, i+w, st), st
		return
	}
}

// lexRest is lexPeek from st, for any token.
func (p *parser) lexRest(st lexState) {
	nl := p.nl == keepNL
	src := p.src
	n := len(src)
	for {
		i := st.pos
		for i < n && (src[i] == ' ' || src[i] == '\t') {
			i++
		}
		if i >= n {
			st.pos = i
			p.pk, p.pkAfter = tok(tEOF, i, i, st), st
			return
		}
		c := src[i]
		if typ := singles[c]; typ != tEOF {
			st.pos = i + 1
			p.pk, p.pkAfter = tok(typ, i, i+1, st), st
			return
		}
		var typ tokType
		w := 1
		switch {
		case isIdentStart(c):
			j := i + 1
			for j < n && isIdentCont(src[j]) {
				j++
			}
			typ, w = tIdent, j-i
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
			typ, w = tNumber, j-i
		default:
			switch c {
			case '\n':
				t := tok(tNewline, i, i+1, st)
				st.pos = i + 1
				st.line++
				st.lineStart = i + 1
				if nl {
					p.pk, p.pkAfter = t, st
					return
				}
				continue
			case '\r':
				if i+1 < n && src[i+1] == '\n' {
					t := tok(tNewline, i, i+2, st)
					st.pos = i + 2
					st.line++
					st.lineStart = i + 2
					if nl {
						p.pk, p.pkAfter = t, st
						return
					}
					continue
				}
				bail()
			case '#':
				t, st2, ok := p.lineComment(st, i, nl)
				if ok {
					p.pk, p.pkAfter = t, st2
					return
				}
				st = st2 // skipped: on with the loop, not a call per comment line
				continue
			case '/':
				if i+1 < n && src[i+1] == '/' {
					t, st2, ok := p.lineComment(st, i, nl)
					if ok {
						p.pk, p.pkAfter = t, st2
						return
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
				typ = tSlash
			case '~':
				if i+1 < n && src[i+1] == '}' {
					typ, w = tTildeCBrace, 2
				} else {
					bail()
				}
			case '.':
				typ = tDot
				if i+2 < n && src[i+1] == '.' && src[i+2] == '.' {
					typ, w = tEllipsis, 3
				}
			case ':':
				typ = tColon
				if i+1 < n && src[i+1] == ':' {
					typ, w = tDoubleColon, 2
				}
			case '=':
				typ = tEqual
				if i+1 < n && src[i+1] == '=' {
					typ, w = tEqOp, 2
				} else if i+1 < n && src[i+1] == '>' {
					typ, w = tFatArrow, 2
				}
			case '!':
				typ = tBang
				if i+1 < n && src[i+1] == '=' {
					typ, w = tNotEq, 2
				}
			case '>':
				typ = tGT
				if i+1 < n && src[i+1] == '=' {
					typ, w = tGE, 2
				}
			case '<':
				if i+1 < n && src[i+1] == '<' {
					if t, st2, ok := p.heredocIntro(st, i); ok {
						p.pk, p.pkAfter = t, st2
						return
					}
				}
				typ = tLT
				if i+1 < n && src[i+1] == '=' {
					typ, w = tLE, 2
				}
			case '&':
				if i+1 < n && src[i+1] == '&' {
					typ, w = tAnd, 2
				} else {
					bail()
				}
			case '|':
				if i+1 < n && src[i+1] == '|' {
					typ, w = tOr, 2
				} else {
					bail()
				}
			default:
				bail()
			}
		}
		st.pos = i + w
		p.pk, p.pkAfter = tok(typ, i, i+w, st), st
		return
	}
}

// lineComment scans a # or // comment from offset i through its newline;
// ok is false when the comment was skipped (the caller lexes on).
// A comment that ends with a newline is a newline token in nl mode, with
// the range of the whole comment (hclsyntax's peeker does the same).
func (p *parser) lineComment(st lexState, i int, nl bool) (token, lexState, bool) {
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
	t := tok(tNewline, i, j+1, st)
	st.pos = j + 1
	st.line++
	st.lineStart = j + 1
	if nl {
		return t, st, true
	}
	return token{}, st, false
}

// heredocIntro matches <<MARKER or <<-MARKER followed by a newline at i.
func (p *parser) heredocIntro(st lexState, i int) (token, lexState, bool) {
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
	t := tok(tOHeredoc, i, j+1, st)
	st.pos = j + 1
	st.line++
	st.lineStart = j + 1
	return t, st, true
}
