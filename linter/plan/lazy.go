package plan

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
)

// lazyBodies holds what Plan.Stream needs to build the bodies Load left
// unbuilt (Options.Lazy): the loader (its scanner reads the plan bytes),
// the job of each such block, and the links Load would have given them
// (configured, linkDocuments).
type lazyBodies struct {
	l    *loader
	jobs map[*eval.Block]*bodyJob
	// jobsMu guards jobs while a stream is under way: its builder reads
	// them, ReleaseRead deletes those of the blocks read.
	jobsMu sync.Mutex

	refs   map[*Change]map[string][]string // configuration references (linkUnknown)
	docs   map[string]bool
	iamRes map[string]bool
	mods   *moduleRefs
	links  *docLinks // nil: no data document to link to

	arenas arenaPool  // the free memory of StreamHeld's texts
	held   heldArenas // the arenas of the chunks in use (LitText)

	// read, when not nil, reads windows of the plan's bytes, which the
	// loader no longer holds (Plan.UseWindows); lits are the windows of
	// the chunks a stream's caller may still read (Plan.Lit).
	read func(lo, hi int, buf []byte) (*window, error)
	lits *litWindows
	// free holds the memory of windows no longer read, for the next ones
	// (the builder's goroutine takes it, the stream's puts it back).
	freeMu sync.Mutex
	free   [][]byte
}

// takeBuf returns memory for a window of n bytes, reused when it can be
// (made in whole windowRound units, so that the next windows, of about
// the same size, fit in it).
func (lz *lazyBodies) takeBuf(n int) []byte {
	lz.freeMu.Lock()
	defer lz.freeMu.Unlock()
	for i, b := range lz.free {
		if cap(b) >= n {
			lz.free[i] = lz.free[len(lz.free)-1]
			lz.free = lz.free[:len(lz.free)-1]
			return b[:0]
		}
	}
	return make([]byte, 0, (n+windowRound-1)/windowRound*windowRound)
}

// windowRound is the unit of the memory of windows.
const windowRound = 1 << 20

// putBufs gives back the memory of the windows of b (no longer read).
func (lz *lazyBodies) putBufs(b *streamBatch) {
	if len(b.wins) == 0 {
		return
	}
	lz.freeMu.Lock()
	for _, w := range b.wins {
		if len(lz.free) < maxFreeWindows {
			lz.free = append(lz.free, w.buf)
		}
		w.buf = nil
	}
	lz.freeMu.Unlock()
	b.wins = nil
}

// maxFreeWindows is the most window memories kept for reuse.
const maxFreeWindows = 16

// window is bytes of a plan: those from offset lo on.
type window struct {
	lo  int
	buf []byte
}

// holds reports whether w holds the bytes from a to b.
func (w *window) holds(a, b int) bool { return w.lo <= a && a <= b && b <= w.lo+len(w.buf) }

// rel returns the offset in w of the plan's offset off (off itself when w
// is nil, or off is negative: a value absent).
func (w *window) rel(off int) int {
	if w == nil || off < 0 {
		return off
	}
	return off - w.lo
}

// over returns a scanner of s's plan (its name and lines) that reads w, a
// window of it (its offsets are then relative to w: rel), or, with w nil,
// the bytes s reads.
func (s *scanner) over(w *window) *scanner {
	o := &scanner{src: s.src, base: s.base, size: s.size, name: s.name, lines: s.lines}
	if w != nil {
		o.src, o.base, o.size = w.buf, w.lo, s.end()
	}
	return o
}

// windowGap is the most bytes between two changes whose values a window
// of a chunk reads together (the changes of a chunk are mostly next to one
// another in the plan); windowMax the most a window reads for more than
// one change.
const (
	windowGap = 64 << 10
	windowMax = 32 << 20
)

// WindowSeg is the size of the segments the reads of windows of a plan
// (Plan.UseWindows) are aligned on, the most such a read may read on
// either side of the bytes asked for: memory taken for a window has this
// much room on each side.
const WindowSeg = 64 << 10

