package linter

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/fpath"
	"github.com/iamlint/iamlint/internal/hashnum"
	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/iam"
)

// runRules runs every rule over the model. A rule that panics does not stop the
// others: the panic becomes an Error. To say where, the rule is run again on
// one document at a time; the documents on which it panics each get an Error
// at their range, and its findings on the others are kept.
func runRules(rules []*Rule, m *iam.Model) ([]Finding, []Error) {
	return runRulesOpts(rules, m, nil)
}

// runRulesOpts is runRules with per-rule options (by rule ID, then option
// name), which each rule reads through Pass.Option.
func runRulesOpts(rules []*Rule, m *iam.Model, ruleOpts map[string]map[string][]string) ([]Finding, []Error) {
	findings, errs, _ := runRulesSplit(rules, m, ruleOpts)
	var all []Error
	for _, es := range errs {
		all = append(all, es...)
	}
	return findings, all
}

// runRulesSplit is runRulesOpts telling the findings and errors of each
// rule apart: counts[i] findings of rules[i] follow those of the rules
// before it, and errs[i] are its errors.
func runRulesSplit(rules []*Rule, m *iam.Model, ruleOpts map[string]map[string][]string) (findings []Finding, errs [][]Error, counts []int) {
	rr := runRulesChunked(rules, m, ruleOpts)
	counts = make([]int, len(rr.fs))
	for i := range rr.fs {
		counts[i] = rr.fs[i].n
	}
	return rr.join(), rr.errs, counts
}

// ruleResults are the findings of each rule, in the chunks it reported
// them in, and its errors, in rule order (runRulesChunked).
type ruleResults struct {
	fs   []findingChunks
	errs [][]Error
}

// runRulesChunked runs the rules (see runRulesSplit) and leaves their
// findings in their chunks: join copies them into one slice, which Lint's
// own run does once the model is dropped (a big plan's findings, 40 MB
// and more, were copied while the model was still held, both copies
// counting in the run's peak).
func runRulesChunked(rules []*Rule, m *iam.Model, ruleOpts map[string]map[string][]string) ruleResults {
	// Rules only read the model, so they run in parallel, one rule per
	// worker at a time; the results are merged in rule order, so the output
	// does not depend on scheduling.
	rr := ruleResults{fs: make([]findingChunks, len(rules)), errs: make([][]Error, len(rules))}
	sh := newShared(m)
	order := ruleOrder(rules)
	par.For(len(rules), 1, func(k int) {
		i := order[k]
		rr.fs[i], rr.errs[i] = runRule(rules[i], m, ruleOpts, sh)
	})
	return rr
}

// locate locates each finding in the documents of m (locateFound), where
// they are: in their chunks. The rules are located a batch at a time, of
// at most locateBatch findings (or one rule's): what the locator indexes
// (the findings' addresses, the documents of each, those of each finding)
// is for a batch's findings at a time, and lies on the model and all the
// findings, the run's peak of memory (a 200 MB plan's 211,000 findings, in
// two rules of 121,000 and 90,000: 20 MB -> 12 MB).
func (rr *ruleResults) locate(m *iam.Model) {
	for lo := 0; lo < len(rr.fs); {
		hi, n := lo, 0
		for hi < len(rr.fs) && (hi == lo || n+rr.fs[hi].n <= locateBatch) {
			n += rr.fs[hi].n
			hi++
		}
		if n > 0 {
			locateRules(rr.fs[lo:hi], n, m)
		}
		lo = hi
	}
}

// locateBatch is the most findings ruleResults.locate locates at a time,
// but for a rule's (a variable for the tests).
var locateBatch = 64 << 10

// locateRules locates the n findings of fs (see ruleResults.locate).
func locateRules(fs []findingChunks, n int, m *iam.Model) {
	// The chunks of every rule, in order, and the index of the first
	// finding of each: finding i is in the last chunk that starts at or
	// before i (its raw findings are in their rule's list).
	type chunkAt struct {
		c     *findingChunks
		ch    []slimFinding
		start int
	}
	var all []chunkAt
	at := 0
	for i := range fs {
		c := &fs[i]
		for _, ch := range c.chunks {
			all = append(all, chunkAt{c, ch, at})
			at += len(ch)
		}
	}
	find := func(i int, last *int) (*findingChunks, *slimFinding) {
		k := *last
		if k >= len(all) || i < all[k].start || i >= all[k].start+len(all[k].ch) {
			k = sort.Search(len(all), func(k int) bool { return all[k].start > i }) - 1
			*last = k
		}
		return all[k].c, &all[k].ch[i-all[k].start]
	}
	locateFound(n, func() (func(i int, scratch *Finding) *Finding, func(i int, fp string)) {
		last := 0 // the chunk of the finding before: findings are asked for in order
		return func(i int, scratch *Finding) *Finding {
				c, s := find(i, &last)
				c.expandTo(scratch, s)
				return scratch
			}, func(i int, fp string) {
				c, s := find(i, &last)
				c.setFingerprint(s, fp)
			}
	}, m)
}

// join copies the findings, in rule order, into one slice (nil when there
// are none) and gives their chunks back (rr's findings are not to be read
// after).
func (rr *ruleResults) join() []Finding {
	n := 0
	for i := range rr.fs {
		n += rr.fs[i].n
	}
	if n == 0 {
		return nil
	}
	findings := make([]Finding, n)
	rr.joinInto(findings)
	return findings
}

// joinInto is join into findings, of the length of rr's findings.
func (rr *ruleResults) joinInto(findings []Finding) {
	// Copied at their offsets in rule order, the rules' findings on
	// every CPU: a big plan has hundreds of thousands (40 MB and more,
	// copied with the collector's write barriers on).
	at := make([]int, len(rr.fs))
	off := 0
	for i := range rr.fs {
		at[i] = off
		off += rr.fs[i].n
	}
	par.For(len(rr.fs), 1, func(i int) {
		rr.fs[i].copyTo(findings[at[i] : at[i]+rr.fs[i].n])
		rr.fs[i].release()
		rr.fs[i] = findingChunks{}
	})
}

// heavyRules are the rules that take the most time on big inputs, the
// heaviest first (measured on a 200 MB plan and a 10,000-file estate: each
// 5-15% of the rules' time, the others 3% or less).
var heavyRules = []string{
	"privilege-escalation", "sensitive-data-access", "policy-invalid", "wildcard-action",
	"wildcard-service-action", "passrole-wildcard", "wildcard-principal", "wildcard-resource",
	"unknown-action", "policy-version", "policy-too-large", "cross-account-trust-unscoped",
}

// ruleOrder returns the order in which to start the rules (indexes into
// rules): the heavy ones first, the heaviest first, then the others in
// order. The workers take the next rule as they become free: started in ID
// order, the wildcard-* rules, among the heaviest, came last, and one CPU
// sat idle while the other finished the last of them. The findings are
// merged in rule order whatever the order they ran in.
func ruleOrder(rules []*Rule) []int {
	rank := func(r *Rule) int {
		if r != nil {
			for k, id := range heavyRules {
				if r.ID == id {
					return k
				}
			}
		}
		return len(heavyRules)
	}
	// The ranks first (a rule's is a scan of heavyRules): the sort asked
	// for two at each of its comparisons, for every root module.
	ranks := make([]int, len(rules))
	order := make([]int, len(rules))
	for i := range order {
		order[i] = i
		ranks[i] = rank(rules[i])
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ranks[a], ranks[b]) })
	return order
}

// findingChunks collects the findings of one rule in chunks of bounded size:
// a rule that reports a finding on most statements of a big plan (100,000
// and more) grew one slice by doubling, copying it and leaving the old
// arrays to the collector (on a 200 MB plan, most of the rules' CPU time
// outside the rules themselves). runRulesOpts copies the chunks once into
// the run's slice.
//
// The findings are kept slim (slimFinding) while the rules run and the
// model is held: Lint's run copies them whole into one slice once the
// model is dropped (ruleResults.join).
type findingChunks struct {
	chunks [][]slimFinding
	n      int
	rule   string          // the rule of the slim findings: that of the first
	rels   [][]iam.Related // the related locations of the slim findings (slimFinding.rel)
	raws   []Finding       // the findings that are not slim, whole (slimFinding.rel)
}

// slimFinding is a Finding as findingChunks keeps it: 72 bytes instead of
// 184 (a big plan's rules report hundreds of thousands while the model is
// held, the run's peak of memory: on a plan of 193 MB of planned_values,
// 211,000 findings, 39 MB -> 15 MB). Its rule is its chunks', its range
// compact, its policy kind and severity a byte each, and its related
// locations a number: the findings of one document, which come one after
// the other, share theirs. A finding that does not fit (a range out of
// the compact bounds, another kind or rule, a suppression, a fingerprint)
// is kept whole in the chunks' raws, at rel, its sev rawSev.
type slimFinding struct {
	msg, res, fp string
	rng          iam.Range
	rel          uint32
	sev, kind    uint8
}

// rawSev is the sev of a slimFinding kept whole (findingChunks.raws).
const rawSev = math.MaxUint8

// slimKinds are the policy kinds of slim findings, by slimFinding.kind.
var slimKinds = [...]iam.Kind{"", iam.Identity, iam.Trust, iam.Resource, iam.SCP}

// slimKind returns the number of k in slimKinds.
func slimKind(k iam.Kind) (uint8, bool) {
	for i, sk := range slimKinds {
		if k == sk {
			return uint8(i), true
		}
	}
	return 0, false
}

