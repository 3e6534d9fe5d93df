package linter

import (
	"context"
	"fmt"
	"hash/maphash"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// Linting one root at a time.
//
// A run that lints only Terraform paths runs the rules (and computes the
// effective permissions of the principals, with Options.Principals) on the
// model of each root module (its address space: the root and the module
// instances it calls) as soon as it is extracted, in root order, and keeps
// only the findings and what finish reads of the root (its blocks'
// summary, the keys of its policies, its notices, its principals' summary):
// the models of all the roots are never in memory at once, and the
// collector does not mark a model that grows with the estate (a
// 50,000-file estate held 10 GB). The rules read one document or one
// entity and what the graph of its space links to it, so the findings are
// those of the merged model (extract.Merge), except where the spaces meet:
//
//   - a root whose directory another root calls has its entities marked
//     Partial (Merge). It is known when the root is linted if its callers
//     come first (a root calling its subdirectories), or if no file of the
//     roots names its directory as a module source (load.Options.Calls);
//     otherwise a root with entities is linted both ways and the results
//     kept are chosen at the end (most often the two agree and one is
//     kept).
//   - the shapes of unknown strings are the first space's (extract.Joiner,
//     in root order); a lookup that found none while a later space has one
//     is a difference.
//   - credential literals are found in every source at the end, and the
//     rules run once more on a model of them alone.
//   - a finding's fingerprint names the statement holding it in the first
//     document of its address that has one, in root order: it is located
//     in its own space when no other has documents of that address in that
//     file; the documents in the module directories that several roots
//     may call are kept until the last of them is linted, and such
//     findings located in them all (resolveDir).
//   - a permissions boundary is resolved (package effective) against a
//     policy attached anywhere under its ARN: the first one must be in the
//     boundary's own space, or nowhere.
//
// A module directory that many roots call gives each root's findings in it
// again: dedupe keeps one of each, and those it would drop whatever else
// is found are left out before (rootRun.repeats), most of them as soon as
// their root is linted (dropRepeated), so that a run of many roots
// calling one big module keeps its findings once, not once per root.
//
// When one of these may differ (rare: a call the text of the sources does
// not show, two roots with documents of one address in a file that is not
// a module's, such as a file() policy or a --var-file, a boundary ARN
// attached in another root), the run is done again the whole-model way
// (prepare, lintModel): the output never depends on which way was taken.
// Plans, and runs with --source, are linted the whole-model way.

// rootsEnabled says whether opts can be linted one root at a time: only
// Terraform paths (a plan is one space, and --new-only reads the plans),
// no --source.
func rootsEnabled(opts Options) bool {
	// (No paths is ".", a directory.)
	return opts.Source == "" && !noRoots && !slices.ContainsFunc(opts.Paths, IsPlanPath)
}

// noRoots turns lintRoots off (tests compare the two ways).
var noRoots = false

// rootsRedone, when set (by tests), is told why a run linted one root at a
// time was done again the whole-model way.
var rootsRedone func(why string)

// repeatsDropped, when set (by tests), is given the findings that a run
// linted one root at a time left out as repeats (rootRun.repeats).
var repeatsDropped func(n int)

// rootTotals is what finishWith reads of a run linted one root at a time.
type rootTotals struct {
	policies policyCounter
}

// rootRun lints the roots of one run as they are extracted (lintRoots).
type rootRun struct {
	opts Options
	j    *extract.Joiner

	mu       sync.Mutex // guards waiting, next, skipped, draining
	drained  *sync.Cond // told when draining ends or a root is linted
	waiting  map[int]rootSpace
	skipped  map[int]bool
	next     int // the next root to lint
	draining bool

	// Written by lintOne only (one root at a time, in order).
	outs     []*rootOut
	totals   rootTotals
	seed     maphash.Seed
	docs     docSpaces        // (file, address) -> the space of its documents
	firstARN map[string]int32 // policy ARN -> the first space attaching a policy of the configuration under it
	arnRefs  []arnRef
	nDocs    int
	redo     string     // why the run must be done again the whole-model way ("" if not)
	texts    *textArena // the texts of the findings kept (rulesRun)
	wide     *widePatterns
	found    []Finding // the findings of the last run of the rules, joined to be located and packed (rules)

	// The directories that the roots' module calls may reach (all: any),
	// and the last root (by number) of those that may reach each directory
	// reached by several (shared), set before the first root is consumed
	// (load.Options.Calls).
	mayCalled map[string]bool
	mayAll    bool
	shared    map[string]int
	lastOf    map[int][]string // root -> the shared directories it is the last to reach

	// The documents of the roots linted so far that touch a file of a
	// shared directory (by directory, in root order): the findings whose
	// address has documents in such a file in several roots are located
	// in them all once the last root that may reach it is linted
	// (resolveShared), and they are dropped.
	kept   map[string][]*iam.Document
	keptOf map[string][]int32 // the spaces that kept documents of each directory

	// The findings of the roots linted so far in a file of each shared
	// directory not resolved yet, in root order (resolveDir reads these,
	// not every finding of every root since the first keeper: that was
	// quadratic in an estate of roots calling shared modules), and the
	// shared directories resolved (no more recorded).
	inShared map[string][]sharedFinding
	resolved map[string]bool

	// The first finding of each packed record (but for its related
	// locations) in a file of a shared directory of the roots linted so
	// far that no root calls or may call (rootOut.never), and where the
	// findings of such roots left out as their repeats were (dropRepeated),
	// checked at the end as gather checks the others. sharedFile caches
	// whether a file (by its text number) is in a shared directory.
	firstRec   map[packedFinding]recAt
	droppedAt  []droppedAt
	nDropped   int
	sharedFile map[uint32]bool
}

// recAt is finding i of fs.
type recAt struct {
	fs *packedFindings
	i  int32
}

// droppedAt is the file and resource (text numbers) of findings of space
// left out as repeats (dropRepeated).
type droppedAt struct {
	file, res uint32
	space     int32
}

// sharedFinding is finding i of run, of space, in a file of a shared
// directory (run is not changed until gather but by resolveDir).
type sharedFinding struct {
	run   *rulesRun
	i     int32
	space int32
}

// docSpaces says, for each file and address of the documents of the roots
// linted so far, the space of those documents (-1: several). A file's
// entries are looked up in a small map of its own (a map of every (address,
// file) of the estate, a million entries on a 10,000-file estate, cost a
// cache miss per lookup), and while one space only has documents in a file
// (most files: a root's own) they are only listed.
type docSpaces struct {
	files    map[string]*fileDocs
	last     *fileDocs // the file of the last lookup (a document's files follow each other)
	lastName string
}

// fileDocs is docSpaces's entry of one file; an address is known by its
// hash (rootRun.addrKey).
type fileDocs struct {
	space int32    // the one space with documents in the file while keys is the list
	keys  []uint64 // the addresses of space's documents (repeats possible), until a second space comes
	m     map[uint64]int32
	// resolved holds the addresses of several spaces in the file whose
	// findings were located in them all (resolveDir).
	resolved map[uint64]bool
	dir      string // filepath.Dir of the file's name
	shared   int    // r.shared[dir], or -1 when dir is not shared
}

// file returns the entry of the file name, nil when no document has been
// seen in it.
func (x *docSpaces) file(name string) *fileDocs {
	if x.last != nil && name == x.lastName {
		return x.last
	}
	fd := x.files[name]
	if fd != nil {
		x.last, x.lastName = fd, name
	}
	return fd
}

// several reports whether documents of several spaces have the address
// key ak in fd.
func (fd *fileDocs) several(ak uint64) bool {
	return fd != nil && fd.m != nil && fd.m[ak] == -1
}

// elsewhere reports whether a finding of space at address key ak in fd's
// file is not located as the merged model would locate it: another space
// has documents of that address in the file (unless located in them all,
// resolveDir).
func (fd *fileDocs) elsewhere(ak uint64, space int32) bool {
	if fd == nil || (fd.m == nil && fd.space == space) {
		return false
	}
	if fd.m == nil {
		fd.toMap()
	}
	s, ok := fd.m[ak]
	return ok && s != space && (s != -1 || !fd.resolved[ak])
}

// toMap turns fd's list of keys into its map.
func (fd *fileDocs) toMap() {
	fd.m = make(map[uint64]int32, len(fd.keys))
	for _, k := range fd.keys {
		fd.m[k] = fd.space
	}
	fd.keys = nil
}

// rootSpace is a root's extracted space and block summary, waiting for its
// turn.
type rootSpace struct {
	root int
	sp   *extract.Space
	bs   *blockSummary
}

// calls takes the call graph of the roots (load.Options.Calls).
//
// A directory is shared when two roots or more other than itself reach it,
// and what is kept of it is the last of them (the highest number). The
// roots are walked from the last to the first, and each directory keeps
// the first three roots that reach it (the highest three); a walk goes no
// further than a directory that has three already, or that it reached
// before: every directory past it is reached by two roots at least higher
// than this one (three, less the directory itself when it is one of
// them), so this root is none of its last two. Each directory is walked
// through at most three times: linear in the graph. Walking every root's
// whole reach was quadratic: a chain of 10,000 module directories, each
// calling the next, made 50 million map insertions and lists of reaching
// roots as long (iamlint: 32 s and 1 GB; TestCallsChainLinear).
func (r *rootRun) calls(roots []string, edges map[string][]string, all bool) {
	r.mayAll = all
	r.mayCalled = map[string]bool{}
	type highest struct {
		n     int
		roots [3]int // in decreasing order
	}
	reachers := map[string]*highest{}
	var todo []string
	for i := len(roots) - 1; i >= 0; i-- {
		root := roots[i]
		todo = append(todo[:0], edges[root]...)
		for len(todo) > 0 {
			d := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			r.mayCalled[d] = true
			if d == root {
				continue // its calls are where the walk started
			}
			h := reachers[d]
			if h == nil {
				h = &highest{}
				reachers[d] = h
			}
			if h.n == len(h.roots) || (h.n > 0 && h.roots[h.n-1] == i) {
				continue
			}
			h.roots[h.n] = i
			h.n++
			todo = append(todo, edges[d]...)
		}
	}
	r.shared, r.lastOf = map[string]int{}, map[int][]string{}
	for d, h := range reachers {
		if h.n >= 2 {
			last := h.roots[0]
			r.shared[d] = last
			r.lastOf[last] = append(r.lastOf[last], d)
		}
	}
}

// rootOut is what is kept of a linted root.
type rootOut struct {
	dir    string
	called bool // known called when linted
	never  bool // known not called when linted (no root's file names its directory as a module source)
	blocks *blockSummary
	run    rulesRun
	alt    *rulesRun // the rules' results with its entities Partial, when they differ (not called when linted)
	unk    unknownDocs
	parse  hcl.Diagnostics // unreportedParseErrors
	// The effective permissions of its principals (Options.Principals),
	// sorted as effective.Compute sorts them, packed (their texts in
	// rootRun.texts); none when called.
	principals *packedPrincipals
}

// rulesRun is the result of the rules on one space (runRulesSplit), its
// findings packed (their texts in rootRun.texts).
type rulesRun struct {
	findings packedFindings
	errs     [][]Error
	counts   []int
}

// arnRef is a permissions boundary ARN of an entity of space (see rootRun).
type arnRef struct {
	arn      string
	space    int32
	provides bool // the space attaches a policy of the configuration under arn
}

// lintRoots lints the Terraform paths of opts one root at a time. ok is
// false when the run must be done the whole-model way (see above).
func lintRoots(ctx context.Context, opts Options) (res *Result, ok bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	go awsdata.Preload()
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	r := &rootRun{opts: opts, j: extract.NewJoiner(), waiting: map[int]rootSpace{}, skipped: map[int]bool{},
		seed: maphash.MakeSeed(), docs: docSpaces{files: map[string]*fileDocs{}}, firstARN: map[string]int32{},
		kept: map[string][]*iam.Document{}, keptOf: map[string][]int32{}, inShared: map[string][]sharedFinding{},
		resolved: map[string]bool{}, texts: newTextArena(), wide: newWidePatterns()}
	r.drained = sync.NewCond(&r.mu)
	lo := tfLoadOptions(opts, paths, func(root int, sp *extract.Space, bs *blockSummary) {
		r.arrive(root, rootSpace{root: root, sp: sp, bs: bs}, false)
	})
	lo.Skipped = func(root int) { r.arrive(root, rootSpace{}, true) }
	lo.Calls = r.calls
	loaded := load.Load(lo)
	// The roots not linted yet (after a root that was never consumed), in
	// order.
	r.mu.Lock()
	rest := make([]int, 0, len(r.waiting))
	for i := range r.waiting {
		rest = append(rest, i)
	}
	slices.Sort(rest)
	for _, i := range rest {
		it := r.waiting[i]
		delete(r.waiting, i)
		if it.sp != nil {
			r.lintOne(it)
		}
	}
	for d := range r.kept {
		r.resolveDir(d)
	}
	r.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	if r.redo != "" {
		return r.again()
	}
	ev := mergeResults([]*eval.Result{loaded})
	ev.Diags = append(nothingToLint(paths, loaded), ev.Diags...)
	opts.progress(Progress{Stage: "loaded", Files: len(ev.Files), Modules: len(ev.Modules)})

	secretList, spaceDiags := r.j.Finish(ev.Sources)
	if r.j.ShapesMissed() {
		r.redo = "a shape looked up in one root is recorded by a later root"
	}
	for _, ref := range r.arnRefs {
		first, any := r.firstARN[ref.arn]
		if (ref.provides && first != ref.space) || (!ref.provides && any) {
			r.redo = "a permissions boundary ARN is attached in another root"
		}
	}
	if r.redo != "" {
		return r.again()
	}
	// Each root's results, as called or not (known now), then the rules
	// on the credential literals; the findings in rule order, each rule's
	// in root order (as the rules on the merged model give them).
	runs := make([]*rulesRun, 0, len(r.outs)+1)
	uncalled := make([]bool, 0, len(r.outs)+1) // runs[i]'s root is called by none
	var unk unknownSet
	var parse hcl.Diagnostics
	var blocks []*blockSummary
	var principals []*packedPrincipals // each root's, in root order
	for _, o := range r.outs {
		called := o.called || r.j.Called(o.dir)
		if called && o.never {
			r.redo = "a root is called by a module the roots do not name"
			return r.again()
		}
		run := &o.run
		if called && !o.called && o.alt != nil {
			run = o.alt
		}
		runs = append(runs, run)
		uncalled = append(uncalled, !called)
		if !called {
			unk.add(o.unk)
			principals = append(principals, o.principals)
		}
		parse = append(parse, o.parse...)
		blocks = append(blocks, o.blocks)
	}
	secrets := &rulesRun{}
	var secretFindings []Finding
	secretFindings, secrets.errs, secrets.counts = runRulesSplit(opts.Rules, &iam.Model{Graph: &iam.Graph{Secrets: secretList}}, opts.RuleOptions)
	locateNowhere(secretFindings)
	secrets.findings.pack(r.texts, secretFindings)
	runs = append(runs, secrets)
	uncalled = append(uncalled, false)
	r.checkDropped()
	drop := r.repeats(runs, uncalled)
	if repeatsDropped != nil {
		n := r.nDropped
		for _, d := range drop {
			for _, x := range d {
				if x {
					n++
				}
			}
		}
		repeatsDropped(n)
	}
	findings, ruleErrs := r.gather(runs, drop)
	if r.redo != "" {
		return r.again()
	}
	// (The findings' texts point into the arena's blocks, not its maps;
	// the principals' are read below.)
	texts := r.texts
	r.outs, r.texts = nil, nil
	all := append(ev.Diags, spaceDiags...)
	all = append(all, unk.notices()...)
	if d := r.wide.notice(); d != nil {
		all = append(all, d)
	}
	opts.progress(Progress{Stage: "extracted", Files: len(ev.Files), Modules: len(ev.Modules), Policies: r.nDocs})
	all = append(append(hcl.Diagnostics(nil), all...), parse...)
	// The principals are sorted on another CPU while finish runs (it
	// reads none of them).
	var sorted []effective.PrincipalSummary
	waitPrincipals := func() {}
	if opts.Principals {
		// Each root's are sorted by kind and address, those of equal kind
		// and address in model order: so are they all, in root order.
		waitPrincipals = goCatch(func() { sorted = sortPrincipals(texts, principals...) })
	}
	// The credentials to mask are looked for in the sources (finish reads
	// them, changes none) on another CPU while finish runs too: after it,
	// on one CPU, they were a few hundredths of a second of the run's end.
	var masked []string
	var built []builtSecret
	waitSecrets := goCatch(func() {
		found := secretStrings(secretList, ev.Sources)
		built = builtSecrets(secretList, found)
		masked = literalSecrets(ev.Sources, varSecrets(opts.Vars, found))
	})
	res, err = finishWith(findings, ruleErrs, all, nil, ev, blocks, opts, nil, &r.totals)
	waitPrincipals()
	waitSecrets()
	if err != nil {
		return nil, false, err
	}
	if opts.Principals {
		res.Principals = sorted
	}
	hideSensitiveHCL(res, opts, ev)
	maskSecrets(res, masked, built)
	return res, true, nil
}

// again tells why the run is done again the whole-model way.
func (r *rootRun) again() (*Result, bool, error) {
	if rootsRedone != nil {
		rootsRedone(r.redo)
	}
	return nil, false, nil
}

// arrive takes root's space (skipped: the root has none) and lints the
// roots whose turn it is, unless another worker is doing so.
func (r *rootRun) arrive(root int, it rootSpace, skipped bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if skipped {
		r.skipped[root] = true
	} else {
		r.waiting[root] = it
	}
	if r.draining {
		// The roots wait in memory, extracted, for their turn: a worker
		// that would add one more than maxWaiting waits for the one
		// linting them (the rules and the effective permissions of a big
		// root may take longer than evaluating the next ones).
		for r.draining && len(r.waiting) > maxWaiting {
			r.drained.Wait()
		}
		return
	}
	r.draining = true
	defer func() {
		r.draining = false
		r.drained.Broadcast()
	}()
	for {
		if r.skipped[r.next] {
			delete(r.skipped, r.next)
			r.resolveShared(r.next)
			r.next++
			continue
		}
		it, ok := r.waiting[r.next]
		if !ok {
			return
		}
		delete(r.waiting, r.next)
		r.next++
		// The other workers go on evaluating (and leave their roots in
		// waiting) while this one is linted.
		r.mu.Unlock()
		r.lintOne(it)
		r.mu.Lock()
		r.drained.Broadcast()
	}
}

// maxWaiting is the number of extracted roots from which the workers
// wait for their turn to come (see arrive).
const maxWaiting = 16

// lintOne runs the rules on the next root's space (in root order, one at
// a time) and keeps what finish reads of it.
func (r *rootRun) lintOne(it rootSpace) {
	defer func() {
		if p := recover(); p != nil && r.redo == "" {
			r.redo = fmt.Sprintf("internal error: %v", p)
		}
	}()
	if r.redo != "" {
		return
	}
	m, called := r.j.Next(it.sp)
	space := int32(len(r.outs))
	o := &rootOut{dir: it.sp.RootDir(), called: called, blocks: it.bs}
	r.outs = append(r.outs, o)
	r.nDocs += len(m.Documents)
	var files, dirs []string
	var ids fileIDs
	for _, d := range m.Documents {
		r.totals.policies.add(d)
		files = docFiles(d, files[:0], &ids)
		dirs = dirs[:0]
		ak := r.addrKey(d.Address)
		for _, f := range files {
			fd := r.addDoc(f, ak, space)
			if dir := fd.dir; !slices.Contains(dirs, dir) {
				dirs = append(dirs, dir)
				// (A root after the last that may reach dir is dir's own:
				// its addresses are not those of a module call.)
				if last := fd.shared; last >= 0 && it.root <= last {
					r.kept[dir] = append(r.kept[dir], d)
					if ks := r.keptOf[dir]; len(ks) == 0 || ks[len(ks)-1] != space {
						r.keptOf[dir] = append(ks, space)
					}
				}
			}
		}
	}
	r.boundaries(m.Graph, space)
	if !called {
		// (The notices of unknown policies are given for the roots not
		// called only: finish reads none of a root known called now.)
		o.unk = unknownOf(m.Documents, r.opts.Rules)
	}
	o.parse = unreportedParseErrors(r.opts.Rules, m)
	// After the notices of unknown policies, before the rules (as
	// prepare does on the merged model).
	r.wide.apply(m.Documents)
	extract.MarkPartial(m.Graph, called)
	if called {
		setStandalone(m.Documents, true)
	}
	o.run = r.rules(m)
	if r.opts.Principals && !called {
		// Compute leaves out Partial principals: none of a root called
		// (when it is found called at the end, they are dropped).
		o.principals = packPrincipals(r.texts, effective.Compute(m))
	}
	o.never = !called && !r.mayAll && !r.mayCalled[o.dir]
	if !called && !o.never && (it.sp.HasEntities() || standaloneMatters(m.Documents)) {
		// Called or not is known at the end only: linted both ways.
		extract.MarkPartial(m.Graph, true)
		setStandalone(m.Documents, true)
		alt := r.rules(m)
		if !sameRun(r.texts, &o.run, &alt) {
			o.alt = &alt
		}
	}
	if o.never && len(r.shared) > 0 {
		r.dropRepeated(&o.run, space)
	}
	if len(r.shared) > 0 {
		r.recordShared(&o.run, space)
		if o.alt != nil {
			r.recordShared(o.alt, space)
		}
	}
	r.resolveShared(it.root)
}

// recordShared records the findings of run (of space) that are in a file of
// a shared directory not resolved yet (inShared).
func (r *rootRun) recordShared(run *rulesRun, space int32) {
	lastName, lastDir := "", ""
	for i := range run.findings.len() {
		name, _ := run.findings.where(r.texts, i)
		if i == 0 || name != lastName {
			lastName, lastDir = name, ""
			dir := filepath.Dir(name)
			if _, ok := r.shared[dir]; ok && !r.resolved[dir] && len(name) > len(dir) && name[:len(dir)] == dir {
				lastDir = dir
			}
		}
		if lastDir != "" {
			r.inShared[lastDir] = append(r.inShared[lastDir], sharedFinding{run: run, i: int32(i), space: space})
		}
	}
}

// addDoc records that space has documents of address key ak in the file
// name, and returns the file's entry.
func (r *rootRun) addDoc(name string, ak uint64, space int32) *fileDocs {
	x := &r.docs
	fd := x.file(name)
	if fd == nil {
		fd = &fileDocs{space: space, dir: filepath.Dir(name), shared: -1}
		if last, ok := r.shared[fd.dir]; ok {
			fd.shared = last
		}
		x.files[name] = fd
		x.last, x.lastName = fd, name
	}
	if fd.m == nil {
		if fd.space == space {
			if n := len(fd.keys); n == 0 || fd.keys[n-1] != ak {
				fd.keys = append(fd.keys, ak)
			}
			return fd
		}
		fd.toMap()
	}
	if s, ok := fd.m[ak]; !ok {
		fd.m[ak] = space
	} else if s != space {
		fd.m[ak] = -1
		if fd.resolved[ak] {
			r.redo = "a root has documents of an address in a file after the last root the calls show reaching it"
		}
	}
	return fd
}

// resolveShared locates the findings in the shared directories that root
// is the last to reach (see rootRun.kept).
func (r *rootRun) resolveShared(root int) {
	for _, d := range r.lastOf[root] {
		r.resolveDir(d)
	}
}

// resolveDir locates, in the documents kept of every root, the findings of
// those roots in a file of dir whose address has documents in that file in
// several roots, as the merged model would (locateIn: the first document,
// in root order, with a statement holding the finding), and drops the
// documents.
func (r *rootRun) resolveDir(dir string) {
	docs, spaces := r.kept[dir], r.keptOf[dir]
	found := r.inShared[dir]
	delete(r.kept, dir)
	delete(r.keptOf, dir)
	delete(r.inShared, dir)
	r.resolved[dir] = true
	if len(spaces) < 2 {
		return
	}
	byAddr := map[string][]*iam.Document{}
	for _, d := range docs {
		byAddr[d.Address] = append(byAddr[d.Address], d)
	}
	// The findings in a file of dir of every root linted since the first
	// that kept documents (a finding's root need not have documents
	// there), recorded in root order by recordShared.
	for _, sf := range found {
		if sf.space < spaces[0] {
			continue
		}
		fs := &sf.run.findings
		file, res := fs.where(r.texts, int(sf.i))
		fd := r.docs.file(file)
		ak := r.addrKey(res)
		if !fd.several(ak) {
			continue
		}
		f := fs.finding(r.texts, int(sf.i), nil)
		a, st := locateIn(&f, byAddr[res], nil, nil)
		fs.setFingerprint(r.texts, int(sf.i), a+"\x00"+st)
		if fd.resolved == nil {
			fd.resolved = map[uint64]bool{}
		}
		fd.resolved[ak] = true
	}
}

// rules runs the rules on m and locates their findings in it.
func (r *rootRun) rules(m *iam.Model) rulesRun {
	var run rulesRun
	rr := runRulesChunked(r.opts.Rules, m, r.opts.RuleOptions)
	run.errs = rr.errs
	run.counts = make([]int, len(rr.fs))
	n := 0
	for i := range rr.fs {
		run.counts[i] = rr.fs[i].n
		n += rr.fs[i].n
	}
	// The findings are joined into a slice that each root's runs reuse
	// (a new one each run was 1% of the bytes a dense estate allocated),
	// but for a big root's: kept until the end, it would hold their size.
	fs := r.found
	if cap(fs) < n {
		fs = make([]Finding, n)
		if n <= maxFoundKept {
			r.found = fs
		}
	}
	fs = fs[:n]
	rr.joinInto(fs)
	locateAll(fs, m)
	run.findings.pack(r.texts, fs)
	clear(fs) // (holds nothing of the root until the next)
	return run
}

// maxFoundKept is the most findings rootRun.found is kept for (about
// 1.5 MB).
const maxFoundKept = 8192

// locateAll locates each finding of fs in the documents of m (see
// locateFound).
func locateAll(fs []Finding, m *iam.Model) {
	locateFound(len(fs), func() (func(int, *Finding) *Finding, func(int, string)) {
		return func(i int, _ *Finding) *Finding { return &fs[i] }, func(i int, fp string) { fs[i].Fingerprint = fp }
	}, m)
}

// boundaries records the permissions boundary ARNs that package effective
// would resolve against the attachments of the model (resolveBoundary),
// and the ARNs the space attaches policies under.
func (r *rootRun) boundaries(g *iam.Graph, space int32) {
	provides := map[string]bool{}
	for _, a := range g.Attachments {
		if a != nil && a.PolicyARN.Known && len(a.Policies) > 0 {
			provides[a.PolicyARN.Text] = true
			if _, ok := r.firstARN[a.PolicyARN.Text]; !ok {
				r.firstARN[a.PolicyARN.Text] = space
			}
		}
	}
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
		for _, e := range es {
			if e == nil || len(e.BoundaryPolicies) > 0 || e.Boundary == nil || !e.Boundary.Known ||
				strings.Contains(e.Boundary.Text, ":iam::aws:policy/") {
				continue
			}
			r.arnRefs = append(r.arnRefs, arnRef{arn: e.Boundary.Text, space: space, provides: provides[e.Boundary.Text]})
		}
	}
}

