package linter

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// What a run linted one root at a time keeps of each root until the end
// (lint_roots.go) is kept without pointers where it can be: the collector
// marks every pointer of the live heap at each collection, and what the
// roots leave grows with the estate (on a dense 10,000-file estate, 190
// MB of the live heap was memory with pointers before the findings, 60
// MB of them, were packed; a 50,000-file estate spent 20 of its 150 CPU s
// marking it). Texts are numbered in a textArena, their bytes in a few big
// blocks, and a finding is a packedFinding of numbers.

// textArena numbers distinct texts and keeps their bytes in blocks of
// arenaBlock bytes (pointer-free memory: the collector does not look
// inside). A text's number is the same each time it is added; 0 is "".
// text returns a string that points into the blocks, whose bytes are never
// written again once added.
type textArena struct {
	seed   maphash.Seed
	byHash map[uint64]uint32 // hash of a text -> the number of the first text with that hash
	exact  map[string]uint32 // texts whose hash another text took (all but never)
	blocks [][]byte
	locs   []textLoc // by number

	// memo numbers again the strings (by address and length) added
	// between a call of begin and one of end, which the caller holds
	// meanwhile (so that no other text can be at their address): most
	// texts of a root's findings and principals are a few strings
	// repeated (an address, a rule ID, a policy's name), and each was
	// looked up in byHash, a map as big as the estate's texts, at a cache
	// miss each (a third of the packing). Made by the first begin.
	memo *[memoSize]textMemo
	// front holds the number of the last text of each hash (mod
	// frontSize) that lookup was asked for, made with memo: byHash is
	// only looked up on a miss (the texts repeated across roots, a
	// policy's name or a message, are asked for over and over).
	front *[frontSize]textFront
	gen   uint32 // the entries of memo made since begin; 0: not between begin and end
	last  uint32 // the gen of the last begin
}

// textMemo is an entry of textArena.memo: the number of the string at
// address p of length n, if gen is the arena's.
type textMemo struct {
	p   uintptr
	n   int
	id  uint32
	gen uint32
}

const memoSize = 1 << 10

// textFront is an entry of textArena.front.
type textFront struct {
	h  uint64
	id uint32
}

const frontSize = 1 << 12

// begin tells t that the strings added from now on are held by the caller
// until end (see memo).
func (t *textArena) begin() {
	if t.memo == nil {
		t.memo, t.front = new([memoSize]textMemo), new([frontSize]textFront)
	}
	t.last++
	if t.last == 0 { // (wrapped: the entries are old)
		*t.memo = [memoSize]textMemo{}
		t.last = 1
	}
	t.gen = t.last
}

// end tells t that the strings added since begin may be let go: add
// looks none up in the memo until the next begin.
func (t *textArena) end() { t.gen = 0 }

// textLoc is where a text's bytes are: in blocks[block] from off, n bytes.
type textLoc struct{ block, off, n uint32 }

// arenaBlock is the most size of a textArena's blocks (a longer text has
// one of its own); the first is minArenaBlock, each next twice the one
// before.
const (
	arenaBlock    = 256 << 10
	minArenaBlock = 1 << 10
)

func newTextArena() *textArena {
	return &textArena{seed: maphash.MakeSeed(), byHash: map[uint64]uint32{}, locs: []textLoc{{}}}
}

// add returns the number of s.
func (t *textArena) add(s string) uint32 {
	if s == "" {
		return 0
	}
	var m *textMemo
	if t.gen != 0 {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		m = &t.memo[(p>>3^p>>13^uintptr(len(s)))&(memoSize-1)]
		if m.gen == t.gen && m.p == p && m.n == len(s) {
			return m.id
		}
		id := t.lookup(s)
		*m = textMemo{p: p, n: len(s), id: id, gen: t.gen}
		return id
	}
	return t.lookup(s)
}

// lookup is add without the memo.
func (t *textArena) lookup(s string) uint32 {
	h := maphash.String(t.seed, s) & hashMask
	if t.front == nil {
		return t.number(s, h)
	}
	fr := &t.front[h&(frontSize-1)]
	if fr.id != 0 && fr.h == h && t.text(fr.id) == s {
		return fr.id
	}
	id := t.number(s, h)
	*fr = textFront{h: h, id: id}
	return id
}

