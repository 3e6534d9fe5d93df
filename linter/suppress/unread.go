package suppress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamlint/iamlint/internal/fpath"
	"github.com/iamlint/iamlint/internal/textpos"
	"github.com/iamlint/iamlint/linter"
)

// Unread returns a notice for each suppression comment of one file that is
// not read, so that it is not skipped silently: a directive in a multi-line
// /* */ comment of a native file (often commented-out code: which block it
// would cover is not clear), or in the value of a "//" key of a .tf.json
// file (JSON comments have no line of their own to scope them). A
// directive is text that would be read as one in a # comment (a malformed
// one too); peer ignores for checks that map onto no rule are not.
func Unread(file string, src []byte) []linter.Notice {
	// Cheap tests first: this runs over every source of every run (a lexer
	// for every file was 1% of e10k's CPU, 6% of corpus/real's).
	switch {
	case fpath.HasSuffixFold(file, ".tf.json"), fpath.HasSuffixFold(file, ".tofu.json"):
		if bytes.Contains(src, []byte(`"//"`)) && mayHoldDirective(src) {
			return unreadJSON(file, src)
		}
	case isNative(file):
		if mayHoldBlockDirective(src) {
			return unreadBlockComments(file, src)
		}
	}
	return nil
}

// mayHoldBlockDirective reports whether a multi-line /* */ comment of src
// may hold a directive, without lexing: each span from a "/*" to the next
// "*/" (a superset of the text of any comment that starts in it, as such a
// comment ends at that "*/"; "/*" is mostly in strings: "arn:...:b/*") is
// tested for a newline and a directive's word. A comment with no "*/" is
// not terminated: a parse error, not a comment.
func mayHoldBlockDirective(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("/*"))
		if i < 0 {
			return false
		}
		src = src[i+2:]
		j := bytes.Index(src, []byte("*/"))
		if j < 0 {
			return false
		}
		if span := src[:j]; bytes.IndexByte(span, '\n') >= 0 && mayHoldDirective(span) {
			return true
		}
		src = src[j+2:]
	}
}

// directiveLines returns the lines of text (one comment's) that hold a
// directive, trimmed of the comment's decoration (leading *, #, //).
func directiveLines(text string) []string {
	var out []string
	for _, ln := range strings.Split(text, "\n") {
		if d, _, ok := directiveIn(ln); ok {
			out = append(out, d)
		}
	}
	return out
}

// directiveIn returns line ln (no newline) trimmed of the comment's
// decoration and the byte offset in ln where it starts, when it holds a
// directive.
func directiveIn(ln string) (d string, off int, ok bool) {
	// strings.TrimSpace, then the decoration, then "*/" and spaces: the
	// offset counts what is trimmed at the start.
	a := strings.TrimLeftFunc(ln, unicode.IsSpace)
	off = len(ln) - len(a)
	a = strings.TrimRightFunc(a, unicode.IsSpace)
	b := strings.TrimLeft(a, "*#/ \t")
	off += len(a) - len(b)
	c := strings.TrimSuffix(b, "*/")
	d = strings.TrimLeftFunc(c, unicode.IsSpace)
	off += len(c) - len(d)
	d = strings.TrimRightFunc(d, unicode.IsSpace)
	if d == "" {
		return "", 0, false
	}
	if ds, p := parseComment(d, nil); len(ds) > 0 || len(p) > 0 {
		return d, off, true
	}
	return "", 0, false
}

// unreadNotice is the notice of directive, at line and column (code
// points) of file.
func unreadNotice(file string, line, column int, directive, where, why string) linter.Notice {
	if r := []rune(directive); len(r) > 80 {
		directive = string(r[:80]) + "..."
	}
	return linter.Notice{File: file, Line: line, Column: column, Message: fmt.Sprintf(
		"Suppression comment not read: %q is %s: %s; the findings it may be meant for are still reported", directive, where, why)}
}

// unreadBlockComments: each notice is at its directive's first character.
func unreadBlockComments(file string, src []byte) []linter.Notice {
	toks, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	var out []linter.Notice
	for _, t := range toks {
		if t.Type != hclsyntax.TokenComment || !bytes.HasPrefix(t.Bytes, []byte("/*")) {
			continue
		}
		body := strings.TrimSuffix(string(t.Bytes[2:]), "*/")
		if !strings.Contains(strings.TrimRight(body, "\r\n"), "\n") {
			continue // one-line block comments are read
		}
		lineOff := t.Range.Start.Byte + 2 // of each line of body in src
		for i, ln := range strings.Split(body, "\n") {
			if d, off, ok := directiveIn(ln); ok {
				out = append(out, unreadNotice(file, t.Range.Start.Line+i, textpos.Column(src, lineOff+off), d,
					"inside a multi-line /* */ comment",
					"write it as a # comment on the line above the block (or at the end of the line) it covers"))
			}
			lineOff += len(ln) + 1
		}
	}
	return out
}

// unreadJSON walks a .tf.json document for "//" keys whose string value
// holds a directive; the notice is at the value (its opening quote: a
// directive's place in the decoded string is not one in the file).
func unreadJSON(file string, src []byte) []linter.Notice {
	dec := json.NewDecoder(bytes.NewReader(src))
	var out []linter.Notice
	// Lines are counted from the last key's offset on (offsets only grow):
	// counted from the start for every key, a file of many "//" keys was
	// quadratic.
	lineAt, lineOff := 1, 0
	var walk func(depth int) bool
	walk = func(depth int) bool {
		if depth > maxJSONDepth {
			// The loader refuses such a file ("Nesting too deep"); the walk
			// stops rather than recurse (a 4 MB file of brackets overflowed
			// the stack).
			return false
		}
		t, err := dec.Token()
		if err != nil {
			return false
		}
		switch t {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return false
				}
				if k != "//" {
					if !walk(depth + 1) {
						return false
					}
					continue
				}
				var v json.RawMessage
				if err := dec.Decode(&v); err != nil {
					return false
				}
				var s string
				if json.Unmarshal(v, &s) != nil {
					continue
				}
				start := int(min(max(dec.InputOffset()-int64(len(v)), 0), int64(len(src))))
				if start > lineOff {
					lineAt += bytes.Count(src[lineOff:start], []byte("\n"))
					lineOff = start
				}
				line, col := lineAt, textpos.Column(src, start)
				for _, d := range directiveLines(s) {
					out = append(out, unreadNotice(file, line, col, d,
						`in a "//" key of a .tf.json file`,
						"comments in JSON are not read as suppressions; use an ignore block in the configuration file or --baseline"))
				}
			}
			_, err = dec.Token() // '}'
			return err == nil
		case json.Delim('['):
			for dec.More() {
				if !walk(depth + 1) {
					return false
				}
			}
			_, err = dec.Token() // ']'
			return err == nil
		}
		return true
	}
	walk(1)
	return out
}

// maxJSONDepth is the deepest nesting of a .tf.json file that Unread walks:
// the loader's limit (deeper files are refused with an error).
const maxJSONDepth = 1000
