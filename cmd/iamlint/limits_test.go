package main

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "4194304": 4 << 20, "4MiB": 4 << 20, "4mb": 4 << 20, "512KiB": 512 << 10,
		"1G": 1 << 30, " 2 MiB ": 2 << 20, "100B": 100} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "x", "4TiB", "1.5MiB", "99999999999999999999"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
	// Too large says so (it said "invalid size", as "x" does).
	for _, in := range []string{"99999999999999999999", "9223372036854775807", "4611686018427387905", "4294967297GiB"} {
		if _, err := parseSize(in); err == nil || !strings.Contains(err.Error(), "is too large (at most 4611686018427387904 bytes") {
			t.Errorf("parseSize(%q): %v, want too large", in, err)
		}
	}
	for _, in := range []string{"-99999999999999999999", "x"} {
		if _, err := parseSize(in); err == nil || !strings.Contains(err.Error(), "invalid size") {
			t.Errorf("parseSize(%q): %v, want invalid size", in, err)
		}
	}
}

// TestLimitFlags runs the command with each resource limit set low enough to
// be hit: each gives a located error and exit status 2.
func TestLimitFlags(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `resource "aws_iam_user" "u" {
  count = 5
  name  = "u${count.index}"
}
module "a" {
  source = "./a"
}
`)
	write("a/main.tf", `module "b" {
  source = "./b"
}
`)
	write("a/b/main.tf", `resource "aws_iam_user" "b" { name = "b" }`)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-instances", "2"}, "main.tf:2:11: error: Too many instances"},
		{[]string{"--max-module-depth", "1"}, "Module nesting too deep"},
		{[]string{"--max-file-size", "10B"}, "main.tf:1:1: error: File too large"},
		{[]string{"--max-file-size", "1KiB"}, ""},
	} {
		var out, errb bytes.Buffer
		args := append(append([]string{"--format", "json"}, c.args...), filepath.Join(dir))
		code := run(args, nil, &out, &errb)
		if c.want == "" {
			if code != 0 {
				t.Errorf("%v: exit %d, stderr %s", c.args, code, errb.String())
			}
			continue
		}
		if code != exitError || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errb.String(), c.want)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"--max-instances", "0", dir}, nil, &out, &errb); code != exitError || !strings.Contains(errb.String(), "must be positive") {
		t.Errorf("--max-instances 0: exit %d, %s", code, errb.String())
	}
}

func TestGCPercentFor(t *testing.T) {
	for live, want := range map[uint64]int{0: 800, 1 << 20: 800, 128 << 20: 800, 256 << 20: 400, 512 << 20: 200,
		1 << 30: 100, 3 << 30: 100} {
		if got := gcPercentFor(live); got != want {
			t.Errorf("gcPercentFor(%d MiB) = %d, want %d", live>>20, got, want)
		}
	}
	// A run that lints no plan (estateGC): 512 MB of headroom.
	defer smallHeadroom.Store(smallHeadroom.Load())
	estateGC()
	for live, want := range map[uint64]int{0: 800, 64 << 20: 800, 128 << 20: 400, 256 << 20: 200, 384 << 20: 133,
		512 << 20: 100, 1 << 30: 100} {
		if got := gcPercentFor(live); got != want {
			t.Errorf("estateGC: gcPercentFor(%d MiB) = %d, want %d", live>>20, got, want)
		}
	}
}

// TestTuneGC: with GOGC unset the percent follows the live heap after each
// collection; with GOGC set it is left alone.
func TestTuneGC(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	tuneGC(func(string) string { return "50" })
	if p := debug.SetGCPercent(100); p != 100 {
		t.Fatalf("with GOGC set, tuneGC changed the percent to %d", p)
	}
	tuneGC(func(string) string { return "" })
	if p := debug.SetGCPercent(800); p != 800 {
		t.Fatalf("percent after tuneGC = %d, want 800 (empty heap)", p)
	}
	gcPercent.Store(1) // anything else: the next retune sets the percent again
	debug.SetGCPercent(100)
	before := gcRetunes.Load()
	deadline := time.Now().Add(10 * time.Second)
	for gcRetunes.Load() < before+2 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if gcRetunes.Load() < before+2 {
		t.Fatal("retuneGC did not run after collections")
	}
	if p := debug.SetGCPercent(100); p != int(gcPercent.Load()) || p < 100 || p > 800 {
		t.Errorf("percent after collections = %d, tuner says %d", p, gcPercent.Load())
	}
}