// minFindingChunk is the first chunk of a rule's findings; each chunk is
// twice the one before, up to 1,024 findings (72 KB): the chunks are
// minFindingChunk<<k findings, k < chunkClasses.
const (
	minFindingChunk = 16
	chunkClasses    = 7 // 16, 32, ..., 1,024
)

func (c *findingChunks) add(f Finding) {
	if c.n == 0 {
		c.rule = f.Rule
	}
	s, ok := c.slim(&f)
	if !ok {
		s = slimFinding{sev: rawSev, rel: uint32(len(c.raws))}
		c.raws = append(c.raws, f)
	}
	last := len(c.chunks) - 1
	if last < 0 || len(c.chunks[last]) == cap(c.chunks[last]) {
		class := 0
		if last >= 0 {
			class = min(chunkClass(cap(c.chunks[last]))+1, chunkClasses-1)
		}
		c.chunks = append(c.chunks, freeChunks.get(class))
		last++
	}
	c.chunks[last] = append(c.chunks[last], s)
	c.n++
}

// slim returns f slim, false when it does not fit (see slimFinding).
func (c *findingChunks) slim(f *Finding) (slimFinding, bool) {
	if f.Rule != c.rule || f.Fingerprint != "" || f.Suppression != nil || f.Severity < 0 || f.Severity >= rawSev ||
		uint64(len(c.raws)) >= math.MaxUint32 || uint64(len(c.rels)) >= math.MaxUint32 {
		return slimFinding{}, false
	}
	kind, ok := slimKind(f.PolicyKind)
	if !ok {
		return slimFinding{}, false
	}
	rng, ok := iam.CompactRange(f.Range)
	if !ok {
		return slimFinding{}, false
	}
	// The related locations of the finding before, when they are the
	// same slice (not only equal: finish shares the copies it makes of
	// one slice, and a slice of a document is the document's).
	if n := len(c.rels); n == 0 || !sameSlice(c.rels[n-1], f.Related) {
		c.rels = append(c.rels, f.Related)
	}
	return slimFinding{msg: f.Message, res: f.Resource, rng: rng, rel: uint32(len(c.rels) - 1), sev: uint8(f.Severity), kind: kind}, true
}

// sameSlice says whether a and b are the same slice: the same array, length
// and capacity (nil and empty told apart).
func sameSlice[T any](a, b []T) bool {
	return unsafe.SliceData(a) == unsafe.SliceData(b) && len(a) == len(b) && cap(a) == cap(b)
}

// expandTo writes the finding s (of c) whole to f.
func (c *findingChunks) expandTo(f *Finding, s *slimFinding) {
	if s.sev == rawSev {
		*f = c.raws[s.rel]
		return
	}
	*f = Finding{Rule: c.rule, Severity: Severity(s.sev), Message: s.msg, Range: s.rng.HCL(), Resource: s.res,
		PolicyKind: slimKinds[s.kind], Fingerprint: s.fp, Related: c.rels[s.rel]}
}

// setFingerprint sets the Fingerprint of the finding s (of c).
func (c *findingChunks) setFingerprint(s *slimFinding, fp string) {
	if s.sev == rawSev {
		c.raws[s.rel].Fingerprint = fp
		return
	}
	s.fp = fp
}

// chunkClass returns k for a chunk of minFindingChunk<<k findings.
func chunkClass(size int) int {
	k := 0
	for size > minFindingChunk && k < chunkClasses-1 {
		size >>= 1
		k++
	}
	return k
}

// release gives c's chunks back to freeChunks once their findings are
// copied out (c is not to be used after).
func (c *findingChunks) release() {
	for _, ch := range c.chunks {
		freeChunks.put(ch)
	}
	c.chunks, c.rels, c.raws = nil, nil, nil
}

// freeChunks keeps the chunks of runs whose findings were copied out, for
// the next runs: an estate runs the rules once per root, a thousand times
// and more, and each rule's chunks were new each time (on a 10,000-file
// estate, 100 MB allocated for findings that are copied at once). It
// keeps at most maxFreeChunkBytes: a chunk beyond is left to the
// collector (a big plan's rules fill thousands of them once).
var freeChunks chunkFreeList

// maxFreeChunkBytes bounds the chunks freeChunks keeps (a root of a dense
// estate uses 100 to 250 KB of them).
const maxFreeChunkBytes = 512 << 10

type chunkFreeList struct {
	mu    sync.Mutex
	lists [chunkClasses][][]slimFinding
	bytes int
}

// get returns an empty chunk of minFindingChunk<<class findings.
func (l *chunkFreeList) get(class int) []slimFinding {
	l.mu.Lock()
	if n := len(l.lists[class]); n > 0 {
		ch := l.lists[class][n-1]
		l.lists[class][n-1] = nil
		l.lists[class] = l.lists[class][:n-1]
		l.bytes -= cap(ch) * slimSize
		l.mu.Unlock()
		return ch
	}
	l.mu.Unlock()
	return make([]slimFinding, 0, minFindingChunk<<class)
}

// put keeps ch for get, cleared (its findings' strings are not held),
// unless freeChunks is full or ch is not of a class.
func (l *chunkFreeList) put(ch []slimFinding) {
	class := chunkClass(cap(ch))
	if cap(ch) != minFindingChunk<<class {
		return
	}
	clear(ch)
	size := cap(ch) * slimSize
	l.mu.Lock()
	if l.bytes+size <= maxFreeChunkBytes {
		l.lists[class] = append(l.lists[class], ch[:0])
		l.bytes += size
	}
	l.mu.Unlock()
}

// slimSize is the size of a slimFinding in bytes.
const slimSize = int(unsafe.Sizeof(slimFinding{}))

// addAll appends the findings of o (of the same rule) to c.
func (c *findingChunks) addAll(o findingChunks) {
	var f Finding
	for _, ch := range o.chunks {
		for i := range ch {
			o.expandTo(&f, &ch[i])
			c.add(f)
		}
	}
	o.release()
}

// copyTo copies the findings, in order, to dst (of length c.n).
func (c findingChunks) copyTo(dst []Finding) {
	k := 0
	for _, ch := range c.chunks {
		for i := range ch {
			c.expandTo(&dst[k], &ch[i])
			k++
		}
	}
}

// runRule runs one rule; a panic is retried one document at a time to say
// where it happens (see runRules).
func runRule(r *Rule, m *iam.Model, ruleOpts map[string]map[string][]string, sh *shared) (findingChunks, []Error) {
	if r == nil || r.Check == nil {
		return findingChunks{}, nil
	}
	ro := ruleOpts[r.ID]
	fs, perr := checkOne(r, m, ro, sh)
	if perr == nil {
		return fs, nil
	}
	var findings findingChunks
	var errs []Error
	located := false
	for _, d := range m.Documents {
		fs, perr := checkOne(r, &iam.Model{Documents: []*iam.Document{d}, Graph: m.Graph}, ro, nil)
		if perr != nil {
			located = true
			at := d.Range.HCL()
			errs = append(errs, Error{File: at.Filename, Line: at.Start.Line, Column: at.Start.Column,
				Message: fmt.Sprintf("internal error: rule %s failed on %s: %v", r.ID, d.Address, perr), at: &at.Start})
			continue
		}
		findings.addAll(fs)
	}
	if !located {
		errs = append(errs, Error{Message: fmt.Sprintf("internal error: rule %s failed: %v", r.ID, perr)})
	}
	return findings, errs
}

// checkOne runs one rule, turning a panic into an error.
func checkOne(r *Rule, m *iam.Model, ro map[string][]string, sh *shared) (fs findingChunks, err error) {
	defer func() {
		if p := recover(); p != nil {
			fs = findingChunks{}
			err = fmt.Errorf("%v", p)
			if os.Getenv("IAMLINT_DEBUG") != "" {
				err = fmt.Errorf("%v\n%s", p, debug.Stack())
			}
		}
	}()
	p := NewPass(r, m, fs.add)
	p.Options = ro
	p.shared = sh
	r.Check(p)
	return fs, nil
}

