package load

import (
	"bytes"
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/textpos"
)

// maxStrayBytes is the most bytes that cannot start HCL syntax (outside
// strings, comments and heredocs) a file may hold before it is said not to
// be HCL instead of being parsed by hclsyntax. hcl's error recovery costs
// about 1.6 µs and 500 bytes a stray byte (a 4 MB file of "$": 6.5 CPU s,
// 1.9 GB); 10,000 of them cost 16 ms. A Terraform file with a typo has a
// few; 10,000 is text of another language.
const maxStrayBytes = 10000

// shownStrayBytes is how many of the stray bytes of a file that is not HCL
// get an error of their own, before the one that counts them.
const shownStrayBytes = 10

// strayByte reports whether c can start no HCL token outside a string, a
// comment or a heredoc: the control characters but white space, and the
// ASCII punctuation hclsyntax says "Invalid character" of ($ only starts
// an interpolation inside a template). A valid file has none there.
func strayByte(c byte) bool {
	switch c {
	case '$', '@', '`', '\'', '\\', '^', ';', 0x7f:
		return true
	}
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r'
}

// strayBytes returns the offsets of the bytes of src that can start no HCL
// token where they are (strayByte outside strings, comments and heredocs),
// up to limit of them, and their count (all of them). It follows quoted
// strings and heredocs and the interpolations and directives in them
// (${ ... }, %{ ... }, nested), as hclsyntax's scanner does; on text it does
// not follow, it only counts too many or too few stray bytes, and only
// files with more than maxStrayBytes are refused (after hclfast declined
// them). One pass over src, no allocation but the offsets kept.
func strayBytes(src []byte, limit int) (offs []int, count int) {
	// The contexts: the file's body (expression mode), a quoted string, a
	// heredoc (its marker), and an interpolation's expression (the brace
	// depth in it).
	type ctx struct {
		kind   byte // 'e' expression, 's' quoted string, 'h' heredoc
		depth  int  // braces open in an expression
		marker []byte
	}
	stack := []ctx{{kind: 'e'}}
	lineStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		top := &stack[len(stack)-1]
		switch top.kind {
		case 's':
			switch {
			case c == '\\':
				i++
			case c == '"' || c == '\n':
				stack = stack[:len(stack)-1]
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				stack = append(stack, ctx{kind: 'e', depth: 1})
				i++
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c:
				i++ // $${ and %%{ are literal
			}
		case 'h':
			if lineStart {
				j := bytes.IndexByte(src[i:], '\n')
				if j < 0 {
					j = len(src) - i
				}
				line := bytes.TrimRight(bytes.TrimLeft(src[i:i+j], " \t"), " \t\r")
				if bytes.Equal(line, top.marker) {
					stack = stack[:len(stack)-1]
					i += j - 1 // the newline is read next, in the outer context
					lineStart = false
					continue
				}
			}
			switch {
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				stack = append(stack, ctx{kind: 'e', depth: 1})
				i++
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c:
				i++
			}
		default: // expression
			switch {
			case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
				j := bytes.IndexByte(src[i:], '\n')
				if j < 0 {
					return offs, count
				}
				i += j - 1 // the newline is read next
			case c == '/' && i+1 < len(src) && src[i+1] == '*':
				j := bytes.Index(src[i+2:], []byte("*/"))
				if j < 0 {
					return offs, count
				}
				i += 2 + j + 1
			case c == '"':
				stack = append(stack, ctx{kind: 's'})
			case c == '<' && i+2 < len(src) && src[i+1] == '<':
				j := i + 2
				if src[j] == '-' {
					j++
				}
				k := j
				for k < len(src) && (src[k] == '_' || src[k] == '-' || src[k] >= 'a' && src[k] <= 'z' || src[k] >= 'A' && src[k] <= 'Z' || src[k] >= '0' && src[k] <= '9') {
					k++
				}
				e := k
				if e < len(src) && src[e] == '\r' {
					e++
				}
				if k > j && e < len(src) && src[e] == '\n' {
					stack = append(stack, ctx{kind: 'h', marker: src[j:k]})
					i = e
					lineStart = true
					continue
				}
			case c == '{':
				top.depth++
			case c == '}':
				if top.depth--; top.depth == 0 && len(stack) > 1 {
					stack = stack[:len(stack)-1] // the end of an interpolation
				} else if top.depth < 0 {
					top.depth = 0
				}
			case strayByte(c):
				if len(offs) < limit {
					offs = append(offs, i)
				}
				count++
			}
		}
		lineStart = c == '\n'
	}
	return offs, count
}

// notHCL returns the errors of a file whose text is not HCL (more than
// maxStrayBytes stray bytes): one for each of the first shownStrayBytes,
// and one that counts them and says the file is not parsed. It returns
// nil for any other file. It is called when hclfast declined the file,
// before hclsyntax, whose error recovery is what such text costs.
func notHCL(src []byte, name string) hcl.Diagnostics {
	offs, n := strayBytes(src, shownStrayBytes)
	if n <= maxStrayBytes {
		return nil
	}
	rng := func(off int) *hcl.Range {
		line := 1 + bytes.Count(src[:off], []byte("\n"))
		col := textpos.Column(src, off)
		return &hcl.Range{Filename: name,
			Start: hcl.Pos{Line: line, Column: col, Byte: off},
			End:   hcl.Pos{Line: line, Column: col + 1, Byte: off + 1}}
	}
	ds := make(hcl.Diagnostics, 0, len(offs)+1)
	for _, off := range offs {
		ds = append(ds, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid character",
			Detail:  fmt.Sprintf("This character (%q) is not used within the language.", src[off]),
			Subject: rng(off)})
	}
	return append(ds, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Not HCL",
		Detail: fmt.Sprintf("%s has %d characters that start no HCL syntax outside strings, comments and heredocs (the first %d are listed): it is not Terraform configuration, and is not parsed.",
			name, n, len(offs)),
		Subject: rng(offs[0])})
}
