package plan

import (
	"runtime"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
)

// The values of resource_changes (after, after_unknown, before) are most of
// the work of loading a big plan. The pass over the plan only records where
// each change's values are (a bodyJob); buildBodies then builds them on
// every CPU, each worker with its own scanner over the same bytes, and makes
// the blocks in plan order, so the result is the same as building them
// during the pass: same Nodes, same module and block order, and the same
// error for a bad value (the first one in plan order, before any later
// syntax error of the pass; see loader.pass).

// bodyJob is a resource change whose values are still to build.
type bodyJob struct {
	c                       *Change
	after, before, unknown  int // offsets of the values (-1: absent)
	start, end              int // where the change's object is in the plan (its values are within)
	depth                   int // the scanner's nesting depth at the values
	afterBody, beforeBody   *eval.Node
	afterBlock, beforeBlock bool // whether the change gets each block
	shareAfter              bool // before is after's body (an unchanged object)
	allUnknown              bool // an absent or null after is unknown as a whole (a deferred change)
	lazy                    bool // built by Plan.Stream (Options.Lazy)
	lazyAfter               bool // (lazy) the change gets an after block (lazyBlock)
	failed                  any  // a panic while building (a syntaxError for bad input)
}

// jobRef is an element of loader.jobs: a job, or a change whose values
// nothing reads (loader.skips) and that gets an after block with no body
// (skipped), with no job of its own (a bodyJob is 96 bytes; most changes
// of a plan that is mostly not IAM are of types that hold no policy).
type jobRef struct {
	j       *bodyJob
	skipped *Change
}

// minParallelJobs is the number of changes below which buildBodies does not
// bother with goroutines.
const minParallelJobs = 256

// minPipelineSize is the plan size from which the values of the changes
// are built while the pass reads on (a variable for the tests).
var minPipelineSize = 4 << 20

// bodyPipe builds jobs on every CPU as the pass records them.
type bodyPipe struct {
	ch chan *bodyJob
	wg sync.WaitGroup
}

func (l *loader) startPipe() {
	p := &bodyPipe{ch: make(chan *bodyJob, 1024)}
	for range runtime.GOMAXPROCS(0) {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for j := range p.ch {
				l.build(j)
			}
		}()
	}
	l.pipe = p
}

// stopPipe waits for the pipe's jobs to be built and closes it.
func (l *loader) stopPipe() {
	if l.pipe != nil {
		close(l.pipe.ch)
		l.pipe.wg.Wait()
		l.pipe = nil
	}
}

// addJob records a change whose values are to build, and hands it to the
// pipe when there is one.
func (l *loader) addJob(j bodyJob) {
	p := l.newJob(j)
	l.jobs = append(l.jobs, jobRef{j: p})
	if l.pipe != nil {
		l.pipe.ch <- p
	}
}

// newJob returns j allocated in the loader's chunks of jobs.
func (l *loader) newJob(j bodyJob) *bodyJob {
	if len(l.jobChunk) == cap(l.jobChunk) {
		l.jobChunk = make([]bodyJob, 0, 256)
	}
	l.jobChunk = append(l.jobChunk, j)
	return &l.jobChunk[len(l.jobChunk)-1]
}

// pass runs the pass over the plan fn. On a syntax error, the values of the
// changes read before it are built first: an error in one of them comes
// earlier in the plan and is the one reported.
func (l *loader) pass(fn func() int) int {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(syntaxError); ok {
				l.buildBodies()
			} else {
				l.stopPipe()
			}
			panic(r)
		}
	}()
	return fn()
}

