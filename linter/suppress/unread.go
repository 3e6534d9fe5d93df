package suppress

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamlint/iamlint/internal/fpath"
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
		ln = strings.TrimLeft(strings.TrimSpace(ln), "*#/ \t")
		ln = strings.TrimSpace(strings.TrimSuffix(ln, "*/"))
		if ln == "" {
			continue
		}
		if d, p := parseComment(ln, nil); len(d) > 0 || len(p) > 0 {
			out = append(out, ln)
		}
	}
	return out
}

func unreadNotice(file string, line int, directive, where, why string) linter.Notice {
	if r := []rune(directive); len(r) > 80 {
		directive = string(r[:80]) + "..."
	}
	return linter.Notice{File: file, Line: line, Message: fmt.Sprintf(
		"Suppression comment not read: %q is %s: %s; the findings it may be meant for are still reported", directive, where, why)}
}

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
		for i, ln := range strings.Split(body, "\n") {
			for _, d := range directiveLines(ln) {
				out = append(out, unreadNotice(file, t.Range.Start.Line+i, d,
					"inside a multi-line /* */ comment",
					"write it as a # comment on the line above the block (or at the end of the line) it covers"))
			}
		}
	}
	return out
}

// unreadJSON walks a .tf.json document for "//" keys whose string value
// holds a directive; the notice is at the value's first line.
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
				line := lineAt
				for _, d := range directiveLines(s) {
					out = append(out, unreadNotice(file, line, d,
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
