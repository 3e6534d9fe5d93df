package eval

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// CountTokens returns how many tokens the parser of src (JSON when isJSON,
// else HCL native syntax) makes of it, counted by a scan of its bytes
// without parsing; past limit (> 0) the scan stops, and n (limit+1) comes
// with the offset at of the token that went past it (-1 otherwise). The
// parsers' memory grows with the tokens, not with the bytes: a 4 MiB
// .tf.json of "1,1,1,..." is 4 million tokens, 1.8 GB for hcl/json, where
// real Terraform averages 5 to 7 bytes a token (the densest file of
// ../shared/corpus/real: 5.0) and CDKTF's JSON more than 10.
//
// A JSON token is a string, a number or keyword, or one of {}[]:, (as
// hcl/json's scanner sees them). A native-syntax token is, as hclsyntax
// lexes it: a name or number, an operator or bracket byte, a line break,
// a comment, a quote, the text between interpolations of a string or the
// line of a heredoc, an interpolation's or directive's opening ("${",
// "%{"). The count is close to hclsyntax's (within a few percent on real
// files: a string counts 2 to 3, "a.b" 3, "1.5" 3).
func CountTokens(src []byte, isJSON bool, limit int) (n, at int) {
	if isJSON {
		return countJSONTokens(src, limit)
	}
	return countNativeTokens(src, limit, false)
}

// CountTemplateTokens is CountTokens for a template (templatefile,
// templatestring): text first, a token a line of it, and the code of its
// interpolations and directives.
func CountTemplateTokens(src []byte, limit int) (n, at int) {
	return countNativeTokens(src, limit, true)
}

// tokClass classes the bytes for the counts: 0 blank, 1 part of a name,
// number or keyword (and any byte of UTF-8 beyond ASCII), 2 punctuation.
var tokClass = func() (t [256]uint8) {
	for i := range t {
		switch {
		case i == ' ' || i == '\t' || i == '\r' || i == '\n':
		case i >= 'a' && i <= 'z', i >= 'A' && i <= 'Z', i >= '0' && i <= '9', i == '_', i >= 0x80:
			t[i] = 1
		default:
			t[i] = 2
		}
	}
	return t
}()

