package iam

import (
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
)

// TestModelSizes pins the sizes of the model types (64-bit platforms): big
// inputs hold millions of them, so that a field added to one is a choice,
// not an accident. Rarely present parts go out of line (Statement.Scope, Statement.Extra,
// Document.Extra, Value.Partial, the links of users and groups), and the
// graph keeps compact Ranges.
func TestModelSizes(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("sizes are pinned for 64-bit platforms")
	}
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"Range", unsafe.Sizeof(Range{}), 16},
		{"Value", unsafe.Sizeof(Value{}), 40},
		{"Element", unsafe.Sizeof(Element{}), 20},
		{"Principal", unsafe.Sizeof(Principal{}), 88},
		{"Condition", unsafe.Sizeof(Condition{}), 104},
		{"Statement", unsafe.Sizeof(Statement{}), 160},
		{"StatementScope", unsafe.Sizeof(StatementScope{}), 88},
		{"Document", unsafe.Sizeof(Document{}), 200},
		{"Word", unsafe.Sizeof(Word{}), 20},
		{"Entity", unsafe.Sizeof(Entity{}), 240},
		{"InlinePolicy", unsafe.Sizeof(InlinePolicy{}), 120},
		{"Attachment", unsafe.Sizeof(Attachment{}), 224},
	} {
		if c.got != c.want {
			t.Errorf("%s is %d bytes, want %d", c.name, c.got, c.want)
		}
	}
}

// TestRangeCompact checks that the ranges policies have are held in the
// Range itself, not in the side table: a range far into a one-line plan,
// a range over a few lines, the zero range.
func TestRangeCompact(t *testing.T) {
	for _, r := range []hcl.Range{
		{},
		{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: 40000000, Byte: 39999999}, End: hcl.Pos{Line: 1, Column: 40012000, Byte: 40011999}},
		{Filename: "main.tf", Start: hcl.Pos{Line: 900000, Column: 3, Byte: 30000000}, End: hcl.Pos{Line: 900040, Column: 4, Byte: 30001000}},
		{Filename: "main.tf", Start: hcl.Pos{Line: 2, Column: 3, Byte: 10}, End: hcl.Pos{Line: 2, Column: 65538, Byte: 65545}},
		// a statement block of HCL; a value after non-ASCII text on a long line
		{Filename: "main.tf", Start: hcl.Pos{Line: 120, Column: 5, Byte: 4000}, End: hcl.Pos{Line: 140, Column: 6, Byte: 4700}},
		{Filename: "plan.json", Start: hcl.Pos{Line: 1, Column: 180000000, Byte: 180000040}, End: hcl.Pos{Line: 1, Column: 180000010, Byte: 180000053}},
	} {
		c := MakeRange(r)
		if c.file&overflowBit != 0 {
			t.Errorf("%v is kept in the side table", r)
		}
		if c.HCL() != r {
			t.Errorf("MakeRange(%v).HCL() = %v", r, c.HCL())
		}
	}
}