// addrKey numbers the address of documents (docSpaces).
func (r *rootRun) addrKey(addr string) uint64 {
	return maphash.String(r.seed, addr)
}

// repeats marks, by run (nil: none), the findings in a file of a shared
// directory that dedupe would drop for an earlier one of the gather's
// order (rule by rule, each rule's in run order) whatever else is found:
// a module that many roots call gives each root's findings in it again,
// and twenty roots calling a policy of 250,000 unknown actions were 5
// million findings unpacked and deduplicated (2.2 GB) for 250,000
// reported. Finding y is marked when an earlier x is the same in all but
// its related locations (the texts of one arena have one number each,
// so their packed records are equal but for rel), and either both have
// none (the same finding: dedupe keeps one of them, and what it decides
// of the others is the same with one or both), or both have the same
// module call chain but for its last call, in its root, and both roots
// are called by none: then no finding's chain extends x's or y's (its
// root would be called) and y's extends the chains that x's does
// (chainShadowed), isCalled, the address, severity and so dedupe's block
// of x and y are the same, and of the two the first, x, is kept (better
// ties). uncalled[i] says runs[i]'s root is called by none.
func (r *rootRun) repeats(runs []*rulesRun, uncalled []bool) [][]bool {
	if len(r.shared) == 0 {
		return nil
	}
	seen := map[packedFinding]recAt{}
	var marks [][]bool
	at := make([]int, len(runs))
	for k := range r.opts.Rules {
		for i, run := range runs {
			c := run.counts[k]
			fs := &run.findings
			for j := at[i]; j < at[i]+c; j++ {
				key, ok := r.repeatKey(fs, j)
				if !ok || (key.nrel > 0 && !uncalled[i]) {
					continue
				}
				first, ok := seen[key]
				if !ok {
					seen[key] = recAt{fs, int32(j)}
					continue
				}
				if !first.sameChain(fs, j) {
					continue
				}
				if marks == nil {
					marks = make([][]bool, len(runs))
				}
				if marks[i] == nil {
					marks[i] = make([]bool, fs.len())
				}
				marks[i][j] = true
			}
			at[i] += c
		}
	}
	return marks
}

