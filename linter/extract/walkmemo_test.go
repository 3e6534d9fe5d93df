package extract

import (
	"fmt"
	"reflect"
	"testing"

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
