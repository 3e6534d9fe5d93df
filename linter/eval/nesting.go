package eval

import (
	"fmt"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// MaxNesting is how deeply brackets ((, [, {) may nest in a file handed to
// the HCL parser. hclsyntax parses recursively, several stack frames per
// level: 100,000 levels overflow the goroutine stack, a fatal error that no
// recover catches. Real configurations stay far below this.
const MaxNesting = 1000

// CheckNesting returns an error diagnostic when the brackets of src nest more
// than max levels deep (counting every bracket byte, in strings and comments
// too: a cheap, conservative over-estimate), located at the bracket that goes
// too deep; nil otherwise.
func CheckNesting(src []byte, filename string, max int) *hcl.Diagnostic {
	depth := 0
	for i, c := range src {
		switch c {
		case '(', '[', '{':
			depth++
			if depth > max {
				pos := bytePos(src, i)
				end := pos
				end.Byte++
				end.Column++
				return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nesting too deep",
					Detail:  fmt.Sprintf("Brackets in %s nest more than %d levels deep; the file is not parsed.", filename, max),
					Subject: &hcl.Range{Filename: filename, Start: pos, End: end}}
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
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
