package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/iamlint/iamlint/linter"
)

// sizeFlag is a byte count: 4194304, 4MiB, 512KiB, 1GiB (also K, M, G, KB,
// MB, GB, all powers of 1024). 0 means the default.
type sizeFlag int64

func (s *sizeFlag) String() string {
	if *s == 0 {
		return ""
	}
	return strconv.FormatInt(int64(*s), 10)
}

func (s *sizeFlag) Set(v string) error {
	n, err := parseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

func parseSize(v string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10},
		{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err == nil && n > (1<<62)/mult || errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(t, "-") {
		// A number too large said "invalid size", as "x" does.
		return 0, fmt.Errorf("size %q is too large (at most %d bytes, 4 EiB)", v, int64(1)<<62)
	}
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q (want bytes, or a number with KiB, MiB or GiB)", v)
	}
	return n * mult, nil
}

// tuneGC sets how often the collector runs from the live heap, as the run
// goes: a heap goal of at most gcHeadroom above the live heap, between
// GOGC=800 (a small scan: a lint run allocates a lot of short-lived parse
// data, about 60% of it the HCL parser's, and exits soon after) and GOGC=100
// (a scan whose evaluated model is gigabytes: RSS stays within about twice
// the live heap). The percent is revised after every collection. GOGC in the
// environment wins; GOMEMLIMIT applies as usual.
//
// Measured on 2 shared (noisy) CPUs: ../shared/corpus/real, GC CPU from
// runtime/metrics 0.39 s -> 0.07 s per run, peak RSS about 150 MB -> 200 MB;
// a 10,000-file estate (2.4 GB live at the end) peaked at 9.1 GB RSS with
// GOGC=200 and peaks at 5.6 GB. Runs that lint plans also follow planGC.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" {
		return
	}
	gcTuned.Store(true)
	userMemLimit.Store(getenv("GOMEMLIMIT") != "")
	gcPercent.Store(int64(gcPercentFor(0)))
	debug.SetGCPercent(gcPercentFor(0))
	gcTunerOnce.Do(armGCTuner)
}

// gcHeadroom is the most the heap may grow past the live heap between two
// collections, while GOGC stays above 100; estateHeadroom instead in a run
// that lints no plan (estateGC).
const (
	gcHeadroom     = 1 << 30
	estateHeadroom = 512 << 20
)

// estateGC is called by main for a run that lints no plan (no plan path, no
// piped standard input): from then on the tuner's headroom is
// estateHeadroom. Such a run allocates gigabytes of short-lived parse and
// evaluation data through a heap that is never bigger than its goal, and the
// first write to each page of that heap is a page fault whose cost (the
// kernel clearing the page, on this virtual machine 17% of the CPU samples
// of a 10,000-file estate) counts as much as the collector's marking. A
// dense 10,000-file estate (bench/gen -files 10000; CLI json, 2 shared CPUs
// at load 6-13, 9 runs against 8 of main 3a10718, alternated): peak RSS
// 1.59-1.75 GB -> 1.34-1.48 GB, page faults 375-421k -> 317-352k,
// collections 9-10 -> 11, CPU user+sys 16.9-21.9 s (median 19.1) ->
// 15.8-21.3 s (median 17.8), within the noise; the real-density one
// (bench/m10k, 3 pairs): 1.16-1.32 GB -> 1.00-1.09 GB, user+sys 5.7-7.2 s
// -> 5.4-8.8 s. With 1.5 GB, 7-8 collections for 2.14-2.19 GB of RSS and the
// same CPU. Transparent huge pages for the whole heap (hugeHeap, 2 GB) cut
// the faults to 14k but not the system time (3.3 -> 5.0-5.5 s): the cost
// is the clearing of the bytes, not the count of faults. (Measured
// again at session 27, 1.5 GB of huge pages cost less CPU than 256 MB,
// system time included: see hugeHeap.) Plans keep
// gcHeadroom (their policy is planGC's). Runs whose live heap stays below
// estateHeadroom/8 (64 MB: ../shared/corpus/real, a pre-commit hook) are
// at the 800% cap either way.
//
// 768 MB -> 512 MB (session 27), once the heap was on huge pages
// (hugeHeap): its faults cost less, the collections the same, and a smaller
// heap the same CPU for less memory. Run at the same time as the 768 MB
// build (4 pairs each, each first in half), load 2-6: the dense 10,000-file
// estate CPU user+sys 11.7-14.0 s (mean 12.71) against 12.0-13.8 s (mean
// 12.76), peak RSS 1.26-1.29 GB -> 1.01-1.05 GB; bench/m10k 4.07-4.51 s
// (mean 4.24) against 3.94-4.50 s (4.23), 1.01-1.04 GB -> 0.74-0.78 GB;
// ../shared/corpus/real the same (live heap 29 MB, at the cap). 1 GB gave
// the same CPU again (4 pairs: 11.5-14.6 s against 11.5-14.8 s) at 1.52-1.56
// GB. Measured again at session 31 with every run started after a
// 4-second pause (PAUSE=4 bench/compare.sh, 6 rounds each, the dense
// estate), where first touches cost most: 256 MB against 512 MB, peak RSS
// 1021 -> 860 MB but wall and CPU 6-7% more (25 collections instead of
// 14); 384 MB, 1032 -> 908 MB and the same time (ratios 0.98 and 0.99).
// The peak is set by the findings and summaries the run holds at its end,
// not by the headroom alone.
func estateGC() {
	smallHeadroom.Store(true)
	if gcTuned.Load() {
		retuneGC()
	}
}

