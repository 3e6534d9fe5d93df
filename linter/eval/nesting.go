package eval

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamlint/iamlint/internal/textpos"
)

// MaxNesting is how deeply brackets ((, [, {) may nest in a file handed to
// the HCL parser. hclsyntax parses recursively, several stack frames per
// level: 100,000 levels overflow the goroutine stack, a fatal error that no
// recover catches. Real configurations stay far below this.
const MaxNesting = 1000

// fileNotParsed ends the details of the diagnostics of CheckNesting,
// CheckLiterals and CheckDepth, which refuse a file; ValueNotParsed says
// what they refuse when the text is not a file.
const fileNotParsed = "the file is not parsed"

// ValueNotParsed rewrites d, a diagnostic of CheckNesting, CheckLiterals or
// CheckDepth about a text that is not a file (a template, a --var value),
// to say what is not parsed and unknown (what) where it said the file is
// not parsed: the file that holds the call was parsed, and the rest of it
// is linted. d is marked MadeUnknown.
func ValueNotParsed(d *hcl.Diagnostic, what string) *hcl.Diagnostic {
	d.Detail = strings.Replace(d.Detail, fileNotParsed, what, 1)
	markUnknown(d)
	return d
}

// BinaryProbe is how many of a file's first bytes CheckText looks at for a
// NUL (git's test for a binary file).
const BinaryProbe = 8000

// CheckText returns the error for a file that is not UTF-8 text, which is
// then not parsed: saved as UTF-16 (it starts with a byte order mark:
// Windows editors, PowerShell's > redirection), or binary (git's test: a
// NUL in its first BinaryProbe bytes). One error, not one per byte the
// parser cannot read. nil for any other file.
func CheckText(src []byte, name string) *hcl.Diagnostic {
	at := &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}
	if bytes.HasPrefix(src, []byte("\xff\xfe\x00\x00")) || bytes.HasPrefix(src, []byte("\x00\x00\xfe\xff")) {
		// Before UTF-16's: FF FE starts both little-endian marks.
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "UTF-32 file",
			Detail:  fmt.Sprintf("%s is encoded in UTF-32 (it starts with a UTF-32 byte order mark); Terraform reads UTF-8 only: save it as UTF-8. It is not parsed.", name),
			Subject: at}
	}
	if bytes.HasPrefix(src, []byte("\xff\xfe")) || bytes.HasPrefix(src, []byte("\xfe\xff")) {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "UTF-16 file",
			Detail:  fmt.Sprintf("%s is encoded in UTF-16 (it starts with a UTF-16 byte order mark); Terraform reads UTF-8 only: save it as UTF-8. It is not parsed.", name),
			Subject: at}
	}
	if i := bytes.IndexByte(src[:min(len(src), BinaryProbe)], 0); i >= 0 {
		if utf16NoBOM(src[:min(len(src), BinaryProbe)]) {
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "UTF-16 file",
				Detail:  fmt.Sprintf("%s is encoded in UTF-16 without a byte order mark (every other byte is zero); Terraform reads UTF-8 only: save it as UTF-8. It is not parsed.", name),
				Subject: at}
		}
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Binary file",
			Detail:  fmt.Sprintf("%s holds a NUL byte at offset %d: it is not a Terraform text file; it is not parsed.", name, i),
			Subject: at}
	}
	return nil
}

// utf16NoBOM reports whether p (a file's first bytes) reads as ASCII text
// in UTF-16, little- or big-endian, without a byte order mark: nine pairs
// of bytes in ten (and the first) an ASCII character beside a zero byte.
func utf16NoBOM(p []byte) bool {
	pairs := len(p) / 2
	if pairs < 2 {
		return false
	}
	text := func(c byte) bool { return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f) }
	for lo := range 2 { // lo: the index in a pair of the character's byte
		n := 0
		for i := range pairs {
			if text(p[2*i+lo]) && p[2*i+1-lo] == 0 {
				n++
			} else if i == 0 {
				break
			}
		}
		if n*10 >= pairs*9 {
			return true
		}
	}
	return false
}

// CheckNesting returns an error diagnostic when the brackets of src nest more
// than max levels deep (counting the brackets of its code: not those in the
// text of strings, heredocs and comments, but those of the interpolations
// in them), located at the bracket that goes too deep; nil otherwise.
func CheckNesting(src []byte, filename string, max int) *hcl.Diagnostic {
	return checkNesting(src, filename, max, false)
}