// dedupe keeps one finding per (rule, range, message). A module directory that
// is linted on its own and also through a module call yields the same finding
// twice, at the same range; the one kept is the one from the called instance
// (its resource address has a module path), and among equals the smallest
// address, so the choice does not depend on evaluation order. The result
// is fs itself, reordered and cut in place when findings share an element
// (the findings dropped are cleared): fs is not to be used after.
func dedupe(fs []Finding) []Finding {
	// Findings at the same element (rule, range, message) form a group. Within
	// a group:
	//   - a finding from a module directory linted on its own (no module call
	//     chain) is dropped when the same block's element is also reached
	//     through a module call: the called instance, with the caller's
	//     inputs, is the one that deploys (a root block that shares the
	//     element, such as a file()d policy, keeps its own);
	//   - instances of one block (count / for_each keys, here or on an
	//     enclosing module call) are one finding: the element is written once;
	//   - distinct blocks that share the element (two resources using one
	//     local, two calls of one module) each keep their finding.
	// Groups are numbered in order of first appearance; the members of a
	// group of more than one are listed (most findings are alone). A
	// finding's element is numbered by a 64-bit hash of it, checked against
	// the first finding of the group (hashnum: a map with the strings in its
	// keys took 90 bytes a finding, 30 MB on a 200 MB plan).
	type key struct {
		rule, file, msg  string
		start, end       int
		sline, scol, eln int
	}
	// The hashes are computed first, on every CPU (a run of findings per
	// hasher): the numbering itself is in order, on one.
	seed := maphash.MakeSeed()
	sums := make([]uint64, len(fs))
	const run = 4096
	par.For((len(fs)+run-1)/run, 1, func(c int) {
		var h maphash.Hash
		h.SetSeed(seed)
		var ints [5 * 8]byte
		for i := c * run; i < min((c+1)*run, len(fs)); i++ {
			f := &fs[i]
			h.Reset()
			h.WriteString(f.Rule)
			h.WriteByte(0)
			h.WriteString(f.Range.Filename)
			h.WriteByte(0)
			h.WriteString(f.Message)
			for j, v := range [...]int{f.Range.Start.Byte, f.Range.End.Byte, f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Line} {
				binary.LittleEndian.PutUint64(ints[j*8:], uint64(v))
			}
			h.Write(ints[:])
			sums[i] = h.Sum64() & hashMask
		}
	})
	// Each finding's group is known by its first finding (its leader),
	// found in shards by sum, one per CPU: the findings of a group have
	// one sum, so fall in one shard, looked at there in finding order. The
	// groups are then numbered in order of first appearance, on one CPU,
	// with an array look-up per finding (numbering 337,000 findings in one
	// map, on one CPU, was half of dedupe's time on a dense 10,000-file
	// estate).
	shards := 1
	if len(fs) >= 1<<14 {
		shards = runtime.GOMAXPROCS(0)
	}
	leader := make([]int32, len(fs))
	par.For(shards, 1, func(shard int) {
		groups := hashnum.New(len(fs)/shards, func(i int32) uint64 { return sums[i] }, func(i int32) key {
			f := &fs[i]
			return key{f.Rule, f.Range.Filename, f.Message, f.Range.Start.Byte, f.Range.End.Byte,
				f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Line}
		})
		for i := range fs {
			if sums[i]%uint64(shards) != uint64(shard) {
				continue
			}
			g, _ := groups.Number(int32(i))
			leader[i] = groups.First(g)
		}
	})
	groupOf := make([]int32, len(fs))
	var size []int32
	for i, l := range leader {
		if int(l) == i {
			groupOf[i] = int32(len(size))
			size = append(size, 1)
			continue
		}
		g := groupOf[l] // the leader comes first
		groupOf[i] = g
		size[g]++
	}
	if len(size) == len(fs) {
		// Every finding alone at its element (a plan's, most often): kept
		// as they are, in place, without a copy of them all.
		return fs
	}
	var members map[int32][]int
	for i, g := range groupOf {
		if size[g] > 1 {
			if members == nil {
				members = map[int32][]int{}
			}
			members[g] = append(members[g], i)
		}
	}
	// The findings kept are listed by index, in the order they are
	// emitted, then moved into place in fs (permute): appended one by one
	// to a new slice of the number of groups, they outgrew it (a group may
	// keep several) and were copied again, twice their size.
	keep := make([]int32, 0, len(size))
	next := int32(0) // the next group to emit: groups appear in order
	// What a group of several findings is judged with, reused from one
	// group to the next (see below).
	var stripped, blocks []string
	var skipped []bool
	var strippedBuf []byte
	called, byBlock := map[string]bool{}, map[string]int{}
	for i, g := range groupOf {
		if g != next {
			continue
		}
		next++
		if size[g] == 1 {
			// Alone at its element (most findings): kept as it is.
			keep = append(keep, int32(i))
			continue
		}
		idx := members[g]
		// Each member's address without its instance keys, once (its
		// block tail is a part of it).
		// The stripped addresses are written into one buffer (reused from
		// group to group: they are only used while their group is judged,
		// 13,500 of them allocated one by one on a dense 1,000-file estate).
		stripped, strippedBuf = stripped[:0], strippedBuf[:0]
		for _, i := range idx {
			var st string
			st, strippedBuf = appendStripped(strippedBuf, fs[i].Resource)
			stripped = append(stripped, st)
		}
		// The blocks (module path left out) reached through a module call:
		// a finding of a root module block that is not one of them (a root
		// resource reading the same file as a module) is its own.
		clear(called)
		for k, i := range idx {
			if isCalled(fs[i]) {
				called[moduleTail(stripped[k])] = true
			}
		}
		clear(byBlock)
		blocks = blocks[:0]
		shadowed := func(f Finding) bool { return chainShadowed(f, fs, idx) }
		if len(idx) > chainScanMax {
			shadowed = chainPrefixes(fs, idx)
		}
		skipped = slices.Grow(skipped[:0], len(idx))[:len(idx)]
		for k, i := range idx {
			f := fs[i]
			skipped[k] = false
			if !isCalled(f) && called[moduleTail(stripped[k])] || shadowed(f) {
				skipped[k] = true
				continue
			}
			b := stripped[k]
			j, ok := byBlock[b]
			if !ok {
				byBlock[b] = i
				blocks = append(blocks, b)
				continue
			}
			if better(f, fs[j]) {
				byBlock[b] = i
			}
		}
		for _, b := range blocks {
			keep = append(keep, int32(byBlock[b]))
		}
		// The instances merged into the one kept of their block: an
		// ignore block of the configuration names instances.
		for k, i := range idx {
			if skipped[k] {
				continue
			}
			if j := byBlock[stripped[k]]; j != i && fs[j].Resource != fs[i].Resource {
				fs[j].Instances = append(fs[j].Instances, fs[i].Resource)
			}
		}
	}
	// The indexes not kept follow, to make a permutation of fs.
	n := len(keep)
	kept := make([]bool, len(fs))
	for _, i := range keep {
		kept[i] = true
	}
	for i, k := range kept {
		if !k {
			keep = append(keep, int32(i))
		}
	}
	permute(fs, keep)
	clear(fs[n:]) // the dropped findings: their strings are not held
	return fs[:n:n]
}

// chainShadowed reports whether another finding of the group reaches the
// same element through a longer module call chain that extends f's: f then
// comes from an intermediate module directory linted on its own (its chain
// starts inside that module), and the instance called from the outer root is
// the one that deploys.
func chainShadowed(f Finding, fs []Finding, idx []int) bool {
	if len(f.Related) == 0 {
		return false
	}
	for _, j := range idx {
		g := fs[j]
		if len(g.Related) <= len(f.Related) {
			continue
		}
		prefix := true
		for k := range f.Related {
			if f.Related[k].Range != g.Related[k].Range {
				prefix = false
				break
			}
		}
		if prefix {
			return true
		}
	}
	return false
}

// chainScanMax is the largest group whose findings chainShadowed compares
// pairwise; a larger one (the instances of a block in many module
// instances: count = 100 on two nested module calls is 10,000 findings at
// one element, 10^8 comparisons) is checked with chainPrefixes.
const chainScanMax = 64

// chainPrefixes returns chainShadowed(f, fs, idx) for the findings of a
// group idx, in time and memory linear in the group times the call chains'
// lengths (at most --max-module-depth): the proper prefixes of every
// finding's chain are the nodes of a trie (a prefix is its parent's id and
// its last range), and f is shadowed when its whole chain is one of them.
// The prefixes were strings of their ranges, each as long as the prefix:
// the square of the depth per finding, 3.5 GB for 500 findings of a
// 500-deep module chain, RSS 5 GB at 1,000.
func chainPrefixes(fs []Finding, idx []int) func(Finding) bool {
	type step struct {
		parent int32 // the prefix before (0: none)
		r      hcl.Range
	}
	prefixes := map[step]int32{} // a proper prefix of a chain -> its id (from 1)
	for _, j := range idx {
		rel := fs[j].Related
		id := int32(0)
		for k := 0; k+1 < len(rel); k++ {
			s := step{id, rel[k].Range}
			n, ok := prefixes[s]
			if !ok {
				n = int32(len(prefixes) + 1)
				prefixes[s] = n
			}
			id = n
		}
	}
	return func(f Finding) bool {
		if len(f.Related) == 0 {
			return false
		}
		id := int32(0)
		for _, r := range f.Related {
			n, ok := prefixes[step{id, r.Range}]
			if !ok {
				return false
			}
			id = n
		}
		return true
	}
}

// isCalled reports whether f comes from a module instance reached through a
// module call (it has a call chain, or a module address).
func isCalled(f Finding) bool {
	return len(f.Related) > 0 || strings.HasPrefix(f.Resource, "module.")
}

// blockTail is the address of a block without instance keys and without
// its module path: module.a["x"].aws_iam_policy.p[0] is aws_iam_policy.p.
func blockTail(addr string) string { return moduleTail(stripInstanceKeys(addr)) }

// moduleTail is blockTail of an address without instance keys.
func moduleTail(s string) string {
	for strings.HasPrefix(s, "module.") {
		i := strings.IndexByte(s[len("module."):], '.')
		if i < 0 {
			break
		}
		s = s[len("module.")+i+1:]
	}
	return s
}

// stripInstanceKeys removes the instance keys ([0], ["k"], [*]) from an address.
func stripInstanceKeys(addr string) string {
	s, _ := appendStripped(nil, addr)
	return s
}

// appendStripped is stripInstanceKeys writing the address into buf (its
// bytes appended to buf, which it returns): the string returned shares
// them, and is valid until buf's bytes from there are written again. An
// address without keys is returned as it is.
func appendStripped(buf []byte, addr string) (string, []byte) {
	first := strings.IndexByte(addr, '[')
	if first < 0 {
		return addr, buf
	}
	// What comes before the first key is copied at once.
	buf = slices.Grow(buf, len(addr))
	from := len(buf)
	b := append(buf, addr[:first]...)
	depth := 0
	inStr := false
	for i := first; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '[':
			depth++
		case c == ']':
			if depth > 0 {
				depth--
			}
		case c == '"' && depth > 0:
			inStr = true
		case depth == 0:
			b = append(b, c)
		}
	}
	return unsafe.String(unsafe.SliceData(b[from:]), len(b)-from), b
}