// repeatKey returns finding j of fs's packed record but for its related
// locations (rel 0), when it is packed and in a file of a shared
// directory (else ok is false).
func (r *rootRun) repeatKey(fs *packedFindings, j int) (key packedFinding, ok bool) {
	key = fs.recs[j]
	if key.nrel == rawFinding {
		return key, false
	}
	shared, known := r.sharedFile[key.rng.file]
	if !known {
		if r.sharedFile == nil {
			r.sharedFile = map[uint32]bool{}
		}
		_, shared = r.shared[filepath.Dir(r.texts.text(key.rng.file))]
		r.sharedFile[key.rng.file] = shared
	}
	key.rel = 0
	return key, shared
}

// sameChain reports whether finding j of fs, of x's key (repeatKey), has
// x's module call chain but for its last call.
func (x recAt) sameChain(fs *packedFindings, j int) bool {
	xr, yr := &x.fs.recs[x.i], &fs.recs[j]
	if yr.nrel <= 1 {
		return true
	}
	return slices.Equal(x.fs.rels[xr.rel:xr.rel+xr.nrel-1], fs.rels[yr.rel:yr.rel+yr.nrel-1])
}

// dropRepeated leaves out of run, the rules' results of a root (space)
// that no root calls or may call (rootOut.never), its findings that
// repeats would leave out for the first of their packed record of such a
// root before it, so that they are not kept to the end (a hundred roots
// calling one policy of 50,000 unknown actions kept 5 million), and
// records its findings that are the first of their record. Where the
// findings left out were is kept for gather's check (checkDropped).
func (r *rootRun) dropRepeated(run *rulesRun, space int32) {
	fs := &run.findings
	var drop []bool
	for j := range fs.recs {
		key, ok := r.repeatKey(fs, j)
		if !ok {
			continue
		}
		x, seen := r.firstRec[key]
		if !seen || !x.sameChain(fs, j) {
			continue
		}
		if drop == nil {
			drop = make([]bool, len(fs.recs))
		}
		drop[j] = true
		r.nDropped++
		if n := len(r.droppedAt); n == 0 || r.droppedAt[n-1] != (droppedAt{key.rng.file, key.res, space}) {
			r.droppedAt = append(r.droppedAt, droppedAt{key.rng.file, key.res, space})
		}
	}
	if drop != nil {
		run.compact(drop)
	}
	for j := range fs.recs {
		if key, ok := r.repeatKey(fs, j); ok {
			if _, seen := r.firstRec[key]; !seen {
				if r.firstRec == nil {
					r.firstRec = map[packedFinding]recAt{}
				}
				r.firstRec[key] = recAt{fs, int32(j)}
			}
		}
	}
}

