package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unsafe"
)

// TestSlab: the values a slab hands out are zeroed and distinct, the
// chunks hold as many as slabBytes hold, one size after the other.
func TestSlab(t *testing.T) {
	var s slab[lazyTextNode]
	seen := map[*lazyTextNode]bool{}
	size := int(unsafe.Sizeof(lazyTextNode{}))
	var chunks []int
	for i := 0; i < 400; i++ {
		fresh := len(s.free) == 0
		p := s.get()
		if fresh {
			chunks = append(chunks, len(s.free)+1)
		}
		if seen[p] {
			t.Fatalf("value %d handed out twice", i)
		}
		seen[p] = true
		if p.n.Val != (Node{}).Val || p.n.Text != nil || p.tm.r.x != nil {
			t.Fatalf("value %d not zero", i)
		}
		p.n.Text = &p.tm // written: a later value must still be zero
	}
	var want []int
	for i := range chunks {
		b := slabBytes[min(i, len(slabBytes)-1)]
		n := b / size
		if n*size > b || (n+1)*size <= b {
			t.Fatalf("chunk %d: %d values of %d bytes for %d", i, n, size, b)
		}
		want = append(want, n)
	}
	if len(chunks) < len(slabBytes)+1 || fmt.Sprint(chunks) != fmt.Sprint(want) {
		t.Fatalf("chunks %v, want %v", chunks, want)
	}
}

// TestSlabsMatchOneByOne evaluates the configurations of
// TestJSONShapesMatchValues with the nodes handed out by the slabs and
// allocated one by one: the same nodes, the same diagnostics.
func TestSlabsMatchOneByOne(t *testing.T) {
	bothWays(t, &useSlabs, shapeDirs(t))
}

// TestBodyItemsShared evaluates the configurations of
// TestJSONShapesMatchValues, and blocks with meta-arguments, dynamic
// blocks and an override file, with the members of blocks' bodies found
// once per block (BlockConfig.bodyItems) and at each evaluation: the same
// nodes, the same diagnostics.
func TestBodyItemsShared(t *testing.T) {
	dir := t.TempDir()
	main := `
variable "names" {
  default = ["a", "b"]
}

resource "aws_iam_user" "u" {
  for_each = toset(var.names)
  name     = "user-${each.key}"
  tags     = { k = each.value }
  lifecycle {
    ignore_changes = [tags]
  }
  depends_on = [aws_iam_role.r]
}

resource "aws_iam_role" "r" {
  count              = 3
  name               = "role-${count.index}"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  dynamic "inline_policy" {
    for_each = var.names
    content {
      name   = inline_policy.value
      policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })
    }
  }
  provider = aws
}
`
	override := `
resource "aws_iam_role" "r" {
  name = "overridden-${count.index}"
}
`
	for name, src := range map[string]string{"main.tf": main, "main_override.tf": override} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bothWays(t, &sharedItems, append(shapeDirs(t), dir))
}

// bothWays evaluates the root modules dirs with *flag on and off and
// compares the blocks' nodes and the diagnostics.
func bothWays(t *testing.T, flag *bool, dirs []string) {
	t.Helper()
	defer func(old bool) { *flag = old }(*flag)
	nodes := 0
	for _, dir := range dirs {
		l := &shapeLoader{t: t, sources: map[string][]byte{}, configs: map[string]*Config{}}
		*flag = true
		onMods, onDiags := l.evaluate(dir)
		*flag = false
		mods, diags := l.evaluate(dir)
		if fmt.Sprint(onDiags) != fmt.Sprint(diags) {
			t.Fatalf("%s: diagnostics differ:\non  %v\noff %v", dir, onDiags, diags)
		}
		if len(onMods) != len(mods) {
			t.Fatalf("%s: %d modules on, %d off", dir, len(onMods), len(mods))
		}
		for i, m := range mods {
			if len(onMods[i].Blocks) != len(m.Blocks) {
				t.Fatalf("%s: module %d: %d blocks on, %d off", dir, i, len(onMods[i].Blocks), len(m.Blocks))
			}
			for j, b := range m.Blocks {
				if err := sameNodes(onMods[i].Blocks[j].Body, b.Body, 0); err != nil {
					t.Errorf("%s: %s: %v", dir, b.Address, err)
				}
				nodes += countNodes(b.Body, 0)
			}
		}
	}
	if nodes < 1000 {
		t.Errorf("only %d nodes compared", nodes)
	}
}

