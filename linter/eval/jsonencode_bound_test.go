package eval

import (
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// jsonencode of a value within the bound of strings whose text is not (a
// string's escapes are up to six bytes a byte) is "Value too large" at the
// call, with the text not even made: jsonencode of 50 MB of control
// characters made a 300 MB text (1.6 GB of memory), refused only by the
// call that read it.
func TestJSONEncodeTextBounded(t *testing.T) {
	src := "locals {\n  c1 = join(\"\", [for i in range(1000) : \"\\u0001\"])\n" +
		"  c2 = join(\"\", [for i in range(1000) : local.c1])\n" + // 1 MB
		"  c3 = join(\"\", [for i in range(12) : local.c2])\n}\n" + // 12 MB: 72 MB of text
		"resource \"aws_iam_policy\" \"p\" {\n  v = jsonencode(local.c3)\n  w = jsonencode(local.c2)\n}\n"
	mods, diags, allocated := evalSrcAllocated(t, src)
	if !tooLargeAt(diags, 7, func(detail string) bool { return strings.HasPrefix(detail, "jsonencode:") }) {
		t.Errorf("no Value too large error at the jsonencode call: %v", diags)
	}
	body := mods[0].Blocks[0].Body
	if v := body.Get("v"); v == nil || v.Val.IsKnown() {
		t.Errorf("v: %v, want unknown", v)
	}
	if w := body.Get("w"); w == nil || !w.Val.IsKnown() || len(w.Val.AsString()) != 6*1000*1000+2 {
		t.Errorf("w: %v, want the 6 MB text", w)
	}
	if got := allocated; got > 150<<20 {
		t.Errorf("the evaluation allocated %d MiB, want less than 150", got>>20)
	}
}

// quotedMax is at least what appendJSONString writes.
func TestQuotedMax(t *testing.T) {
	for _, s := range []string{"", "abc", "\x01\n\"\\<>&", "\u2028\u2029", "é\u00e9", "\xff\xfe", strings.Repeat("\x00", 100)} {
		if got, want := quotedMax(s), len(appendJSONString(nil, s)); got < want {
			t.Errorf("quotedMax(%q) = %d, less than %d", s, got, want)
		}
	}
	if _, ok, over := appendJSONLimit(nil, cty.StringVal(strings.Repeat("\x01", 100)), 200); ok || !over {
		t.Errorf("a 600-byte text within 200: ok %v, over %v", ok, over)
	}
	if buf, ok, over := appendJSONLimit(nil, cty.StringVal(strings.Repeat("\x01", 10)), 200); !ok || over || len(buf) != 62 {
		t.Errorf("a 62-byte text within 200: %q, ok %v, over %v", buf, ok, over)
	}
}

// evalSrcAllocated is evalSrcDiags, and the bytes the evaluation allocated.
func evalSrcAllocated(t *testing.T, src string) ([]*Module, hcl.Diagnostics, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	mods, _, diags := evalSrcDiags(t, src)
	runtime.ReadMemStats(&after)
	return mods, diags, after.TotalAlloc - before.TotalAlloc
}

// tooLargeAt tells whether diags hold a "Value too large" error at line
// whose detail satisfies detail.
func tooLargeAt(diags hcl.Diagnostics, line int, detail func(string) bool) bool {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Summary == "Value too large" && detail(d.Detail) && d.Subject != nil && d.Subject.Start.Line == line {
			return true
		}
	}
	return false
}
