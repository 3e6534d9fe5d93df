package eval

import "testing"

// TestSensitiveMark: the value of a variable declared sensitive, of
// sensitive(), of a sensitive output, and what is taken or computed from
// them (an attribute, an element, a local, an operator, a function call but
// nonsensitive(), the result of a conditional of a sensitive condition) is
// marked Node.Sensitive; literals, other variables and what is computed from
// them only are not. A number or a bool is too short to be masked by its
// text: the mark is what keeps password-policy-weak from printing it.
func TestSensitiveMark(t *testing.T) {
	src := `variable "len" {
  sensitive = true
  default   = 6
}
variable "cfg" {
  sensitive = true
  default   = { age = 0, sym = false, list = [1, 2] }
}
variable "open" {
  default = 7
}
locals {
  len  = var.len
  open = var.open
}
resource "t" "r" {
  direct      = var.len
  local       = local.len
  attr        = var.cfg.age
  index       = var.cfg["sym"]
  elem        = var.cfg.list[1]
  plus        = var.len + 1
  not         = !var.cfg.sym
  call        = max(var.len, 1)
  template    = "${var.len}"
  sens_call   = sensitive(5)
  cond        = var.len > 5 ? 0 : 90
  branch      = true ? var.len : 1
  nonsens     = nonsensitive(var.len)
  literal     = 6
  open        = var.open
  open_local  = local.open
  open_plus   = var.open + 1
  open_cond   = var.open > 5 ? 0 : 90
  open_call   = max(var.open, 1)
}
`
	mods, _ := evalSrc(t, src)
	var body *Node
	for _, b := range mods[0].Blocks {
		if b.Type == "t" {
			body = b.Body
		}
	}
	if body == nil {
		t.Fatal("no resource t.r")
	}
	for attr, want := range map[string]bool{
		"direct": true, "local": true, "attr": true, "index": true, "elem": true, "plus": true,
		"not": true, "call": true, "template": true, "sens_call": true, "cond": true, "branch": true,
		"nonsens": false, "literal": false, "open": false, "open_local": false, "open_plus": false,
		"open_cond": false, "open_call": false,
	} {
		n := body.Get(attr)
		if n == nil {
			t.Errorf("%s: no value", attr)
			continue
		}
		if got := n.Sensitive(); got != want {
			t.Errorf("%s = %#v: Sensitive() = %v, want %v", attr, n.Val, got, want)
		}
	}
}

// TestMarkSensitiveCopies: markSensitive marks a copy, never the node it is
// given (a module input's node is its caller's), and keeps the node's other
// fields.
func TestMarkSensitiveCopies(t *testing.T) {
	n := &Node{}
	n.SetInst("aws_iam_user.u")
	m := markSensitive(n)
	if n.Sensitive() || !m.Sensitive() || m == n {
		t.Fatalf("markSensitive: original %v, copy %v, same %v", n.Sensitive(), m.Sensitive(), m == n)
	}
	if m.Inst() != "aws_iam_user.u" {
		t.Errorf("copy's Inst = %q", m.Inst())
	}
	if markSensitive(m) != m {
		t.Error("a marked node is copied again")
	}
	c := *m
	c.SetInst("x")
	if !c.Sensitive() {
		t.Error("editMore dropped the mark")
	}
	if markSensitive(nil) != nil {
		t.Error("markSensitive(nil) is not nil")
	}
}