// ErrWindow is the error of a stream of a plan whose windows could not be
// read as they were when the plan was loaded (Plan.UseWindows): Stream
// and StreamHeld return it as the Extra of their diagnostic.
type ErrWindow struct{ Err error }

func (e ErrWindow) Error() string { return e.Err.Error() }

// UseWindows makes p read the bytes of the plan, from then on, through
// read, which returns a window of the plan that holds the bytes from lo to
// hi and at most WindowSeg bytes on either side of them, in buf when it
// has room (or an error: the plan is not what was loaded). The loader
// drops the bytes, and so does p.After.Sources, so that the caller may
// drop them too. Load must have been given
// Options.CopyStrings (nothing of p shares the bytes; else UseWindows does
// nothing: see Windowed) and Options.Lazy. The blocks Stream builds then
// read the windows of their chunk, and the caller of StreamHeld reads the
// bytes of a range of a chunk it holds with Lit. A window that cannot be
// read ends the stream with an error whose Extra is an ErrWindow.
func (p *Plan) UseWindows(read func(lo, hi int, buf []byte) (lo2 int, win []byte, err error)) {
	lz := p.lazy
	if lz == nil || lz.l.s.copies == nil {
		return
	}
	lz.read = func(lo, hi int, buf []byte) (*window, error) {
		at, buf, err := read(lo, hi, buf)
		if err != nil {
			return nil, ErrWindow{err}
		}
		w := &window{lo: at, buf: buf}
		if !w.holds(lo, hi) {
			return nil, ErrWindow{fmt.Errorf("a window of the plan from %d to %d holds %d to %d", lo, hi, at, at+len(buf))}
		}
		return w, nil
	}
	lz.lits = &litWindows{}
	s := lz.l.s
	s.size = s.end()
	s.src = nil
	if p.After != nil {
		delete(p.After.Sources, s.name)
	}
}

// Windowed reports whether p reads its bytes through windows (UseWindows).
func (p *Plan) Windowed() bool { return p != nil && p.lazy != nil && p.lazy.read != nil }

// Lit returns a function that gives the bytes of the plan from a to b when
// a window of a chunk that a stream's caller still holds has them (for
// StreamHeld: until held passes the chunk, or the stream ends; for Stream,
// while fn reads the chunk), else nil. The bytes are read-only. It is nil
// when p does not read its bytes through windows.
func (p *Plan) Lit() func(a, b int) []byte {
	if !p.Windowed() {
		return nil
	}
	return p.lazy.lits.get
}

// litWindows are the windows of the chunks of a stream in use.
type litWindows struct {
	mu   sync.RWMutex
	wins map[*streamBatch][]*window
}

func (l *litWindows) add(b *streamBatch) {
	if l == nil || len(b.wins) == 0 {
		return
	}
	l.mu.Lock()
	if l.wins == nil {
		l.wins = map[*streamBatch][]*window{}
	}
	l.wins[b] = b.wins
	l.mu.Unlock()
}

func (l *litWindows) drop(b *streamBatch) {
	if l == nil || len(b.wins) == 0 {
		return
	}
	l.mu.Lock()
	delete(l.wins, b)
	l.mu.Unlock()
}

func (l *litWindows) get(a, b int) []byte {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, ws := range l.wins {
		for _, w := range ws {
			if w.holds(a, b) {
				return w.buf[a-w.lo : b-w.lo]
			}
		}
	}
	return nil
}

// defers reports whether the body of job j is left to Stream: that of a
// managed resource whose values the caller reads (Options.Relevant).
// Data sources are built by Load: other blocks read them.
func (lz *lazyBodies) defers(j *bodyJob) bool {
	c := j.c
	return c.Mode == "resource" && c.Deposed() == "" && !lz.l.skips(c)
}

// lazyBlock reports whether the change of a job left to Stream has an
// after block (as build decides once the values are read).
func (l *loader) lazyBlock(j *bodyJob) bool {
	s := l.s
	known := j.after >= 0 && !s.isNull(j.after)
	return inAfter(j.c.Actions) && (known || s.at(j.unknown) == 't' || j.allUnknown)
}