// better reports whether a should be kept over b (same finding).
func better(a, b Finding) bool {
	am, bm := strings.HasPrefix(a.Resource, "module."), strings.HasPrefix(b.Resource, "module.")
	if am != bm {
		return am
	}
	if a.Severity != b.Severity {
		return a.Severity > b.Severity
	}
	return a.Resource < b.Resource
}

// fingerprint fills Fingerprint on every finding.
//
// The fingerprint is the SHA-256 of: the rule ID, the directory of the file
// (two root modules may both hold aws_iam_role.r), the resource address, the
// policy kind and consuming attribute, the statement (its Sid, or its index in
// the document when it has none), and the source text of the offending element
// (the `"*"`, the `actions = [...]` attribute). It holds no line or column, so
// it survives lines moving; it changes when the substance changes (another
// rule, resource, statement or value). Two findings that would still collide
// (the same value twice in one statement) are told apart by their order,
// which is stable since findings are sorted by position first.
func fingerprint(fs []Finding, m *iam.Model, sources map[string][]byte) {
	fingerprintIn(fs, m, sources, nil, nil)
}

// fingerprintIn is fingerprint for findings whose file names were rewritten
// (made relative): orig maps a finding's file name back to the model's, so
// the model need not be copied with rewritten names (a 50 MB plan's model
// holds millions of ranges).
//
// sparse holds the text of the ranges of fs in the files that sources does
// not hold (the plans whose bytes were dropped, see dropPlanBytes).
func fingerprintIn(fs []Finding, m *iam.Model, sources map[string][]byte, orig map[string]string, sparse map[string]*sparseText) {
	fingerprintWith(fs, sources, orig, sparse, locator(len(fs), func(i int) *Finding { return &fs[i] }, m, orig))
}

// locator returns what locates finding i of fs (the n findings at(i)
// gives) in the documents of m (the consuming attribute and statement of
// fingerprints, see locateIn); lf is the finding with its file name as in
// the model.
func locator(n int, at func(i int) *Finding, m *iam.Model, orig map[string]string) func(i int, lf *Finding) (attr, stmt string) {
	// Documents by address, narrowed to those touching the finding's file
	// when an address has many (see docIndex): locating each finding by
	// scanning every document is quadratic (minutes for 10,000 files), and
	// so is scanning every document of one address when many root modules
	// share it. Only the addresses that findings name are indexed.
	// Findings of one resource and one file come in runs (sorted by
	// position): a finding like the one before it takes its answers
	// instead of looking its strings up again.
	// Each finding's address number is kept (addrOf): looked up once per
	// run. The map is sized for a run per address (at most that many).
	// (The finding before is known by its texts: the pointer at gives
	// may be to the same memory each time, locateFound's.)
	runs := 0
	prevRes, prevFile := "", ""
	for i := range n {
		f := at(i)
		if i == 0 || f.Resource != prevRes {
			runs++
		}
		prevRes = f.Resource
	}
	addrs := make(map[string]int32, runs)
	addrOf := make([]int32, n)
	for i := range n {
		f := at(i)
		if i > 0 && f.Resource == prevRes {
			addrOf[i] = addrOf[i-1]
			continue
		}
		prevRes = f.Resource
		a, ok := addrs[f.Resource]
		if !ok {
			a = int32(len(addrs))
			addrs[f.Resource] = a
		}
		addrOf[i] = a
	}
	addrDocs := docIndex(m, addrs)
	// The crowded addresses (more than maxUnnarrowed documents) have their
	// documents listed by file (docsByFile), each address on its own, on
	// every CPU: on a 10,000-file estate whose root modules share addresses,
	// most of fingerprinting's time on one CPU.
	var crowded []int32
	for a := range int32(addrDocs.len()) {
		if len(addrDocs.of(a)) > maxUnnarrowed {
			crowded = append(crowded, a)
		}
	}
	crowdedFiles := make([]map[string][]*iam.Document, len(crowded)) // file -> documents
	par.For(len(crowded), 1, func(k int) {
		crowdedFiles[k] = docsByFile(addrDocs.of(crowded[k]))
	})
	byFile := make(map[int32]map[string][]*iam.Document, len(crowded)) // by address number
	for k, a := range crowded {
		byFile[a] = crowdedFiles[k]
	}
	docsOf := make([][]*iam.Document, n)
	type stabKey struct {
		a    int32
		file string
	}
	stabs := map[stabKey]*docStab{}
	stabbed := false // whether the finding before was given its own documents
	for i := range n {
		f := at(i)
		if i > 0 && f.Resource == prevRes && f.Range.Filename == prevFile && !stabbed {
			docsOf[i] = docsOf[i-1]
			continue
		}
		prevRes, prevFile = f.Resource, f.Range.Filename
		a := addrOf[i]
		docs := addrDocs.of(a)
		if len(docs) > maxUnnarrowed {
			files := byFile[a]
			file := f.Range.Filename
			if o, ok := orig[file]; ok {
				file = o
			}
			docs = files[file]
			if len(docs) > maxUnstabbed && f.Range.Filename != "" {
				k := stabKey{a, file}
				st := stabs[k]
				if st == nil {
					st = newDocStab(docs, file)
					stabs[k] = st
				}
				docsOf[i] = st.holding(docs, f.Range.Start.Byte, f.Range.End.Byte)
				stabbed = true
				continue
			}
		}
		docsOf[i] = docs
		stabbed = false
	}
	stmtIdx := indexStatements(docsOf)
	sids := new(sidTexts)
	return func(i int, lf *Finding) (string, string) { return locateIn(lf, docsOf[i], stmtIdx, sids) }
}

// minSharedSid is the length from which a Sid's statement text ("sid:"
// and the Sid) is made once per Sid text (sidTexts), not per finding.
const minSharedSid = 1024

// sidTexts gives the statement text of the findings in a statement of a
// long Sid ("sid:" and the Sid): one string for every finding whose Sid
// is that text. Made per finding, a 3 MB Sid of a policy file()d by 1,000
// instances was 11 GB allocated while locating their findings. A Sid is
// looked up by its bytes' address first (the instances of a for_each
// share their policy's parse): hashed once per copy of it, not once per
// finding. It is safe for concurrent use (locateFound locates on every
// CPU).
type sidTexts struct {
	mu     sync.Mutex
	byAddr map[longKey]string
	byText map[string]string
}

// longKey is a long string by the address and length of its bytes.
type longKey struct {
	p *byte
	n int
}

// text returns "sid:" + sid.
func (t *sidTexts) text(sid string) string {
	if t == nil || len(sid) < minSharedSid {
		return "sid:" + sid
	}
	k := longKey{unsafe.StringData(sid), len(sid)}
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.byAddr[k]; ok {
		return s
	}
	if t.byAddr == nil {
		t.byAddr, t.byText = map[longKey]string{}, map[string]string{}
	}
	s, ok := t.byText[sid]
	if !ok {
		s = "sid:" + sid
		t.byText[sid] = s
	}
	t.byAddr[k] = s
	return s
}