// smallHeadroom says the headroom is estateHeadroom (estateGC).
var smallHeadroom atomic.Bool

// headroom is the tuner's headroom: gcHeadroom, or estateHeadroom after
// estateGC.
func headroom() uint64 {
	if smallHeadroom.Load() {
		return estateHeadroom
	}
	return gcHeadroom
}

// gcPercentFor returns the GC percent for a live heap of live bytes:
// 100*headroom()/live, within [100, 800].
//
// (Runs that lint no plan once had a 2 GB headroom (the first estateGC):
// their live heap grew with the model of every root until the rules ran.
// Each root is now linted as it is extracted and the model dropped (linter
// lintRoots): on a 10,000-file estate, 1 GB of headroom gave the same CPU,
// 28.6 s against 29.3 s, at 1.84 GB of RSS against 2.99 GB; then 768 MB,
// now 512 MB, estateGC.)
func gcPercentFor(live uint64) int {
	if live == 0 {
		return 800
	}
	return int(min(800, max(100, 100*headroom()/live)))
}

// gcPercentFloor is gcPercentFor(live), raised so that the heap goal is at
// least floor bytes. Before the first collection (live 0) the goal is the
// runtime's minimum heap, 4 MiB times the percent over 100.
func gcPercentFloor(live, floor uint64) int {
	return max(gcPercentFor(live), floorPercent(live, floor))
}

// floorPercent is the GC percent that makes the heap goal floor bytes for
// a live heap of live bytes (0 when no floor).
func floorPercent(live, floor uint64) int {
	switch {
	case floor == 0:
	case live == 0:
		return int(min(floor/(4<<20)*100, 1<<20))
	case floor > live:
		return int(min(100*(floor-live)/live, 1<<20))
	}
	return 0
}

var (
	gcTuned    atomic.Bool  // tuneGC is in charge (GOGC unset)
	gcFloor    atomic.Int64 // heap goal below which the tuner does not collect (planGC)
	gcPercent  atomic.Int64 // the percent tuneGC set last
	gcRetunes  atomic.Int64 // collections seen by retuneGC
	gcCap      atomic.Int64 // the most GC percent until collection gcCapCycle is done (planGC)
	gcCapCycle atomic.Int64
	// relLimit is the soft memory limit gcAfterRelease set (0: none), below
	// relLimitMax, the limit in force before; userMemLimit says GOMEMLIMIT
	// is set (then the limit is the user's alone).
	relLimit     atomic.Int64
	relLimitMax  atomic.Int64
	relRaises    atomic.Int64 // times retuneGC raised relLimit since the release
	userMemLimit atomic.Bool
	gcTunerOnce  sync.Once
	retuneMu     sync.Mutex // retuneGC's
	// gcTunerPaused stops the collector's cleanup from retuning (for the
	// tests that call retuneGC themselves: a retuning by the cleanup of an
	// earlier collection, running late, raised the limit a second time,
	// TestPlanGC failing 4-5 runs in 15-30). Set with retuneMu held.
	gcTunerPaused atomic.Bool
)