// Lazy reports whether blocks of p.After wait for Stream to build their
// bodies.
func (p *Plan) Lazy() bool { return p != nil && p.lazy != nil && len(p.lazy.jobs) > 0 }

// LazyShare is the share of p's changes whose bodies Stream builds (0
// to 1): a plan that is mostly not IAM has few.
func (p *Plan) LazyShare() float64 {
	if !p.Lazy() || len(p.Changes) == 0 {
		return 0
	}
	return min(1, float64(len(p.lazy.jobs))/float64(len(p.Changes)))
}

// Stream calls fn with every block of p.After, in the order of its modules
// and blocks, chunk blocks at a time; the blocks Load left without a body
// (Options.Lazy) have it when fn is called, built (on every CPU) and linked
// as Load would have (configuration references, data documents), when
// build is nil or reports true for them. Stream keeps no reference to the
// bodies it built: once fn returns, what fn kept of them is all that stays.
// It may be called more than once; each call builds the bodies again.
//
// A value that does not build (the plan's JSON is checked by Load, so
// only a value no cty value can hold) ends the stream with Load's error
// for it.
func (p *Plan) Stream(chunk int, build func(*eval.Block) bool, fn func([]*eval.Block)) (diags hcl.Diagnostics) {
	return p.stream(chunk, build, fn, nil)
}

// StreamHeld is Stream (building every body) for a caller that reads the
// policy texts of a chunk's bodies only while it holds them: held reports,
// after each call of fn, the first block (in the order fn was given them)
// whose body the caller still reads, nil for none. The texts with escapes
// of the attributes policy and assume_role_policy (most of a big plan's
// decoded strings: each one is garbage once its chunk is read, the policy
// being parsed from the plan's literal) are then decoded into blocks of
// memory reused from one chunk to the next, not allocated one by one: a
// text is valid only until held passes its block. Once it has, the memory
// is overwritten (zeroed, then reused): fn must copy out what it keeps
// of such a text (strings.Clone) beyond that.
func (p *Plan) StreamHeld(chunk int, fn func([]*eval.Block), held func() *eval.Block) (diags hcl.Diagnostics) {
	return p.stream(chunk, nil, fn, held)
}

func (p *Plan) stream(chunk int, build func(*eval.Block) bool, fn func([]*eval.Block), held func() *eval.Block) (diags hcl.Diagnostics) {
	lz := p.lazy
	if lz == nil {
		lz = &lazyBodies{}
	}
	chunk = max(chunk, 1)
	// The next chunks are built while fn reads this one (fn's own work is
	// partly serial): at most streamAhead+2 chunks' bodies at a time, the
	// one fn reads, the one built and those waiting for fn.
	out := make(chan *streamBatch, streamAhead)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(out)
		send := func(b *streamBatch) bool {
			select {
			case out <- b:
				return b.diags == nil && b.panic == nil
			case <-done:
				return false
			}
		}
		blocks := make([]*eval.Block, 0, chunk)
		for _, m := range p.After.Modules {
			for _, b := range m.Blocks {
				blocks = append(blocks, b)
				if len(blocks) == chunk {
					if !send(lz.buildChunk(blocks, build, held != nil)) {
						return
					}
					blocks = make([]*eval.Block, 0, chunk)
				}
			}
		}
		if len(blocks) > 0 {
			send(lz.buildChunk(blocks, build, held != nil))
		}
	}()
	var inUse []*streamBatch // batches whose texts may still be read (held)
	for b := range out {
		switch {
		case b.panic != nil:
			panic(b.panic)
		case b.diags != nil:
			return b.diags
		}
		for _, d := range b.dups {
			// Told once (addDup: a body built again, by another
			// stream, has its notices already), with Load's.
			if lz.l.addDup(d) {
				p.After.Diags = append(p.After.Diags, d)
			}
		}
		lz.lits.add(b)
		if b.arena != nil {
			lz.held.add(b.arena)
		}
		fn(b.blocks)
		if b.arena == nil {
			lz.lits.drop(b)
			lz.putBufs(b)
			continue
		}
		inUse = append(inUse, b)
		h := held()
		for len(inUse) > 0 && (h == nil || !slices.Contains(inUse[0].blocks, h)) {
			lz.held.drop(inUse[0].arena)
			lz.arenas.put(inUse[0].arena)
			lz.lits.drop(inUse[0])
			lz.putBufs(inUse[0])
			inUse[0].arena = nil
			inUse = inUse[1:]
		}
	}
	return nil
}