// fingerprintWith is fingerprintIn with the findings located by locate.
func fingerprintWith(fs []Finding, sources map[string][]byte, orig map[string]string, sparse map[string]*sparseText, locate func(i int, lf *Finding) (attr, stmt string)) {
	// The directory part of each file's fingerprints (fingerprintDirs: a
	// look at the disk per directory), by file name (with an array of each
	// finding's directory, on one CPU, it was 0.015 s of fresh pages and
	// reads while the other CPU idled).
	dirs := fingerprintDirs{}
	files := firstSeen(fs, findingFile)[0]
	dirOf := make(map[string]string, len(files))
	for _, name := range files {
		dirOf[name] = dirs.of(name)
	}
	// writeParts writes finding i's parts to h, through scratch (h is an
	// interface: a buffer on the stack would escape, one per finding), and
	// lf, the finding with its file name as in the model that locate reads
	// (given to a function value, a copy of the finding on the stack would
	// escape too: 180 bytes a finding, 40 MB on a 200 MB plan).
	writeParts := func(h hash.Hash, i int, scratch *[]byte, lf *Finding) {
		f := &fs[i]
		*lf = *f
		if o, ok := orig[f.Range.Filename]; ok {
			lf.Range.Filename = o
		}
		attr, stmt := locate(i, lf)
		// The parts, each ended by a 0 byte, in one write (a []byte(part)
		// conversion each allocated and copied).
		buf := (*scratch)[:0]
		for _, part := range [...]string{f.Rule, dirOf[f.Range.Filename], f.Resource, string(f.PolicyKind), attr, stmt} {
			buf = append(buf, part...)
			buf = append(buf, 0)
		}
		h.Write(buf)
		*scratch = buf
		text := rangeBytes(f.Range, sources)
		if t := sparse[f.Range.Filename]; t != nil {
			text = t.bytes(f.Range.Start.Byte, f.Range.End.Byte)
		}
		writeLayoutFree(h, text) // not copied: it may be 100 MB
		h.Write([]byte{0})
	}
	// Each finding's hash is independent of the others, so they are computed
	// on every CPU, a run of findings per hasher; collisions are then told
	// apart in finding order (a colliding finding's parts are hashed again,
	// followed by "#n"). The sums are kept as arrays and written out as hex
	// into one string that the fingerprints share: a hasher, a sum and a
	// string per finding were most of the allocations of fingerprinting.
	sums := make([][sha256.Size]byte, len(fs))
	const run = 256
	par.For((len(fs)+run-1)/run, 1, func(c int) {
		h := sha256.New()
		scratch := make([]byte, 0, 256)
		lf := new(Finding)
		for i := c * run; i < min((c+1)*run, len(fs)); i++ {
			h.Reset()
			writeParts(h, i, &scratch, lf)
			h.Sum(sums[i][:0])
		}
	})
	// Equal sums are counted by their first 8 bytes (a map keyed by whole
	// sums took 16 MB on a 200 MB plan): firstOf holds the first finding
	// with those bytes; a finding whose 8 bytes another already had is
	// counted by its whole sum in repeats (its sum equals that first
	// finding's, or one that came later and is in repeats).
	// The findings are counted in shards, by their first 8 bytes, one
	// shard per CPU (equal sums fall in one shard, counted there in finding
	// order): one map of every finding, on one CPU, was a third of
	// fingerprinting's time on a dense 10,000-file estate.
	seen := make([]int32, len(fs)) // equal sums before finding i
	shards := 1
	if len(fs) >= 1<<14 {
		shards = runtime.GOMAXPROCS(0)
	}
	par.For(shards, 1, func(shard int) {
		firstOf := make(map[uint64]int32, len(fs)/shards)
		var repeats map[[sha256.Size]byte]int32
		for i := range fs {
			sum := &sums[i]
			p := binary.LittleEndian.Uint64(sum[:8])
			if p%uint64(shards) != uint64(shard) {
				continue
			}
			j, ok := firstOf[p]
			if !ok {
				firstOf[p] = int32(i)
				continue
			}
			var n int32
			if c, ok := repeats[*sum]; ok {
				n = c
			} else if sums[j] == *sum {
				n = 1
			}
			if repeats == nil {
				repeats = map[[sha256.Size]byte]int32{}
			}
			repeats[*sum] = n + 1
			seen[i] = n
		}
	})
	// The hex of each sum is written into one buffer that becomes the
	// string the fingerprints share, a run of findings per CPU: written on
	// one, its fresh pages (20 MB on a dense 10,000-file estate) were
	// faulted in one at a time while the other CPU idled.
	const hexLen = 2 * sha256.Size
	hexAll := make([]byte, len(fs)*hexLen)
	par.For((len(fs)+run-1)/run, 16, func(c int) {
		for i := c * run; i < min((c+1)*run, len(fs)); i++ {
			sum := sums[i]
			if n := int(seen[i]); n > 0 {
				h := sha256.New()
				var scratch []byte
				writeParts(h, i, &scratch, new(Finding))
				h.Write([]byte("#" + strconv.Itoa(n)))
				h.Sum(sum[:0])
			}
			hexSum := hexAll[i*hexLen : (i+1)*hexLen]
			for j, b := range sum { // (hex.Encode, a table look-up a byte)
				hexSum[2*j], hexSum[2*j+1] = hexPairs[b][0], hexPairs[b][1]
			}
		}
	})
	// (hexAll is not written again: the string shares its bytes.)
	all := unsafe.String(unsafe.SliceData(hexAll), len(hexAll))
	for i := range fs {
		fs[i].Fingerprint = all[i*hexLen : (i+1)*hexLen]
	}
}

// hexPairs holds the two lowercase hex digits of each byte.
var hexPairs = func() (t [256][2]byte) {
	const digits = "0123456789abcdef"
	for i := range t {
		t[i] = [2]byte{digits[i>>4], digits[i&15]}
	}
	return t
}()

// fingerprintDirs gives the directory part of fingerprints: the file's
// directory relative to the root of its Git repository (the nearest parent
// holding .git), so that a fingerprint does not depend on the directory
// iamlint runs in (a baseline written at the repository root still matches
// when iamlint runs in a subdirectory, or is given the path from elsewhere).
// Outside a repository: relative to the current directory. Cached per
// directory.
type fingerprintDirs map[string]string

func (c fingerprintDirs) of(file string) string {
	dir := filepath.Dir(file)
	if d, ok := c[dir]; ok {
		return d
	}
	out := filepath.ToSlash(dir)
	if file != "" && !strings.HasPrefix(file, "<") && file != "-" {
		abs := absPath(dir)
		if root := c.gitRoot(abs); root != "" {
			if rel, err := filepath.Rel(root, abs); err == nil {
				out = filepath.ToSlash(rel)
			}
		}
	}
	c[dir] = out
	return out
}

// gitRoot returns the nearest directory at or above abs that holds .git
// ("" when none does). Each directory is looked at once: what was found
// above it is kept under "\x00"+dir (no file name holds a NUL).
func (c fingerprintDirs) gitRoot(abs string) string {
	var below []string
	found := ""
	for root := abs; ; {
		if r, ok := c["\x00"+root]; ok {
			found = r
			break
		}
		below = append(below, root)
		if _, err := os.Lstat(filepath.Join(root, ".git")); err == nil {
			found = root
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			break
		}
		root = parent
	}
	for _, d := range below {
		c["\x00"+d] = found
	}
	return found
}

// maxUnnarrowed is how many documents of one address locate scans as they
// are; beyond, they are narrowed to those touching the finding's file
// (docsByFile, once per address).
const maxUnnarrowed = 8

// maxUnstabbed is how many documents of one address in one file locate
// scans as they are; beyond, each finding gets only those whose ranges in
// the file span its range (docStab).
const maxUnstabbed = 64

// docStab finds the documents of one address in one file whose ranges
// there (the document's, its statements', their elements', values',
// principals' and conditions') span a range: the only ones that can hold it
// (statementHolds) or contain it (locateIn). A plan whose resource_changes
// repeat one address 50,000 times (14 MB; Terraform never writes that) had
// each finding scan every document: a hang.
type docStab struct {
	lo, hi []int // the span of each document, by start
	doc    []int // its place in the documents
	reach  []int // the largest hi up to each
}

func newDocStab(docs []*iam.Document, file string) *docStab {
	type span struct{ lo, hi, doc int }
	spans := make([]span, 0, len(docs))
	for j, d := range docs {
		sp := span{-1, -1, j}
		eachDocRange(d, func(r iam.Range) {
			if r.IsZero() || r.Filename() != file {
				return
			}
			h := r.HCL()
			if sp.lo < 0 || h.Start.Byte < sp.lo {
				sp.lo = h.Start.Byte
			}
			sp.hi = max(sp.hi, h.End.Byte)
		})
		if sp.lo >= 0 {
			spans = append(spans, sp)
		}
	}
	slices.SortStableFunc(spans, func(x, y span) int { return cmp.Compare(x.lo, y.lo) })
	st := &docStab{}
	for _, sp := range spans {
		st.lo = append(st.lo, sp.lo)
		st.hi = append(st.hi, sp.hi)
		st.doc = append(st.doc, sp.doc)
		st.reach = append(st.reach, max(sp.hi, st.reachLast()))
	}
	return st
}

func (st *docStab) reachLast() int {
	if len(st.reach) == 0 {
		return -1
	}
	return st.reach[len(st.reach)-1]
}

// holding lists, in their order, the documents of docs whose span holds
// the bytes from start to end.
func (st *docStab) holding(docs []*iam.Document, start, end int) []*iam.Document {
	var at []int
	for j := sort.SearchInts(st.lo, start+1) - 1; j >= 0 && st.reach[j] >= end; j-- {
		if st.hi[j] >= end {
			at = append(at, st.doc[j])
		}
	}
	slices.Sort(at)
	out := make([]*iam.Document, len(at))
	for k, j := range at {
		out[k] = docs[j]
	}
	return out
}

// eachDocRange calls fn with the range of d and every range of its
// statements that statementHolds compares (eachStatementRange).
func eachDocRange(d *iam.Document, fn func(iam.Range)) {
	fn(d.Range)
	for _, s := range d.Statements {
		eachStatementRange(s, fn)
	}
}

// eachStatementRange calls fn with the range of s, of each of its elements
// (present or not), values, principals' IDs and types, and conditions'
// operators, keys and values. The elements are passed one by one: an array
// of them, made for each statement, was a third of docFiles' instructions.
func eachStatementRange(s *iam.Statement, fn func(iam.Range)) {
	fn(s.Range)
	fn(s.Action.Range)
	fn(s.NotAction().Range)
	fn(s.Resource.Range)
	fn(s.NotResource().Range)
	fn(s.Principal().Range)
	fn(s.NotPrincipal().Range)
	fn(s.Condition().Range)
	for _, vs := range [...][]iam.Value{s.Actions, s.NotActions(), s.Resources, s.NotResources()} {
		for i := range vs {
			fn(vs[i].Range)
		}
	}
	for _, ps := range [...][]iam.Principal{s.Principals(), s.NotPrincipals()} {
		for i := range ps {
			fn(ps[i].ID.Range)
			fn(ps[i].Type.Range)
		}
	}
	for _, c := range s.Conditions() {
		fn(c.Operator.Range)
		fn(c.Key.Range)
		for i := range c.Values {
			fn(c.Values[i].Range)
		}
	}
}

// docIndex lists the documents of m whose address is in addrs by the
// number addrs gives the address, in model order (numbers, not a second map
// with the addresses in its keys: on a 200 MB plan, 10 MB).
func docIndex(m *iam.Model, addrs map[string]int32) docLists {
	out := docLists{off: make([]int32, len(addrs)+1)}
	if m == nil {
		return out
	}
	// The addresses are looked up on every CPU (a run of documents each;
	// the map is only read), then the documents listed in model order.
	num := make([]int32, len(m.Documents))
	const run = 4096
	par.For((len(m.Documents)+run-1)/run, 1, func(c int) {
		for j := c * run; j < min((c+1)*run, len(m.Documents)); j++ {
			num[j] = -1
			if i, ok := addrs[m.Documents[j].Address]; ok {
				num[j] = i
			}
		}
	})
	// Counted, then placed: the lists are parts of one array (a slice
	// and an array of its own for each address were 6 MB of the 20 MB
	// the findings of a 200 MB plan were located with, with the model
	// and the findings held).
	for _, i := range num {
		if i >= 0 {
			out.off[i+1]++
		}
	}
	for i := range len(addrs) {
		out.off[i+1] += out.off[i]
	}
	out.docs = make([]*iam.Document, out.off[len(addrs)])
	at := slices.Clone(out.off[:len(addrs)])
	for j, d := range m.Documents {
		if i := num[j]; i >= 0 {
			out.docs[at[i]] = d
			at[i]++
		}
	}
	return out
}