func countJSONTokens(src []byte, limit int) (n, at int) {
	for i := 0; i < len(src); {
		c := src[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
			continue
		case c == '"':
			i++
			for i < len(src) {
				j := bytes.IndexAny(src[i:], `"\`)
				if j < 0 {
					i = len(src)
					break
				}
				i += j
				if src[i] == '\\' {
					i += 2
					continue
				}
				i++
				break
			}
		case c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',':
			i++
		default: // a number, a keyword, or what the scanner reads as one
			for i++; i < len(src); i++ {
				if d := src[i]; d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '"' ||
					d == '{' || d == '}' || d == '[' || d == ']' || d == ':' || d == ',' {
					break
				}
			}
		}
		if n++; limit > 0 && n > limit {
			return n, start
		}
	}
	return n, -1
}

func countNativeTokens(src []byte, limit int, template bool) (n, at int) {
	type frame struct {
		kind   byte // 'c' code, 'i' code of an interpolation, 'q' quoted string, 'h' heredoc, 't' template text
		braces int  // 'i': the { opened in it and not closed
		marker []byte
	}
	stack := []frame{{kind: 'c'}}
	if template {
		stack[0].kind = 't'
	}
	count := func(i int) bool {
		n++
		if limit > 0 && n > limit {
			at = i
			return true
		}
		return false
	}
	lit := false // in the text of a string or heredoc, counted
	for i := 0; i < len(src); i++ {
		c := src[i]
		top := &stack[len(stack)-1]
		if top.kind == 'c' || top.kind == 'i' {
			switch tokClass[c] {
			case 0:
				if c == '\n' && count(i) {
					return n, at
				}
				continue
			case 1:
				if count(i) {
					return n, at
				}
				for i+1 < len(src) && (tokClass[src[i+1]] == 1 || src[i+1] == '-') {
					i++
				}
				continue
			}
			if count(i) {
				return n, at
			}
			switch {
			case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
				j := bytes.IndexByte(src[i:], '\n')
				if j < 0 {
					return n, -1
				}
				i += j // with its line break (hclsyntax's token too)
			case c == '/' && i+1 < len(src) && src[i+1] == '*':
				j := bytes.Index(src[i+2:], []byte("*/"))
				if j < 0 {
					return n, -1
				}
				i += 2 + j + 1
			case c == '"':
				stack = append(stack, frame{kind: 'q'})
				lit = false
			case c == '<' && i+1 < len(src) && src[i+1] == '<':
				j := i + 2
				if j < len(src) && src[j] == '-' {
					j++
				}
				// The marker is a name, as hclsyntax's: a letter or _
				// first (ASCII only here: a heredoc of another marker is
				// counted as code, more tokens). After "<<" and a number,
				// a "-" or nothing, the next lines are code, not text.
				k := j
				if k < len(src) && (src[k] == '_' || 'a' <= src[k]|0x20 && src[k]|0x20 <= 'z') {
					k++
					for k < len(src) && (src[k] == '_' || src[k] == '-' || tokClass[src[k]] == 1 && src[k] < 0x80) {
						k++
					}
				}
				named := k > j
				if k < len(src) && src[k] == '\r' {
					k++
				}
				if named && k < len(src) && src[k] == '\n' {
					stack = append(stack, frame{kind: 'h', marker: bytes.TrimRight(src[j:k], "\r")})
					lit = false
					i = k - 1 // the line break is read in the heredoc: its first line may end it
				} else {
					i++
				}
			case c == '{' && top.kind == 'i':
				top.braces++
			case c == '}' && top.kind == 'i':
				if top.braces == 0 {
					stack = stack[:len(stack)-1]
					lit = false
				} else {
					top.braces--
				}
			}
			continue
		}
		// The text of a quoted string or heredoc.
		start := i // of the text, when it starts here: before an escape
		switch {
		case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
			if count(i) {
				return n, at
			}
			stack = append(stack, frame{kind: 'i'})
			i++
			continue
		case (c == '$' || c == '%') && i+2 < len(src) && src[i+1] == c && src[i+2] == '{':
			i += 2 // $${ and %%{ are literal
		case top.kind == 'q' && c == '\\':
			i++
		case top.kind == 'q' && c == '"':
			stack = stack[:len(stack)-1]
			if count(i) {
				return n, at
			}
			continue
		case top.kind == 'q' && c == '\n':
			stack = stack[:len(stack)-1] // unterminated
			if count(i) {
				return n, at
			}
			continue
		case top.kind == 't' && c == '\n':
			if i+1 < len(src) {
				lit = true // the next line is a token of its own
				if count(i + 1) {
					return n, at
				}
			}
			continue
		case top.kind == 'h' && c == '\n':
			k := i + 1
			for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
				k++
			}
			if rest := src[k:]; bytes.HasPrefix(rest, top.marker) {
				e := k + len(top.marker)
				if e < len(src) && src[e] == '\r' {
					e++
				}
				if e == len(src) || src[e] == '\n' {
					stack = stack[:len(stack)-1]
					i = e - 1
					if count(k) {
						return n, at
					}
					continue
				}
			}
			if i+1 < len(src) {
				lit = true // the next line is a token of its own
				if count(i + 1) {
					return n, at
				}
			}
			continue
		}
		if !lit {
			lit = true
			if count(start) {
				return n, at
			}
		}
	}
	return n, -1
}

// ByteRange is the range of the byte at offset off of src, the text of
// the file filename (columns count characters), as the diagnostics of this
// package place what they report: where an error about the text from there
// is placed.
func ByteRange(src []byte, off int, filename string) *hcl.Range {
	start := bytePos(src, off)
	end := start
	end.Byte++
	end.Column++
	return &hcl.Range{Filename: filename, Start: start, End: end}
}

// CountJSONTemplateTokens counts the tokens of the templates in the strings
// of src, a file of HCL's JSON syntax: each string that holds "${" or "%{"
// once decoded is a template when it is evaluated (jsonTemplate), parsed
// by hclsyntax, whose memory grows with its tokens as a native file's
// does (CountTemplateTokens). It stops past limit (> 0), at is the offset
// of the string that holds the token past it (-1 within limit).
func CountJSONTemplateTokens(src []byte, limit int) (n, at int) {
	for i := 0; i < len(src); i++ {
		if src[i] != '"' {
			continue
		}
		j := jsonStringEnd(src, i)
		raw := src[i:j]
		// "$" and "%" may be escaped (\u0024): such a string is decoded too.
		if j-i > 4 && bytes.ContainsAny(raw, `$%\`) {
			var s string
			if json.Unmarshal(raw, &s) == nil && (strings.Contains(s, "${") || strings.Contains(s, "%{")) {
				rest := 0
				if limit > 0 {
					rest = max(limit-n, 1)
				}
				k, _ := CountTemplateTokens([]byte(s), rest)
				if n += k; limit > 0 && n > limit {
					return n, i
				}
			}
		}
		i = j - 1
	}
	return n, -1
}