// streamAhead is the number of built chunks that may wait for Stream's fn.
// With none, the builder waited for fn whenever it was done first (fn's
// serial stretches: the identity graph's entities, the merge of each
// run's findings), and fn for the builder the next time: on the 200 MB
// bench plan the builder waited 0.7-1.1 s of a 3.4-5.6 s stream for fn to
// take its chunk, 0.07-0.28 s with two waiting. A chunk's bodies are a few
// megabytes.
const streamAhead = 2

// streamBatch is a chunk of Stream, built (or the failure that ended it).
type streamBatch struct {
	blocks []*eval.Block
	arena  *strArena       // where the chunk's policy texts are (StreamHeld), or nil
	wins   []*window       // the windows the chunk's values were read from (UseWindows)
	dups   hcl.Diagnostics // the notices of the duplicate keys of its values, in plan order
	diags  hcl.Diagnostics
	panic  any
}

// buildChunk builds the bodies of blocks that Stream builds (build nil or
// true for them) and links them; a failure is in the batch returned.
func (lz *lazyBodies) buildChunk(blocks []*eval.Block, build func(*eval.Block) bool, arena bool) (b *streamBatch) {
	b = &streamBatch{blocks: blocks}
	if arena {
		b.arena = lz.arenas.get()
	}
	defer func() {
		if r := recover(); r != nil {
			b.panic = r
		}
	}()
	var todo []*bodyJob
	lz.jobsMu.Lock()
	for _, bl := range blocks {
		if j := lz.jobs[bl]; j != nil && (build == nil || build(bl)) {
			j.failed = nil
			todo = append(todo, j)
		}
	}
	lz.jobsMu.Unlock()
	var wins []*window // by job (UseWindows)
	if lz.read != nil && len(todo) > 0 {
		var err error
		if wins, b.wins, err = lz.windows(todo); err != nil {
			b.diags = hcl.Diagnostics{lz.windowDiag(err)}
			return b
		}
	}
	win := func(i int) *window {
		if wins == nil {
			return nil
		}
		return wins[i]
	}
	if len(todo) < minParallelJobs {
		for i, j := range todo {
			lz.l.buildIn(j, b.arena, win(i))
		}
	} else {
		par.For(len(todo), 32, func(i int) { lz.l.buildIn(todo[i], b.arena, win(i)) })
	}
	var dups map[*bodyJob]hcl.Diagnostics
	if len(todo) > 0 {
		dups = lz.l.takeJobDups()
	}
	for i, j := range todo {
		if j.failed != nil {
			if se, ok := j.failed.(syntaxError); ok {
				b.diags = hcl.Diagnostics{lz.l.s.over(win(i)).syntaxDiag(se)}
				return b
			}
			panic(j.failed)
		}
		if dups != nil {
			b.dups = append(b.dups, dups[j]...)
		}
	}
	for _, j := range todo {
		c := j.c
		c.After.Body, j.afterBody = j.afterBody, nil
		if refs := lz.refs[c]; refs != nil {
			linkUnknown(c, refs, lz.docs, lz.iamRes, lz.mods)
		}
		lz.links.link(c.After.Module, c.After)
	}
	return b
}

