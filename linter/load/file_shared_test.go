package load

import (
	"strings"
	"testing"
	"unsafe"
)

// file() makes one string per file, shared by every call: a file() in a
// for expression copied the file each time (1,000 calls of a 1 MB file took
// 1 GB; 200,000 ran out of memory).
func TestFileValueShared(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "big.txt", strings.Repeat("policy text ", 20000))
	write(t, dir, "main.tf", `
locals {
  l = [for i in range(1000) : file("${path.module}/big.txt")]
}
resource "aws_iam_user" "u" {
  tags = {
    a = local.l[0]
    b = local.l[999]
    c = file("${path.module}/big.txt")
  }
}`)
	res := load(t, Options{Paths: []string{dir}})
	tags := block(t, res, "aws_iam_user.u").Body.Attr("tags").AttrMap()
	a, b, c := tags["a"].Val.AsString(), tags["b"].Val.AsString(), tags["c"].Val.AsString()
	if len(a) != 240000 || a != b || a != c {
		t.Fatalf("file() values: %d, %d, %d bytes", len(a), len(b), len(c))
	}
	if unsafe.StringData(a) != unsafe.StringData(b) || unsafe.StringData(a) != unsafe.StringData(c) {
		t.Error("each file() call made its own copy of the file")
	}
}