// gcSentinel is garbage the collector finds at its next cycle: its cleanup
// revises the GC percent and makes a new one.
type gcSentinel struct{ _ [64]byte }

func armGCTuner() {
	runtime.AddCleanup(new(gcSentinel), func(struct{}) {
		retuneMu.Lock()
		if !gcTunerPaused.Load() {
			retuneLocked()
		}
		retuneMu.Unlock()
		armGCTuner()
	}, struct{}{})
}

// retuneGC sets the GC percent for the live heap of the last collection.
func retuneGC() {
	// One at a time: the collector's cleanup and planGC's stages call it
	// from different goroutines.
	retuneMu.Lock()
	defer retuneMu.Unlock()
	retuneLocked()
}

// retuneLocked is retuneGC, retuneMu held.
func retuneLocked() {
	gcRetunes.Add(1)
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := s[0].Value.Uint64()
	p := int64(gcPercentFor(live))
	if c := gcCap.Load(); c > 0 && s[1].Value.Kind() == metrics.KindUint64 && s[1].Value.Uint64() <= uint64(gcCapCycle.Load()) {
		p = min(p, c)
	}
	// The floor wins over the cap (a streamed plan has both while it
	// loads; otherwise they are never set together).
	p = max(p, int64(floorPercent(live, uint64(max(0, gcFloor.Load())))))
	if l := relLimit.Load(); l > 0 && relLimitFor(live, 0) > l {
		// The live heap nears the release's limit: raised, so that
		// the collector does not run over and over.
		l = min(relLimitFor(live, relRaises.Add(1)-1), relLimitMax.Load())
		relLimit.Store(l)
		debug.SetMemoryLimit(l)
	}
	if gcPercent.Swap(p) != p {
		debug.SetGCPercent(int(p))
	}
}

// planStreamGCPercent is the most GC percent while a streamed plan loads
// (planGC), above a heap of planStreamFloor times the plan's size (no
// collection below it: p50 4 collections -> 2 while it loads, about 0.2 s
// of CPU less, peak the same). 50, not 100: past the floor the stream's
// live heap is most of the heap (the 200 MB bench plan: 470-520 MB of a
// 600 MB floor), and at 100 its heap grew to 730 MB by the release without
// another collection, the run's peak; at 50 one more collection in the
// stream, peak RSS 770-788 -> 750-764 MB (3 alternated pairs, load 12-15,
// CPU within the noise: user+sys 12.4-13.7 s against 13.1-13.3 s).
const (
	planStreamGCPercent = 50
	planStreamFloor     = 3
)

// planGCMin is the plan size (bytes) from which planGC applies.
const planGCMin = 1 << 20

// planGCFactor is the heap, in times the plan size, that the loading and
// extraction of a plan may reach before a collection: p50 (bench/gen, 50 MB)
// allocates about 14 times its size before the rules run.
const planGCFactor = 16