// windows reads the windows of the plan that hold the values of jobs: one
// for the changes next to one another (windowGap, windowMax). It returns
// the window of each job and the windows read.
func (lz *lazyBodies) windows(jobs []*bodyJob) (byJob, wins []*window, err error) {
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return jobs[a].start - jobs[b].start })
	byJob = make([]*window, len(jobs))
	for k := 0; k < len(order); {
		lo, hi := jobs[order[k]].start, jobs[order[k]].end
		n := k + 1
		for ; n < len(order); n++ {
			j := jobs[order[n]]
			if j.start-hi > windowGap || max(hi, j.end)-lo > windowMax {
				break
			}
			hi = max(hi, j.end)
		}
		w, err := lz.read(lo, hi, lz.takeBuf(hi-lo+2*WindowSeg))
		if err != nil {
			return nil, nil, err
		}
		wins = append(wins, w)
		for _, i := range order[k:n] {
			byJob[i] = w
		}
		k = n
	}
	return byJob, wins, nil
}

// windowDiag is the error of a stream whose window could not be read.
func (lz *lazyBodies) windowDiag(err error) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Plan file changed while read",
		Detail:  fmt.Sprintf("%s changed while iamlint read it (%v); it is not linted. Run iamlint again once it is written.", lz.l.s.name, err),
		Subject: &hcl.Range{Filename: lz.l.s.name, Start: hcl.InitialPos, End: hcl.InitialPos}, Extra: err}
}

// EndStream drops what Stream needs (the loader, the plan bytes it reads).
func (p *Plan) EndStream() {
	if p != nil {
		p.lazy = nil
	}
}

// ReleaseRead drops the changes of blocks, blocks of p.After that
// StreamHeld handed to its fn and whose changes the caller has read (from
// fn, once done with them), and what Stream keeps to build their bodies
// (their jobs): Change(b) is nil for them from then on, Deferred(b) false,
// and nothing of p holds the changes once Changes no longer lists them
// either (the caller sets it to nil, having read what it needs of every
// change). A streamed plan's changes are then garbage a chunk at a time
// instead of all at the end of the stream, the peak of its memory (on the
// 200 MB bench plan, 52 MB of changes and 17 MB of jobs). The bodies of
// those blocks are not built again: a later Stream leaves them as they
// are.
func (p *Plan) ReleaseRead(blocks []*eval.Block) {
	if p == nil {
		return
	}
	if lz := p.lazy; lz != nil {
		lz.jobsMu.Lock()
		for _, b := range blocks {
			if j := lz.jobs[b]; j != nil {
				// The jobs are allocated by the chunk (addJob): one
				// not yet released keeps the others' memory.
				j.c = nil
				delete(lz.jobs, b)
			}
		}
		lz.jobsMu.Unlock()
	}
	for _, b := range blocks {
		delete(p.byBlock, b)
	}
}

// Deferred reports whether Stream builds the body of b.
func (p *Plan) Deferred(b *eval.Block) bool {
	return p != nil && p.lazy != nil && p.lazy.jobs[b] != nil
}

// LazyString returns, for a block whose body Stream builds, what
// Body.Get(attr) would hold once built when it is a known string, read from
// the plan without building the body; ok is false when it would be absent,
// null, unknown or not a string. Not safe for concurrent use (nor during
// Stream). It reads the plan's bytes: call it before UseWindows drops
// them (it panics after).
func (p *Plan) LazyString(b *eval.Block, attr string) (str string, ok bool) {
	s, v, _ := p.lazyAttr(b, attr)
	if s == nil || s.at(v) != '"' {
		return "", false
	}
	str, _ = s.str(v)
	return str, true
}