// TestOwnKidsOwnCapacity: members cut from the evaluation's chunk have
// their length as capacity, so that SetAttr on one node (an append)
// leaves the next node's members alone; SetAttr of a member in place and
// DeleteAttr write the node's own.
func TestOwnKidsOwnCapacity(t *testing.T) {
	ev := &evaluator{slabs: true}
	a, b, c := &Node{}, &Node{}, &Node{}
	n1, n2 := &Node{}, &Node{}
	n1.SetAttrs([]string{"a"}, ev.ownKids([]*Node{a}))
	n2.SetAttrs([]string{"b"}, ev.ownKids([]*Node{b}))
	if &n1.kids()[0] == &n2.kids()[0] || cap(n1.kids()) != 1 {
		t.Fatalf("members shared or not clipped: cap %d", cap(n1.kids()))
	}
	n1.SetAttr("c", c)
	if n2.Attr("b") != b || n2.NumKids() != 1 || n1.Attr("a") != a || n1.Attr("c") != c {
		t.Fatalf("SetAttr on one node changed the other: %v %v", n1.Keys, n2.Keys)
	}
	n1.DeleteAttr("a")
	if n2.Attr("b") != b {
		t.Fatal("DeleteAttr on one node changed the other")
	}
	for i := 0; i < 3000; i++ {
		k := ev.ownKids([]*Node{a, b, c})
		if len(k) != 3 || cap(k) != 3 || k[0] != a || k[2] != c {
			t.Fatalf("chunk %d: %v (cap %d)", i, k, cap(k))
		}
	}
	ev = &evaluator{slabs: true} // a first chunk smaller than the members
	big := make([]*Node, 40)
	big[39] = c
	if k := ev.ownKids(big); len(k) != 40 || k[39] != c {
		t.Fatalf("40 members in a first chunk: %d", len(k))
	}
	if k := ev.ownKids(nil); len(k) != 0 || k == nil {
		t.Fatal("no members: want noKids")
	}
}

// TestSlabNew: slabNew hands out the slab's values when slabs are on
// (the slab's free list shrinks), values of their own when off (the
// slab is untouched); zeroed either way.
func TestSlabNew(t *testing.T) {
	var s slab[elemsNode4]
	p := slabNew(true, &s)
	if s.chunks != 1 || len(s.free) == 0 || &s.free[0] == p || p.n.Val != (Node{}).Val || p.elems != [4]*Node{} {
		t.Fatalf("slabs on: chunks %d, free %d", s.chunks, len(s.free))
	}
	free := len(s.free)
	q := slabNew(true, &s)
	if len(s.free) != free-1 || q == p {
		t.Fatalf("slabs on: free %d after %d", len(s.free), free)
	}
	r := slabNew(false, &s)
	if len(s.free) != free-1 || s.chunks != 1 || r == p || r == q || r.n.Val != (Node{}).Val || r.elems != [4]*Node{} {
		t.Fatalf("slabs off: the slab was used (free %d, chunks %d)", len(s.free), s.chunks)
	}
}

// TestBodyKeysShared: bodyKeys returns, for keys equal to an earlier
// body's, that body's slice (its capacity its length), through its recent
// slots or its map, for many key sets that share slots.
func TestBodyKeysShared(t *testing.T) {
	ev := &evaluator{}
	var sets [][]string
	for i := 0; i < 300; i++ {
		n := 1 + i%5
		keys := make([]string, n)
		for j := range keys {
			keys[j] = fmt.Sprintf("k%d_%d", i, j)
		}
		sets = append(sets, keys)
	}
	first := map[int][]string{}
	for round := 0; round < 3; round++ {
		for i, keys := range sets {
			in := append([]string(nil), keys...) // a scratch copy, as the caller's
			got := ev.bodyKeys(in)
			if !slices.Equal(got, keys) || cap(got) != len(got) || &got[0] == &in[0] {
				t.Fatalf("set %d: got %v (cap %d)", i, got, cap(got))
			}
			if round == 0 {
				first[i] = got
			} else if &first[i][0] != &got[0] {
				t.Fatalf("round %d, set %d: a new slice, not the first one's", round, i)
			}
		}
	}
	if ev.bodyKeys(nil) != nil {
		t.Error("no keys: want nil")
	}
}
