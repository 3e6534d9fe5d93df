package hclfast

import (
	"bytes"
	"reflect"
	"runtime"
	"strconv"
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
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
		n.val = strValAt(&n.s, false)
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
		sink.val = strValAt(&sink.s, false)
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

// TestMakeChunk checks that a chunk has at least the nodes asked for, all
// zero, and no capacity beyond its length (the slack is handed out too).
func TestMakeChunk(t *testing.T) {
	for n := 1; n <= 40; n++ {
		c := makeChunk[hclsyntax.Attribute](n)
		if len(c) < n || len(c) != cap(c) {
			t.Fatalf("makeChunk(%d): len %d cap %d", n, len(c), cap(c))
		}
		for i := range c {
			if !reflect.ValueOf(c[i]).IsZero() {
				t.Fatalf("makeChunk(%d)[%d] is not zero", n, i)
			}
		}
		if b := makeChunk[byte](n); len(b) < n || bytes.Count(b, []byte{0}) != len(b) {
			t.Fatalf("makeChunk[byte](%d) not zero", n)
		}
	}
}

// TestEstimate checks the expected node counts, also where n*rem does not
// fit in an int on 386.
func TestEstimate(t *testing.T) {
	for _, c := range []struct{ n, rem, size, want int }{
		{0, 100, 100, 0},
		{0, 50, 100, 0},
		{10, 50, 100, 10},
		{10, 300, 400, 30},
		{1 << 28, 1<<31 - 1 - 1<<28, 1<<31 - 1, 1 << 20},
	} {
		if got := estimate(c.n, c.rem, c.size); got != c.want {
			t.Errorf("estimate(%d, %d, %d) = %d, want %d", c.n, c.rem, c.size, got, c.want)
		}
	}
}
