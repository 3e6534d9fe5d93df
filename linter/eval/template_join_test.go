package eval

import (
	"strings"
	"testing"
)

// A %{ for } directive whose text would be more than maxValueBytes is
// refused before it is joined, with its own located error: a thousand
// times a megabyte was joined (by hcl, or the located join), a gigabyte,
// "fatal error: out of memory" under a 3 GB limit, before the template
// holding it was checked.
func TestTemplateForJoinBounded(t *testing.T) {
	src := "locals {\n  s1 = \"" + strings.Repeat("abcdefghijklmnopqrstuvwxyz", 40) + "\"\n" + // 1,040 bytes
		"  s = join(\"\", [for i in range(1000) : local.s1])\n}\n" + // 1 MB
		"resource \"aws_iam_policy\" \"p\" {\n  v = \"%{ for x in range(100) }${local.s}%{ endfor }\"\n" +
		"  w = \"%{ for x in range(3) }${local.s1}%{ endfor }\"\n}\n"
	mods, diags, allocated := evalSrcAllocated(t, src)
	if !tooLargeAt(diags, 6, func(detail string) bool { return strings.Contains(detail, "%{ for }") }) {
		t.Errorf("no located Value too large error for the directive: %v", diags)
	}
	body := mods[0].Blocks[0].Body
	if v := body.Get("v"); v == nil || v.Val.IsKnown() {
		t.Errorf("v: %v, want unknown", v)
	}
	if w := body.Get("w"); w == nil || !w.Val.IsKnown() || len(w.Val.AsString()) != 3*1040 {
		t.Errorf("w: %v, want the three copies", w)
	}
	// The for's elements are made (a template a megabyte, within the
	// budget of strings), their join is not: 101 MiB, 631 before.
	if got := allocated; got > 200<<20 {
		t.Errorf("the evaluation allocated %d MiB, want less than 200", got>>20)
	}
}