func TestGCPercentFloor(t *testing.T) {
	for _, c := range []struct {
		live, floor uint64
		want        int
	}{
		{0, 0, 800}, {512 << 20, 0, 200},
		{0, 800 << 20, 20000},       // before any collection: 4 MiB * 200
		{50 << 20, 800 << 20, 1500}, // 50 MiB live, goal 800 MiB
		{512 << 20, 600 << 20, 200}, // the tuner's goal is above the floor
		{1 << 30, 512 << 20, 100},   // a floor below the live heap: as usual
	} {
		if got := gcPercentFloor(c.live, c.floor); got != c.want {
			t.Errorf("gcPercentFloor(%d MiB, %d MiB) = %d, want %d", c.live>>20, c.floor>>20, got, c.want)
		}
	}
}

// TestPlanGC: a run with plans of planGCMin or more collects once the
// policies are extracted and then drops the heap floor; smaller runs, and
// runs with GOGC set, keep the progress callback as is.
func TestPlanGC(t *testing.T) {
	tuned := gcTuned.Load()
	defer gcTuned.Store(tuned)
	gcTuned.Store(false)
	var seen []string
	next := func(pr linter.Progress) { seen = append(seen, pr.Stage) }
	if f := planGC(1<<30, false, false, next); f == nil || gcFloor.Load() != 0 {
		t.Fatal("planGC without the tuner set a floor")
	}
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	gcTuned.Store(true)
	if planGC(planGCMin-1, false, false, next); gcFloor.Load() != 0 {
		t.Fatal("planGC set a floor for a small plan")
	}
	f := planGC(planGCMin, false, false, next)
	if gcFloor.Load() != planGCFactor*planGCMin {
		t.Fatalf("floor %d, want %d", gcFloor.Load(), planGCFactor*planGCMin)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gcs := ms.NumGC
	f(linter.Progress{Stage: "loaded"})
	f(linter.Progress{Stage: "extracted"})
	f(linter.Progress{Stage: "extracted"})
	runtime.ReadMemStats(&ms)
	if gcFloor.Load() != 0 || ms.NumGC == gcs {
		t.Errorf("after extraction: floor %d, %d collections", gcFloor.Load(), ms.NumGC-gcs)
	}
	if strings.Join(seen, ",") != "loaded,extracted,extracted" {
		t.Errorf("progress seen: %v", seen)
	}

	// With plans loaded: a collection when their values are dropped, then
	// a floor of the heap held (the load's) and a cap above it, for the
	// rest of the run; none at the end of extraction.
	seen = nil
	defer gcCap.Store(0)
	defer gcFloor.Store(0)
	f = planGC(planGCMin, false, false, next)
	runtime.ReadMemStats(&ms)
	gcs = ms.NumGC
	f(linter.Progress{Stage: "loaded"})
	// The load's values (garbage at the release): the collection frees
	// them; the memory held with them is the limit from then on.
	values := make([]byte, 64<<20)
	for i := range values {
		values[i] = 1
	}
	held, total := heapHeld(), memHeld() // values is garbage from here on
	oldLimit := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(oldLimit)
	defer relLimit.Store(0)
	f(linter.Progress{Stage: "released"})
	runtime.ReadMemStats(&ms)
	floor := gcFloor.Load()
	if floor <= 0 || float64(floor) > planReleaseFloor*float64(held)*1.05 || float64(floor) < planReleaseFloor*float64(held)*0.95 || ms.NumGC == gcs {
		t.Errorf("after release: floor %d (heap held before %d), %d collections", floor, held, ms.NumGC-gcs)
	}
	if l := debug.SetMemoryLimit(-1); l < int64(total)*95/100 || l > int64(total)*105/100 || l != relLimit.Load() {
		t.Errorf("after release: memory limit %d (release's %d), want the memory held before, %d", l, relLimit.Load(), total)
	}
	if gcCap.Load() != planReleasePercent {
		t.Errorf("after release: cap %d, want %d", gcCap.Load(), planReleasePercent)
	}
	gcs = ms.NumGC
	f(linter.Progress{Stage: "extracted"})
	runtime.ReadMemStats(&ms)
	if ms.NumGC != gcs {
		t.Errorf("a collection at the end of extraction after the release")
	}
	if gcFloor.Load() != floor {
		t.Errorf("after extraction: floor %d, want %d", gcFloor.Load(), floor)
	}
	runtime.GC() // later collections: the floor, or the cap above the live heap
	retuneGC()
	live := liveHeap()
	if want := int64(max(planReleasePercent, floorPercent(live, uint64(floor)))); gcPercent.Load() != want {
		t.Errorf("after a collection: percent %d, want %d (live %d, floor %d)", gcPercent.Load(), want, live, floor)
	}
	// A live heap near the release's limit raises it (no collection
	// after collection), never past the limit before it. (Retuned here
	// only: see gcTunerPaused.)
	pauseTuner(t)
	relLimit.Store(int64(live))
	debug.SetMemoryLimit(int64(live))
	runtime.GC()
	retuneGC()
	live = liveHeap()
	// (The limit at the live heap may start a collection of its own
	// between retuneGC's reading and this one: the live heap read here
	// may differ by what it freed, a few KB.)
	if l, want := debug.SetMemoryLimit(-1), min(int64(live+live/relLimitSlack)+relLimitRuntime, relLimitMax.Load()); l < want-64<<10 || l > want+64<<10 || relLimit.Load() != l {
		t.Errorf("a live heap of %d: memory limit %d (release's %d), want %d", live, l, relLimit.Load(), want)
	}
	// Near it again (a live heap that keeps growing: the findings): the
	// limit before the release is restored, the cap alone sets the goal.
	if relRaises.Load() != 1 {
		t.Errorf("%d raises of the release's limit, want 1", relRaises.Load())
	}
	relLimit.Store(int64(live))
	debug.SetMemoryLimit(int64(live))
	runtime.GC()
	retuneGC()
	if l := debug.SetMemoryLimit(-1); l != relLimitMax.Load() || relLimit.Load() != l {
		t.Errorf("a second raise: memory limit %d (release's %d), want the one before the release, %d", l, relLimit.Load(), relLimitMax.Load())
	}
	if strings.Join(seen, ",") != "loaded,released,extracted" {
		t.Errorf("progress seen: %v", seen)
	}

	// A plan piped on standard input: no floor (its size is unknown), the
	// collection at the release all the same.
	gcFloor.Store(0)
	if f = planGC(0, true, false, next); gcFloor.Load() != 0 {
		t.Errorf("floor %d for a piped plan", gcFloor.Load())
	}
	runtime.ReadMemStats(&ms)
	gcs = ms.NumGC
	f(linter.Progress{Stage: "released"})
	runtime.ReadMemStats(&ms)
	if ms.NumGC == gcs {
		t.Errorf("no collection at the release of a piped plan")
	}

	// GOMEMLIMIT set: the memory limit is the user's alone.
	userMemLimit.Store(true)
	defer userMemLimit.Store(false)
	relLimit.Store(0)
	debug.SetMemoryLimit(oldLimit)
	f = planGC(planGCMin, false, false, next)
	f(linter.Progress{Stage: "released"})
	if l := debug.SetMemoryLimit(-1); l != oldLimit {
		t.Errorf("GOMEMLIMIT set: memory limit %d after the release, want %d", l, oldLimit)
	}
}

// TestRelLimitFor: the release's limit is raised by an eighth of the live
// heap and relLimitRuntime the first time, lifted from the second on.
func TestRelLimitFor(t *testing.T) {
	for _, c := range []struct {
		live  uint64
		raise int64
		want  int64
	}{
		{0, 0, relLimitRuntime},
		{8 << 20, 0, 9<<20 + relLimitRuntime},
		{800 << 20, 0, 900<<20 + relLimitRuntime},
		{8 << 20, 1, math.MaxInt64},
		{800 << 20, 5, math.MaxInt64},
		{math.MaxUint64 / 2, 0, math.MaxInt64},
	} {
		if got := relLimitFor(c.live, c.raise); got != c.want {
			t.Errorf("relLimitFor(%d, %d) = %d, want %d", c.live, c.raise, got, c.want)
		}
	}
}

// TestGCAfterReleaseResetsRaises: every release starts with the first
// raise's eighth.
func TestGCAfterReleaseResetsRaises(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	defer relLimit.Store(0)
	defer gcCap.Store(0)
	defer gcFloor.Store(0)
	relLimit.Store(0)
	relRaises.Store(3)
	gcAfterRelease(1<<20, uint64(old)) // no lower limit: none to raise

	if relRaises.Load() != 0 {
		t.Errorf("raises %d after gcAfterRelease, want 0", relRaises.Load())
	}
}

func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func TestPlanBytes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, make([]byte, n), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	paths := []string{write("a.json", 10), write("b.JSON", 5), write("m.tf.json", 100), write("v.tfvars.json", 100),
		write("main.tf", 100), "-", filepath.Join(dir, "missing.json"), dir}
	if got := planBytes(paths, nil); got != 15 {
		t.Errorf("planBytes = %d, want 15", got)
	}
	f, err := os.Open(write("stdin.json", 7))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := planBytes([]string{"-"}, f); got != 7 {
		t.Errorf("planBytes of a file on standard input = %d, want 7", got)
	}
	if got := planBytes([]string{"-"}, strings.NewReader("{}")); got != 0 {
		t.Errorf("planBytes of a reader = %d, want 0", got)
	}

	// Standard input of unknown size (a pipe, a reader) is piped; a file
	// on standard input, or no "-", is not.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	for _, c := range []struct {
		paths []string
		stdin io.Reader
		want  bool
	}{
		{[]string{"-"}, pr, true},
		{[]string{"main.tf", "-"}, strings.NewReader("{}"), true},
		{[]string{"-"}, f, false},
		{[]string{"main.tf", "plan.json"}, pr, false},
	} {
		if got := pipedStdin(c.paths, c.stdin); got != c.want {
			t.Errorf("pipedStdin(%v, %T) = %v, want %v", c.paths, c.stdin, got, c.want)
		}
	}
}