// docLists are the documents of each address (docIndex): those of address
// a are docs[off[a]:off[a+1]].
type docLists struct {
	off  []int32
	docs []*iam.Document
}

// of returns the documents of address a.
func (l docLists) of(a int32) []*iam.Document {
	lo, hi := l.off[a], l.off[a+1]
	return l.docs[lo:hi:hi]
}

// len returns the number of addresses.
func (l docLists) len() int { return len(l.off) - 1 }

// docsByFile lists documents (in their order) by each file that their range
// or one of their statements' ranges is in: the only documents in which
// locate can find a range of that file (the others never change its answer).
func docsByFile(docs []*iam.Document) map[string][]*iam.Document {
	// Sized for a file per document (the most there can be unless a
	// document spans files): a map grown from empty, once per crowded
	// address, was rehashed again and again.
	out := make(map[string][]*iam.Document, len(docs))
	var files []string
	var ids fileIDs
	for _, d := range docs {
		files = docFiles(d, files[:0], &ids)
		for _, f := range files {
			out[f] = append(out[f], d)
		}
	}
	return out
}

// locateIn finds the consuming attribute and the statement (Sid, or
// "#index") that hold a finding, when the finding is inside a known
// statement. idx holds the statement indexes of documents with many
// statements (indexStatements; nil for none), sids the texts of long Sids
// (nil: one made per call).
func locateIn(f *Finding, docs []*iam.Document, idx map[*iam.Document]*stmtIndex, sids *sidTexts) (attr, stmt string) {
	for _, d := range docs {
		if d.Address != f.Resource || (f.PolicyKind != "" && d.Kind != f.PolicyKind) {
			continue
		}
		i := -1
		if x := idx[d]; x != nil {
			i = x.holder(d, f.Range)
		} else {
			for j, s := range d.Statements {
				if statementHolds(s, f.Range) {
					i = j
					break
				}
			}
		}
		if i >= 0 {
			s := d.Statements[i]
			if sid := s.Sid(); sid.Known && sid.Text != "" {
				return d.Attribute, sids.text(sid.Text)
			}
			return d.Attribute, "#" + strconv.Itoa(i)
		}
		if contains(d.Range.HCL(), f.Range) {
			attr = d.Attribute
		}
	}
	return attr, ""
}

// minIndexedStatements is the number of statements from which a document
// gets a stmtIndex: each finding walked every statement of its policy, so a
// policy of n statements with a finding in each took n² walks (30,000
// statements in one file()d policy: more than 5 minutes).
const minIndexedStatements = 16

// stmtIndex finds the first statement of a document that holds a range
// (statementHolds) without walking every statement.
type stmtIndex struct {
	// eq maps the range of each present element and each value to the
	// first statement that has it.
	eq map[iam.Range]int
	// spans lists, by file, the statements whose ranges span more than a
	// point, in order of their start; they do not overlap (else the
	// document has no index), so at most two of them (a range of no width
	// at the end of one and the start of the next) can contain a range.
	spans map[string][]int
}

// indexStatements returns a stmtIndex for each document of docsOf with at
// least minIndexedStatements statements whose statement ranges do not
// overlap. Built before the findings are hashed in parallel: read only then.
func indexStatements(docsOf [][]*iam.Document) map[*iam.Document]*stmtIndex {
	var out map[*iam.Document]*stmtIndex
	for i, docs := range docsOf {
		if i > 0 && len(docs) > 0 && len(docs) == len(docsOf[i-1]) && &docs[0] == &docsOf[i-1][0] {
			continue // the list of the finding before (a run of one resource and file)
		}
		for _, d := range docs {
			if _, done := out[d]; done {
				continue
			}
			if len(d.Statements) < minIndexedStatements && !manyValues(d) {
				continue
			}
			if out == nil {
				out = map[*iam.Document]*stmtIndex{}
			}
			out[d] = newStmtIndex(d) // nil when the statements overlap
		}
	}
	return out
}

// minIndexedValues is the number of values (actions, resources,
// principals, condition values) from which a document of few statements
// gets a stmtIndex too: a finding in its last statement walked every value
// of the ones before (a trust policy of two statements, 20,000 actions in
// the first and 20,000 principals in the second: 5 s a rule).
const minIndexedValues = 256

// manyValues reports whether d's statements hold minIndexedValues values.
func manyValues(d *iam.Document) bool {
	n := 0
	for _, s := range d.Statements {
		n += len(s.Actions) + len(s.NotActions()) + len(s.Resources) + len(s.NotResources()) +
			len(s.Principals()) + len(s.NotPrincipals()) + len(s.Conditions())
		for _, c := range s.Conditions() {
			if n >= minIndexedValues {
				break
			}
			n += len(c.Values)
		}
		if n >= minIndexedValues {
			return true
		}
	}
	return false
}

// newStmtIndex returns the stmtIndex of d; nil when its statement ranges
// overlap. A range inside its own statement's range is not kept in eq: holder finds
// that statement, or an earlier one holding the range, by spans (a policy
// of one statement of a million actions, a finding on each, kept a million
// ranges: 0.6 of its 6 CPU s).
func newStmtIndex(d *iam.Document) *stmtIndex {
	x := &stmtIndex{eq: map[iam.Range]int{}, spans: map[string][]int{}}
	var sr hcl.Range // the range of statement i, when it spans more than a point
	add := func(r iam.Range, i int) {
		if sr.Filename != "" && contains(sr, r.HCL()) {
			return
		}
		if _, ok := x.eq[r]; !ok {
			x.eq[r] = i
		}
	}
	for i, s := range d.Statements {
		sr = s.Range.HCL()
		for _, e := range []iam.Element{s.Action, s.NotAction(), s.Resource, s.NotResource(), s.Principal(), s.NotPrincipal(), s.Condition()} {
			if e.Present {
				add(e.Range, i)
			}
		}
		for _, vs := range [][]iam.Value{s.Actions, s.NotActions(), s.Resources, s.NotResources()} {
			for _, v := range vs {
				add(v.Range, i)
			}
		}
		for _, ps := range [][]iam.Principal{s.Principals(), s.NotPrincipals()} {
			for _, p := range ps {
				add(p.ID.Range, i)
				add(p.Type.Range, i)
			}
		}
		for _, c := range s.Conditions() {
			add(c.Operator.Range, i)
			add(c.Key.Range, i)
			for _, v := range c.Values {
				add(v.Range, i)
			}
		}
		if sr.Filename != "" && sr.End.Byte > sr.Start.Byte {
			x.spans[sr.Filename] = append(x.spans[sr.Filename], i)
		}
	}
	for _, list := range x.spans {
		sort.SliceStable(list, func(a, b int) bool {
			return d.Statements[list[a]].Range.HCL().Start.Byte < d.Statements[list[b]].Range.HCL().Start.Byte
		})
		for k := 1; k < len(list); k++ {
			if d.Statements[list[k-1]].Range.HCL().End.Byte > d.Statements[list[k]].Range.HCL().Start.Byte {
				return nil
			}
		}
	}
	return x
}

// holder returns the index of the first statement of d that holds r
// (statementHolds), or -1.
func (x *stmtIndex) holder(d *iam.Document, r hcl.Range) int {
	if r.Filename == "" {
		return -1
	}
	best := -1
	if i, ok := x.eq[iam.MakeRange(r)]; ok {
		best = i
	}
	list := x.spans[r.Filename]
	if r.End.Byte < r.Start.Byte {
		// Not a range any statement holds in order; walk them all.
		for _, i := range list {
			if (best < 0 || i < best) && contains(d.Statements[i].Range.HCL(), r) {
				best = i
			}
		}
		return best
	}
	// The last statement that starts at or before r, and the one before it.
	k := sort.Search(len(list), func(k int) bool { return d.Statements[list[k]].Range.HCL().Start.Byte > r.Start.Byte }) - 1
	for _, j := range []int{k - 1, k} {
		if j < 0 {
			continue
		}
		if i := list[j]; (best < 0 || i < best) && contains(d.Statements[i].Range.HCL(), r) {
			best = i
		}
	}
	return best
}

// statementHolds reports whether r is one of the statement's elements or values,
// or lies inside the statement's range.
func statementHolds(s *iam.Statement, r hcl.Range) bool {
	if contains(s.Range.HCL(), r) {
		return true
	}
	if r.Filename == "" {
		return false // no element or value has an empty file name to match
	}
	// Compact ranges are equal exactly when their hcl.Ranges are.
	rc := iam.MakeRange(r)
	for _, e := range []iam.Element{s.Action, s.NotAction(), s.Resource, s.NotResource(), s.Principal(), s.NotPrincipal(), s.Condition()} {
		if e.Present && e.Range == rc {
			return true
		}
	}
	vals := [][]iam.Value{s.Actions, s.NotActions(), s.Resources, s.NotResources()}
	for _, vs := range vals {
		for _, v := range vs {
			if v.Range == rc {
				return true
			}
		}
	}
	for _, ps := range [][]iam.Principal{s.Principals(), s.NotPrincipals()} {
		for _, p := range ps {
			if p.ID.Range == rc || p.Type.Range == rc {
				return true
			}
		}
	}
	for _, c := range s.Conditions() {
		if c.Operator.Range == rc || c.Key.Range == rc {
			return true
		}
		for _, v := range c.Values {
			if v.Range == rc {
				return true
			}
		}
	}
	return false
}