// compact leaves out of run the findings marked in drop (by index).
func (run *rulesRun) compact(drop []bool) {
	fs := &run.findings
	out := fs.recs[:0]
	at := 0
	for k, c := range run.counts {
		n := 0
		for j := at; j < at+c; j++ {
			if !drop[j] {
				out = append(out, fs.recs[j])
				n++
			}
		}
		at += c
		run.counts[k] = n
	}
	fs.recs = slices.Clone(out) // (the rest of the array is not held)
}

// checkDropped checks, as gather checks the findings it joins, that the
// findings left out as repeats were located where the merged model would
// locate them.
func (r *rootRun) checkDropped() {
	for _, d := range r.droppedAt {
		file, res := r.texts.text(d.file), r.texts.text(d.res)
		if r.docs.file(file).elsewhere(r.addrKey(res), d.space) {
			r.redo = "a finding's address has documents in the same file in another root"
		}
	}
}

// gather joins the runs' findings (rule by rule, each rule's in run
// order) and errors, less those marked dropped (repeats: drop[i] for
// runs[i]), and checks that each finding was located where the merged
// model would locate it: no other space has documents of its address in
// its file (the last run, of the credential literals, has none).
func (r *rootRun) gather(runs []*rulesRun, drop [][]bool) ([]Finding, []Error) {
	n := 0
	for i, run := range runs {
		n += run.findings.len()
		if i < len(drop) {
			for _, d := range drop[i] {
				if d {
					n--
				}
			}
		}
	}
	// The runs' findings are listed as segments (where each goes), then
	// unpacked on every CPU while the locations are checked on this one:
	// the copy writes fresh pages (60 MB on a dense 10,000-file estate),
	// and appended one segment after the other it was most of gather's
	// time, on one CPU while the other idled.
	type segment struct {
		at    int
		space int32
		fs    *packedFindings
		from  int // fs's first finding of the segment
		n     int
		drop  []bool // fs's findings not copied (nil: none)
	}
	var segs []segment
	off := 0
	var errs []Error
	at := make([]int, len(runs))
	for k := range r.opts.Rules {
		for i, run := range runs {
			space := int32(i)
			if i == len(runs)-1 {
				space = -2 // the credential literals: no document
			}
			if c := run.counts[k]; c > 0 {
				var d []bool
				if i < len(drop) {
					d = drop[i]
				}
				segs = append(segs, segment{off, space, &run.findings, at[i], c, d})
				off += c
				for _, x := range d[min(at[i], len(d)):min(at[i]+c, len(d))] {
					if x {
						off--
					}
				}
			}
			at[i] += run.counts[k]
			for _, e := range run.errs[k] {
				if !slices.ContainsFunc(errs, func(x Error) bool { return sameError(x, e) }) {
					errs = append(errs, e)
				}
			}
		}
	}
	findings := make([]Finding, n)[:off]
	copied := goCatch(func() {
		par.For(len(segs), 16, func(j int) {
			s := &segs[j]
			var c relCache
			at := s.at
			for i := range s.n {
				if s.drop != nil && s.drop[s.from+i] {
					continue
				}
				findings[at] = s.fs.finding(r.texts, s.from+i, &c)
				at++
			}
		})
	})
	for _, s := range segs {
		// The findings of one document follow each other: the answer for
		// the last address and file is kept (the maps do not change here).
		lastRes, lastFile, lastBad := "", "", false
		for j := range s.n {
			file, res := s.fs.where(r.texts, s.from+j)
			if j == 0 || res != lastRes || file != lastFile {
				lastRes, lastFile = res, file
				lastBad = r.docs.file(file).elsewhere(r.addrKey(res), s.space)
			}
			if lastBad {
				r.redo = "a finding's address has documents in the same file in another root"
			}
		}
	}
	copied()
	return findings, errs
}

