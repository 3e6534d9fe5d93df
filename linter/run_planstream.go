package linter

import (
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/plan"
)

// A big plan linted without --new-only and without .tf source is loaded
// lazily (plan.Options.Lazy) and extracted as its resources' values are
// built, a chunk at a time (plan.Plan.Stream, extract.PlanStream): the
// values of the whole plan are never in memory at once, only a chunk's and
// what the identity graph reads of the others. The result is that of
// loading it whole and extracting it (extractPlan).

// planStreamMin is the plan size from which loadPlan streams (a variable
// for the tests). Streaming trades CPU for memory: the JSON is read once
// for the plan's structure and again for each chunk's values, and the
// collector runs while the plan loads. Measured on 2 CPUs (bench/gen
// plans, alternated runs, 2026-11-29): 50 MB, 1.9-2.1 s and 347 MB whole
// against 2.4-2.5 s and 283-296 MB streamed; 200 MB, 7.1-8.1 s and 1.34 GB
// whole against 9.0 s and 1.05-1.07 GB streamed. Below 128 MB the decoded
// plan fits in well under a gigabyte and the faster way wins; above it,
// memory is what a CI runner runs out of first.
var planStreamMin = 128 << 20

// planChunk is the number of blocks whose values are built at a time.
var planChunk = 2048

// Streams reports whether Lint streams the plans of opts, of size bytes
// in all, when they are files in directories without .tf source (the
// command's GC policy: see planGC there).
func Streams(opts Options, size int64) bool {
	return !opts.NewOnly && opts.Source == "" && size >= int64(planStreamMin)
}

// streams says whether loadPlan streams a plan of size bytes.
func streams(opts Options, srcDir string, size int) bool {
	return !opts.NewOnly && srcDir == "" && size >= planStreamMin
}