// saveTuner restores, when t ends, the GC tuner's state (gcTuned, the GC
// percent, set to 100 here, the memory limit, returned, and relLimit,
// gcCap, gcFloor, zeroed) for the tests that run planGC.
func saveTuner(t *testing.T) (oldLimit int64) {
	t.Helper()
	tuned := gcTuned.Load()
	old := debug.SetGCPercent(100)
	oldLimit = debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		gcTuned.Store(tuned)
		debug.SetGCPercent(old)
		debug.SetMemoryLimit(oldLimit)
		relLimit.Store(0)
		gcCap.Store(0)
		gcFloor.Store(0)
	})
	return oldLimit
}

// TestPlanGCDocumented: a collection when the plans are loaded ("loaded",
// not for a streamed plan) and one when the first plan's documents are
// extracted ("documented"), while the load's floor holds (which it keeps);
// none for a second one, none after the release, none without a floor (a
// small plan, a piped one of unknown size).
func TestPlanGCDocumented(t *testing.T) {
	oldLimit := saveTuner(t)
	gcTuned.Store(true)
	var calls uint32
	oldGC := documentedGC
	defer func() { documentedGC = oldGC }()
	documentedGC = func() { calls++; runtime.GC() }
	gcs := func() uint32 { return calls }
	var seen []string
	next := func(pr linter.Progress) { seen = append(seen, pr.Stage) }
	f := planGC(planGCMin, false, false, next)
	n := gcs()
	f(linter.Progress{Stage: "loaded"})
	if gcs() == n {
		t.Error("no collection when the plans are loaded")
	}
	if gcFloor.Load() != planGCFactor*planGCMin {
		t.Errorf("floor %d after the load, want %d (the load's)", gcFloor.Load(), planGCFactor*planGCMin)
	}
	n = gcs()
	f(linter.Progress{Stage: "documented"})
	if gcs() == n {
		t.Error("no collection at the first plan's documents")
	}
	if gcFloor.Load() != planGCFactor*planGCMin {
		t.Errorf("floor %d after the documents, want %d (the load's)", gcFloor.Load(), planGCFactor*planGCMin)
	}
	n = gcs()
	f(linter.Progress{Stage: "documented"})
	if gcs() != n {
		t.Error("a collection at a second plan's documents")
	}
	f(linter.Progress{Stage: "released"})
	if strings.Join(seen, ",") != "loaded,documented,documented,released" {
		t.Errorf("progress seen: %v", seen)
	}

	// A piped plan of unknown size: no floor, no collection at its
	// documents (the release's only).
	gcFloor.Store(0)
	relLimit.Store(0)
	debug.SetMemoryLimit(oldLimit)
	f = planGC(0, true, false, nil)
	n = gcs()
	f(linter.Progress{Stage: "loaded"})
	f(linter.Progress{Stage: "documented"})
	if gcs() != n {
		t.Error("a collection at the load or the documents of a plan with no floor")
	}

	// A streamed plan: none at its load (extracted as it loads).
	gcFloor.Store(0)
	f = planGC(planGCMin, false, true, nil)
	n = gcs()
	f(linter.Progress{Stage: "loaded"})
	if gcs() != n {
		t.Error("a collection at the load of a streamed plan")
	}
}

