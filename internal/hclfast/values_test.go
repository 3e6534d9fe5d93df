package hclfast

import (
	"reflect"
	"runtime"
	"strconv"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestStrValAt checks the string values whose interface points at a
// string of the tree (strValAt): the same as cty.StringVal's for cty's
// operations, == on the value and reflect.DeepEqual, also after
// collections; strings that NFC changes go the usual way.
func TestStrValAt(t *testing.T) {
	if !valueLayoutOK {
		t.Fatal("cty.Value is no longer {ty Type; v any}: strValAt allocates again")
	}
	type node struct {
		val cty.Value
		s   string
	}
	for _, s := range []string{"", "x", "arn:aws:s3:::bucket/*", "e\u0301", "caf\u00e9", "\u212b"} {
		n := &node{s: string([]byte(s))}
		n.val = strValAt(&n.s)
		runtime.GC()
		want := cty.StringVal(s)
		if !n.val.RawEquals(want) || !reflect.DeepEqual(n.val, want) || n.val.AsString() != want.AsString() ||
			n.val.Equals(want) != cty.True || n.val != want {
			t.Errorf("strValAt(%q) = %#v, want %#v", s, n.val, want)
		}
		if n.val.Type() != cty.String {
			t.Errorf("strValAt(%q): type %#v", s, n.val.Type())
		}
		m := map[string]bool{n.val.AsString(): true}
		if !m[want.AsString()] {
			t.Errorf("strValAt(%q): not found by value", s)
		}
	}
	var sink *node
	if n := testing.AllocsPerRun(100, func() {
		sink = &node{s: "abc"}
		sink.val = strValAt(&sink.s)
	}); n != 1 {
		t.Errorf("strValAt: %v allocations with its node, want 1", n)
	}
}

// TestNumberVal checks the shared values of small integers against
// cty.ParseNumberVal's, and the texts the table does not take.
func TestNumberVal(t *testing.T) {
	var texts []string
	for i := range 1200 {
		texts = append(texts, strconv.Itoa(i))
	}
	texts = append(texts, "00", "01", "007", "1.5", "1e3", "256", "999999999999999999999", "0.0")
	for _, s := range texts {
		got, ok := numberVal(s)
		want, err := cty.ParseNumberVal(s)
		if !ok || err != nil || !reflect.DeepEqual(got, want) || !got.RawEquals(want) {
			t.Errorf("numberVal(%q) = %#v, %v; want %#v", s, got, ok, want)
		}
	}
	// A value shared by trees is not changed by its users.
	v, _ := numberVal("7")
	f := v.AsBigFloat()
	f.SetInt64(8)
	if w, _ := numberVal("7"); !w.RawEquals(cty.NumberIntVal(7)) {
		t.Error("a shared number was changed through AsBigFloat")
	}
}

// TestArenaCapped checks that the arrays an arena hands out are capped at
// their length: appending to one never writes into the next.
func TestArenaCapped(t *testing.T) {
	var a arena[int]
	x := a.copyOf([]int{1, 2}, 1000, 2000)
	y := a.copyOf([]int{3, 4}, 1000, 2000)
	x = append(x, 99)
	if y[0] != 3 || len(x) != 3 || cap(a.make(0, 1000, 2000)) != 0 {
		t.Errorf("append to one array changed the next: %v %v", x, y)
	}
}