// planGC is the collector's policy for a run that lints big plans: no
// collection while the plans are loaded and their policies extracted (up to
// a heap of planGCFactor times their size, then the tuner as usual), one
// collection when the plans' values are dropped (Progress stage "released":
// the live heap is then the plan bytes, the policy texts and the graph,
// before the policies are parsed), and from then on a heap goal no lower
// than the heap the load took (gcAfterRelease). Loading keeps the
// values of every resource until they are extracted, so a collection in
// the middle finds most of the heap alive (and marks it, about a CPU second
// per 500 MB) and then sets a goal from that live heap. Collected when the
// values are dropped instead, the parsed policies fill the memory the values
// held.
//
// Measured (2 shared CPUs), the first version (one collection at
// "extracted"): p50 (bench/gen, 50 MB) two collections (at 50 MB, of the
// plan bytes, and at 450 MB in the middle of extraction) -> one, peak RSS
// 1.03 GB -> 0.83 GB, CPU unchanged within the noise; p200 four collections
// -> one, 4.0 GB -> 3.3 GB, CPU 32 s -> 28 s; p5 one collection either way,
// 120 MB -> 96 MB. With "released" (policies parsed after the values are
// dropped, extract.SpacesDeferred) and a goal at the end of extraction: p50 626 MB of
// heap at the one collection -> 389 MB and 451 MB at two, peak RSS 693 MB
// -> 567 MB, page faults 173k -> 143k, CPU the same within the noise; p5
// 80 MB -> 73 MB. A run whose plans report no "released" (none loaded)
// collects at "extracted" as before. (The goal at "extracted" was replaced
// by gcAfterRelease: see there.)
//
// planBytes is the total size of the plan files; piped says that standard
// input, of a size unknown until it is read, may be a plan (terraform show
// -json | iamlint -): then the floor waits for its size (pipedPlanRead),
// and the collection at "released" and the goal after it apply (p50
// piped: peak RSS 956 MB without them). It returns the progress callback to
// use (next, wrapped).
//
// One more collection is made when the documents of the first plan are
// extracted (Progress stage "documented", plans extracted whole, while
// their floor holds), before the graph is linked to them: the garbage of
// the load (the records of the values to build, 9 MB for p50) and of the
// documents' extraction (15 MB) would otherwise lie under the graph's
// allocations until the release. p50 (CLI json, runs alternated, 2 shared
// CPUs): heap at the release 218 MB -> 194 MB (the peak of the load is
// now 198 MB, at that collection), peak RSS 235.5-235.9 MB -> 217.7-218.7
// MB; the collection marks 174 MB of values, about 0.1-0.2 s of CPU.
//
// And one before that, when the plans are loaded (Progress stage "loaded",
// plans extracted whole, while their floor holds): the load's garbage (the
// records of the values to build and, now that the loader drops them
// there, the plans' changes, linter releaseChangesEarly) would otherwise
// lie under the extraction's allocations until "documented". p50 (CLI
// json, alternated with main 8b32056, 2 shared CPUs): heap at "documented"
// 198 -> 175 MB and at the release 194 -> 179 MB (with the changes dropped
// at the load), memory held at the release 205 -> 192 MiB (the limit of
// the rules, which then collect 2 times more), peak RSS 217-221 ->
// 201 MB; the collection marks about 145 MB (CPU within the noise).
//
// A plan that the linter streams (stream: linter.Streams, the values of its
// resources built and extracted a chunk at a time) has a lower floor
// (planStreamFloor): what it keeps while it loads is a fraction of the
// plan's values, so it is collected as it loads, at planStreamGCPercent
// (or less, as the tuner says), until "released". Once the plan's
// structure is read (stage "planned"), the floor is the plan's size plus
// planStreamFloor-1 times the bytes of the values the stream builds
// (linter.Progress.PlanValues): the same for a plan that is all IAM, and
// near the plan's size for one that is mostly not, whose other resources
// are listed without their values. The 3x floor was the peak of those:
// a 139 MB plan of 230,000 resources, a fifth of them S3 buckets and IAM,
// collected first at 392 MB of heap with 308 MB live.
func planGC(planBytes int64, piped, stream bool, next func(linter.Progress)) func(linter.Progress) {
	if !gcTuned.Load() || (planBytes < planGCMin && !piped) {
		return next
	}
	if planBytes >= planGCMin {
		setPlanBudget(planBytes)
	}
	switch {
	case stream:
		gcFloor.Store(planStreamFloor * planBytes)
		gcCapCycle.Store(math.MaxInt64)
		gcCap.Store(planStreamGCPercent)
		retuneGC()
	case planBytes >= planGCMin:
		gcFloor.Store(planGCFactor * planBytes)
		retuneGC()
	}
	var loaded, documented, released, done atomic.Bool
	var shed atomic.Int64 // floor given up by streamed plans that are mostly not values (planned)
	return func(pr linter.Progress) {
		switch {
		case pr.Stage == "planned":
			// Not a stage of the progress line.
			if stream && !released.Load() && pr.PlanValues >= 0 && pr.PlanValues <= pr.PlanBytes {
				n := shed.Add((planStreamFloor - 1) * (pr.PlanBytes - pr.PlanValues))
				gcFloor.Store(max(planBytes, planStreamFloor*planBytes-n))
				retuneGC()
			}
			return
		case pr.Stage == "loaded" && !stream && gcFloor.Load() > 0 && !released.Load() && !loaded.Swap(true):
			// The garbage of the load, collected before the
			// documents are extracted (see planGC).
			documentedGC()
		case pr.Stage == "documented" && gcFloor.Load() > 0 && !released.Load() && !documented.Swap(true):
			// The garbage of the load and of the documents' extraction,
			// collected before the graph is made (see planGC); the floor
			// holds until the release.
			documentedGC()
		case pr.Stage == "released" && !released.Swap(true):
			gcFloor.Store(0)
			gcCap.Store(0)
			// The heap and the memory the load took, then the
			// collection: see gcAfterRelease.
			held, total := heapHeld(), memHeld()
			runtime.GC()
			gcAfterRelease(held, total)
		case pr.Stage == "dropped":
			// Not a stage of the progress line. The model is dropped
			// once the rules have run and their findings are located:
			// collected now, before finish's allocations lay on it (see
			// linter's lintModel).
			if released.Load() {
				droppedGC()
				retuneGC()
			}
			return
		case pr.Stage == "extracted" && !done.Swap(true):
			if released.Load() {
				// The floor of the release holds (gcAfterRelease).
				break
			}
			gcFloor.Store(0)
			runtime.GC()
			retuneGC()
		}
		if next != nil {
			next(pr)
		}
	}
}

