package ctyraw

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw/ctyrawtest"
)

func values() []cty.Value { return ctyrawtest.Values() }

func same(t *testing.T, what string, got, want cty.Value) {
	t.Helper()
	if !got.RawEquals(want) || !got.Type().Equals(want.Type()) {
		t.Fatalf("%s: made %#v, cty's constructor gives %#v", what, got, want)
	}
}

func TestLayout(t *testing.T) {
	if !layoutOK() || !Fast() {
		t.Fatal("cty.Value does not have the layout ctyraw expects: every value is made by cty's constructors (slower, bigger)")
	}
	for _, v := range values() {
		same(t, "Make(Type, Raw)", Make(v.Type(), Raw(v)), v)
	}
}

// object builds the object of names and vals the way the callers do: a
// type made once, the internal values of the attributes.
func object(names []string, vals []cty.Value) cty.Value {
	at := map[string]cty.Type{}
	raw := map[string]any{}
	for i, k := range names {
		at[k] = vals[i].Type()
		raw[k] = Raw(vals[i])
	}
	return Make(cty.Object(at), raw)
}

func TestMakeMatchesConstructors(t *testing.T) {
	vals := values()
	names := []string{"Effect", "Action", "", "a b", "NUL\x00", "caf\u00e9", "cafe\u0301", "e\u0301"}
	for i := range vals {
		same(t, "one-element tuple", Make(cty.Tuple([]cty.Type{vals[i].Type()}), []any{Raw(vals[i])}), cty.TupleVal(vals[i:i+1]))
		for j := range vals {
			pair := []cty.Value{vals[i], vals[j]}
			same(t, "tuple", Make(cty.Tuple([]cty.Type{vals[i].Type(), vals[j].Type()}), []any{Raw(vals[i]), Raw(vals[j])}), cty.TupleVal(pair))
			k := []string{names[i%len(names)], names[(j+1)%len(names)]}
			if cty.NormalizeString(k[0]) == cty.NormalizeString(k[1]) {
				continue
			}
			want := cty.ObjectVal(map[string]cty.Value{k[0]: pair[0], k[1]: pair[1]})
			got := object(k, pair)
			if ASCII(k[0]) && ASCII(k[1]) {
				same(t, fmt.Sprintf("object %q", k), got, want)
			} else if got.RawEquals(want) != (cty.NormalizeString(k[0]) == k[0] && cty.NormalizeString(k[1]) == k[1]) {
				// Only names in normal form may be given to Make as they are.
				t.Fatalf("object %q: made %#v, cty gives %#v", k, got, want)
			}
		}
	}
}

func TestASCII(t *testing.T) {
	for s, want := range map[string]bool{"": true, "arn:aws:s3:::b/*": true, "NUL\x00": true, "\x7f": true, "caf\u00e9": false, "e\u0301": false, "\x80": false} {
		if ASCII(s) != want {
			t.Errorf("ASCII(%q) = %v", s, !want)
		}
		if want && cty.NormalizeString(s) != s {
			t.Errorf("%q is ASCII but not in normal form", s)
		}
	}
}

// TestASCIIText compares ASCIIText (a word at a time) with a byte at a
// time, on every length to 80 with a byte from 0x80 at each place, or none.
func TestASCIIText(t *testing.T) {
	bytewise := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return false
			}
		}
		return true
	}
	for n := 0; n <= 80; n++ {
		b := []byte(strings.Repeat("arn:aws:iam::1:role/x", 4)[:n])
		if got, want := ASCIIText(string(b)), bytewise(string(b)); got != want {
			t.Fatalf("ASCIIText(%q) = %v, want %v", b, got, want)
		}
		for i := range b {
			for _, c := range []byte{0x80, 0xc3, 0xff} {
				old := b[i]
				b[i] = c
				if got, want := ASCIIText(string(b)), bytewise(string(b)); got != want {
					t.Fatalf("ASCIIText(%q) = %v, want %v", b, got, want)
				}
				b[i] = old
			}
		}
	}
}

func TestStringVal(t *testing.T) {
	for _, fastPath := range []bool{true, false} {
		restore := SetFast(fastPath)
		if Fast() != fastPath {
			t.Fatalf("SetFast(%v): Fast() = %v", fastPath, Fast())
		}
		for _, s := range []string{"", "x", "arn:aws:iam::1:role/r", "caf\u00e9", "cafe\u0301"} {
			same(t, fmt.Sprintf("StringVal(%q)", s), StringVal(s, ASCII(s)), cty.StringVal(s))
		}
		restore()
	}
	if !Fast() {
		t.Fatal("restore did not turn the fast path back on")
	}
}

