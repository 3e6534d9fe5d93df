package eval

import (
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/cputime"
)

// bigListLocal is a local of n*1000 short strings ("0" to "999", n times),
// built within the budgets (range() makes at most 1,024 numbers).
func bigListLocal(name string, n int) string {
	return "  " + name + ` = split(",", join(",", [for i in range(` + strconv.Itoa(n) + `) : join(",", formatlist("%d", range(1000)))]))` + "\n"
}

// errorAt tells whether diags hold an error of summary at line.
func errorAt(diags hcl.Diagnostics, summary string, line int) bool {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Summary == summary && d.Subject != nil && d.Subject.Start.Line == line {
			return true
		}
	}
	return false
}

// A call's arguments are counted even when they hold no elements, and the
// functions whose result type unifies their arguments' types (cty compares
// each type with each) count the pairs: max(local.numbers...) of 240,000
// numbers counted nothing (1,000 such calls in a for expression: 74 CPU
// s), coalesce(local.strings...) of 32,000 took 12 s and setunion of 2,000
// one-element sets 12 s (each step sorts the union so far), none of them
// counted.
func TestCallCostArguments(t *testing.T) {
	nums := make([]cty.Value, 240_000)
	for i := range nums {
		nums[i] = cty.NumberIntVal(int64(i))
	}
	if c := callCost(Functions()["max"], "max", nums, maxCallWork); c < elemUnits*int64(len(nums)) {
		t.Errorf("max of %d numbers: cost %d, want at least %d", len(nums), c, elemUnits*int64(len(nums)))
	}
	strs := make([]cty.Value, 32_000)
	for i := range strs {
		strs[i] = cty.StringVal("s" + strconv.Itoa(i))
	}
	if c := callCost(Functions()["coalesce"], "coalesce", strs, maxCallWork); c <= maxCallWork {
		t.Errorf("coalesce of %d strings: cost %d, want past %d", len(strs), c, maxCallWork)
	}
	sets := make([]cty.Value, 2_000)
	for i := range sets {
		sets[i] = cty.SetVal([]cty.Value{cty.StringVal("s" + strconv.Itoa(i))})
	}
	if c := callCost(Functions()["setunion"], "setunion", sets, maxCallWork); c <= maxCallWork {
		t.Errorf("setunion of %d sets: cost %d, want past %d", len(sets), c, maxCallWork)
	}
	// Few arguments cost what they did, give or take a few units each.
	two := []cty.Value{cty.StringVal("a"), cty.StringVal("b")}
	if c := callCost(Functions()["coalesce"], "coalesce", two, maxCallWork); c > 4*argUnits+10 {
		t.Errorf("coalesce of two strings: cost %d", c)
	}
}

// The same through the evaluator: the call is refused, located, and
// unknown.
func TestManyArgumentsBounded(t *testing.T) {
	for _, tc := range []struct{ name, expr string }{
		{"coalesce", `coalesce(local.big...)`},
		{"setunion", `setunion([for s in slice(local.big, 0, 3000) : toset([s])]...)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "locals {\n" + bigListLocal("big", 40) + "}\n" +
				"resource \"aws_iam_policy\" \"p\" {\n  v = " + tc.expr + "\n}\n"
			mods, _, diags := evalSrcDiags(t, src)
			if !errorAt(diags, "Evaluation too large", 5) {
				t.Errorf("no Evaluation too large error at line 5: %v", diags)
			}
			if v := mods[0].Blocks[0].Body.Get("v"); v == nil || v.Val.IsKnown() {
				t.Errorf("v is known, want unknown")
			}
		})
	}
}

// cpuBounded runs f and reports whether it returned before using limit of
// the process's CPU time (f keeps running otherwise): a guard against
// runaway work that a loaded machine does not fake.
func cpuBounded(t *testing.T, limit time.Duration, f func()) bool {
	t.Helper()
	done := make(chan struct{})
	start := cputime.Used()
	go func() {
		defer close(done)
		f()
	}()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			t.Logf("%v CPU", cputime.Used()-start)
			return true
		case <-tick.C:
			if cputime.Used()-start > limit {
				return false
			}
		}
	}
}

// Once the budget of calls is spent, a call is unknown before its
// arguments are walked again (tooLargeArgs, uncounted): 1,000 calls of
// contains() on a list of 240,000 strings in a for expression walked it
// each time, 43 CPU s, 38 of them once the budget was spent at the 26th
// call (about 50 ms a call); 20,000 such calls would take 15 minutes.
func TestCallsPastBudgetBounded(t *testing.T) {
	src := "locals {\n" + bigListLocal("big", 240) +
		// The first element spends the budget at once (the pairs of
		// coalesce's arguments), the others are calls past it.
		"  x = [for i, s in slice(local.big, 0, 20000) : i == 0 ? coalesce(local.big...) : contains(local.big, \"x\")]\n}\n" +
		"resource \"aws_iam_policy\" \"p\" {\n  v = local.x\n}\n"
	var mods []*Module
	var diags hcl.Diagnostics
	if !cpuBounded(t, 60*time.Second, func() { mods, _, diags = evalSrcDiags(t, src) }) {
		t.Fatal("still evaluating after 60 s of CPU")
	}
	if !errorAt(diags, "Evaluation too large", 3) {
		t.Errorf("no Evaluation too large error at line 3: %v", diags)
	}
	if v := mods[0].Blocks[0].Body.Get("v"); v == nil || v.Val.IsWhollyKnown() {
		t.Errorf("v is wholly known, want unknown parts")
	}
}

// jsonencode's texts count in the budgets of strings and calls, as a
// function's result does: written outside callFunc, they were counted in
// neither, and a for expression of 1,000 calls each wrote the 1.7 MB text
// of the same list of 240,000 strings (60 CPU s, 2.7 GB), by each of the
// three ways jsonencode writes (a value, a shape, a short text).
func TestJSONEncodeTextsCounted(t *testing.T) {
	for _, tc := range []struct {
		name, expr string
		n          int // thousands of elements of local.big
	}{
		{"value", `jsonencode(local.big)`, 240},
		{"shape", `jsonencode({ a = local.big })`, 240},
		{"short", `jsonencode(local.big)`, 100}, // under maxShortJSON
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "locals {\n" + bigListLocal("big", tc.n) +
				"  x = [for i in range(200) : " + tc.expr + "]\n}\n" +
				"resource \"aws_iam_policy\" \"p\" {\n  v = local.x\n}\n"
			mods, diags, alloc := evalSrcAllocated(t, src)
			t.Logf("%d MiB allocated", alloc>>20)
			if !errorAt(diags, "Evaluation too large", 3) {
				t.Errorf("no Evaluation too large error at line 3: %v", diags)
			}
			if v := mods[0].Blocks[0].Body.Get("v"); v == nil || v.Val.IsWhollyKnown() {
				t.Errorf("v is wholly known, want unknown parts")
			}
		})
	}
}