// contains reports whether outer strictly spans more than a point and holds inner.
func contains(outer, inner hcl.Range) bool {
	if outer.Filename == "" || outer.Filename != inner.Filename || outer.End.Byte <= outer.Start.Byte {
		return false
	}
	return outer.Start.Byte <= inner.Start.Byte && inner.End.Byte <= outer.End.Byte
}

// rangeBytes returns the source text of r, or nil when it is not available.
// writeLayoutFree writes src to w without its layout: spaces and tabs are
// left out; commas and line breaks are separators, a run of them written as
// one comma, none after an opening or before a closing bracket. So the source
// text of an element (a whole jsonencode({...}) for policy-version, a list
// attribute) gives the same fingerprint after terraform fmt re-aligns it, or
// when an object or list is split over lines (with or without commas, with a
// trailing one). Written in chunks, without copying src.
func writeLayoutFree(w io.Writer, src []byte) {
	// The chunk buffer escapes (w is an interface): pooled, not 8 KiB per
	// finding (tens of thousands on a big plan).
	buf := layoutBufs.Get().(*[8192]byte)
	defer layoutBufs.Put(buf)
	n := 0
	pending := false // a separator not written yet
	last := byte(0)  // the last byte written
	for i := 0; i < len(src); {
		c := src[i]
		switch layoutClass[c] {
		case layoutSkip:
			i++
			continue
		case layoutSep:
			pending = true
			i++
			continue
		case layoutClose:
			pending = false
		}
		if pending {
			if last != 0 && last != '[' && last != '{' && last != '(' {
				if n >= len(buf) {
					_, _ = w.Write(buf[:n])
					n = 0
				}
				buf[n] = ','
				n++
			}
			pending = false
		}
		// c and the bytes kept as they are after it, copied as one run.
		j := i + 1
		for j < len(src) && layoutClass[src[j]] == layoutKeep {
			j++
		}
		for i < j {
			if n == len(buf) {
				_, _ = w.Write(buf[:n])
				n = 0
			}
			k := copy(buf[n:], src[i:j])
			n += k
			i += k
		}
		last = src[j-1]
	}
	_, _ = w.Write(buf[:n])
}

var layoutBufs = sync.Pool{New: func() any { return new([8192]byte) }}

const (
	layoutKeep = iota
	layoutSkip
	layoutSep
	layoutClose
)

var layoutClass = func() (t [256]uint8) {
	t[' '], t['\t'], t['\r'] = layoutSkip, layoutSkip, layoutSkip
	t[','], t['\n'] = layoutSep, layoutSep
	t[']'], t['}'], t[')'] = layoutClose, layoutClose, layoutClose
	return t
}()

func rangeBytes(r hcl.Range, sources map[string][]byte) []byte {
	src, ok := sources[r.Filename]
	if !ok || r.Start.Byte < 0 || r.End.Byte > len(src) || r.Start.Byte > r.End.Byte {
		return nil
	}
	return src[r.Start.Byte:r.End.Byte]
}