// streamPlan extracts run's plan (loaded lazily) chunk by chunk into
// run.spaces, with what the runner keeps of its changes (keepChangeFacts)
// and the read-back policies of its roles dropped (dropReadBack). It
// returns false when a value of the plan does not build: the caller then
// loads it whole, for Load's error.
func streamPlan(run *planRun, after *eval.Result) (win *windowed, ok bool) {
	p := run.p
	defer p.EndStream()
	// Whether the plan is read through windows (run_planwin.go), told on
	// another CPU while the blocks are gathered below.
	src := after.Sources[run.name]
	var pre *preDrop // what windowsFor read of the text (startPreDrop)
	winRead := goCatch(func() { win, pre = windowsFor(run, src) })
	// What dropReadBack reads of the other resources, before the roles,
	// and the number of consumers, in one pass over the blocks: a plan has
	// hundreds of thousands, and this ran on one CPU (two passes, three
	// lookups by type and two in the loader's jobs a block: 0.1 s of the
	// 200 MB plan). Of the blocks whose body Stream builds, the read-back
	// is read from the plan without building them; those whose roles only
	// a built body tells are built.
	rb := newReadBack()
	// What the runner reads of the changes after the stream (changeFacts:
	// their addresses, modules, whether they have an after block, what
	// their configuration sets) is known before it, and read on another
	// CPU meanwhile (a map of every change: this ran on one CPU with the
	// other idle). Nothing writes the changes until the plan is streamed.
	var facts map[string]changeFact
	factsRead := goCatch(func() { facts = changeFacts(p) })
	consumers := 0
	built := map[*eval.Block]bool{}
	const consumer, readsBack = 1, 2
	kinds := map[string]uint8{} // by resource type
	for _, m := range after.Modules {
		for _, b := range m.Blocks {
			if b.Mode != "resource" {
				continue
			}
			kind, seen := kinds[b.Type]
			if !seen {
				if extract.ConsumerType(b.Type) {
					kind |= consumer
				}
				if readBackTypes[b.Type] {
					kind |= readsBack
				}
				kinds[b.Type] = kind
			}
			if kind == 0 {
				continue
			}
			deferred := b.Body == nil && p.Deferred(b)
			if kind&consumer != 0 && (b.Body != nil || deferred) {
				consumers++
			}
			switch {
			case kind&readsBack == 0:
			case b.Body != nil:
				rb.gather(b)
			case deferred:
				exact := true
				rb.gatherWith(b.Type, func(k string) (string, bool) { return p.LazyString(b, k) },
					func(k string) ([]string, bool) {
						strs, ok, ex := p.LazyStrings(b, k)
						exact = ex
						return strs, ok
					})
				if !exact {
					built[b] = true
				}
			}
		}
	}
	factsRead()
	if len(built) > 0 {
		if diags := p.Stream(planChunk, func(b *eval.Block) bool { return built[b] }, func(blocks []*eval.Block) {
			for _, b := range blocks {
				if built[b] {
					rb.gather(b)
					b.Body = nil
				}
			}
		}); len(diags) > 0 {
			winRead()
			return win, false
		}
	}
	winRead()
	if win != nil {
		// The plan's bytes are dropped (once src is: below).
		p.UseWindows(win.w.read)
		if !p.Windowed() {
			win.w.close()
			win = nil
		} else {
			win.used = true
			pre = nil // it holds the bytes
			windowedPlans.Add(1)
			if windowsUsed != nil {
				windowsUsed(run.name)
			}
		}
	}
	src = nil
	ps := extract.NewPlanStream(after, consumers)
	if ps == nil {
		return win, false
	}
	if win != nil {
		ps.Lit(run.name, p.Lit())
	}
	// The credentials of a plan are those its text holds (planSecrets
	// scans it and drops what the bodies hold in the plan's file).
	ps.NoSecrets = true
	// The policy texts StreamHeld decodes are those of their literals.
	ps.LitText(run.name, p.LitText())
	run.initFacts()
	// The facts of the changes read (above), the changes are dropped as
	// their chunks are read (ReleaseRead), not held to the end of the
	// stream (on the 200 MB bench plan, 52 MB at the stream's peak of
	// memory). Changes lists them all: dropped now (nothing reads it
	// during the stream, and ReleaseChanges drops the rest after it).
	p.Changes = nil
	defer func() {
		if r := recover(); r != nil {
			run.spaces = []*extract.Space{{Diags: internalExtractError(r)}}
			run.streamed, ok = true, true
			if win != nil {
				win.w.close()
				win = nil
			}
		}
	}()
	// The policy texts of the bodies are read while their chunk is (Add:
	// the extraction defers them, decoded again from the plan's bytes, and
	// the light bodies keep none but those it copies): the stream decodes
	// them in memory reused from chunk to chunk (StreamHeld), as long as
	// a consumer of their chunk waits for its extraction (Held).
	if diags := p.StreamHeld(planChunk, func(blocks []*eval.Block) {
		for _, b := range blocks {
			if b.Body == nil || b.Mode != "resource" {
				continue
			}
			if b.Type == "aws_iam_role" {
				rb.apply(b, configured(p, b))
			}
			if c := p.Change(b); c != nil && c.After == b {
				run.keepFacts(c)
			}
		}
		ps.Add(blocks)
		p.ReleaseRead(blocks)
	}, ps.Held); len(diags) > 0 {
		if win != nil && windowFailed(diags) {
			win.failed = hcl.Diagnostics{windowChangedDiag(run.name, diags[0].Extra.(error))}
		}
		return win, false
	}
	// The graph is linked (Spaces) once the loader (its jobs, the plan's
	// bytes it reads) and the changes are dropped, what is read of the
	// changes kept (changeFacts, as releaseChangesEarly does for a plan
	// loaded whole): nothing reads them after the stream, and on the 200
	// MB bench plan they are about 80 MB under the link's allocations.
	p.EndStream()
	// What earlyDrop reads of the plan's text is read on another CPU
	// meanwhile (the link below runs on one).
	startPreDrop(run, p.After.Sources[run.name], pre)
	run.facts = facts
	p.ReleaseChanges()
	run.spaces = ps.Spaces()
	run.streamed = true
	if win != nil {
		win.spaces = run.spaces
		run.win = win
	}
	return win, true
}

// windowedPlans counts the plans streamed through windows, and
// windowsUsed is called when a plan's stream starts to read them (for the
// tests).
var (
	windowedPlans atomic.Int64
	windowsUsed   func(name string)
)

// windowFailed says whether the stream's diags tell a window of its plan
// that could not be read (plan.ErrWindow).
func windowFailed(diags hcl.Diagnostics) bool {
	if len(diags) == 0 {
		return false
	}
	_, ok := diags[0].Extra.(plan.ErrWindow)
	return ok
}
