package eval

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestNodeChoice checks which branches of conditionals are picked together
// (Node.Choice): a copy of a conditional's node, and a value made from
// each of its branches, are of its choice; another conditional is of its
// own.
func TestNodeChoice(t *testing.T) {
	str := func(s string) *Node { return &Node{Val: cty.StringVal(s)} }
	c := &Node{Val: cty.DynamicVal}
	c.SetAlts([]*Node{str("a"), str("b")})
	if c.Choice() != c {
		t.Errorf("a conditional's choice is %p, want itself %p", c.Choice(), c)
	}
	cp := *c
	if cp.Choice() != c {
		t.Error("a copy of a conditional is of another choice")
	}
	made := &Node{Val: cty.DynamicVal}
	made.SetAltsOf(&cp, []*Node{str("a1"), str("b1")})
	if made.Choice() != c {
		t.Error("a value made from a conditional's branches is of another choice")
	}
	again := &Node{Val: cty.DynamicVal}
	again.SetAltsOf(made, []*Node{str("a2"), str("b2")})
	if again.Choice() != c {
		t.Error("a value made from a made value is of another choice")
	}
	other := &Node{Val: cty.DynamicVal}
	other.SetAlts([]*Node{str("x"), str("y")})
	if other.Choice() == c {
		t.Error("two conditionals are of one choice")
	}
	made.SetAlts(nil)
	if made.Choice() != made || made.more != nil {
		t.Errorf("a node without branches keeps a choice: %p", made.Choice())
	}
	var zero Node
	if zero.Choice() != &zero {
		t.Error("a zero node is not its own choice")
	}
}

// TestConditionalDerived evaluates values made from conditionals of
// unknown conditions: the steps, calls and for expressions are taken in
// each branch, of the conditional's choice; a condition written twice in a
// module is one choice, unless it refers to a for expression's symbol or
// calls uuid(); a
// call whose every branch gives one value has that value.
func TestConditionalDerived(t *testing.T) {
	src := `variable "c" {}
variable "m" {}
locals {
  cfg  = var.c ? { a = ["x"] } : { a = ["y", "z"] }
  attr = local.cfg.a
  elem = local.cfg.a[0]
  call = concat(local.cfg.a, ["w"])
  for  = [for s in local.cfg.a : upper(s)]
  len  = length(var.c ? [1] : [2])
  same = var.c ? "p" : "q"
  syms = [for k in ["a", "b"] : var.m[k] ? 1 : 2]
  big  = concat(var.c ? [1] : [2], var.m.a ? [1] : [2], var.m.b ? [1] : [2], var.m.c ? [1] : [2], var.m.d ? [1] : [2])
  imp1 = uuid() == "x" ? 1 : 2
  imp2 = uuid() == "x" ? 1 : 2
}
resource "aws_iam_policy" "p" {
  name   = local.attr[0]
  path   = local.elem
  policy = local.call[1]
  tags   = { a = local.for[0], b = local.same, c = local.len, d = local.syms[0], e = local.syms[1], f = local.imp1, g = local.imp2 }
  description = local.big[0]
}
`
	mods, _ := evalSrc(t, src)
	body := mods[0].Blocks[0].Body
	cfg := body.Attr("name").Choice()
	branches := func(attr *Node) []string {
		t.Helper()
		var out []string
		for _, a := range attr.Alts() {
			if !a.Val.IsWhollyKnown() || a.Val.Type() != cty.String {
				t.Fatalf("branch %#v", a.Val)
			}
			out = append(out, a.Val.AsString())
		}
		return out
	}
	for _, c := range []struct {
		attr *Node
		want []string
	}{
		{body.Attr("name"), []string{"x", "y"}},
		{body.Attr("path"), []string{"x", "y"}},
		{body.Attr("policy"), []string{"w", "z"}},
		{body.Attr("tags").Attr("a"), []string{"X", "Y"}},
	} {
		if c.attr.Val.IsKnown() || c.attr.Choice() != cfg {
			t.Errorf("%s: %#v, choice %p, want unknown of local.cfg's %p", c.attr.Range, c.attr.Val, c.attr.Choice(), cfg)
		}
		if got := branches(c.attr); len(got) != len(c.want) || got[0] != c.want[0] || got[1] != c.want[1] {
			t.Errorf("%s: branches %q, want %q", c.attr.Range, got, c.want)
		}
	}
	tags := body.Attr("tags")
	if l := tags.Attr("c"); !l.Val.RawEquals(cty.NumberIntVal(1)) {
		t.Errorf("length of either branch: %#v, want 1", l.Val)
	}
	// var.c in local.same and in local.cfg: one condition, one choice.
	if s := tags.Attr("b"); s.Val.IsKnown() || len(s.Alts()) != 2 || s.Choice() != cfg {
		t.Errorf("var.c written twice: %#v alts %d, choice %p want %p", s.Val, len(s.Alts()), s.Choice(), cfg)
	}
	// var.m[k] for k = "a", "b": two values, two choices.
	d, e := tags.Attr("d"), tags.Attr("e")
	if len(d.Alts()) != 2 || len(e.Alts()) != 2 || d.Choice() == e.Choice() {
		t.Errorf("var.m[k] of two elements: alts %d %d, choices %p %p", len(d.Alts()), len(e.Alts()), d.Choice(), e.Choice())
	}
	// uuid() differs from one call to the next: two choices.
	f, g := tags.Attr("f"), tags.Attr("g")
	if len(f.Alts()) != 2 || len(g.Alts()) != 2 || f.Choice() == g.Choice() {
		t.Errorf("uuid() conditions: alts %d %d, choices %p %p", len(f.Alts()), len(g.Alts()), f.Choice(), g.Choice())
	}
	// 2^5 combinations, past maxForks: unknown, as before.
	if b := body.Attr("description"); b.Val.IsKnown() || len(b.Alts()) != 0 {
		t.Errorf("32 combinations: %#v alts %d, want unknown", b.Val, len(b.Alts()))
	}
}
