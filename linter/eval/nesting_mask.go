package eval

import "bytes"

// maskLiterals returns a copy of src, HCL native syntax (a template when
// template is set), in which the bytes that the parsers do not nest on are
// spaces: the text of quoted strings and heredocs and comments (new lines
// are kept). Interpolations and directives (${ ... }, %{ ... }) inside
// them are kept, as code: they nest. scanNesting reads the copy, so that
// brackets in strings neither add up across a file (a configuration of
// 1,001 globs like "module.env[\"prod*" was refused as too deep) nor hide
// real nesting ("]" in a string closed nothing: [ "]", [ "]", ... nested
// 400,000 levels passed the scan and overflowed the parser's stack, a
// fatal error). What it cannot read (an unterminated string or heredoc)
// ends at the end of the line or of the text, as the parsers' errors do.
func maskLiterals(src []byte, template bool) []byte {
	out := bytes.Clone(src)
	type frame struct {
		kind   byte // 'c' code, 'i' code of an interpolation, 'q' quoted string, 'h' heredoc, 't' template
		braces int  // 'i': the { opened in it and not closed
		marker []byte
	}
	stack := []frame{{kind: 'c'}}
	if template {
		stack[0].kind = 't'
	}
	blank := func(from, to int) {
		for k := from; k < to && k < len(src); k++ {
			if src[k] != '\n' {
				out[k] = ' '
			}
		}
	}
	n := len(src)
	for i := 0; i < n; i++ {
		c := src[i]
		top := &stack[len(stack)-1]
		switch top.kind {
		case 'c', 'i':
			switch {
			case c == '#' || (c == '/' && i+1 < n && src[i+1] == '/'):
				j := bytes.IndexByte(src[i:], '\n')
				if j < 0 {
					j = n - i
				}
				blank(i, i+j)
				i += j - 1
			case c == '/' && i+1 < n && src[i+1] == '*':
				end := n
				if j := bytes.Index(src[i+2:], []byte("*/")); j >= 0 {
					end = i + 2 + j + 2
				}
				blank(i, end)
				i = end - 1
			case c == '"':
				stack = append(stack, frame{kind: 'q'})
			case c == '<' && i+1 < n && src[i+1] == '<':
				j := i + 2
				if j < n && src[j] == '-' {
					j++
				}
				k := j
				for k < n && (src[k] == '_' || src[k] == '-' || src[k] >= '0' && src[k] <= '9' || src[k] >= 'a' && src[k] <= 'z' || src[k] >= 'A' && src[k] <= 'Z') {
					k++
				}
				if k < n && src[k] == '\r' {
					k++
				}
				if k > j && k < n && src[k] == '\n' {
					stack = append(stack, frame{kind: 'h', marker: bytes.TrimRight(src[j:k], "\r")})
					i = k - 1 // the new line is read in the heredoc: its first line may end it
				}
			case c == '{' && top.kind == 'i':
				top.braces++
			case c == '}' && top.kind == 'i':
				if top.braces == 0 {
					stack = stack[:len(stack)-1]
				} else {
					top.braces--
				}
			}
		default: // 'q', 'h', 't': text
			switch {
			case (c == '$' || c == '%') && i+1 < n && src[i+1] == '{':
				// An interpolation or directive: its { is code (the
				// scan counts it, and a directive's word after it).
				stack = append(stack, frame{kind: 'i', braces: -1})
			case (c == '$' || c == '%') && i+2 < n && src[i+1] == c && src[i+2] == '{':
				blank(i, i+3) // $${ and %%{ are literal
				i += 2
			case top.kind == 'q' && c == '\\':
				blank(i, i+2)
				i++
			case top.kind == 'q' && c == '"':
				stack = stack[:len(stack)-1]
			case top.kind == 'q' && c == '\n':
				stack = stack[:len(stack)-1] // unterminated
			case top.kind == 'h' && c == '\n':
				k := i + 1
				for k < n && (src[k] == ' ' || src[k] == '\t') {
					k++
				}
				if rest := src[k:]; bytes.HasPrefix(rest, top.marker) {
					e := k + len(top.marker)
					if e < n && src[e] == '\r' {
						e++
					}
					if e == n || src[e] == '\n' {
						stack = stack[:len(stack)-1]
						i = e - 1
					}
				}
			default:
				out[i] = ' '
				if c == '\n' {
					out[i] = '\n'
				}
			}
		}
	}
	return out
}