// LazyStrings is LazyString for an attribute that Get would give a wholly
// known collection (a list, set, tuple or object, maybe empty): its
// strings (null and other elements left out). ok is false when it would
// be absent, null, not a collection or not wholly known; exact is false
// when after_unknown marks a part of it, which only the built body tells.
func (p *Plan) LazyStrings(b *eval.Block, attr string) (strs []string, ok, exact bool) {
	s, v, part := p.lazyAttr(b, attr)
	if part {
		return nil, false, false
	}
	if s == nil {
		return nil, false, true
	}
	add := func(e int) int {
		if s.at(e) == '"' {
			str, end := s.str(e)
			strs = append(strs, str)
			return end
		}
		return s.skip(e)
	}
	switch s.at(v) {
	case '[':
		s.array(v, add)
	case '{':
		// Members by key, the last one of a key kept (as the object
		// value), in key order (as cty iterates them).
		last := map[string]int{}
		s.object(v, func(k string, _, _, e int) int {
			last[k] = e
			return s.skip(e)
		})
		keys := make([]string, 0, len(last))
		for k := range last {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			add(last[k])
		}
	default:
		return nil, false, true
	}
	return strs, true, true
}

// lazyAttr returns the loader's scanner and the offset of attribute attr
// in b's after value, when the built body would have it and it would not be
// unknown as a whole (else a nil scanner); part says that after_unknown
// marks a part of it. It panics once the plan's bytes are dropped
// (UseWindows): its callers read the attributes before (the runner's
// read-back of the roles, streamPlan).
func (p *Plan) lazyAttr(b *eval.Block, attr string) (s *scanner, at int, part bool) {
	if p == nil || p.lazy == nil {
		return nil, 0, false
	}
	if p.lazy.read != nil {
		panic("plan: LazyString or LazyStrings after UseWindows")
	}
	j := p.lazy.jobs[b]
	if j == nil {
		return nil, 0, false
	}
	ls := p.lazy.l.s
	saved := ls.depth
	defer func() { ls.depth = saved }()
	ls.depth = j.depth
	s = ls
	after, unknown := j.after, j.unknown
	if after < 0 || s.at(after) != '{' || s.at(unknown) == 't' {
		return nil, 0, false // unknown or null as a whole (build)
	}
	// As unknowns reads after_unknown: the last member of attr, whether
	// it marks something or not.
	all, bad := false, false
	if s.at(unknown) == '{' {
		func() {
			// A mark of the wrong type ("true" as a string) is the
			// build's error (unknowns fails): said there, not here.
			unk := len(s.unk)
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(syntaxError); !ok {
						panic(r)
					}
					clear(s.unk[unk:])
					s.unk, bad = s.unk[:unk], true
				}
			}()
			s.object(unknown, func(k string, _, _, v int) int {
				if k != attr {
					return s.skip(v)
				}
				t, e := s.unknowns(v)
				all, part = false, false
				if t != nil {
					all, part = t.all, !t.all
				}
				return e
			})
		}()
	}
	if bad {
		return nil, 0, true // not read here: the body is built (and fails)
	}
	if all {
		return nil, 0, false
	}
	at = -1
	s.object(after, func(k string, _, _, v int) int {
		if k == attr {
			at = v
		}
		return s.skip(v)
	})
	if at < 0 || s.isNull(at) {
		return nil, 0, part
	}
	return s, at, part
}

// strArena is where StreamHeld's scanners decode the policy texts of one
// chunk: blocks of arenaBlock bytes, filled in turn (safe for concurrent
// use: the chunk's bodies are built on every CPU).
type strArena struct {
	mu     sync.Mutex
	blocks [][]byte // the blocks, those in use first
	used   int      // the blocks in use, the last one being filled
}

// arenaBlock is the size of a block of a strArena; a text of more than a
// quarter of it is allocated on its own.
const arenaBlock = 1 << 20