// number is lookup without the front (h is s's hash).
func (t *textArena) number(s string, h uint64) uint32 {
	id, ok := t.byHash[h]
	if ok {
		if t.text(id) == s {
			return id
		}
		if id, ok := t.exact[s]; ok {
			return id
		}
	}
	id = t.store(s)
	if !ok {
		t.byHash[h] = id
	} else {
		if t.exact == nil {
			t.exact = map[string]uint32{}
		}
		t.exact[t.text(id)] = id
	}
	return id
}

// reserve makes room for n more texts of size bytes in all, in one block
// (t has none yet): the blocks are not grown as they fill.
func (t *textArena) reserve(n, size int) {
	if len(t.blocks) == 0 && size > 0 {
		t.blocks = append(t.blocks, make([]byte, 0, size))
	}
	t.locs = slices.Grow(t.locs, n)
}

// store copies s into the blocks and numbers it.
func (t *textArena) store(s string) uint32 {
	if uint64(len(s)) > math.MaxUint32 || uint64(len(t.locs)) >= math.MaxUint32 {
		panic("textArena: too many texts") // (4 GB of one text, 4 billion texts: not read)
	}
	n := len(t.blocks)
	if n == 0 || cap(t.blocks[n-1])-len(t.blocks[n-1]) < len(s) {
		// The blocks grow from minArenaBlock (an arena of a small root
		// holds a few KB).
		size := minArenaBlock
		if n > 0 {
			size = min(arenaBlock, 2*cap(t.blocks[n-1]))
		}
		t.blocks = append(t.blocks, make([]byte, 0, max(size, len(s))))
		n++
	}
	b := t.blocks[n-1]
	loc := textLoc{block: uint32(n - 1), off: uint32(len(b)), n: uint32(len(s))}
	t.blocks[n-1] = append(b, s...)
	t.locs = append(t.locs, loc)
	return uint32(len(t.locs) - 1)
}

// freeze drops the maps that number t's texts (add may not be called
// after) and trims its blocks to their length: texts is done with adding.
// The strings text returned before may point into the blocks before the
// trim.
func (t *textArena) freeze() {
	t.byHash, t.exact, t.memo, t.front = nil, nil, nil, nil
	for i, b := range t.blocks {
		if cap(b)-len(b) > len(b)/16 {
			t.blocks[i] = append([]byte(nil), b...)
		}
	}
	t.blocks = slices.Clip(t.blocks)
	t.locs = slices.Clip(t.locs)
}

// text returns the text numbered id.
func (t *textArena) text(id uint32) string {
	l := t.locs[id]
	if l.n == 0 {
		return ""
	}
	return unsafe.String(&t.blocks[l.block][l.off], l.n)
}

// packedRange is an hcl.Range whose positions fit 32 bits, its file name a
// number of a textArena.
type packedRange struct {
	file uint32
	pos  [6]int32 // start line, column, byte, end line, column, byte
}

// packRange packs r, false when a position does not fit.
func packRange(t *textArena, r hcl.Range) (packedRange, bool) {
	p := packedRange{}
	for i, v := range [...]int{r.Start.Line, r.Start.Column, r.Start.Byte, r.End.Line, r.End.Column, r.End.Byte} {
		if v < math.MinInt32 || v > math.MaxInt32 {
			return p, false
		}
		p.pos[i] = int32(v)
	}
	p.file = t.add(r.Filename)
	return p, true
}

func (p *packedRange) unpack(t *textArena) hcl.Range {
	return hcl.Range{Filename: t.text(p.file),
		Start: hcl.Pos{Line: int(p.pos[0]), Column: int(p.pos[1]), Byte: int(p.pos[2])},
		End:   hcl.Pos{Line: int(p.pos[3]), Column: int(p.pos[4]), Byte: int(p.pos[5])}}
}

// packedFinding is a Finding whose texts are numbers of a textArena, its
// related locations packedRelated of its run (rel, nrel); a finding that
// does not pack (a position past 32 bits, a suppression, an empty
// non-nil Related) is kept as it is in the run's raw list, at rel, with
// nrel rawFinding.
type packedFinding struct {
	rule, msg, res, kind, fp uint32
	sev                      int32
	rng                      packedRange
	rel, nrel                uint32
}

// rawFinding is the nrel of a finding kept as it is.
const rawFinding = math.MaxUint32