// CheckTemplateNesting is CheckNesting for a template (templatefile,
// templatestring): its text outside ${ } and %{ } is not code.
func CheckTemplateNesting(src []byte, filename string, max int) *hcl.Diagnostic {
	return checkNesting(src, filename, max, true)
}

func checkNesting(src []byte, filename string, max int, template bool) *hcl.Diagnostic {
	// Brackets cannot nest deeper than there are opening ones, nor
	// directives count more than there are '{' (each directive opens at
	// one), nor a run of - and ! be longer than there are of them: most
	// files are told apart by counting (bytes.Count is vectorized), without
	// the scan below (a tenth of the parse time otherwise).
	if d := numberTooLong(src, filename); d != nil {
		return d
	}
	if len(src) <= max {
		return nil
	}
	// Chain levels are conditionals and full splats (each has a '['): at
	// most the '?' and '[' together (the '?' alone let 50,000 conditionals
	// in a full splat's index through, 50,001 levels).
	if curly, square := bytes.Count(src, []byte{'{'}), bytes.Count(src, []byte{'['}); curly+bytes.Count(src, []byte{'('})+square+curly <= max &&
		bytes.Count(src, []byte{'-'})+bytes.Count(src, []byte{'!'}) <= max &&
		bytes.Count(src, []byte{'?'})+square <= maxChainLevels {
		return nil
	}
	return scanNesting(src, filename, max, template)
}

// numberTooLong returns the error for a run of more than maxDigitRun digits
// in src, nil when it has none. A number literal that long takes the
// parser minutes (a 4 MB one: more than 60 s); digits that long in a
// string are no less odd.
func numberTooLong(src []byte, filename string) *hcl.Diagnostic {
	if len(src) <= maxDigitRun {
		return nil
	}
	i := DigitRun(src)
	if i < 0 {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Number too long",
		Detail:  fmt.Sprintf("A run of more than %d digits in %s: as a number it is past what iamlint evaluates (1e±1233), and parsing it takes minutes; "+fileNotParsed+".", maxDigitRun, filename),
		Subject: ByteRange(src, i, filename)}
}

// scanNesting is CheckNesting without the counting shortcut. It reads src
// with the text of its strings, heredocs and comments blanked
// (maskLiterals), and places what it reports in src.
func scanNesting(src []byte, filename string, max int, template bool) *hcl.Diagnostic {
	orig := src
	src = maskLiterals(src, template)
	tooDeep := func(i int, detail string) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
			Detail: detail, Subject: ByteRange(orig, i, filename)}
	}
	depth, directives := 0, 0
	unary := 0 // a run of - and ! (white space between): unary operators nest too
	// Conditionals (c ? x : c ? y : ...) and full splats (a[*][*]...) nest
	// without brackets, and the parsers take them recursively, a frame or
	// more per level: a 4 MB file of either overflowed the goroutine stack
	// in the parse, before CheckDepth could see the tree. conds[d] and
	// splats[d] count the current run of each at bracket depth d; a run
	// ends where the expression must (a ',' or an assignment '=' for
	// conditionals; anything but a traversal for splats), and runs at
	// enclosing depths add up along the nesting (chain levels). The text of
	// strings and comments is blank (maskLiterals).
	conds := make([]int32, max+2)
	splats := make([]int32, max+2)
	chain := 0 // the sum of conds and splats at depths 0..depth
	endRun := func(runs []int32, d int) {
		chain -= int(runs[d])
		runs[d] = 0
	}
	for i, c := range src {
		switch c {
		case '-', '!':
			if unary++; unary > max {
				return tooDeep(i, fmt.Sprintf("A run of more than %d - or ! operators in %s nests too deep; "+fileNotParsed+".", max, filename))
			}
			continue
		case ' ', '\t', '\r', '\n':
			continue
		}
		unary = 0
		if splats[depth] > 0 && c != '.' && c != '[' && c != ']' && c != '*' && c != '_' && c != '"' &&
			(c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			endRun(splats, depth)
		}
		switch c {
		case '?':
			conds[depth]++
			if chain++; chain > maxChainLevels {
				return tooDeep(i, fmt.Sprintf("Conditionals (?) and full splats ([*]) in %s nest more than %d levels deep; "+fileNotParsed+".", filename, maxChainLevels))
			}
		case ',':
			endRun(conds, depth)
		case '=':
			if conds[depth] > 0 && (i == 0 || !bytes.ContainsRune([]byte("=!<>"), rune(src[i-1]))) &&
				(i+1 == len(src) || (src[i+1] != '=' && src[i+1] != '>')) {
				endRun(conds, depth)
			}
		case '[':
			if fullSplat(src[i+1:]) {
				splats[depth]++
				if chain++; chain > maxChainLevels {
					return tooDeep(i, fmt.Sprintf("Conditionals (?) and full splats ([*]) in %s nest more than %d levels deep; "+fileNotParsed+".", filename, maxChainLevels))
				}
			}
		}
		switch c {
		case '(', '[', '{':
			if depth++; depth > max {
				return tooDeep(i, fmt.Sprintf("Brackets in %s nest more than %d levels deep; "+fileNotParsed+".", filename, max))
			}
			if c == '{' && i > 0 && src[i-1] == '%' {
				// Template directives nest like brackets: %{ if } ...
				// %{ endif }, %{ for } ... %{ endfor }.
				switch directiveWord(src[i+1:]) {
				case "if", "for":
					if directives++; depth+directives > max {
						return tooDeep(i, fmt.Sprintf("Brackets and template directives in %s nest more than %d levels deep; "+fileNotParsed+".", filename, max))
					}
				case "endif", "endfor":
					if directives > 0 {
						directives--
					}
				}
			}
		case ')', ']', '}':
			if depth > 0 {
				endRun(conds, depth)
				endRun(splats, depth)
				depth--
			}
		}
	}
	return nil
}

