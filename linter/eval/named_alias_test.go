package eval

import "testing"

// TestCallResultOwnName: a call that returns the node of what it reads
// (try returns the node of local.obj.a as it is) gives each attribute
// holding it its own name range: named set the name on that node in place,
// so the member a of the local, b and d all said the name of the last one
// evaluated (d), and a finding located by b's name pointed at d.
func TestCallResultOwnName(t *testing.T) {
	src := `locals {
  obj = { a = "x" }
}
resource "aws_r" "r" {
  b = try(local.obj.a, null)
  d = try(local.obj.a, null)
  e = coalesce(local.obj.a, "y")
}
resource "aws_r" "s" {
  f = try(local.obj.a, null)
}
`
	mods, _ := evalSrc(t, src)
	var r, s *Block
	for _, b := range mods[0].Blocks {
		switch b.Address {
		case "aws_r.r":
			r = b
		case "aws_r.s":
			s = b
		}
	}
	if r == nil || s == nil {
		t.Fatal("blocks not evaluated")
	}
	for _, c := range []struct {
		n    *Node
		name string
		line int
	}{
		{r.Body.Attr("b"), "b", 5},
		{r.Body.Attr("d"), "d", 6},
		{r.Body.Attr("e"), "e", 7},
		{s.Body.Attr("f"), "f", 10},
	} {
		if c.n == nil {
			t.Fatalf("%s: no node", c.name)
		}
		if got := c.n.NameRange(); got.Start.Line != c.line || got.Start.Column != 3 {
			t.Errorf("%s: name range %v, want main.tf:%d,3", c.name, got, c.line)
		}
		if c.n.Val.AsString() != "x" {
			t.Errorf("%s = %#v", c.name, c.n.Val)
		}
	}
}
