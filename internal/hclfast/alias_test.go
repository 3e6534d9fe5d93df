package hclfast

import (
	"testing"
	"unsafe"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestNamesShareSource checks what ParseConfig's doc promises its callers:
// the names and literals of the tree are substrings of src, not of a copy,
// so a caller must never reuse or change the buffer it parsed (a pooled
// read buffer would rewrite every name of the trees parsed from it).
func TestNamesShareSource(t *testing.T) {
	src := []byte("resource \"aws_iam_policy\" \"p\" {\n  name = \"lit\"\n}\n")
	f := ParseConfig(src, "main.tf")
	if f == nil {
		t.Fatal("not parsed by the fast path")
	}
	body := f.Body.(*hclsyntax.Body)
	b := body.Blocks[0]
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(src)))
	hi := lo + uintptr(len(src))
	within := func(what, s string) {
		t.Helper()
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		if p < lo || p+uintptr(len(s)) > hi {
			t.Errorf("%s %q is not a substring of src", what, s)
		}
	}
	within("block type", b.Type)
	within("label", b.Labels[0])
	for name := range b.Body.Attributes {
		within("attribute name", name)
	}
	if string(f.Bytes) != string(src) || unsafe.SliceData(f.Bytes) != unsafe.SliceData(src) {
		t.Error("File.Bytes is not src")
	}
}