// maxChainLevels bounds the conditionals and full splats that nest along
// one path of a file (see scanNesting). The parsers overflowed the stack
// past 150,000 full splats (hclsyntax) and 500,000 conditionals; the tree
// of a real file stays below MaxExprDepth, which CheckDepth checks after
// the parse.
const maxChainLevels = 5 * MaxExprDepth

// fullSplat reports whether b, the bytes after a '[', start with "*]"
// (white space between): a full splat.
func fullSplat(b []byte) bool {
	i := 0
	skip := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
			i++
		}
	}
	skip()
	if i == len(b) || b[i] != '*' {
		return false
	}
	i++
	skip()
	return i < len(b) && b[i] == ']'
}

// directiveWord returns the keyword at the start of a template directive's
// body (after the %{): "if", "endfor", ...; "" when there is none.
func directiveWord(b []byte) string {
	i := 0
	for i < len(b) && (b[i] == '~' || b[i] == ' ' || b[i] == '\t') {
		i++
	}
	j := i
	for j < len(b) && j-i < 6 && b[j] >= 'a' && b[j] <= 'z' {
		j++
	}
	return string(b[i:j])
}

// bytePos returns the position of byte offset off of src (columns count
// characters).
func bytePos(src []byte, off int) hcl.Pos {
	p := hcl.Pos{Line: 1, Column: 1}
	for i := 0; i < off && i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == '\n' {
			p.Line++
			p.Column = 1
		} else {
			p.Column++
		}
		i += n
	}
	p.Byte = off
	return p
}

// maxLiteralWork bounds the work the HCL parser does joining the pieces of
// a heredoc or string: hclsyntax joins consecutive literal tokens (one per
// heredoc line, one per "$${" or "%%{" escape, and one per "$" or "%" not
// followed by "{" and per text between them) one at a time, in time that
// grows with the square of their number (a 6 MB heredoc of 200,000 lines
// took ten minutes; a 150 kB string of "$" signs 35 seconds). The unit is
// bytes moved: about 8n²+n·size/2 for a run of n pieces of size bytes; the
// bound is a few seconds of parsing (a heredoc of 15,000 lines of 30 bytes
// is within it).
const maxLiteralWork int64 = 5_000_000_000

// CheckLiterals returns an error diagnostic when the heredocs and strings of
// src (a configuration file, or a template file when template is set) hold
// more literal pieces than the parser joins in bounded time, located at the
// longest one; nil otherwise. Files whose pieces are few by counting (see
// literalWorkBound) are not scanned.
func CheckLiterals(src []byte, filename string, template bool) *hcl.Diagnostic {
	if !LiteralsScanned(src, template) {
		return nil
	}
	return checkScannedLiterals(src, filename, template)
}