// documentedGC is planGC's collection at "loaded" and at "documented" (a variable for the
// tests, which count the calls: other tests' allocations start collections
// of their own at any time).
var documentedGC = runtime.GC

// droppedGC is planGC's collection at "dropped" (a variable for the tests).
var droppedGC = runtime.GC

// pipedPlanRead is told the size of a piped standard input once it is read
// (before it is loaded as a plan): from then on planGC's floor applies as
// for a plan file of that size, until the plan's values are released (p50
// piped: no collection of the half-built plan in the middle of loading,
// 0.4 s of CPU).
func pipedPlanRead(n int64) {
	if gcTuned.Load() && n >= planGCMin {
		gcFloor.Store(planGCFactor * n)
		retuneGC()
	}
}

// pipedStdin reports whether paths read standard input ("-") and it is not
// a regular file (a pipe: its size is not known before it is read).
func pipedStdin(paths []string, stdin io.Reader) bool {
	for _, p := range paths {
		if p != "-" {
			continue
		}
		if f, ok := stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				return false
			}
		}
		return true
	}
	return false
}

// stdinUnread reports whether standard input holds bytes no one read: a
// regular file that is not empty, or a pipe with bytes waiting in it
// (where that is told: pipePending). A terminal, /dev/null, an empty pipe
// (a CI runner's) or a socket is not told.
func stdinUnread(stdin io.Reader) bool {
	f, ok := stdin.(*os.File)
	if !ok || f == nil {
		return false
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	if st.Mode()&os.ModeNamedPipe != 0 {
		return pipePending(f) > 0
	}
	return st.Mode().IsRegular() && st.Size() > 0
}

// planBytes returns the total size of the paths that are read as plans
// (linter.IsPlanPath: .json files other than .tf.json and .tfvars.json, and
// standard input, "-", when it is a regular file: iamlint - < plan.json).
func planBytes(paths []string, stdin io.Reader) int64 {
	var n int64
	for _, p := range paths {
		if !linter.IsPlanPath(p) {
			continue
		}
		var st os.FileInfo
		var err error
		if p == "-" {
			f, ok := stdin.(*os.File)
			if !ok {
				continue
			}
			st, err = f.Stat()
		} else {
			st, err = os.Stat(p)
		}
		if err == nil && st.Mode().IsRegular() {
			n += st.Size()
		}
	}
	return n
}

// gcAfterRelease sets the collector's policy for the rest of a run whose
// plans' values were released (planGC, after the collection there): a heap
// goal of at least planReleaseFloor times held, the heap memory the process
// held before that collection (objects, their unused parts and the free
// spans not returned to the system: the memory that loading the plans
// already took, part of the RSS), and at most planReleasePercent above the
// live heap past it. The merge, which parses the plans' policies, and the
// rules then reuse the memory of the load instead of growing the heap past
// it, and are collected only when they would: after the release the live
// heap is the model, the plans' bytes and what the rules keep (p200: 419 MB
// at the release, 460 and 640 MB at the two collections of the merge and
// the rules).
//
// From the release on, total, the memory the process held then (memHeld:
// the load's, about its RSS), is also the runtime's soft memory limit
// (debug.SetMemoryLimit; only lower than the limit in force, none when
// GOMEMLIMIT is set, raised when the live heap nears it and lifted when it
// nears it again: retuneGC, relLimitFor): the
// merge and the rules collect, and the runtime returns free spans to the
// system, rather than take more memory than the load did. With the floor
// alone they peaked above the load once it allocated less (f060888,
// 6062cd9): their heap grew into part of the free spans the release's
// collection left, and grew further while the collector marked, so 35-98 MB
// of free or unused heap sat in the RSS at the rules' peak. p50 (CLI json,
// runs alternated, 2 shared CPUs at load 10-14): peak RSS 253-305 MB
// (floor 0.9) -> 253.5-255.4 MB, the load's peak, 3 or 4 collections, CPU
// that of s10main0 within the noise (user 2.12-2.64 s, sys 0.27-0.33 s
// against 2.16-2.40 and 0.23-0.29). Handing the freed spans back at the
// release instead (debug.FreeOSMemory) gave 253-280 MB (with a floor of 0.8,
// 4 collections) for 0.1-0.2 s more system time: the merge and the rules
// faulted most of the pages in again.
//
// Before (a goal of 1.3 times the heap at the end of the extraction, which
// still counted the plan bytes dropped after the merge and the merge's
// garbage, and then the tuner's percent, up to 800): the rules peaked above
// the load. Measured with the CLI (json; 2 shared CPUs, runs alternated):
// p200 peak RSS 1.11-1.15 GB -> 1.01-1.08 GB; p50 280-317 MB -> 261-305 MB
// (within the noise: its load peaks higher than the rules); one collection
// more (p50 4 -> 5, p200 4 -> 5: the merge's). With a big .tf model besides
// the plans, the cap (below the tuner's 100%) collects more often once the
// floor is passed. A floor of
// 1.1 times the held heap keeps 4 collections and the old peak; a cap of 25%
// (or 50% while the plan loads) lowers the peak further for 2-3 more
// collections.
func gcAfterRelease(held, total uint64) {
	gcFloor.Store(int64(planReleaseFloor * float64(held)))
	gcCapCycle.Store(math.MaxInt64)
	gcCap.Store(planReleasePercent)
	relRaises.Store(0)
	// Under a plan's budget (setPlanBudget), the budget stays the limit:
	// a plan read back through windows (linter UseWindows) holds less at
	// the release than its rules keep live (p200: 154 MB live at the
	// release, 380-500 MB in the rules), and the memory held then, as a
	// limit, was raised by the rules (8-9 collections either way; peak RSS
	// 592,580-602,224 KiB -> 588,496-593,952 KiB, 3 runs each alternated,
	// load 2.2-2.7, user+sys the same).
	if old := debug.SetMemoryLimit(-1); !userMemLimit.Load() && !budgeted.Load() && int64(total) < old {
		relLimitMax.Store(old)
		relLimit.Store(int64(total))
		debug.SetMemoryLimit(int64(total))
	}
	retuneGC()
}

// relLimitSlack and relLimitRuntime: the release's memory limit is raised
// when it is below the live heap plus a relLimitSlack-th of it plus
// relLimitRuntime bytes (the runtime's own memory). Once the load took
// less (the collection at "documented"), a quarter and 32 MB raised p50's
// limit at a collection in the middle of the merge (live 154 MB: the plan
// bytes and the model being built) from 208 to 225 MB, and the rules then
// peaked at 235 MB of RSS in 2 runs of 5; an eighth and 16 MB keep it
// (217.8-220.0 MB in 5 runs, user+sys 2.26-3.22 s against 2.27-3.17 s;
// p200, one pair: 823 -> 800 MB, 13.2 -> 13.7 CPU s, within the noise).
//
// A live heap that keeps growing after the release (the findings, which
// stay to the end: one plan policy of 200,000 unknown actions, 7 MB live at
// the release, 150 MB at the end) raised the limit by an eighth after every
// collection, and the limit, which counts the runtime's own memory too,
// left the heap 5-10% to grow: 22 collections after the release, 26 in all,
// GC 2.6 CPU s of 6.5 (400,000 actions: 31, 7.0 of 14.4). A second raise
// says the live heap grows past the load's memory, which the limit can no
// longer keep: the limit in force before the release is restored (relLimitFor),
// and the cap's 50% above the live heap (planReleasePercent) sets the goal, the
// collections then logarithmic in the heap's growth. 200,000 actions (CLI
// json, 3 runs each, alternated, 2 shared CPUs): 25-26 -> 16 collections,
// user+sys 5.3-6.5 -> 4.1-5.1 s, peak RSS 190-199 -> 244-253 MB; 400,000:
// 31-34 -> 16-18, 10.7-14.4 -> 9.6-9.9 s, 326-333 -> 432-462 MB; 1,000,000
// (1 run): 40 -> 18, 49.4 -> 31.0 s, 811 -> 1,170 MB. p50 has one raise, p200
// none: their collections are the same (peak RSS p50 200.8-201.0 MB ->
// 199.6-201.2 MB, 3 runs each alternated; p200 681.7-688.6 -> 680.1-690.1
// MB, 2 runs). Raising by a half instead of lifting the limit left the heap
// 10-20% (the runtime's memory is a bigger part of a small heap): 21 and 19
// collections.
const (
	relLimitSlack   = 8
	relLimitRuntime = 16 << 20
)

// relLimitFor is the memory limit retuneGC sets for a live heap of live
// bytes at the raise-th raise (0 the first) since the release: the live
// heap plus a relLimitSlack-th of it plus relLimitRuntime at the first, no
// limit (math.MaxInt64: retuneGC keeps the limit before the release) from
// the second on.
func relLimitFor(live uint64, raise int64) int64 {
	if raise > 0 {
		return math.MaxInt64
	}
	slack := uint64(relLimitSlack)
	if budgeted.Load() {
		slack = planBudgetSlack
	}
	return int64(min(live+live/slack+relLimitRuntime, math.MaxInt64))
}

// memHeld is the memory the Go runtime holds from the system (what its soft
// memory limit counts: the heap, stacks, the collector's metadata; not what
// it returned): about the process's RSS.
func memHeld() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return math.MaxInt64
	}
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

