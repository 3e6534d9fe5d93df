package iam

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
)

// TestWordRoundTrip checks that a Word gives back the Value it was made of:
// known (empty text included), unknown, partly known.
func TestWordRoundTrip(t *testing.T) {
	r := hcl.Range{Filename: "w.tf", Start: hcl.Pos{Line: 2, Column: 3, Byte: 9}, End: hcl.Pos{Line: 2, Column: 10, Byte: 16}}
	partial := UnknownValue(r)
	partial.SetPartial("Al" + UnknownPart)
	policy := `{"Effect":"Allow-ish"}`
	for _, v := range []Value{
		{},
		KnownValue("Allow", r),
		KnownValue("Deny", r),
		KnownValue("", r),
		KnownValue("2012-10-17", hcl.Range{}),
		KnownValue(policy[11:20], r), // a part of a bigger string
		UnknownValue(r),
		partial,
	} {
		w := WordOf(v)
		if got := w.Value(); got != v {
			t.Errorf("WordOf(%#v).Value() = %#v", v, got)
		}
		var s Statement
		s.SetEffect(v)
		if s.Effect() != v || s.IsAllow() != v.Is("Allow") || s.IsDeny() != v.Is("Deny") {
			t.Errorf("statement of effect %#v: Effect() %#v, IsAllow %v, IsDeny %v", v, s.Effect(), s.IsAllow(), s.IsDeny())
		}
		var d Document
		d.SetVersion(v)
		if d.Version() != v {
			t.Errorf("document of version %#v: Version() %#v", v, d.Version())
		}
	}
	// The table keeps a copy, not the bigger string.
	text := WordOf(KnownValue(policy[11:20], r)).Value().Text
	lo := uintptr(unsafe.Pointer(unsafe.StringData(policy)))
	if p := uintptr(unsafe.Pointer(unsafe.StringData(text))); p >= lo && p < lo+uintptr(len(policy)) {
		t.Errorf("the word %q points into the policy text", text)
	}
	if (Word{}).Value() != (Value{}) || !strings.EqualFold(WordOf(KnownValue("Allow", r)).Value().Text, "allow") {
		t.Error("zero Word")
	}
}