// packedRelated is a packed iam.Related.
type packedRelated struct {
	rng packedRange
	msg uint32
}

// packedFindings are the findings of one run of the rules.
type packedFindings struct {
	recs []packedFinding
	rels []packedRelated
	raw  []Finding
}

// pack appends fs to p, their texts numbered in t.
func (p *packedFindings) pack(t *textArena, fs []Finding) {
	t.begin()
	defer t.end()
	if p.recs == nil {
		p.recs = make([]packedFinding, 0, len(fs))
	}
	var last packLast
	for i := range fs {
		p.add(t, &fs[i], &last)
	}
}

// packLast holds the texts of the finding packed before and their
// numbers: the findings of a rule follow each other, those of a resource
// often, with the same strings as the finding before.
type packLast struct {
	rule, res, kind string
	ruleID, resID   uint32
	kindID          uint32
	any             bool // a finding was packed (the others are set)
	// The related locations of the last finding packed with some, and
	// where they were packed (rel, nrel): the findings of one document
	// share its slice, and share its packed copy.
	related   []iam.Related
	rel, nrel uint32
}

// add appends f to p (see pack).
func (p *packedFindings) add(t *textArena, f *Finding, last *packLast) {
	rec, ok := packedFinding{}, f.Suppression == nil && (f.Related == nil || len(f.Related) > 0) &&
		f.Severity >= math.MinInt32 && f.Severity <= math.MaxInt32 && uint64(len(p.rels)+len(f.Related)) < math.MaxUint32
	if ok {
		rec.rng, ok = packRange(t, f.Range)
	}
	rels := len(p.rels)
	rel := uint32(rels)
	if ok && len(f.Related) > 0 && last.nrel > 0 && sameSlice(f.Related, last.related) {
		rel = last.rel
	} else {
		for j := 0; ok && j < len(f.Related); j++ {
			var r packedRelated
			r.rng, ok = packRange(t, f.Related[j].Range)
			r.msg = t.add(f.Related[j].Message)
			p.rels = append(p.rels, r)
		}
	}
	if !ok || uint64(len(p.raw)) >= math.MaxUint32 {
		p.rels = p.rels[:rels]
		p.recs = append(p.recs, packedFinding{rel: uint32(len(p.raw)), nrel: rawFinding})
		p.raw = append(p.raw, *f)
		return
	}
	if len(f.Related) > 0 {
		last.related, last.rel, last.nrel = f.Related, rel, uint32(len(f.Related))
	}
	if !last.any || f.Rule != last.rule {
		last.rule, last.ruleID = f.Rule, t.add(f.Rule)
	}
	if !last.any || f.Resource != last.res {
		last.res, last.resID = f.Resource, t.add(f.Resource)
	}
	if !last.any || string(f.PolicyKind) != last.kind {
		last.kind, last.kindID = string(f.PolicyKind), t.add(string(f.PolicyKind))
	}
	last.any = true
	rec.rule, rec.res, rec.kind = last.ruleID, last.resID, last.kindID
	rec.msg, rec.fp = t.add(f.Message), t.add(f.Fingerprint)
	rec.sev = int32(f.Severity)
	rec.rel, rec.nrel = rel, uint32(len(f.Related))
	p.recs = append(p.recs, rec)
}

// len is the number of findings.
func (p *packedFindings) len() int { return len(p.recs) }

// finding returns finding i (its texts point into t's blocks). Findings
// unpacked with one relCache (nil: none) share the slice of their related
// locations when they share them packed (a document's findings): as the
// findings of the merged model share their document's.
func (p *packedFindings) finding(t *textArena, i int, c *relCache) Finding {
	rec := &p.recs[i]
	if rec.nrel == rawFinding {
		return p.raw[rec.rel]
	}
	f := Finding{Rule: t.text(rec.rule), Severity: Severity(rec.sev), Message: t.text(rec.msg),
		Range: rec.rng.unpack(t), Resource: t.text(rec.res), PolicyKind: iam.Kind(t.text(rec.kind)),
		Fingerprint: t.text(rec.fp)}
	if rec.nrel > 0 {
		if c != nil && c.p == p && c.rel == rec.rel && c.nrel == rec.nrel {
			f.Related = c.related
			return f
		}
		f.Related = make([]iam.Related, rec.nrel)
		for j := range f.Related {
			r := &p.rels[int(rec.rel)+j]
			f.Related[j] = iam.Related{Range: r.rng.unpack(t), Message: t.text(r.msg)}
		}
		if c != nil {
			*c = relCache{p: p, rel: rec.rel, nrel: rec.nrel, related: f.Related}
		}
	}
	return f
}

