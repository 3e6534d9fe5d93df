package plan

import (
	"bytes"
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// Head is what comes before the first byte of a text that is not white
// space (a UTF-8 byte order mark at its start skipped): enough for Load's
// error when that byte is not '{' or there is none, without the text.
// Standard input is read up to that byte (a pipe of white space is not
// held: linter's readStdin), and Load says it from a Head before making
// its table of lines (one int a line: 200 MB of newlines took 1.8 GB).
type Head struct {
	Off      int  // the offset of the byte (the text's size when there is none)
	Newlines int  // before it
	LineOff  int  // the offset of its line's start
	BOM      bool // the text starts with a UTF-8 byte order mark
	Next     byte // the byte
	HasNext  bool // there is one
}

// HeadOf returns src's Head.
func HeadOf(src []byte) Head {
	s := scanner{src: src}
	bom := skipBOM(src)
	i := s.ws(bom)
	h := Head{Off: i, Newlines: bytes.Count(src[bom:i], []byte{'\n'}), BOM: bom > 0}
	h.LineOff = bytes.LastIndexByte(src[:i], '\n') + 1
	if i < len(src) {
		h.Next, h.HasNext = src[i], true
	}
	return h
}

// NotObject reports whether the text is not a JSON object: Load's error.
func (h Head) NotObject() bool { return !h.HasNext || h.Next != '{' }

// Column is the column of the byte in code points (white space is ASCII;
// a byte order mark on line 1 is not counted, as textpos.Column does not).
func (h Head) Column() int {
	col := h.Off - h.LineOff + 1
	if h.BOM && h.LineOff == 0 {
		col -= min(3, h.Off)
	}
	return col
}

// Diag is Load's error for a text that is not an object (h.NotObject),
// named name: "invalid plan JSON", with the offset, line and column (in
// code points; the Subject's columns count bytes, as Load's do).
func (h Head) Diag(name string) *hcl.Diagnostic {
	msg := "empty input, expected a JSON object"
	end := h.Off
	if h.HasNext {
		s := scanner{src: []byte{h.Next}}
		msg = s.describe(0) + ", expected an object"
		end++
	}
	col := h.Off - h.LineOff + 1
	runeCol := h.Column()
	line := h.Newlines + 1
	r := hcl.Range{Filename: name,
		Start: hcl.Pos{Line: line, Column: col, Byte: h.Off},
		End:   hcl.Pos{Line: line, Column: col + end - h.Off, Byte: end}}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "invalid plan JSON",
		Detail:   fmt.Sprintf("%s at byte offset %d (line %d, column %d) of %s.", msg, h.Off, line, runeCol, name),
		Subject:  &r,
	}
}
