package eval

import (
	"fmt"
	"slices"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestNodeMembers checks the members of a node (Keys and kids) against a
// map and a key list kept beside them, across sizes below and above
// indexFrom: lookups, SetAttr in place and appended, DeleteAttr, copies
// (CopyAttrs leaves the original alone), ClearAttrs, empty objects.
func TestNodeMembers(t *testing.T) {
	for _, size := range []int{0, 1, 3, indexFrom, indexFrom + 1, 40} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			var ms Members
			want := map[string]*Node{}
			var keys []string
			for i := range size {
				k := fmt.Sprintf("k%d", i)
				c := &Node{Val: cty.NumberIntVal(int64(i))}
				ms.Set(k, c)
				want[k], keys = c, append(keys, k)
			}
			if size > 0 {
				// A key met again keeps its place, with the new member.
				c := &Node{Val: cty.StringVal("again")}
				ms.Set("k0", c)
				want["k0"] = c
			}
			n := &Node{}
			if n.IsObject() {
				t.Fatal("a new node is an object")
			}
			ms.Into(n)
			check := func(n *Node, want map[string]*Node, keys []string) {
				t.Helper()
				if !n.IsObject() || n.NumKids() != len(keys) || n.NumAttrs() != len(want) || !slices.Equal(n.Keys, keys) {
					t.Fatalf("object %v, %d members (%d set), keys %v; want %d, keys %v", n.IsObject(), n.NumKids(), n.NumAttrs(), n.Keys, len(want), keys)
				}
				for i, k := range keys {
					if got := n.Attr(k); got != want[k] {
						t.Fatalf("Attr(%s) = %v, want %v", k, got, want[k])
					}
					if n.Kid(i) != want[k] {
						t.Fatalf("Kid(%d) is not %s's member", i, k)
					}
				}
				if c, ok := n.Lookup("absent"); ok || c != nil {
					t.Fatal("Lookup of an absent key found a member")
				}
				if got := n.AttrMap(); len(got) != len(want) {
					t.Fatalf("AttrMap has %d members, want %d", len(got), len(want))
				}
			}
			check(n, want, keys)

			cp := *n
			cp.CopyAttrs()
			added := &Node{Val: cty.True}
			cp.SetAttr("added", added)
			repl := &Node{Val: cty.False}
			if size > 2 {
				cp.SetAttr("k1", repl)
				cp.DeleteAttr("k2")
			}
			check(n, want, keys) // the original is as it was

			want2 := map[string]*Node{"added": added}
			for k, v := range want {
				want2[k] = v
			}
			if size > 2 {
				want2["k1"] = repl
				delete(want2, "k2")
			}
			keys2 := append(slices.Clone(keys), "added")
			if size > 2 {
				if cp.Attr("k2") != nil {
					t.Fatal("a deleted member is still there")
				}
				// Get derives an absent member from the value (none here).
				if cp.Get("k2") != nil {
					t.Fatal("Get found a deleted member in a node without value")
				}
			}
			if cp.NumAttrs() != len(want2) || !slices.Equal(cp.Keys, keys2) || cp.Attr("added") != added {
				t.Fatalf("copy: %d members, keys %v", cp.NumAttrs(), cp.Keys)
			}
			cp.ClearAttrs()
			if cp.IsObject() || cp.Keys != nil || cp.Attr("added") != nil {
				t.Fatal("ClearAttrs left members")
			}
		})
	}
}

// TestObjectManyKeys evaluates object constructors and bodies with more
// members than indexFrom (their keys get an index), duplicates included:
// the last value wins, in the place of the first.
func TestObjectManyKeys(t *testing.T) {
	src := "locals {\n  m = {\n"
	for i := range 3 * indexFrom {
		src += fmt.Sprintf("    k%d = %d\n", i, i)
	}
	src += "    k5 = \"last\"\n  }\n}\nresource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode(local.m)\n"
	for i := range 2 * indexFrom {
		src += fmt.Sprintf("  a%d = %d\n", i, i)
	}
	src += "}\n"
	mods, _ := evalSrc(t, src)
	body := mods[0].Blocks[0].Body
	if body.NumKids() != 2*indexFrom+1 || body.keyIndex() == nil {
		t.Fatalf("body: %d members, index %v", body.NumKids(), body.keyIndex() != nil)
	}
	for i := range 2 * indexFrom {
		k := fmt.Sprintf("a%d", i)
		if c := body.Attr(k); c == nil || !c.Val.RawEquals(cty.NumberIntVal(int64(i))) || body.Keys[i+1] != k {
			t.Fatalf("body member %s: %v", k, c)
		}
	}
	m := body.Attr("policy").JSONArg()
	if m == nil || m.NumKids() != 3*indexFrom || m.keyIndex() == nil {
		t.Fatalf("object: %v", m)
	}
	if c := m.Attr("k5"); c == nil || !c.Val.RawEquals(cty.StringVal("last")) || m.Keys[5] != "k5" {
		t.Fatalf("k5 = %v (keys %v)", c, m.Keys)
	}
	if got := m.Get("k30"); got == nil || !got.Val.RawEquals(cty.NumberIntVal(30)) {
		t.Fatalf("k30 = %v", got)
	}
}