// relCache holds the related locations finding last unpacked (p's, at
// rel, nrel).
type relCache struct {
	p         *packedFindings
	rel, nrel uint32
	related   []iam.Related
}

// where returns the file and resource of finding i.
func (p *packedFindings) where(t *textArena, i int) (file, resource string) {
	rec := &p.recs[i]
	if rec.nrel == rawFinding {
		f := &p.raw[rec.rel]
		return f.Range.Filename, f.Resource
	}
	return t.text(rec.rng.file), t.text(rec.res)
}

// setFingerprint sets the Fingerprint of finding i.
func (p *packedFindings) setFingerprint(t *textArena, i int, fp string) {
	rec := &p.recs[i]
	if rec.nrel == rawFinding {
		p.raw[rec.rel].Fingerprint = fp
		return
	}
	rec.fp = t.add(fp)
}

// same reports whether finding i of p and finding j of q (their texts
// numbered in one arena) are the same (sameRun).
func (p *packedFindings) same(t *textArena, i int, q *packedFindings, j int) bool {
	x, y := &p.recs[i], &q.recs[j]
	if x.nrel == rawFinding || y.nrel == rawFinding {
		a, b := p.finding(t, i, nil), q.finding(t, j, nil)
		return sameFinding(&a, &b)
	}
	a, b := *x, *y
	a.rel, b.rel = 0, 0
	if a != b {
		return false
	}
	for k := range x.nrel {
		if p.rels[x.rel+k] != q.rels[y.rel+k] {
			return false
		}
	}
	return true
}

// packedPrincipal is an effective.PrincipalSummary whose texts are numbers
// of a textArena: its lists are runs of packedPrincipals.ids (pol, npol;
// esc, nesc), its AccessLevels a text of their own (levelsText). A summary
// that does not pack (lists past 32 bits) is kept as it is in the raw
// list, at pol, with flags rawPrincipal.
type packedPrincipal struct {
	address, kind, name, boundary uint32
	levels                        uint32
	pol, npol, esc, nesc          uint32
	flags                         uint8
}

// The flags of a packedPrincipal.
const (
	principalExternal = 1 << iota
	principalAdmin
	principalComplete
	principalNoPolicies // Policies nil
	principalNoPaths    // EscalationPaths nil
	principalNoLevels   // AccessLevels nil
	rawPrincipal
)

// packedPrincipals are the principal summaries of one root.
type packedPrincipals struct {
	recs []packedPrincipal
	ids  []uint32
	raw  []effective.PrincipalSummary
}

// packPrincipals packs ps, their texts numbered in t.
func packPrincipals(t *textArena, ps []effective.PrincipalSummary) *packedPrincipals {
	t.begin()
	defer t.end()
	p := &packedPrincipals{recs: make([]packedPrincipal, 0, len(ps))}
	// The summaries share their AccessLevels maps (effective's
	// sharedNamedLevels): each map's text is made once, by its address (the
	// maps are all held by ps while this runs).
	levels := map[unsafe.Pointer]uint32{}
	var buf []byte
	for i := range ps {
		s := &ps[i]
		if uint64(len(p.ids)+len(s.Policies)+len(s.EscalationPaths)) >= math.MaxUint32 || uint64(len(p.raw)) >= math.MaxUint32 {
			p.recs = append(p.recs, packedPrincipal{pol: uint32(len(p.raw)), flags: rawPrincipal})
			p.raw = append(p.raw, *s)
			continue
		}
		r := packedPrincipal{address: t.add(s.Address), kind: t.add(s.Kind), name: t.add(s.Name), boundary: t.add(s.Boundary)}
		for _, f := range [...]struct {
			on   bool
			flag uint8
		}{{s.External, principalExternal}, {s.AdminEquivalent, principalAdmin}, {s.Complete, principalComplete},
			{s.Policies == nil, principalNoPolicies}, {s.EscalationPaths == nil, principalNoPaths}, {s.AccessLevels == nil, principalNoLevels}} {
			if f.on {
				r.flags |= f.flag
			}
		}
		r.pol, r.npol = uint32(len(p.ids)), uint32(len(s.Policies))
		for _, x := range s.Policies {
			p.ids = append(p.ids, t.add(x))
		}
		r.esc, r.nesc = uint32(len(p.ids)), uint32(len(s.EscalationPaths))
		for _, x := range s.EscalationPaths {
			p.ids = append(p.ids, t.add(x))
		}
		if s.AccessLevels != nil {
			key := *(*unsafe.Pointer)(unsafe.Pointer(&s.AccessLevels))
			id, ok := levels[key]
			if !ok {
				// (Not add: the text is a temporary copy of buf, at the same
				// address for every map, not a string ps holds.)
				buf = levelsText(buf[:0], s.AccessLevels)
				id = t.lookup(string(buf))
				levels[key] = id
			}
			r.levels = id
		}
		p.recs = append(p.recs, r)
	}
	return p
}