// planReleaseFloor and planReleasePercent: see gcAfterRelease.
const (
	planReleaseFloor   = 0.9
	planReleasePercent = 50
)

// heapHeld is the heap memory the process holds: its objects (live or not
// yet swept), their unused parts and its free spans not yet returned to the
// system.
func heapHeld() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}, {Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	var n uint64
	for _, x := range s {
		if x.Value.Kind() == metrics.KindUint64 {
			n += x.Value.Uint64()
		}
	}
	return n
}

// planBudgetNum/planBudgetDen is the memory budget of a run that lints plan
// files, in times their size: the soft memory limit setPlanBudget sets when
// that is more than planBudgetMin (plans of about 94 MB and more; below, the
// runtime's own memory, the catalogs and the binary, is a big part of the
// RSS: p50, 52.4 MB, peaks at 197 MiB, 3.8 times, with or without a budget
// of 2.85 times it would not reach).
// A run's peak RSS should stay under 3 times the plans' size; the
// collector's policy alone (planGC's floors and caps, the release's limit)
// left the 200 MB bench plan (bench/gen -plan-mb 200, 209.7 MB; 3 times is
// 614,400 KiB) at 677,736-693,868 KiB of peak RSS, 3.3 times, with two
// peaks of about equal height: the end of the stream (live heap ~450 MB) and
// the rules (~480-520 MB: the model's values and statements 225 MB, its
// documents 45 MB, the effective permissions 77 MB). Under the budget the
// collector runs more often near it (13-15 collections instead of 6) and
// the runtime hands freed spans back. Measured (CLI json, 2 CPUs at load
// 5-6, 3 runs each, alternated): 2.85 times: 587,548-594,908 KiB, user+sys
// 8.8-9.6 s against 7.7-8.1 s (680,312-691,728 KiB); 2.75 times (and
// raised when within an eighth of the live heap, relLimitSlack): 574,516-
// 666,624 KiB, 9.7-10.5 s: the live heap neared the tighter limit, which
// was raised, the run then above it.
//
// 2.8 times since the model is collected once dropped (planGC's
// "dropped"), the findings are copied after it and the effective
// permissions reuse their analyses: the live heap now peaks at 480-505 MB
// at the end of the rules (their findings located), no longer in finish.
// Measured then (CLI json, alternated, 6 runs each over two sets, load
// 6-8 with other work running): 2.85 times 588,712-590,200 KiB, user+sys
// 13.3-14.4 s; 2.8 times 579,304-583,144 KiB, 12.2-15.5 s; 2.75 times
// 584,912-585,792 KiB (3 runs; raised again in the rules, where the live
// heap nears it), 13.2-14.8 s. Plans of 100 and 130 MB (bench/gen): the
// same peak at 2.8 and 2.85 times (432 and 386-391 thousand KiB).
const (
	planBudgetNum = 56
	planBudgetDen = 20
	planBudgetMin = 256 << 20
)