// sameError reports whether two rule errors say the same at the same place
// (not by their unexported position pointer, new on every run).
func sameError(x, y Error) bool {
	return x.Message == y.Message && x.File == y.File && x.Line == y.Line && x.Column == y.Column
}

// sameRun reports whether two runs of the rules (their texts in t) gave
// the same results.
func sameRun(t *textArena, a, b *rulesRun) bool {
	if !slices.Equal(a.counts, b.counts) || a.findings.len() != b.findings.len() || len(a.errs) != len(b.errs) {
		return false
	}
	for i := range a.findings.len() {
		if !a.findings.same(t, i, &b.findings, i) {
			return false
		}
	}
	for i := range a.errs {
		if !slices.EqualFunc(a.errs[i], b.errs[i], sameError) {
			return false
		}
	}
	return true
}

// sameFinding reports whether two findings are the same (sameRun).
func sameFinding(x, y *Finding) bool {
	return x.Rule == y.Rule && x.Severity == y.Severity && x.Message == y.Message && x.Range == y.Range &&
		x.Resource == y.Resource && x.PolicyKind == y.PolicyKind && x.Fingerprint == y.Fingerprint &&
		slices.Equal(x.Related, y.Related) && x.Suppression == y.Suppression
}

// locateFound locates each of the n findings in the documents of m (its
// consuming attribute and statement, see locateIn) and keeps the answer in
// its Fingerprint until finish computes it (locatedHere). A cursor gives
// finding i (at: in scratch, or where it is) and sets its Fingerprint
// (set), for one goroutine, the findings asked for in order most often. The
// findings are located on every CPU, a segment each (locateIn only reads
// the model and the locator's indexes), each segment's answers sharing one
// text per attribute and statement.
func locateFound(n int, cursor func() (at func(i int, scratch *Finding) *Finding, set func(i int, fp string)), m *iam.Model) {
	at, _ := cursor()
	var scratch Finding
	loc := locator(n, func(i int) *Finding { return at(i, &scratch) }, m, nil)
	const seg = 8192
	par.For((n+seg-1)/seg, 1, func(c int) {
		at, set := cursor()
		var scratch Finding
		texts := map[locKey]string{}
		for i := c * seg; i < min((c+1)*seg, n); i++ {
			f := at(i, &scratch)
			a, s := loc(i, f)
			k := locKey{a: a, s: s}
			if len(s) >= minSharedSid {
				// By address: the locator gives the findings of one
				// long Sid one string (sidTexts), not hashed again.
				k = locKey{a: a, long: longKey{unsafe.StringData(s), len(s)}}
			}
			t, ok := texts[k]
			if !ok {
				t = a + "\x00" + s
				texts[k] = t
			}
			set(i, t)
		}
	})
}