// LiteralsScanned reports whether CheckLiterals scans src (the cheap count
// of its literal pieces does not bound their work): in memory that does not
// grow with its tokens (scanLiteralWork), but for the text that scanner
// leaves to hclsyntax's lexer, which costs what hclsyntax's lexing does.
func LiteralsScanned(src []byte, template bool) bool {
	return literalWorkBound(src, template) > maxLiteralWork
}

// checkScannedLiterals is CheckLiterals once the count did not clear src.
// src is scanned (scanLiteralWork) rather than lexed when it can be: the
// same work, in memory that does not grow with its tokens.
func checkScannedLiterals(src []byte, filename string, template bool) *hcl.Diagnostic {
	var subject hcl.Range
	var worstN int64
	if work, s, e, n, ok := scanLiteralWork(src, template); ok {
		if work <= maxLiteralWork || s < 0 {
			return nil
		}
		subject, worstN = scannedRange(src, s, e, filename), n
	} else {
		work, toks, worst, n := lexedLiteralWork(src, filename, template)
		if work <= maxLiteralWork || worst < 0 {
			return nil
		}
		subject, worstN = toks[worst].Range, n
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "String too long to parse",
		Detail: fmt.Sprintf("The heredoc or string that starts here in %s has %d lines or escape sequences (%s); the file's heredocs and strings are more than iamlint parses (about 15,000 lines in one heredoc: the HCL parser's time grows with the square of it); "+fileNotParsed+".",
			filename, worstN, "$${, %%{ and a $ or % not followed by { count as one each"),
		Subject: &subject}
}

// scannedRange is the range of the bytes s to e of src, text that
// scanLiteralWork took: a line feed starts a line (a lone carriage return
// is a character), and columns count characters after a leading byte order
// mark (textpos.Column), as hclsyntax's lexer does in ASCII (it counts grapheme clusters, which
// linter.Lint turns into characters from the byte offsets).
func scannedRange(src []byte, s, e int, filename string) hcl.Range {
	pos := func(off int) hcl.Pos {
		line := 1 + bytes.Count(src[:off], []byte("\n"))
		return hcl.Pos{Line: line, Column: textpos.Column(src, off), Byte: off}
	}
	return hcl.Range{Filename: filename, Start: pos(s), End: pos(e)}
}

// lexedLiteralWork lexes src and returns the work of joining its runs of
// literal tokens (the unit of maxLiteralWork), the tokens, and the index of
// the first token of the longest run and its length (-1, 0 when no run has
// two pieces).
func lexedLiteralWork(src []byte, filename string, template bool) (work int64, toks hclsyntax.Tokens, worst int, worstN int64) {
	if template {
		toks, _ = hclsyntax.LexTemplate(src, filename, hcl.InitialPos)
	} else {
		toks, _ = hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	}
	var n, size int64
	worst = -1
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && (toks[i].Type == hclsyntax.TokenStringLit || toks[i].Type == hclsyntax.TokenQuotedLit) {
			n++
			size += int64(len(toks[i].Bytes))
			continue
		}
		if n > 1 {
			work += 8*n*n + n*size/2
			if n > worstN {
				worst, worstN = i-int(n), n
			}
		}
		n, size = 0, 0
	}
	return work, toks, worst, worstN
}

// literalWorkBound returns an upper bound of lexedLiteralWork(src) found
// by counting, without lexing (lexing takes a token of about a hundred bytes
// per line: a 4 MB file of 4 million blank lines took 1.9 GB and 5 s). The
// pieces of a run are split at line breaks and carriage returns (a
// heredoc's lines), at "$" and "%" signs not followed by "{" (each is a
// piece of its own, between two others) and at "$${" and "%%{" escapes
// (counted as one such sign); a run ends at an interpolation or directive
// ("${", "%{"), at a closing quote or marker, or at the end of the file. A
// run of n > 1 pieces with L breaks and D signs has n <= L + 2D + 1, where
// the 1 is a last piece without a break: one before an interpolation (at
// most I of them, the "${" and "%{"), at the end of the file, or in a
// quoted string (which needs a sign to have two pieces). So all runs hold at
// most P = min(L + 3D + I, 2L + 3D) + 1 pieces, and the work is at most
// 8P² + P·len(src)/2. In a configuration file only the breaks inside
// heredocs count (quoted strings hold none): heredocLines bounds them.
//
// The bound grows as interpolations are fewer for the same signs (S = D +
// I): with I = 0 it is P = L + 3S + 1, from one-byte counts; when that is
// within maxLiteralWork (most files) it is returned, and the "${" and "%{"
// (two-byte counts, slower) are not counted.
func literalWorkBound(src []byte, template bool) int64 {
	signs := bytes.Count(src, []byte("$")) + bytes.Count(src, []byte("%")) // D + I
	var lines int
	if template {
		lines = lineBreaks(src)
	} else {
		lines = heredocLines(src)
	}
	l, n := int64(lines), int64(len(src))
	bound := func(d, i int64) int64 {
		p := min(l+3*d+i, 2*l+3*d) + 1
		return 8*p*p + p*n/2
	}
	if b := bound(int64(signs), 0); b <= maxLiteralWork {
		return b
	}
	interp := bytes.Count(src, []byte("${")) + bytes.Count(src, []byte("%{"))
	b := bound(int64(signs-interp), int64(interp))
	if b <= maxLiteralWork {
		return b
	}
	return min(b, segmentedWorkBound(src))
}