// planBudget is the memory budget for plans of planBytes bytes in all
// (setPlanBudget sets none at or below planBudgetMin).
func planBudget(planBytes int64) int64 {
	if planBytes > math.MaxInt64/planBudgetNum {
		return math.MaxInt64
	}
	return planBytes / planBudgetDen * planBudgetNum
}

// setPlanBudget lowers the runtime's soft memory limit to planBudget
// (never raises it; nothing when GOMEMLIMIT is set: the user's limit is the
// only one). The budget is held like the release's limit (relLimit): when
// the live heap nears it, retuneGC raises it by an eighth of the live heap,
// then lifts it to the limit before (relLimitMax), so a plan whose live
// heap does not fit the budget costs collections, not a collector that runs
// all the time.
func setPlanBudget(planBytes int64) {
	if userMemLimit.Load() {
		return
	}
	b := planBudget(planBytes)
	old := debug.SetMemoryLimit(-1)
	if b <= planBudgetMin || b >= old {
		return
	}
	relLimitMax.Store(old)
	relLimit.Store(b)
	relRaises.Store(0)
	budgeted.Store(true)
	debug.SetMemoryLimit(b)
}

// budgeted says that setPlanBudget set a budget: the limit is then raised
// only when the live heap plus a planBudgetSlack-th of it (not
// relLimitSlack's eighth) and relLimitRuntime would not fit it.
var budgeted atomic.Bool

// planBudgetSlack: see budgeted.
const planBudgetSlack = 16