// buildBodies builds the values of the recorded changes (those the pipe
// has not built) and gives each change its blocks, in plan order. It
// panics with the first failure.
func (l *loader) buildBodies() {
	piped := l.pipe != nil
	l.stopPipe()
	jobs := l.jobs
	l.jobs = nil
	if len(jobs) == 0 {
		return
	}
	if len(l.p.byBlock) == 0 {
		// Made at the number of blocks to come (grown, it cost as
		// much as making them).
		l.p.byBlock = make(map[*eval.Block]*Change, len(jobs))
	}
	nJobs := 0 // of jobs, those with a job
	for _, r := range jobs {
		if r.j != nil {
			nJobs++
		}
	}
	built := make([]*bodyJob, 0, nJobs)
	var kept []bodyJob // where the deferred jobs are moved (keptJobs)
	if lz := l.p.lazy; lz != nil {
		// Those Stream builds: only their blocks are made now. Which they
		// are, and which get a block (a read of the plan's bytes at the
		// job's values: a cache miss each), is told on every CPU first:
		// this ran on one, with the other idle (a 200 MB plan has 185,000).
		par.For(len(jobs), 1024, func(i int) {
			j := jobs[i].j
			if j == nil {
				return
			}
			if j.lazy = lz.defers(j); j.lazy {
				j.lazyAfter = l.lazyBlock(j)
			}
		})
		for _, r := range jobs {
			if r.j != nil && !r.j.lazy {
				built = append(built, r.j)
			}
		}
		if len(lz.jobs) == 0 {
			// Made at the number of those (not of all: the blocks whose
			// values nothing reads, most of a plan that is mostly not
			// IAM, are not deferred).
			lz.jobs = make(map[*eval.Block]*bodyJob, nJobs-len(built))
		}
		if keptJobs(nJobs-len(built), nJobs) {
			kept = make([]bodyJob, 0, nJobs-len(built))
		}
	} else {
		for _, r := range jobs {
			if r.j != nil {
				built = append(built, r.j)
			}
		}
	}
	switch {
	case piped:
	case len(built) < minParallelJobs:
		for _, j := range built {
			l.build(j)
		}
	default:
		par.For(len(built), 32, func(i int) { l.build(built[i]) })
	}
	dups := l.takeJobDups()  // of the jobs built, given in plan order
	var lastMod *eval.Module // the module of the last block made (a module's changes come together)
	made := 0                // blocks made for jobs Stream builds
	for _, r := range jobs {
		j := r.j
		if j == nil {
			c := r.skipped
			c.After = l.block(l.after, l.afterMod, c, nil)
			continue
		}
		if j.lazy {
			if j.lazyAfter {
				if lastMod == nil || lastMod.Path != j.c.Module {
					lastMod = module(l.after, l.afterMod, j.c.Module)
				}
				b := newBlock(lastMod, j.c, nil)
				j.c.After = b
				if kept != nil {
					kept = append(kept, *j)
				}
				made++
			}
			continue
		}
		if j.failed != nil {
			panic(j.failed)
		}
		if dups != nil {
			for _, d := range dups[j] {
				l.addDup(d)
			}
		}
		c := j.c
		if j.afterBlock {
			c.After = l.block(l.after, l.afterMod, c, j.afterBody)
		}
		if j.beforeBlock {
			body := j.beforeBody
			if j.shareAfter {
				body = c.After.Body
			}
			c.Before = l.block(l.before, l.befMod, c, body)
		}
	}
	if made > 0 {
		// The blocks Stream builds are put in the plan's two maps of
		// blocks, one map on each CPU (random writes into maps of a few
		// hundred thousand entries: most of this loop's time), from
		// their jobs (those moved to kept when they were).
		eachMade := func(fn func(j *bodyJob)) {
			if kept != nil {
				for k := range kept {
					fn(&kept[k])
				}
				return
			}
			for _, r := range jobs {
				if j := r.j; j != nil && j.lazy && j.lazyAfter {
					fn(j)
				}
			}
		}
		lz := l.p.lazy
		done := make(chan struct{})
		go func() {
			defer close(done)
			eachMade(func(j *bodyJob) { lz.jobs[j.c.After] = j })
		}()
		eachMade(func(j *bodyJob) { l.p.byBlock[j.c.After] = j.c })
		<-done
	}
}

// keptJobs says whether the deferred jobs of a lazy load, deferred of all
// jobs, are moved out of the chunks the loader allocated every job in
// (addJob) into a slice of their own: Stream keeps them until the plan is
// extracted, and a chunk that holds one of them keeps all of its jobs (a
// bodyJob is 80 bytes), so in a plan that is mostly not IAM the jobs of
// every resource stayed. When most jobs are deferred the chunks are kept
// as they are (a copy would only add to the load's peak).
func keptJobs(deferred, all int) bool { return deferred > 0 && deferred <= all*3/4 }

// build builds the values of one change (safe to run for several jobs at
// once: it only reads the loader, and its scanner is its own).
func (l *loader) build(j *bodyJob) { l.buildIn(j, nil, nil) }

