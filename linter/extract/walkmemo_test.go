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

// TestScanBodiesSharedObjectsOnce: objects shared by many nodes (each local
// an object of the one before, twice) are walked once by scanBodies past
// maxPlainVisits nodes, and what it finds is what walking every path finds:
// the same credentials at the same addresses and the same shapes. 12
// levels repeated by a dynamic block of 40 instances: the walk of every
// path visits 40 x 2^12 leaves; with the objects remembered, each level is
// walked once at each depth it is reached at.
func TestScanBodiesSharedObjectsOnce(t *testing.T) {
	src := "variable \"u\" {}\nvariable \"c\" { type = bool }\nlocals {\n  a0 = { k = \"AKIAIOSFODNN7EXAMPLE\", p = \"pre-${var.u}\", s = \"plain\" }\n"
	for i := 1; i <= 12; i++ {
		src += fmt.Sprintf("  a%d = { l = local.a%d, r = local.a%d }\n", i, i-1, i-1)
	}
	src += `}
resource "aws_iam_user" "u" {
  name = "u"
  tags = { secret = local.a12, c = var.c ? local.a12 : { z = "other-${var.u}" } }
  dynamic "x" {
    for_each = range(40)
    content {
      v = local.a12
      c = var.c ? { z = "else-${var.u}" } : local.a12
    }
  }
}
`
	res := loadFiles(t, map[string]string{"main.tf": src})
	scan := func() (string, map[iam.Range]string, int) {
		shapes := map[iam.Range]string{}
		var out string
		found, visits := scanBodiesCounted(res.Modules, shapes)
		for _, s := range found {
			out += fmt.Sprintf("%s %s %s %v\n", s.Kind, s.Address, s.Attribute, s.Range)
		}
		return out, shapes, visits
	}
	defer func(n int) { maxPlainVisits = n }(maxPlainVisits)
	maxPlainVisits = 1 << 30
	each, eachShapes, eachVisits := scan()
	maxPlainVisits = 0
	once, onceShapes, onceVisits := scan()
	if once != each || !reflect.DeepEqual(onceShapes, eachShapes) {
		t.Errorf("once:\n%s%v\neach:\n%s%v", once, onceShapes, each, eachShapes)
	}
	forms := map[string]bool{}
	for _, f := range onceShapes {
		forms[f] = true
	}
	for _, f := range []string{"pre-*", "other-*", "else-*"} {
		if !forms[f] {
			t.Errorf("no shape %q found (a conditional's branches are walked besides an object seen before): %v", f, onceShapes)
		}
	}
	if once == "" || len(onceShapes) == 0 {
		t.Errorf("nothing found: %q, %v", once, onceShapes)
	}
	if eachVisits < 40<<12 || onceVisits > 20000 {
		t.Errorf("nodes walked: %d with objects remembered, %d without (want under 20,000 and over %d)", onceVisits, eachVisits, 40<<12)
	}
}
