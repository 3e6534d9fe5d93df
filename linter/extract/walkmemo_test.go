package extract

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestScanBodiesLongListsOnce: a long list shared by the bodies of many
// instances (a local, a module's variable) is walked once by scanBodies,
// which finds the same credentials (at the same addresses: the first
// block's) and the same shapes as walking it in each body.
func TestScanBodiesLongListsOnce(t *testing.T) {
	res := loadFiles(t, map[string]string{"main.tf": `variable "u" {}
locals {
  l = concat(["AKIAIOSFODNN7EXAMPLE", "pre-${var.u}"], [for i in range(300) : "v${i}"])
}
resource "aws_s3_bucket" "b" {
  count = 3
  x     = local.l
  y     = { secret = local.l }
}
module "m" {
  source = "./m"
  count  = 2
  l      = local.l
}
`, "m/main.tf": `variable "l" {}
resource "aws_s3_bucket" "c" {
  x = var.l
}
`})
	var mods = res.Modules
	scan := func() (string, map[iam.Range]string) {
		shapes := map[iam.Range]string{}
		var out string
		for _, s := range scanBodies(mods, shapes) {
			out += fmt.Sprintf("%s %s %s %v\n", s.Kind, s.Address, s.Attribute, s.Range)
		}
		return out, shapes
	}
	memo, memoShapes := scan()
	defer func(n int) { minWalkMemo = n }(minWalkMemo)
	minWalkMemo = 1 << 30
	each, eachShapes := scan()
	if memo != each || !reflect.DeepEqual(memoShapes, eachShapes) {
		t.Errorf("once:\n%s%v\neach:\n%s%v", memo, memoShapes, each, eachShapes)
	}
	if memo == "" || len(memoShapes) == 0 {
		t.Errorf("nothing found: %q, %v", memo, memoShapes)
	}
}

// TestScanBodiesSharedOnce: jsonencode arguments and conditional branches
// shared by several nodes are walked once by scanBodies (at a depth), not
// once per path to them: 40 locals, each jsonencode([the one before,
// twice]) or c ? the one before : the one before with c unknown, are 2^40
// paths (red team 17: 60 of them ran past a minute).
func TestScanBodiesSharedOnce(t *testing.T) {
	src := "variable \"x\" {}\nvariable \"c\" { type = bool }\nlocals {\n  a0 = \"arn:${var.x}\"\n  j0 = \"arn:${var.x}\"\n"
	for i := 1; i <= 40; i++ {
		src += fmt.Sprintf("  a%d = var.c ? local.a%d : local.a%d\n  j%d = jsonencode([local.j%d, local.j%d])\n", i, i-1, i-1, i, i-1, i-1)
	}
	src += "}\nresource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n  tags = { a = local.a40, j = local.j40 }\n}\n"
	res := loadFiles(t, map[string]string{"main.tf": src})
	done := make(chan map[iam.Range]string)
	go func() {
		shapes := map[iam.Range]string{}
		scanBodies(res.Modules, shapes)
		done <- shapes
	}()
	select {
	case shapes := <-done:
		if len(shapes) == 0 {
			t.Errorf("no shape found")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("scanBodies still running after 20 s")
	}
}