// TestPlanGCDropped: once the plans' values are released, planGC collects
// when the model is dropped ("dropped", not handed on: not a stage of the
// progress line); not before the release, nor for a run it does not tune.
func TestPlanGCDropped(t *testing.T) {
	saveTuner(t)
	var calls int
	oldGC := droppedGC
	defer func() { droppedGC = oldGC }()
	droppedGC = func() { calls++ }
	var seen []string
	next := func(pr linter.Progress) { seen = append(seen, pr.Stage) }
	gcTuned.Store(false)
	planGC(1<<30, false, false, next)(linter.Progress{Stage: "dropped"})
	gcTuned.Store(true)
	f := planGC(planGCMin, false, false, next)
	f(linter.Progress{Stage: "loaded"})
	f(linter.Progress{Stage: "dropped"})
	if calls != 0 {
		t.Errorf("%d collections at \"dropped\" before the release", calls)
	}
	f(linter.Progress{Stage: "released"})
	f(linter.Progress{Stage: "extracted"})
	f(linter.Progress{Stage: "dropped"})
	if calls != 1 {
		t.Errorf("%d collections at \"dropped\" after the release, want 1", calls)
	}
	if got := strings.Join(seen, ","); got != "dropped,loaded,released,extracted" {
		t.Errorf("progress seen: %s (\"dropped\" handed on by planGC)", got)
	}
}