// str returns a string of the bytes b, copied into the arena: the text
// the scanner decoded from the JSON string literal at offset lit of the
// plan, ascii when the literal is ASCII (no \u escape, no byte of 0x80 or
// more). Each text is preceded in its block by a header (textHeader) that
// holds lit and its length, with textNonASCII set unless ascii, which
// holds reads.
func (a *strArena) str(b []byte, lit int, ascii bool) string {
	if len(b) == 0 || len(b) > arenaBlock/4 {
		return string(b)
	}
	n := uint64(len(b))
	if !ascii || lit < 0 || uint64(lit) > math.MaxUint32 {
		n |= textNonASCII
	}
	a.mu.Lock()
	if a.used == 0 || len(a.blocks[a.used-1])+textHeader+len(b) > arenaBlock {
		if a.used == len(a.blocks) {
			a.blocks = append(a.blocks, make([]byte, 0, arenaBlock))
		}
		a.used++
	}
	blk := &a.blocks[a.used-1]
	*blk = binary.LittleEndian.AppendUint64(*blk, uint64(uint32(lit))|n<<32)
	at := len(*blk)
	*blk = append(*blk, b...)
	s := unsafe.String(&(*blk)[at], len(b))
	a.mu.Unlock()
	return s
}

// textHeader is the size of the header before each text of a strArena:
// the offset of its literal (low 32 bits) and its length (high 32 bits,
// with textNonASCII).
const (
	textHeader   = 8
	textNonASCII = 1 << 31
)

// holds reports whether s is a text of a (str's string itself, not a part
// of one) decoded from the ASCII JSON string literal at offset lit of the
// plan.
func (a *strArena) holds(s string, lit int) bool {
	if len(s) == 0 || lit < 0 || uint64(lit) > math.MaxUint32 {
		return false
	}
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, blk := range a.blocks[:a.used] {
		if len(blk) == 0 {
			continue
		}
		b0 := uintptr(unsafe.Pointer(unsafe.SliceData(blk)))
		if p < b0+textHeader || p-b0 > uintptr(len(blk)) || uintptr(len(s)) > uintptr(len(blk))-(p-b0) {
			continue
		}
		at := int(p - b0)
		h := binary.LittleEndian.Uint64(blk[at-textHeader : at])
		return h == uint64(uint32(lit))|uint64(len(s))<<32
	}
	return false
}

// heldArenas are the strArenas of the chunks a StreamHeld's caller may
// still read (LitText).
type heldArenas struct {
	mu     sync.RWMutex
	arenas []*strArena
}

func (h *heldArenas) add(a *strArena) {
	h.mu.Lock()
	h.arenas = append(h.arenas, a)
	h.mu.Unlock()
}

func (h *heldArenas) drop(a *strArena) {
	h.mu.Lock()
	if i := slices.Index(h.arenas, a); i >= 0 {
		h.arenas = slices.Delete(h.arenas, i, i+1)
	}
	h.mu.Unlock()
}

func (h *heldArenas) holds(s string, lit int) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, a := range h.arenas {
		if a.holds(s, lit) {
			return true
		}
	}
	return false
}

// LitText returns a function that reports whether s, the value of a
// string attribute policy or assume_role_policy of a body StreamHeld
// gave its caller (the string itself, as the body holds it), is the text
// decoded from the JSON string literal at byte offset lit of the plan,
// which is ASCII (no \u escape, no byte of 0x80 or more), while the
// caller holds the body's chunk. Such a text is, byte for byte, what the
// literal decodes to: the caller need not compare them. False for any
// other string (the caller compares them); nil for a plan not loaded
// lazily.
func (p *Plan) LitText() func(s string, lit int) bool {
	if p == nil || p.lazy == nil {
		return nil
	}
	return p.lazy.held.holds
}

// reset empties the arena, its bytes zeroed (clear is a memclr) so that a
// text read past its chunk (a bug) reads as NUL bytes, not as another text.
func (a *strArena) reset() {
	for i := range a.used {
		clear(a.blocks[i])
		a.blocks[i] = a.blocks[i][:0]
	}
	a.used = 0
}

// arenaPool is the strArenas of a stream not in use.
type arenaPool struct {
	mu   sync.Mutex
	free []*strArena
}

func (p *arenaPool) get() *strArena {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		a := p.free[n-1]
		p.free = p.free[:n-1]
		return a
	}
	return &strArena{}
}

func (p *arenaPool) put(a *strArena) {
	a.reset()
	p.mu.Lock()
	p.free = append(p.free, a)
	p.mu.Unlock()
}