// segmentedWorkBound is another upper bound of lexedLiteralWork(src), for
// text whose interpolations and directives are many: a heredoc of 800,000
// lines of "${1}" (4 MB) passed literalWorkBound's count of line breaks
// (the lexer may be in an interpolation at any of them), and its lexing
// took 1.7 GB and 11 s, although no two of its literal pieces are
// consecutive. A "${" or "%{" that no "$", "%" or backslash precedes
// starts an interpolation or directive (a "$${" or "%%{" escape is
// preceded so, as is a "\$" of a quoted string, which the lexer reads as
// one literal), or lies outside a template, where no literal is: no run of
// literal pieces spans it. So each run lies in one segment between such
// starts, and a segment of L line breaks and S signs ("$" and "%") holds
// runs of at most 2L + 3S pieces in all (each piece but the first of a run
// follows a break or a sign, and a sign is a piece of its own: see
// literalWorkBound); the work of its runs is at most 8P² + P·len/2 with
// P = 2L + 3S + 1 and len its length. The sum stops past maxLiteralWork.
func segmentedWorkBound(src []byte) int64 {
	var total, l, s int64
	start := 0
	seg := func(end int) {
		p := 2*l + 3*s + 1
		total += 8*p*p + p*int64(end-start)/2
	}
	for i, c := range src {
		switch c {
		case '\n', '\r':
			l++
		case '$', '%':
			if i+1 < len(src) && src[i+1] == '{' && (i == 0 || (src[i-1] != '$' && src[i-1] != '%' && src[i-1] != '\\')) {
				seg(i)
				if total > maxLiteralWork {
					return total
				}
				start, l, s = i, 0, 0
			}
			s++
		}
	}
	seg(len(src))
	return total
}

// lineBreaks counts the line feeds and carriage returns of b.
func lineBreaks(b []byte) int {
	return bytes.Count(b, []byte{'\n'}) + bytes.Count(b, []byte{'\r'})
}

// heredocLines returns an upper bound of the line breaks inside the
// heredocs of the configuration src, without lexing: the line breaks of the
// lines after each "<<" followed by a marker and a line break (every heredoc
// starts so; others, in comments or strings, are counted too) up to the
// first line that holds only the marker between blanks, where the lexer
// ends it (or before: a marker indented by other white space, a line after
// bad UTF-8). When an interpolation or directive ("${", "%{") comes first,
// the lexer may be in it at that line, so every line break to the end of
// the file counts, as it does when the markers' lines take more scanning
// than a few passes over the file.
func heredocLines(src []byte) int {
	n, covered := 0, 0 // line breaks before offset covered are counted
	budget := 4*len(src) + 1<<16
	for i := 0; i < len(src); {
		k := bytes.Index(src[i:], []byte("<<"))
		if k < 0 {
			break
		}
		o := i + k
		i = o + 1
		j := o + 2
		if j < len(src) && src[j] == '-' {
			j++
		}
		e := bytes.IndexByte(src[j:], '\n')
		if e < 0 {
			break
		}
		body := j + e + 1
		marker := bytes.TrimSuffix(src[j:j+e], []byte("\r"))
		if len(marker) == 0 || bytes.ContainsAny(marker, " \t\r") {
			continue // not a heredoc introducer
		}
		end := len(src)
		for ls := body; ls < len(src) && budget > 0; {
			le := bytes.IndexByte(src[ls:], '\n')
			if le < 0 {
				break // no line break: the lexer does not end the heredoc there
			}
			line := src[ls : ls+le]
			budget -= le + 1
			if bytes.Contains(line, []byte("${")) || bytes.Contains(line, []byte("%{")) {
				break
			}
			if bytes.Equal(bytes.Trim(bytes.TrimSuffix(line, []byte("\r")), " \t"), marker) {
				end = ls + le + 1
				break
			}
			ls += le + 1
		}
		if end > covered {
			n += lineBreaks(src[max(body, covered):end])
			covered = end
		}
		if covered == len(src) {
			break
		}
	}
	return n
}