// locKey is the answer of a finding's locator (its attribute and
// statement texts), a long statement text by its bytes' address.
type locKey struct {
	a, s string
	long longKey
}

// locateNowhere is locateAll for findings of a model without documents.
func locateNowhere(fs []Finding) {
	for i := range fs {
		fs[i].Fingerprint = "\x00"
	}
}

// locatedHere is the locator of findings located by locateAll.
func locatedHere(fs []Finding) func(i int, lf *Finding) (attr, stmt string) {
	return func(i int, _ *Finding) (string, string) {
		a, s, _ := strings.Cut(fs[i].Fingerprint, "\x00")
		return a, s
	}
}

// docFiles appends to files the files that d's range or one of its
// statements' ranges is in, once each (see docsByFile). The files are told
// apart by their ids in iam's file table, and named once each at the end:
// a document has dozens of ranges, most of them in the file of the one
// before, and a name looked up and compared for each was 1% of the
// instructions of a 1,000-file estate. The ranges are eachDocRange's, in
// its order (fileIDs.doc), their ids listed in ids (its list reused from
// document to document: an array of its own escaped, an allocation a
// document).
func docFiles(d *iam.Document, files []string, ids *fileIDs) []string {
	ids.ids, ids.last = ids.ids[:0], ^uint32(0)
	ids.doc(d)
	for _, id := range ids.ids {
		if name := iam.FileName(id); !slices.Contains(files, name) {
			files = append(files, name)
		}
	}
	return files
}