// buildIn is build, decoding the policy texts with escapes into arena when
// it is not nil (Plan.StreamHeld), and reading the change's values from
// win, a window of the plan that holds them, when it is not nil
// (Plan.UseWindows).
func (l *loader) buildIn(j *bodyJob, arena *strArena, win *window) {
	defer func() {
		if r := recover(); r != nil {
			j.failed = r
		}
	}()
	s := l.s.over(win)
	s.depth, s.types, s.unread, s.derive, s.texts = j.depth, l.s.types, l.unreadFor(j.c), l.s.derive, arena
	after, before, unknown := win.rel(j.after), win.rel(j.before), win.rel(j.unknown)
	if st, ok := scratchPool.Get().(*scratch); ok {
		s.members, s.buf, s.vals, s.shape, s.elems, s.missing, s.unk = st.members, st.buf, st.vals, st.shape, st.elems, st.missing, st.unk
		s.arena = &st.arena
		if win != nil || l.s.copies != nil {
			s.copies = &st.copies
		}
		defer func() {
			st.arena.reset() // the trees of this change are no longer read
			st.members = s.members[:0]
			st.buf = s.buf[:0]
			st.vals = s.vals
			st.shape, st.elems, st.missing, st.unk = s.shape[:0], s.elems[:0], s.missing[:0], s.unk[:0]
			if cap(st.buf) > maxPooledBuf {
				st.buf = nil // a rare huge string: not kept
			}
			scratchPool.Put(st)
		}()
	}
	defer func() {
		if len(s.dups) > 0 {
			l.putJobDups(j, s.dups)
		}
	}()
	c := j.c
	if l.skips(c) {
		// Nothing reads its values (the pass checked their JSON).
		j.afterBlock = inAfter(c.Actions) && ((after >= 0 && !s.isNull(after)) || s.at(unknown) == 't' || j.allUnknown)
		return
	}
	var unk *unknownTree
	if unknown >= 0 {
		unk, _ = s.unknowns(unknown)
	}
	known := after >= 0 && !s.isNull(after)
	if inAfter(c.Actions) && (known || (unk != nil && unk.all) || j.allUnknown) {
		// A deferred change without after values (allUnknown only) is
		// unknown as a whole.
		useAfter := after >= 0 && (known || (unk != nil && unk.all))
		if useAfter {
			j.afterBody, _ = s.bodyNode(after, unk, c)
		} else {
			j.afterBody = &eval.Node{Val: cty.DynamicVal, Range: c.Range}
		}
		j.afterBlock = true
	}
	if l.before != nil && before >= 0 && !s.isNull(before) && !(l.opts.BeforeResourcesOnly && c.Mode == "data") {
		j.beforeBlock = true
		s.dupTop = true // the pass checks after's keys only
		switch {
		case j.afterBlock && unk == nil && after >= 0 && s.sameJSON(before, after):
			// Unchanged object (a no-op, typically): share the read-only body.
			j.shareAfter = true
		case j.afterBlock && s.at(before) == '{':
			// Updated: attributes that did not change share the after Nodes.
			j.beforeBody, _ = s.sharedBody(before, j.afterBody)
		default:
			j.beforeBody, _ = s.node(before, nil, 0)
		}
	}
}

// jobDupSet holds the notices of the duplicate keys of the values of the
// jobs built (buildIn: on every CPU), until their builder's caller takes
// them (takeJobDups) and gives those of its jobs to the loader (addDup)
// in plan order. Most plans have none: the map is made for the first.
type jobDupSet struct {
	mu sync.Mutex
	m  map[*bodyJob]hcl.Diagnostics
}

// putJobDups records the notices of the duplicate keys of j's values.
func (l *loader) putJobDups(j *bodyJob, dups hcl.Diagnostics) {
	d := &l.jobDups
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.m == nil {
		d.m = map[*bodyJob]hcl.Diagnostics{}
	}
	d.m[j] = dups
}

// takeJobDups returns the notices putJobDups recorded (nil for none) and
// forgets them.
func (l *loader) takeJobDups() map[*bodyJob]hcl.Diagnostics {
	d := &l.jobDups
	d.mu.Lock()
	defer d.mu.Unlock()
	m := d.m
	d.m = nil
	return m
}

// scratch is what a scanner reuses from one build to the next: its stack
// of object members, the buffer strings with escapes are decoded in, and
// the map small objects' values are gathered in.
type scratch struct {
	members []member
	buf     []byte
	vals    map[string]cty.Value
	shape   []byte
	elems   []elem
	missing []string
	unk     []unknownAttr
	arena   unkArena
	copies  strCache // the short strings copied (scanner.copies)
}

// scratchPool holds scratch for reuse by build.
var scratchPool = sync.Pool{New: func() any { return &scratch{members: make([]member, 0, 64)} }}

// maxPooledBuf is the largest decode buffer kept in scratchPool.
const maxPooledBuf = 1 << 20

// sameJSON reports whether the JSON values at a and b are byte for byte equal.
func (s *scanner) sameJSON(a, b int) bool {
	ea, eb := s.skip(a), s.skip(b)
	return ea-a == eb-b && string(s.src[a:ea]) == string(s.src[b:eb])
}
