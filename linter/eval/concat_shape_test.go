package eval

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestConcatShape checks that a concat of tuple constructors and located
// tuples in a jsonencode argument is a tuple shape of their elements (no
// value built), that one it cannot take (an unknown argument) has its
// value, and that with concatShapes off the values are built as before
// (TestJSONShapesMatchValues compares the two ways on these and more).
func TestConcatShape(t *testing.T) {
	src := `
variable "u" {}
locals {
  fs = [for k in ["a", "b"] : { Sid = k, Effect = "Allow", Action = "s3:${k}", Resource = "*" }]
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({ Statement = concat([{ Effect = "Deny", Action = "*", Resource = "*" }], local.fs, []) })
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({ Statement = concat([{ Effect = "Deny", Action = "*", Resource = "*" }], var.u) })
}
`
	statement := func(mods []*Module, addr string) *Node {
		for _, b := range mods[0].Blocks {
			if b.Address == addr {
				return b.Body.Attr("policy").JSONArg().Attr("Statement")
			}
		}
		t.Fatalf("no %s", addr)
		return nil
	}
	for _, on := range []bool{true, false} {
		func() {
			defer func(old bool) { concatShapes = old }(concatShapes)
			concatShapes = on
			mods, _ := evalSrc(t, src)
			a, b := statement(mods, "aws_iam_policy.a"), statement(mods, "aws_iam_policy.b")
			if len(a.Elems) != 3 || !a.Elems[1].Attr("Sid").Val.RawEquals(cty.StringVal("a")) {
				t.Fatalf("concatShapes %v: statements %d", on, len(a.Elems))
			}
			if isShape(a) != on {
				t.Errorf("concatShapes %v: concat of constructors and a located tuple is a shape: %v", on, isShape(a))
			}
			if isShape(b) || b.Val.IsKnown() {
				t.Errorf("concatShapes %v: concat with an unknown argument: shape %v, value %#v", on, isShape(b), b.Val)
			}
			if txt := mods[0].Blocks[0].Body.Attr("policy").Value().AsString(); txt != `{"Statement":[{"Action":"*","Effect":"Deny","Resource":"*"},{"Action":"s3:a","Effect":"Allow","Resource":"*","Sid":"a"},{"Action":"s3:b","Effect":"Allow","Resource":"*","Sid":"b"}]}` {
				t.Errorf("concatShapes %v: text %s", on, txt)
			}
		}()
	}
}