// MaxExprDepth is how deeply the syntax tree of one expression may nest.
// Chains of operators need no brackets (a + b + ..., c ? x : c ? y : ...,
// nested %{ if } directives), and the evaluator walks the tree recursively,
// a kilobyte or more of stack per level: 250,000 levels in a 4 MB file
// overflowed the goroutine stack, a fatal error. Real configurations stay
// far below this (brackets alone stop at MaxNesting).
const MaxExprDepth = 10000

// errTooDeep stops the walk of CheckDepth.
type errTooDeep struct{ rng hcl.Range }

type depthWalker struct{ depth, max int }

func (w *depthWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if w.depth++; w.depth > w.max {
		panic(errTooDeep{n.Range()})
	}
	return nil
}

func (w *depthWalker) Exit(hclsyntax.Node) hcl.Diagnostics {
	w.depth--
	return nil
}

// CheckDepth returns an error diagnostic, located at the expression, when
// an expression of body (a native-syntax body, or a template or expression
// node) nests more than max levels deep; nil otherwise. Every level takes at
// least a byte of source in practice (an operator, a bracket, a directive),
// so only expressions longer than max/2 bytes are walked.
func CheckDepth(n hclsyntax.Node, filename string, max int) (d *hcl.Diagnostic) {
	check := func(x hclsyntax.Node) {
		if r := x.Range(); r.End.Byte-r.Start.Byte < max/2 || d != nil {
			return
		}
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(errTooDeep); !ok {
					panic(r)
				}
				start := x.Range().Start
				end := start
				end.Byte++
				end.Column++
				d = &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
					Detail:  fmt.Sprintf("The expression that starts here in %s nests more than %d levels deep (operators, conditionals, template directives); "+fileNotParsed+".", filename, max),
					Subject: &hcl.Range{Filename: filename, Start: start, End: end}}
			}
		}()
		_ = hclsyntax.Walk(x, &depthWalker{max: max})
	}
	var body func(b *hclsyntax.Body)
	body = func(b *hclsyntax.Body) {
		if r := b.SrcRange; r.End.Byte-r.Start.Byte < max/2 && r.End.Byte >= r.Start.Byte && r.End.Line > 0 {
			// Its expressions and nested blocks are inside it: none is
			// long (most bodies; their attribute maps are not walked).
			return
		}
		var attrs []*hclsyntax.Attribute // the long ones, in source order
		for _, a := range b.Attributes {
			if r := a.Expr.Range(); r.End.Byte-r.Start.Byte >= max/2 {
				attrs = append(attrs, a)
			}
		}
		if len(attrs) > 1 {
			sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
		}
		for _, a := range attrs {
			check(a.Expr)
		}
		for _, blk := range b.Blocks {
			body(blk.Body)
		}
	}
	if b, ok := n.(*hclsyntax.Body); ok {
		body(b)
	} else if n != nil {
		check(n)
	}
	return d
}

// CheckLineBreaks returns an error diagnostic when src, the text of a .tf or
// .tfvars file, ends its lines with a carriage return alone (CR, as classic
// Mac OS wrote them): it has no line feed and two CRs or more. HCL reads LF
// and CRLF line breaks only; each CR was an "Invalid character" error, the
// character invisible. (JSON takes a CR as white space.)
func CheckLineBreaks(src []byte, name string) *hcl.Diagnostic {
	if bytes.IndexByte(src, '\n') >= 0 || bytes.Count(src, []byte{'\r'}) < 2 {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Carriage returns as line breaks",
		Detail: fmt.Sprintf("%s ends its lines with a carriage return alone (CR, as classic Mac OS wrote them); "+
			"Terraform reads LF or CRLF line breaks only: convert them (tr '\\r' '\\n'). It is not parsed.", name),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}
