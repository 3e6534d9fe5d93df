package eval

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Functions whose result or work grows with their string argument far past
// what the argument weighs are refused before the call, located, with an
// unknown value: regexall("(.)", s) and split("", s) of a 10 MB string made
// ten million elements (1-3 GB, 8 to more than 30 s) before tooLarge refused
// the result, regex() of a pattern of 300 nested groups ran for more than 30
// s on it (Go's matcher steps through the pattern's instructions for each
// byte), and csvdecode of 200,000 columns and 30 rows took more than 30 s
// and 1 GB. What stays within the budgets is evaluated as before.
func TestRegexSplitCSVBounded(t *testing.T) {
	big := `join("", [for i in range(100) : local.s2])` // 10.4 MB
	nested := strings.Repeat("(", 300) + ".*" + strings.Repeat(")", 300)
	cols := `join(",", [for j in range(200) : replace(local.h1, "c", "d${j}_")])` // 200,000 columns
	rows := `[for i in range(30) : join(",", [for j in range(200) : local.h1])]`
	for _, tc := range []struct {
		name, expr, summary string
	}{
		{"regexall-groups", `regexall("(.)", ` + big + `)`, "Evaluation too large"},
		{"regexall-empty", `regexall("", ` + big + `)`, "Value too large"},
		{"split-empty", `split("", ` + big + `)`, "Value too large"},
		{"regex-nested", `regex("` + nested + `", ` + big + `)`, "Evaluation too large"},
		{"replace-regex", `replace(` + big + `, "/x*/", local.s1)`, "Evaluation too large"},
		{"csvdecode-wide", `csvdecode(join("\n", concat([` + cols + `], ` + rows + `)))`, "Evaluation too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "locals {\n  s1 = \"" + strings.Repeat("abcdefghijklmnopqrstuvwxyz", 4) + "\"\n" +
				"  s2 = join(\"\", [for i in range(1000) : local.s1])\n" +
				"  h1 = join(\",\", [for i in range(1000) : \"c${i}\"])\n}\n" +
				"resource \"aws_iam_policy\" \"p\" {\n  v = " + tc.expr + "\n}\n"
			start := time.Now()
			var mods []*Module
			var diags hcl.Diagnostics
			// A hang guard, not a speed check: the budgets stop it in about
			// 4 s on an idle machine; a shared one under load may be
			// several times slower.
			if !returnsWithin(120*time.Second, func() { mods, _, diags = evalSrcDiags(t, src) }) {
				t.Fatalf("still evaluating after 120 s")
			}
			found := false
			for _, d := range diags {
				if d.Severity == hcl.DiagError && d.Summary == tc.summary && d.Subject != nil && d.Subject.Start.Line == 7 {
					found = true
				}
			}
			if !found {
				t.Errorf("no %q error at line 7: %v", tc.summary, diags)
			}
			if v := mods[0].Blocks[0].Body.Get("v"); v == nil || v.Val.IsKnown() {
				t.Errorf("v: %v, want unknown", v)
			}
			t.Logf("%v", time.Since(start))
		})
	}
}

// returnsWithin reports whether f returns within d (f keeps running
// otherwise).
func returnsWithin(d time.Duration, f func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// The estimates refuse what is too large and no more: the result of a call
// they let through is within maxValueBytes, and regexWork counts the bytes
// times the instructions of the pattern.
func TestResultTooLargeSplitRegexCSV(t *testing.T) {
	mb := cty.StringVal(strings.Repeat("ab,\n", 1<<18)) // 1 MiB: 262,144 lines of 2 fields
	small := cty.StringVal(strings.Repeat("ab,\n", 1000))
	for _, tc := range []struct {
		name string
		vals []cty.Value
		big  bool
	}{
		{"split", []cty.Value{cty.StringVal(""), mb}, true},
		{"split", []cty.Value{cty.StringVal(","), mb}, false},
		{"split", []cty.Value{cty.StringVal(""), small}, false},
		{"regexall", []cty.Value{cty.StringVal("(.)"), mb}, true},
		{"regexall", []cty.Value{cty.StringVal("a(b)"), mb}, false},
		{"regexall", []cty.Value{cty.StringVal("x"), mb}, false},
		{"regexall", []cty.Value{cty.StringVal("(.)"), small}, false},
		{"regexall", []cty.Value{cty.StringVal("("), mb}, false}, // the call says what is wrong
		{"csvdecode", []cty.Value{cty.StringVal(strings.Repeat("ab,\n", 1<<19))}, true},
		{"csvdecode", []cty.Value{cty.StringVal("a,b\n" + strings.Repeat("1,2\n", 1000))}, false},
	} {
		if got := resultTooLarge(tc.name, tc.vals); got != tc.big {
			t.Errorf("%s(%.20q...): too large = %v, want %v", tc.name, tc.vals[0].AsString(), got, tc.big)
		}
		if !tc.big {
			v, err := Functions()[tc.name].Call(tc.vals)
			if err == nil && stringBytes(v, maxValueBytes) > maxValueBytes {
				t.Errorf("%s: result of %d bytes passed", tc.name, stringBytes(v, maxValueBytes))
			}
		}
	}
	if w, insts, n := regexWork("regex", []cty.Value{cty.StringVal("a.*z"), cty.StringVal("abc")}); insts < 4 || n != 3 || w != int64(4*insts*regexUnits) {
		t.Errorf("regexWork: %d, %d instructions, %d bytes", w, insts, n)
	}
	if w, _, _ := regexWork("replace", []cty.Value{cty.StringVal("abc"), cty.StringVal("b"), cty.StringVal("x")}); w != 0 {
		t.Errorf("replace of a string: work %d, want 0", w)
	}
	if w, _, n := regexWork("replace", []cty.Value{cty.StringVal("abc"), cty.StringVal("/b+/"), cty.StringVal("x")}); w == 0 || n != 3 {
		t.Errorf("replace of a pattern: work %d, %d bytes", w, n)
	}
}