// fileIDs lists the file ids of ranges, once each, in the order they are
// first met; last is the id of the range before.
type fileIDs struct {
	ids  []uint32
	last uint32
}

// add lists the file of r (most ranges are in the file of the one
// before).
func (s *fileIDs) add(r iam.Range) {
	if id := r.FileID(); id != s.last {
		s.note(id)
	}
}

// note lists id, the file of a range in another file than the one before.
func (s *fileIDs) note(id uint32) {
	s.last = id
	if !slices.Contains(s.ids, id) {
		s.ids = append(s.ids, id)
	}
}

// doc adds the ranges of d, eachDocRange's in its order (TestDocFileIDs),
// without a call of a function value per range: eachDocRange with add was
// 0.7% of the instructions of a dense estate's run.
func (s *fileIDs) doc(d *iam.Document) {
	s.add(d.Range)
	for _, st := range d.Statements {
		s.add(st.Range)
		s.add(st.Action.Range)
		s.add(st.NotAction().Range)
		s.add(st.Resource.Range)
		s.add(st.NotResource().Range)
		s.add(st.Principal().Range)
		s.add(st.NotPrincipal().Range)
		s.add(st.Condition().Range)
		for _, vs := range [...][]iam.Value{st.Actions, st.NotActions(), st.Resources, st.NotResources()} {
			for i := range vs {
				s.add(vs[i].Range)
			}
		}
		for _, ps := range [...][]iam.Principal{st.Principals(), st.NotPrincipals()} {
			for i := range ps {
				s.add(ps[i].ID.Range)
				s.add(ps[i].Type.Range)
			}
		}
		for _, c := range st.Conditions() {
			s.add(c.Operator.Range)
			s.add(c.Key.Range)
			for i := range c.Values {
				s.add(c.Values[i].Range)
			}
		}
	}
}