// levelsText appends to buf the text of an AccessLevels map: each service,
// in order, then its levels (the lengths as uvarints; a list's count plus
// one, 0 for nil).
func levelsText(buf []byte, m map[string][]string) []byte {
	svcs := make([]string, 0, len(m))
	for svc := range m {
		svcs = append(svcs, svc)
	}
	slices.Sort(svcs)
	for _, svc := range svcs {
		buf = binary.AppendUvarint(buf, uint64(len(svc)))
		buf = append(buf, svc...)
		ls := m[svc]
		n := uint64(0)
		if ls != nil {
			n = uint64(len(ls)) + 1
		}
		buf = binary.AppendUvarint(buf, n)
		for _, l := range ls {
			buf = binary.AppendUvarint(buf, uint64(len(l)))
			buf = append(buf, l...)
		}
	}
	return buf
}

// parseLevels is the map of a levelsText (its strings point into text).
func parseLevels(text string) map[string][]string {
	m := map[string][]string{}
	uvarint := func() int {
		n, shift := 0, 0
		for {
			b := text[0]
			text = text[1:]
			n |= int(b&0x7f) << shift
			if b < 0x80 {
				return n
			}
			shift += 7
		}
	}
	next := func() string {
		n := uvarint()
		s := text[:n]
		text = text[n:]
		return s
	}
	for text != "" {
		svc := next()
		n := uvarint()
		var ls []string
		if n > 0 {
			ls = make([]string, n-1)
			for i := range ls {
				ls[i] = next()
			}
		}
		m[svc] = ls
	}
	return m
}

// len is the number of summaries (none in nil).
func (p *packedPrincipals) len() int {
	if p == nil {
		return 0
	}
	return len(p.recs)
}

// key returns the kind and address of summary i.
func (p *packedPrincipals) key(t *textArena, i int) (kind, address string) {
	r := &p.recs[i]
	if r.flags&rawPrincipal != 0 {
		s := &p.raw[r.pol]
		return s.Kind, s.Address
	}
	return t.text(r.kind), t.text(r.address)
}

// summary returns summary i; levels holds the AccessLevels maps made so
// far, by their text's number (the summaries that had one map share one).
func (p *packedPrincipals) summary(t *textArena, i int, levels map[uint32]map[string][]string) effective.PrincipalSummary {
	r := &p.recs[i]
	if r.flags&rawPrincipal != 0 {
		return p.raw[r.pol]
	}
	s := effective.PrincipalSummary{Address: t.text(r.address), Kind: t.text(r.kind), Name: t.text(r.name), Boundary: t.text(r.boundary),
		External: r.flags&principalExternal != 0, AdminEquivalent: r.flags&principalAdmin != 0, Complete: r.flags&principalComplete != 0}
	list := func(at, n uint32, isNil bool) []string {
		if isNil {
			return nil
		}
		out := make([]string, n)
		for j := range out {
			out[j] = t.text(p.ids[at+uint32(j)])
		}
		return out
	}
	s.Policies = list(r.pol, r.npol, r.flags&principalNoPolicies != 0)
	s.EscalationPaths = list(r.esc, r.nesc, r.flags&principalNoPaths != 0)
	if r.flags&principalNoLevels == 0 {
		m, ok := levels[r.levels]
		if !ok {
			m = parseLevels(t.text(r.levels))
			levels[r.levels] = m
		}
		s.AccessLevels = m
	}
	return s
}
