package eval

import (
	"testing"
)

// TestForEachElemsShared checks the blocks whose for_each is the same
// local map (forEachElems finds its elements once, for the first): each
// has the instances of every key, in order, with each.key located at the
// key in the local and each.value its member, as the first block has; and
// a for_each whose value is no node's spelled-out members (a function's)
// still gets its instances.
func TestForEachElemsShared(t *testing.T) {
	src := `locals {
  teams = {
    beta  = "b"
    alpha = "a"
    "q\"x" = "q"
  }
}
resource "aws_iam_user" "u1" {
  for_each = local.teams
  name     = "${each.key}-${each.value}"
  key      = each.key
}
resource "aws_iam_user" "u2" {
  for_each = local.teams
  name     = "${each.key}-${each.value}"
  key      = each.key
}
resource "aws_iam_user" "u3" {
  for_each = tomap({ z = "1", y = "2" })
  name     = "${each.key}-${each.value}"
  key      = each.key
}
`
	mods, _ := evalSrc(t, src)
	type inst struct {
		addr, name string
		line, col  int
	}
	var got []inst
	for _, b := range mods[0].Blocks {
		k := b.Body.Attr("key")
		got = append(got, inst{b.Address, b.Body.Attr("name").Val.AsString(), k.Range.Start.Line, k.Range.Start.Column})
	}
	want := []inst{
		{`aws_iam_user.u1["alpha"]`, "alpha-a", 4, 5},
		{`aws_iam_user.u1["beta"]`, "beta-b", 3, 5},
		{`aws_iam_user.u1["q\"x"]`, "q\"x-q", 5, 5},
		{`aws_iam_user.u2["alpha"]`, "alpha-a", 4, 5},
		{`aws_iam_user.u2["beta"]`, "beta-b", 3, 5},
		{`aws_iam_user.u2["q\"x"]`, "q\"x-q", 5, 5},
		{`aws_iam_user.u3["y"]`, "y-2", 19, 14},
		{`aws_iam_user.u3["z"]`, "z-1", 19, 14},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d instances, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("instance %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}
