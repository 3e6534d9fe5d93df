package eval

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// TestNodeSizesShrunk keeps the nodes an evaluation makes most of at the
// sizes they were cut to: a Node without the count of its members (the
// length of Keys), a TextMap that holds its recipe (and its index with its
// segments), a nodeMore whose rarely set fields are out of line.
func TestNodeSizesShrunk(t *testing.T) {
	for _, c := range []struct {
		name string
		got  uintptr
		want uintptr
	}{
		{"Node", unsafe.Sizeof(Node{}), 176},
		{"TextMap", unsafe.Sizeof(TextMap{}), 32},
		{"nodeMore", unsafe.Sizeof(nodeMore{}), 32},
		{"lazyTextNode", unsafe.Sizeof(lazyTextNode{}), 208},
		{"lazyTextStrNode", unsafe.Sizeof(lazyTextStrNode{}), 224},
		{"lazyPartialNode", unsafe.Sizeof(lazyPartialNode{}), 264},
		{"jsonNode", unsafe.Sizeof(jsonNode{}), 208},
		{"elemsNode2", unsafe.Sizeof(elemsNode2{}), 192},
	} {
		if c.got > c.want {
			t.Errorf("%s is %d bytes, want at most %d", c.name, c.got, c.want)
		}
	}
}

// TestMembersWithoutCount: the members of a node are as many as its keys
// through SetAttrs, SetAttr, DeleteAttr (a nil member counts), CopyAttrs
// and ClearAttrs, with and without an index of the keys (more than
// indexFrom).
func TestMembersWithoutCount(t *testing.T) {
	for _, n := range []int{0, 1, 3, indexFrom, indexFrom + 1, 40} {
		keys := make([]string, n)
		kids := make([]*Node, n)
		for i := range keys {
			keys[i] = fmt.Sprintf("k%d", i)
			kids[i] = &Node{Val: cty.NumberIntVal(int64(i))}
		}
		o := &Node{}
		o.SetAttrs(keys, kids)
		if !o.IsObject() || o.NumKids() != n || len(o.Kids()) != n || o.NumAttrs() != n {
			t.Fatalf("%d members: object %v, %d kids, %d attrs", n, o.IsObject(), o.NumKids(), o.NumAttrs())
		}
		for i, k := range keys {
			if c := o.Attr(k); c != kids[i] {
				t.Fatalf("%d members: %s is %v", n, k, c)
			}
		}
		if o.Attr("absent") != nil {
			t.Fatalf("%d members: an absent key found", n)
		}
		cp := *o
		cp.CopyAttrs()
		cp.SetAttr("new", &Node{Val: cty.True})
		if cp.NumKids() != n+1 || cp.Attr("new") == nil || o.NumKids() != n || o.Attr("new") != nil {
			t.Fatalf("%d members: SetAttr on a copy: %d and %d kids", n, cp.NumKids(), o.NumKids())
		}
		if n > 0 {
			cp.DeleteAttr("k0")
			if cp.NumKids() != n+1 || cp.NumAttrs() != n || cp.Attr("k0") != nil || o.Attr("k0") == nil {
				t.Fatalf("%d members: DeleteAttr on a copy: %d kids, %d attrs", n, cp.NumKids(), cp.NumAttrs())
			}
		}
		// The rarely set fields (the index among them) and the others
		// edited one after the other stay each the node's own.
		cp2 := *o
		cp2.SetRefTo("aws_iam_user.u", "arn")
		cp2.SetInst("aws_iam_user.u")
		cp2.SetAlts([]*Node{o})
		cp2.SetJSONArg(o)
		if o.RefTo() != nil || o.Inst() != "" || o.Alts() != nil || o.JSONArg() != nil {
			t.Fatalf("%d members: the original changed by its copy", n)
		}
		if cp2.RefTo() == nil || cp2.Inst() != "aws_iam_user.u" || len(cp2.Alts()) != 1 || cp2.JSONArg() != o {
			t.Fatalf("%d members: the copy's fields lost", n)
		}
		for i, k := range keys {
			if cp2.Attr(k) != kids[i] {
				t.Fatalf("%d members: %s lost on the copy", n, k)
			}
		}
		cp2.SetAlts(nil)
		cp2.SetInst("")
		cp2.SetJSONArg(nil)
		cp2.SetRef(nil)
		if (n > indexFrom) != (cp2.keyIndex() != nil) || (n > indexFrom) != (cp2.more != nil) {
			t.Fatalf("%d members: index %v, more %v once the rest is cleared", n, cp2.keyIndex() != nil, cp2.more != nil)
		}
		o.ClearAttrs()
		if o.IsObject() || o.NumKids() != 0 || o.Keys != nil || o.Kids() != nil || o.keyIndex() != nil {
			t.Fatalf("%d members: ClearAttrs left %d kids, keys %v", n, o.NumKids(), o.Keys)
		}
	}
}

// TestTextMapIndexPerSegments: the position index of a map is built for
// its segments, and SetSegments gives the map a new one (the positions
// of the new segments, not the old).
func TestTextMapIndexPerSegments(t *testing.T) {
	long := make([]byte, 3*markEvery)
	for i := range long {
		long[i] = 'a'
		if i%100 == 99 {
			long[i] = '\n'
		}
	}
	seg := func(line int) []Segment {
		return []Segment{{Offset: 0, Len: len(long), Start: hcl.Pos{Line: line, Column: 1}, File: "f.tf", Verbatim: true, Src: long}}
	}
	tm := NewTextMap(seg(1))
	_, p, ok := tm.Pos(len(long) - 1)
	if !ok || p.Line != 1+(len(long)-1)/100 {
		t.Fatalf("first map: %v %v", p, ok)
	}
	tm.SetSegments(seg(1001))
	_, q, ok := tm.Pos(len(long) - 1)
	if !ok || q.Line != 1001+(len(long)-1)/100 {
		t.Fatalf("after SetSegments: %v %v", q, ok)
	}
}