// TestPlanGCPlanned: a streamed plan's floor is planStreamFloor times its
// size until its structure is read ("planned"), then its size plus
// planStreamFloor-1 times its values (the bytes the stream builds), summed
// over the plans; "planned" is not passed on (no stage of the progress
// line), nor applied to a plan loaded whole or after the release.
func TestPlanGCPlanned(t *testing.T) {
	saveTuner(t)
	gcTuned.Store(true)
	var seen []string
	next := func(pr linter.Progress) { seen = append(seen, pr.Stage) }
	const mb = 1 << 20
	f := planGC(300*mb, false, true, next)
	if gcFloor.Load() != planStreamFloor*300*mb {
		t.Fatalf("streamed: floor %d, want %d", gcFloor.Load(), planStreamFloor*300*mb)
	}
	// All values (a plan that is all IAM): the floor it had.
	f(linter.Progress{Stage: "planned", PlanBytes: 100 * mb, PlanValues: 100 * mb})
	if gcFloor.Load() != planStreamFloor*300*mb {
		t.Errorf("all values: floor %d, want %d", gcFloor.Load(), planStreamFloor*300*mb)
	}
	// A fifth of the second plan's bytes are values.
	f(linter.Progress{Stage: "planned", PlanBytes: 200 * mb, PlanValues: 40 * mb})
	if want := int64(planStreamFloor*300*mb - (planStreamFloor-1)*160*mb); gcFloor.Load() != want {
		t.Errorf("a fifth values: floor %d, want %d", gcFloor.Load(), want)
	}
	// Nonsense is ignored; the floor never goes below the plans' size.
	f(linter.Progress{Stage: "planned", PlanBytes: 10 * mb, PlanValues: 20 * mb})
	f(linter.Progress{Stage: "planned", PlanBytes: 10 * mb, PlanValues: -1})
	if want := int64(planStreamFloor*300*mb - (planStreamFloor-1)*160*mb); gcFloor.Load() != want {
		t.Errorf("after odd reports: floor %d, want %d", gcFloor.Load(), want)
	}
	f(linter.Progress{Stage: "planned", PlanBytes: 1000 * mb})
	if gcFloor.Load() != 300*mb {
		t.Errorf("no values: floor %d, want the plans' size %d", gcFloor.Load(), 300*mb)
	}
	if len(seen) != 0 {
		t.Errorf("progress seen: %v", seen)
	}
	f(linter.Progress{Stage: "released"})
	floor := gcFloor.Load()
	f(linter.Progress{Stage: "planned", PlanBytes: 100 * mb})
	if gcFloor.Load() != floor {
		t.Errorf("planned after the release: floor %d, want %d", gcFloor.Load(), floor)
	}
	// A plan loaded whole: its floor stays.
	g := planGC(10*mb, false, false, next)
	g(linter.Progress{Stage: "planned", PlanBytes: 10 * mb})
	if gcFloor.Load() != planGCFactor*10*mb {
		t.Errorf("whole: floor %d, want %d", gcFloor.Load(), planGCFactor*10*mb)
	}
	if strings.Join(seen, ",") != "released" {
		t.Errorf("progress seen: %v", seen)
	}
}