func TestStringIn(t *testing.T) {
	// The string inside a bigger allocation, as in the evaluator's nodes.
	type holder struct {
		n int
		s string
	}
	for _, str := range []string{"", "x", "arn:aws:iam::1:role/r", strings.Repeat("ab", 100)} {
		h := &holder{n: len(str), s: str}
		v := StringIn(&h.s)
		same(t, fmt.Sprintf("StringIn(%q)", str), v, cty.StringVal(str))
		if v.AsString() != str || !v.Equals(cty.StringVal(str)).True() || h.n != len(str) {
			t.Fatalf("StringIn(%q) reads %q", str, v.AsString())
		}
		if got, ok := Raw(v).(string); !ok || got != str {
			t.Fatalf("Raw(StringIn(%q)) = %#v", str, Raw(v))
		}
		// The value points at the holder's string: no copy of it was made.
		if p := (*[2]unsafe.Pointer)(unsafe.Pointer(&(*value)(unsafe.Pointer(&v)).v))[1]; p != unsafe.Pointer(&h.s) {
			t.Fatalf("StringIn(%q) does not point at its string", str)
		}
	}
	// A value made so is a value like any other once the GC has run.
	vals := make([]cty.Value, 1000)
	for i := range vals {
		h := &holder{s: fmt.Sprintf("s%d", i)}
		vals[i] = StringIn(&h.s)
	}
	runtime.GC()
	for i, v := range vals {
		if v.AsString() != fmt.Sprintf("s%d", i) {
			t.Fatalf("value %d reads %q after a GC", i, v.AsString())
		}
	}
}

func TestAppendName(t *testing.T) {
	// No two different name sequences give the same key.
	seqs := [][]string{{"ab", "c"}, {"a", "bc"}, {"abc"}, {"abc", ""}, {"", "abc"}, {"a\x00", "b"}, {"a", "\x00b"}}
	seen := map[string][]string{}
	for _, seq := range seqs {
		var key []byte
		for _, n := range seq {
			key = AppendName(key, n)
		}
		if prev, ok := seen[string(key)]; ok {
			t.Fatalf("%q and %q have the same key", prev, seq)
		}
		seen[string(key)] = seq
	}
}

func TestTypes(t *testing.T) {
	var tt Types
	if _, ok := tt.Get([]byte("x")); ok {
		t.Fatal("empty table has x")
	}
	a, ok := tt.Put([]byte("a"), cty.String)
	b, ok2 := tt.Put([]byte("b"), cty.EmptyObject)
	if !ok || !ok2 || a.ID != 0 || b.ID != 1 || tt.Len() != 2 {
		t.Fatalf("Put: %v %v %v %v len %d", a, ok, b, ok2, tt.Len())
	}
	if e, ok := tt.Get([]byte("b")); !ok || e.ID != b.ID || !e.Ty.Equals(b.Ty) {
		t.Fatalf("Get(b) = %v, %v", e, ok)
	}
	for i := tt.Len(); i < MaxTypes; i++ {
		tt.Put(fmt.Appendf(nil, "k%d", i), cty.Bool)
	}
	if e, ok := tt.Put([]byte("full"), cty.Number); ok || !e.Ty.Equals(cty.Number) || tt.Len() != MaxTypes {
		t.Fatalf("Put into a full table: %v %v len %d", e, ok, tt.Len())
	}
}

func TestTypeAddrs(t *testing.T) {
	obj := cty.Object(map[string]cty.Type{"a": cty.String})
	same := obj // a copy of the type
	other := cty.Object(map[string]cty.Type{"a": cty.String})
	if AttrsAddr(obj.AttributeTypes()) != AttrsAddr(same.AttributeTypes()) {
		t.Error("copies of an object type have different attribute maps")
	}
	if AttrsAddr(obj.AttributeTypes()) == AttrsAddr(other.AttributeTypes()) {
		t.Error("two object types made apart share an attribute map")
	}
	tup := cty.Tuple([]cty.Type{cty.String})
	same = tup
	other = cty.Tuple([]cty.Type{cty.String})
	if ElemsAddr(tup.TupleElementTypes()) != ElemsAddr(same.TupleElementTypes()) ||
		ElemsAddr(tup.TupleElementTypes()) == ElemsAddr(other.TupleElementTypes()) {
		t.Error("tuple element types are not an identity of the type")
	}
	// A value made on a type keeps the type's own map.
	v := Make(obj, map[string]any{"a": "x"})
	if AttrsAddr(v.Type().AttributeTypes()) != AttrsAddr(obj.AttributeTypes()) {
		t.Error("a value's object type has another attribute map than the type it was made on")
	}
}

// TestSame checks that Same holds for a value and its copies (and the
// elements a tuple hands out of the values it was made of), and not for
// equal values made apart, other values, or when not Fast.
func TestSame(t *testing.T) {
	s := cty.StringVal("x")
	obj := cty.ObjectVal(map[string]cty.Value{"a": s})
	tup := cty.TupleVal([]cty.Value{s, obj})
	c := s
	if !Same(s, c) || !Same(obj, obj) || !Same(tup.Index(cty.NumberIntVal(1)), obj) {
		t.Error("a value and its copies are not Same")
	}
	if Same(s, cty.StringVal("y")) || Same(obj, cty.ObjectVal(map[string]cty.Value{"a": s})) || Same(s, cty.NullVal(cty.String)) {
		t.Error("different values, or equal ones made apart, are Same")
	}
	defer SetFast(false)()
	if Same(s, c) {
		t.Error("Same without Fast")
	}
}