// sortPrincipals returns the summaries of the lists parts (their texts in
// t; nil parts are empty), one after the other, in a new slice (never nil)
// sorted by kind and address, those of
// equal kind and address in their order in parts (a stable sort). The
// roots of an estate repeat the same addresses (a module's principals in
// every root that calls it): the summaries are grouped by kind and
// address, the groups sorted, and each summary copied once into its
// group's place (a stable sort of hundreds of thousands of summaries,
// about 140 bytes each, compared and moved them many times over; the
// roots' lists are not joined first either: 30 MB on a 10,000-file
// estate, copied as it grew).
func sortPrincipals(t *textArena, parts ...*packedPrincipals) []effective.PrincipalSummary {
	type key struct{ kind, address string }
	n := 0
	for _, ps := range parts {
		if ps != nil {
			n += ps.len()
		}
	}
	ids := make([]int32, 0, n) // the group of each summary
	group := map[key]int32{}
	var keys []key
	var count []int
	for _, ps := range parts {
		for i := range ps.len() {
			kind, addr := ps.key(t, i)
			k := key{kind, addr}
			g, ok := group[k]
			if !ok {
				g = int32(len(keys))
				group[k] = g
				keys = append(keys, k)
				count = append(count, 0)
			}
			ids = append(ids, g)
			count[g]++
		}
	}
	order := make([]int32, len(keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(keys[a].kind, keys[b].kind); c != 0 {
			return c
		}
		return strings.Compare(keys[a].address, keys[b].address)
	})
	at := make([]int, len(keys)) // where each group's next summary goes
	off := 0
	for _, g := range order {
		at[g] = off
		off += count[g]
	}
	out := make([]effective.PrincipalSummary, n)
	levels := map[uint32]map[string][]string{}
	i := 0
	for _, ps := range parts {
		for j := range ps.len() {
			g := ids[i]
			out[at[g]] = ps.summary(t, j, levels)
			at[g]++
			i++
		}
	}
	return out
}