// TestPlanBudget: plans whose budget (planBudgetNum/planBudgetDen times
// their size) is more than planBudgetMin lower the soft memory limit to it,
// under 3 times their size; the release keeps the limit before the budget
// as the one a second raise restores; smaller plans and GOMEMLIMIT leave
// the limit alone.
func TestPlanBudget(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	reset := func() {
		debug.SetMemoryLimit(old)
		relLimit.Store(0)
		relLimitMax.Store(0)
		relRaises.Store(0)
		budgeted.Store(false)
		userMemLimit.Store(false)
	}
	defer reset()
	pauseTuner(t)
	defer gcCap.Store(0)
	defer gcFloor.Store(0)
	const p200 = 209_717_381 // bench/gen -plan-mb 200
	if b := planBudget(p200); b >= 3*p200 || b < 275*p200/100 {
		t.Errorf("planBudget(%d) = %d, want 2.75-3 times", p200, b)
	}
	if b := planBudget(math.MaxInt64 / 2); b != math.MaxInt64 {
		t.Errorf("planBudget of a huge size = %d, want no budget", b)
	}

	// A 70 MB plan (p50): under planBudgetMin, no budget.
	reset()
	setPlanBudget(70 << 20)
	if l := debug.SetMemoryLimit(-1); l != old || relLimit.Load() != 0 || budgeted.Load() {
		t.Errorf("70 MB plan: limit %d (was %d), release's %d, budgeted %v", l, old, relLimit.Load(), budgeted.Load())
	}

	// GOMEMLIMIT set: the user's limit alone.
	reset()
	userMemLimit.Store(true)
	setPlanBudget(p200)
	if l := debug.SetMemoryLimit(-1); l != old || budgeted.Load() {
		t.Errorf("GOMEMLIMIT: limit %d, want %d", l, old)
	}

	// A limit already lower than the budget (a small machine): kept.
	reset()
	debug.SetMemoryLimit(300 << 20)
	setPlanBudget(p200)
	if l := debug.SetMemoryLimit(-1); l != 300<<20 || budgeted.Load() {
		t.Errorf("lower limit: %d, want %d", l, 300<<20)
	}

	// The 200 MB plan: the budget is the limit, held as the release's.
	reset()
	debug.SetMemoryLimit(8 << 30)
	setPlanBudget(p200)
	b := planBudget(p200)
	if l := debug.SetMemoryLimit(-1); l != b || relLimit.Load() != b || relLimitMax.Load() != 8<<30 || !budgeted.Load() {
		t.Errorf("p200: limit %d, release's %d, max %d, budgeted %v; want %d, %d, %d, true", l, relLimit.Load(), relLimitMax.Load(), budgeted.Load(), b, b, int64(8<<30))
	}
	// Raised a sixteenth above the live heap (not an eighth).
	if got, want := relLimitFor(1600<<20, 0), int64(1700<<20+relLimitRuntime); got != want {
		t.Errorf("budgeted relLimitFor = %d, want %d", got, want)
	}
	// The release, holding less than the budget: the budget stays the
	// limit, and the limit before it the one to restore.
	gcAfterRelease(100<<20, 200<<20)
	if l := debug.SetMemoryLimit(-1); l != b || relLimit.Load() != b || relLimitMax.Load() != 8<<30 {
		t.Errorf("after release: limit %d, max %d; want %d, %d", l, relLimitMax.Load(), b, int64(8<<30))
	}
	// A live heap over it: raised once, then lifted to the limit before
	// the budget.
	for range 2 {
		relLimit.Store(1 << 20)
		debug.SetMemoryLimit(1 << 20)
		retuneGC()
	}
	if l := debug.SetMemoryLimit(-1); l != 8<<30 || relLimit.Load() != 8<<30 {
		t.Errorf("after two raises: limit %d, want the one before the budget, %d", l, int64(8<<30))
	}
}

// pauseTuner stops the collector's cleanup from retuning until the test
// ends (gcTunerPaused), once a retuning under way is done.
func pauseTuner(t *testing.T) {
	retuneMu.Lock()
	gcTunerPaused.Store(true)
	retuneMu.Unlock()
	t.Cleanup(func() { gcTunerPaused.Store(false) })
}