// sortFindings orders findings by file, line, column, rule, then by what is
// left (message, resource) so the order never depends on evaluation order.
func sortFindings(fs []Finding) {
	if len(fs) < 2 {
		return
	}
	// Already in order (findings sorted again after suppression): told
	// in one pass over the findings, before the keys and ranks below are
	// made (most calls; that was most of sorting's bytes).
	sorted := true
	for i := 1; i < len(fs); i++ {
		if compareFindings(&fs[i-1], &fs[i]) > 0 {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	// The file, line and column of each finding are compared from a
	// compact array (the file as its rank among the file names): comparing
	// them in the findings read a Finding (200 bytes) from all over the
	// array at each comparison. The strings are compared on ties only.
	// The findings are read on every CPU, a run each: first for the file
	// names and rules (firstSeen), then for the keys. Read on one CPU, the
	// 60 MB of findings of a dense 10,000-file estate and the keys' fresh
	// pages were a tenth of a second while the other CPU idled.
	seen := firstSeen(fs, findingFile, findingRule)
	// The files and rules (a handful), each ranked in its sorted list.
	names, rules := rankOf(seen[0]), rankOf(seen[1])
	const run = findingsRun
	runs := (len(fs) + run - 1) / run
	keys := make([]findingPos, len(fs))
	par.For(runs, 1, func(c int) {
		for i := c * run; i < min((c+1)*run, len(fs)); i++ {
			f := &fs[i]
			if i > c*run && f.Range.Filename == fs[i-1].Range.Filename {
				keys[i].file = keys[i-1].file
			} else {
				keys[i].file = names[f.Range.Filename]
			}
			if i > c*run && f.Rule == fs[i-1].Rule {
				keys[i].rule = keys[i-1].rule
			} else {
				keys[i].rule = rules[f.Rule]
			}
			keys[i].line, keys[i].col = f.Range.Start.Line, f.Range.Start.Column
		}
	})
	compare := func(i, j int32) int {
		a, b := &keys[i], &keys[j]
		if c := cmp.Compare(a.file, b.file); c != 0 {
			return c
		}
		if c := cmp.Compare(a.line, b.line); c != 0 {
			return c
		}
		if c := cmp.Compare(a.col, b.col); c != 0 {
			return c
		}
		fa, fb := &fs[i], &fs[j]
		if c := strings.Compare(fa.Rule, fb.Rule); c != 0 {
			return c
		}
		if c := strings.Compare(fa.Message, fb.Message); c != 0 {
			return c
		}
		return strings.Compare(fa.Resource, fb.Resource)
	}
	if idx, ok := packedOrder(keys, len(names), len(rules), compare); ok {
		permute(fs, idx)
		return
	}
	// Indexes are sorted, then the findings moved once: a Finding is big,
	// and a stable sort moves elements many times. Big lists are sorted in
	// two halves on two CPUs, then merged (the left one first on ties: the
	// order of a stable sort of the whole).
	idx := make([]int32, len(fs))
	for i := range idx {
		idx[i] = int32(i)
	}
	if len(idx) < 1<<14 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortStableFunc(idx, compare)
	} else {
		m := len(idx) / 2
		left, right := idx[:m], idx[m:]
		wait := goCatch(func() { slices.SortStableFunc(left, compare) })
		slices.SortStableFunc(right, compare)
		wait()
		merged := make([]int32, 0, len(idx))
		for len(left) > 0 && len(right) > 0 {
			if compare(right[0], left[0]) < 0 {
				merged = append(merged, right[0])
				right = right[1:]
			} else {
				merged = append(merged, left[0])
				left = left[1:]
			}
		}
		idx = append(append(merged, left...), right...)
	}
	permute(fs, idx)
}

// compareFindings compares findings by file, line and column, then rule,
// message and resource (sortFindings's order).
func compareFindings(a, b *Finding) int {
	if a.Range.Filename != b.Range.Filename {
		return strings.Compare(a.Range.Filename, b.Range.Filename)
	}
	if c := cmp.Compare(a.Range.Start.Line, b.Range.Start.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Range.Start.Column, b.Range.Start.Column); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	if c := strings.Compare(a.Message, b.Message); c != 0 {
		return c
	}
	return strings.Compare(a.Resource, b.Resource)
}

// findingPos is the position of a finding that sortFindings compares
// first: its file as its rank among the file names.
type findingPos struct {
	file      uint32
	rule      uint32 // the rank of its rule among the rules (packedOrder)
	line, col int
}

// packedOrder returns the indexes of the findings of keys (their
// positions and rules; files, rules: the number of ranks of each) in the
// order of a stable sort by compare, whose first fields they are, or false
// when a finding's key and index do not fit one uint64 together. The keys
// and indexes are sorted packed as uint64s, each field in as many bits as
// its biggest takes (their order is compare's on the keys, then the
// indexes'), and only findings of one rule at one position are sorted by
// compare (by their other strings): a stable sort of all by compare, a
// call per comparison, was most of sorting's instructions.
func packedOrder(keys []findingPos, files, rules int, compare func(i, j int32) int) ([]int32, bool) {
	var maxL, maxC int
	for i := range keys {
		k := &keys[i]
		if k.line < 0 || k.col < 0 {
			return nil, false
		}
		maxL |= k.line
		maxC |= k.col
	}
	bf, bl, bc := uint(bits.Len(uint(files))), uint(bits.Len(uint(maxL))), uint(bits.Len(uint(maxC)))
	br, bi := uint(bits.Len(uint(rules))), uint(bits.Len(uint(len(keys))))
	if bf+bl+bc+br+bi > 64 || len(keys) > math.MaxInt32 {
		return nil, false
	}
	ps := make([]uint64, len(keys))
	for i := range keys {
		k := &keys[i]
		ps[i] = uint64(k.file)<<(bl+bc+br+bi) | uint64(k.line)<<(bc+br+bi) | uint64(k.col)<<(br+bi) | uint64(k.rule)<<bi | uint64(i)
	}
	ps = sortHalves(ps)
	idx := make([]int32, len(ps))
	var ties [][2]int // the runs of findings of one rule at one position
	for lo := 0; lo < len(ps); {
		hi := lo + 1
		for hi < len(ps) && ps[hi]>>bi == ps[lo]>>bi {
			hi++
		}
		for i := lo; i < hi; i++ {
			idx[i] = int32(ps[i] & (1<<bi - 1))
		}
		if hi-lo > 1 {
			ties = append(ties, [2]int{lo, hi})
		}
		lo = hi
	}
	// (compare only reads: the runs are sorted on every CPU.)
	par.For(len(ties), 64, func(k int) {
		slices.SortStableFunc(idx[ties[k][0]:ties[k][1]], compare)
	})
	return idx, true
}

// findingsRun is how many findings one CPU reads at a time where the
// findings are read on every CPU (firstSeen, sortFindings).
const findingsRun = 4096

func findingFile(f *Finding) string { return f.Range.Filename }
func findingRule(f *Finding) string { return f.Rule }

// firstSeen returns, for each of keys, its distinct values over fs in the
// order they first appear. The findings are read on every CPU, a run of
// findingsRun each, and a run keeps a key's value only where it changes (a
// file's findings, and a rule's in a file, most often follow each other).
func firstSeen(fs []Finding, keys ...func(*Finding) string) [][]string {
	runs := (len(fs) + findingsRun - 1) / findingsRun
	changes := make([][][]string, runs) // by run, then key
	par.For(runs, 1, func(c int) {
		ch := make([][]string, len(keys))
		for i := c * findingsRun; i < min((c+1)*findingsRun, len(fs)); i++ {
			for k, key := range keys {
				if v := key(&fs[i]); len(ch[k]) == 0 || v != ch[k][len(ch[k])-1] {
					ch[k] = append(ch[k], v)
				}
			}
		}
		changes[c] = ch
	})
	out := make([][]string, len(keys))
	for k := range keys {
		seen := map[string]bool{}
		for _, ch := range changes {
			for _, v := range ch[k] {
				if !seen[v] {
					seen[v] = true
					out[k] = append(out[k], v)
				}
			}
		}
	}
	return out
}

// rankOf sorts list and returns each value's index in it.
func rankOf(list []string) map[string]uint32 {
	slices.Sort(list)
	rank := make(map[string]uint32, len(list))
	for r, v := range list {
		rank[v] = uint32(r)
	}
	return rank
}

// sortHalves sorts ps, a big one in two halves on two CPUs then merged
// into a new array: on a dense 10,000-file estate, 300,000 keys sorted on
// one CPU while the other idled. The keys are distinct (they hold their
// index), so the order is the one slices.Sort gives.
func sortHalves(ps []uint64) []uint64 {
	if len(ps) < 1<<14 || runtime.GOMAXPROCS(0) < 2 {
		slices.Sort(ps)
		return ps
	}
	m := len(ps) / 2
	left, right := ps[:m], ps[m:]
	wait := goCatch(func() { slices.Sort(left) })
	slices.Sort(right)
	wait()
	merged := make([]uint64, 0, len(ps))
	for len(left) > 0 && len(right) > 0 {
		if right[0] < left[0] {
			merged = append(merged, right[0])
			right = right[1:]
		} else {
			merged = append(merged, left[0])
			left = left[1:]
		}
	}
	return append(append(merged, left...), right...)
}

// permute moves fs[idx[i]] to fs[i] for every i (idx is a permutation of
// the indexes of fs), each finding once, in place: cycle by cycle, without
// a second array of findings (a Finding is big). idx is overwritten.
func permute(fs []Finding, idx []int32) {
	sorted := true
	for i, j := range idx {
		if int(j) != i {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	for i := range idx {
		if idx[i] < 0 || int(idx[i]) == i {
			continue
		}
		tmp := fs[i]
		j := i
		for {
			k := int(idx[j])
			idx[j] = -1
			if k == i {
				fs[j] = tmp
				break
			}
			fs[j] = fs[k]
			j = k
		}
	}
}

// fileFilter keeps findings in named files. It is active only when a path
// named a file: then a finding is kept when it is in one of the named files,
// or under one of the named directories.
type fileFilter struct {
	files map[string]bool
	dirs  []string
	// real holds the named files with their links resolved: a directory
	// named through a link and directly is loaded once, under the name
	// it came with first (load.Load), and a finding in a file named under
	// the other name was dropped (iamlint live/a.tf modules/x/b.tf, live
	// a link to modules/x: b.tf's findings were not reported).
	real map[string]bool
	// sigs holds the size and modification time of the named files:
	// a file whose own differ is none of them, and keep resolves its
	// links only when they match. (It resolved them for every file not
	// named: a lstat per element of the path. iamlint dir/main.tf, dir
	// holding 200,000 files: 1,600,000 stat calls, 1,400,000 of them
	// there, and 3.0-3.6 s of user time where iamlint dir takes 2.1-2.4.)
	sigs map[fileSig]bool
}

// fileSig is what of a file's metadata keep compares before it resolves
// links: two names of one file have the same.
type fileSig struct {
	size  int64
	mtime int64
}

func sigOf(st os.FileInfo) fileSig {
	return fileSig{st.Size(), st.ModTime().UnixNano()}
}

// newFileFilter is the filter of the paths; when it is active, the
// --var-file files varFiles are named files too: the user named them, and
// a finding whose value comes from one (Action = var.a, a = "*" in
// prod.tfvars) was dropped, with a notice that the file was not named.
func newFileFilter(paths, varFiles []string) *fileFilter {
	ff := &fileFilter{files: map[string]bool{}}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		abs := absPath(p)
		if st.IsDir() {
			ff.dirs = append(ff.dirs, abs)
		} else {
			ff.files[abs] = true
		}
	}
	if len(ff.files) == 0 {
		return nil
	}
	for _, p := range varFiles {
		ff.files[absPath(p)] = true
	}
	ff.real = map[string]bool{}
	ff.sigs = map[fileSig]bool{}
	for f := range ff.files {
		if r, err := filepath.EvalSymlinks(f); err == nil {
			ff.real[r] = true
		}
		if st, err := os.Stat(f); err == nil {
			ff.sigs[sigOf(st)] = true
		}
	}
	for _, d := range ff.dirs {
		if r, err := filepath.EvalSymlinks(d); err == nil && r != d {
			ff.dirs = append(ff.dirs, r)
		}
	}
	return ff
}

func (ff *fileFilter) keep(name string) bool {
	if ff == nil || name == "<stdin>" {
		return true
	}
	abs := absPath(name)
	if ff.files[abs] {
		return true
	}
	for _, d := range ff.dirs {
		if abs == d || strings.HasPrefix(abs, d+string(filepath.Separator)) {
			return true
		}
	}
	// A file that is one of the named files (through a link) has its
	// size and modification time; one that cannot be stat'ed has no
	// links to resolve either.
	if st, err := os.Stat(abs); err != nil || !ff.sigs[sigOf(st)] {
		return false
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil && ff.real[r] {
		return true
	}
	return false
}

// filter returns the findings that keep keeps (fs itself when ff is nil).
func (ff *fileFilter) filter(fs []Finding) []Finding {
	if ff == nil {
		return fs
	}
	out := fs[:0]
	keep := ff.keeper()
	for _, f := range fs {
		if keep(f.Range.Filename) {
			out = append(out, f)
		}
	}
	return out
}

// keeper returns keep with its answers kept by file name (keep costs a
// filepath.Abs).
func (ff *fileFilter) keeper() func(name string) bool {
	kept := map[string]bool{}
	return func(name string) bool {
		k, ok := kept[name]
		if !ok {
			k = ff.keep(name)
			kept[name] = k
		}
		return k
	}
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return a
}

// relName returns name relative to the current directory, with / separators,
// when name is under it; otherwise the cleaned name with / separators.
func relName(name, cwd string) string {
	if name == "" || name == "-" || strings.HasPrefix(name, "<") {
		return name
	}
	// Called for every located value of the model (relModel): a big plan
	// has millions of them in a handful of files.
	key := relKey{name, cwd}
	if r, ok := relNames.Load(key); ok {
		return r.(string)
	}
	r := relNameUncached(name, cwd)
	relNames.Store(key, r)
	return r
}

type relKey struct{ name, cwd string }

var relNames sync.Map // relKey -> relName result

func relNameUncached(name, cwd string) string {
	if cwd != "" {
		rel, err := "", error(nil)
		if filepath.IsAbs(name) {
			rel, err = filepath.Rel(cwd, name)
		} else {
			rel, err = fpath.RelUnder(cwd, name) // Rel(cwd, Join(cwd, name))
		}
		if err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// relRange rewrites a range's file name with relName.
func relRange(r hcl.Range, cwd string) hcl.Range {
	r.Filename = relName(r.Filename, cwd)
	return r
}

// diagMessage is Summary, then ": " and Detail when there is one.
func diagMessage(d *hcl.Diagnostic) string {
	// Cut as a finding's message is: a diagnostic may quote the input
	// (hcl's "The keyword "xxx..." is not a valid type specification" of a
	// 1.8 MB .tf.json type string was printed whole, in every format).
	if d.Detail == "" {
		return capMessage(d.Summary)
	}
	if d.Summary == "" {
		return capMessage(d.Detail)
	}
	return capMessage(d.Summary + ": " + d.Detail)
}

// sortErrors orders errors by file, line, column, message and drops exact duplicates.
func sortErrors(es []Error) []Error {
	slices.SortStableFunc(es, func(a, b Error) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), strings.Compare(a.Message, b.Message))
	})
	return slices.Compact(es)
}

// sortNotices orders notices by file, line, column, resource, message and drops exact duplicates.
func sortNotices(ns []Notice) []Notice {
	slices.SortStableFunc(ns, func(a, b Notice) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), strings.Compare(a.Resource, b.Resource), strings.Compare(a.Message, b.Message))
	})
	return slices.Compact(ns)
}
