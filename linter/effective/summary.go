package effective

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// PrincipalSummary is what a reviewer reads about one principal: the
// "principals" section of the JSON report and the rows of --principals.
type PrincipalSummary struct {
	Address         string   `json:"address"` // Terraform address; for an external principal its IAM name
	Kind            string   `json:"kind"`    // user, group, role, permission-set
	Name            string   `json:"name,omitempty"`
	External        bool     `json:"external,omitempty"`
	AdminEquivalent bool     `json:"admin_equivalent"`
	EscalationPaths []string `json:"escalation_paths"`
	// AccessLevels maps a service prefix to the access levels granted in it
	// ("List", "Read", "Write", "Permissions management", "Tagging"); the key
	// "*" means every service (Action "*" or NotAction). Read only: the
	// map, and its slices, may be shared with other summaries.
	AccessLevels map[string][]string `json:"access_levels"`
	Policies     []string            `json:"policies"` // contributing policies: Terraform addresses, AWS managed policy ARNs
	Boundary     string              `json:"boundary,omitempty"`
	Complete     bool                `json:"complete"` // every policy (and the boundary) is known
}

// Compute returns the summary of every user, group, role and permission set of
// the model's identity graph, sorted by kind and address.
func Compute(model *iam.Model) []PrincipalSummary {
	if model == nil || model.Graph == nil {
		return []PrincipalSummary{}
	}
	g := model.Graph
	var ents []*iam.Entity
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
		ents = append(ents, es...)
	}
	kept := make([]*iam.Entity, 0, len(ents))
	for _, e := range ents {
		if e == nil || e.Partial {
			continue // a module directory linted on its own: shown as the called instance
		}
		kept = append(kept, e)
	}
	out := make([]PrincipalSummary, len(kept))
	// Each principal is summarized once: its set is built without keeping
	// it in the Index (Index.For would keep every set, with its escalations,
	// until the last principal is done), and an Index keeps the analyses of
	// at most maxKeptDocs documents of the configuration between runs
	// (forgetDocs): a big estate has hundreds of thousands, and principals
	// share documents mostly within a run (AWS managed policies, shared
	// across the whole model, are kept).
	// The principals are summarized on every CPU, each worker with its own
	// Index (an Index is not safe for concurrent use), taking runs of
	// consecutive principals (those of one module share documents, which an
	// Index analyses once). A summary depends only on the model, not on
	// which Index built it, so the result does not depend on scheduling.
	const run = 32
	workers := min(runtime.GOMAXPROCS(0), (len(kept)+run-1)/run)
	// An Index's map of analyses is made with the room it grows to (up to
	// maxKeptDocs, and the documents of a run past it): grown from empty,
	// it copied itself at each doubling, for each root.
	docsHint := min(len(model.Documents), maxKeptDocs+maxKeptDocs/2)
	newIndex := func() *Index {
		ix := NewIndex(model)
		ix.docs = make(map[*iam.Document]*docInfo, docsHint)
		return ix
	}
	if workers <= 1 {
		ix := newIndex()
		var s Set
		for i, e := range kept {
			ix.buildInto(&s, e)
			out[i] = Summarize(&s)
			if i%run == run-1 {
				ix.forgetDocs(maxKeptDocs)
			}
		}
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		var panicked atomic.Value
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() {
					if r := recover(); r != nil {
						panicked.CompareAndSwap(nil, r)
					}
				}()
				ix := newIndex()
				var s Set
				for {
					lo := int(next.Add(run)) - run
					if lo >= len(kept) {
						return
					}
					for i := lo; i < min(lo+run, len(kept)); i++ {
						ix.buildInto(&s, kept[i])
						out[i] = Summarize(&s)
					}
					ix.forgetDocs(maxKeptDocs)
				}
			}()
		}
		wg.Wait()
		if r := panicked.Load(); r != nil {
			panic(r) // as when computed in line: the caller recovers
		}
	}
	// Indexes are sorted, then the summaries moved once, in place, cycle by
	// cycle of the permutation (a stable sort of the summaries themselves
	// moves big values many times; a sorted copy doubles them: 30 MB for a
	// 10,000-file estate).
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		if c := strings.Compare(out[i].Kind, out[j].Kind); c != 0 {
			return c
		}
		return strings.Compare(out[i].Address, out[j].Address)
	})
	permute(out, idx)
	return out
}

// permute sets out[k] to the old out[idx[k]] for every k, in place (idx is a
// permutation; it is left as the identity). Along each cycle, each place
// takes the value of the next one, not yet moved; the last takes the first's.
func permute[T any](out []T, idx []int) {
	for i := range out {
		if idx[i] == i {
			continue
		}
		first := out[i]
		k := i
		for {
			j := idx[k]
			idx[k] = k
			if j == i {
				out[k] = first
				break
			}
			out[k] = out[j]
			k = j
		}
	}
}

// maxKeptDocs is how many analysed documents of the configuration an Index
// of Compute keeps between runs of principals.
const maxKeptDocs = 1024

// forgetDocs drops the analyses of the configuration's documents when the
// index holds more than max of them (those of AWS managed policies stay).
// An analysis depends only on its document: one dropped is made again, the
// same, when asked for.
func (ix *Index) forgetDocs(max int) {
	if len(ix.docs) <= max {
		return
	}
	for d, di := range ix.docs {
		if !d.Managed {
			delete(ix.docs, d)
			ix.reuse(di)
		}
	}
}

// Summarize turns a permission set into its summary. Its AccessLevels map
// may be shared with other summaries (see sharedLevels): it is read only.
func Summarize(s *Set) PrincipalSummary {
	e := s.Entity
	ps := PrincipalSummary{Kind: string(e.Kind), Address: e.Address, External: e.External,
		EscalationPaths: []string{}, Policies: []string{}, Complete: s.Complete} // AccessLevels: set below
	if e.Name.Known {
		ps.Name = e.Name.Text
	}
	if ps.Address == "" {
		ps.Address = ps.Name
	}
	if ps.Address == "" {
		ps.Address = "(name known after apply)" // external, named by a variable: role = var.role_name
	}
	if len(e.BoundaryPolicies) > 0 && (e.Boundary == nil || !e.Boundary.Known) {
		ps.Boundary = e.BoundaryPolicies[0].Address
	} else if e.Boundary != nil {
		if e.Boundary.Known {
			ps.Boundary = e.Boundary.Text
		} else {
			ps.Boundary = "(known after apply)"
		}
	}
	// Each policy once, in the order of the sources: found in the list
	// itself for the usual few sources, with a set of them for many.
	if len(s.Sources) > 0 {
		// Of the size of the sources (most are distinct): grown by
		// doubling, the list was a copy or two per principal.
		ps.Policies = make([]string, 0, len(s.Sources))
	}
	var seen map[string]bool
	if len(s.Sources) > 32 {
		seen = make(map[string]bool, len(s.Sources))
	}
	for _, src := range s.Sources {
		name := src.Doc.Address
		if src.Holder != nil && src.Holder != e {
			name += " (through " + string(src.Holder.Kind) + " " + holderName(src.Holder) + ")"
		}
		switch {
		case seen != nil:
			if seen[name] {
				continue
			}
			seen[name] = true
		case slices.Contains(ps.Policies, name):
			continue
		}
		ps.Policies = append(ps.Policies, name)
	}
	ps.AdminEquivalent = s.AdminEquivalent()
	if escs := s.escalationsOnly(); len(escs) > 0 {
		// Of their exact size: a principal granted every action holds
		// every path, and its list grew by doubling.
		ps.EscalationPaths = make([]string, 0, len(escs))
		for _, esc := range escs {
			ps.EscalationPaths = append(ps.EscalationPaths, escalationName(esc))
		}
	}
	// The masks are made in the Index's map (Compute summarizes a
	// principal after another with one Index), read by sharedNamedLevels
	// before the next summary.
	levels := map[string]uint8{}
	if s.ix != nil {
		if s.ix.levelsBuf == nil {
			s.ix.levelsBuf = map[string]uint8{}
		}
		levels = s.ix.levelsBuf
		clear(levels)
	}
	ps.AccessLevels = sharedNamedLevels(s.levelMasksInto(levels)) // shared: read only
	return ps
}

// escalationName is the name of an escalation in a summary: the path's,
// marked when no one policy holds it and when it is conditional. The names
// of the paths of EscalationPaths are made once (pathNames): a principal
// granted every action holds every path, and its summary made each name
// again.
func escalationName(esc Escalation) string {
	k := 0
	if !esc.Single {
		k |= 1
	}
	if esc.Cond {
		k |= 2
	}
	if names, ok := pathNames()[esc.Path]; ok {
		return names[k]
	}
	return pathName(esc.Path.Name, k)
}

// pathName is escalationName for a path of name name and marks k (1: across
// policies, 2: conditional).
func pathName(name string, k int) string {
	if k&1 != 0 {
		name += " (across policies)"
	}
	if k&2 != 0 {
		name += " (conditional)"
	}
	return name
}

// pathNames holds the names escalationName gives the paths of
// EscalationPaths, by path and marks.
var pathNames = sync.OnceValue(func() map[*EscalationPath]*[4]string {
	out := make(map[*EscalationPath]*[4]string, len(EscalationPaths))
	for i := range EscalationPaths {
		ep := &EscalationPaths[i]
		var names [4]string
		for k := range names {
			names[k] = pathName(ep.Name, k)
		}
		out[ep] = &names
	}
	return out
})

func holderName(e *iam.Entity) string {
	if e.Name.Known {
		return e.Name.Text
	}
	return e.Address
}

// allLevels is every access level, in AWS order.
var allLevels = []awsdata.AccessLevel{awsdata.List, awsdata.Read, awsdata.Write, awsdata.PermissionsManagement, awsdata.Tagging}

// AccessLevels returns, per service prefix, the access levels the principal is
// granted (on any resource), after denies and the boundary. "*" stands for
// every service when a statement grants every action (Action "*"); a NotAction
// statement is expanded against the catalog (every action it does not name).
func (s *Set) AccessLevels() map[string][]string {
	return namedLevels(s.levelMasks())
}

// namedLevels returns the map AccessLevels returns for the masks of
// levelMasks.
func namedLevels(levels map[string]uint8) map[string][]string {
	out := make(map[string][]string, len(levels))
	for svc, ls := range levels {
		out[svc] = levelNames(ls)
	}
	return out
}

// sharedLevels holds the AccessLevels maps that Summarize hands out, by
// their contents (levelsKey), for the life of the process: principals
// granted the same levels (most of them, on big inputs: the roles of a
// module called many times; 2 distinct maps for the 23,000 principals of
// a generated 50 MB plan) share one map, read only, as they share the
// slices of level names (levelNames). A map took about 400 bytes a
// principal, kept to the end of the run (a 10,000-file estate has 213,000
// principals). At most maxSharedLevels maps are kept; beyond, each
// principal gets its own.
var sharedLevels struct {
	mu   sync.Mutex
	maps map[string]map[string][]string
	key  []byte
	svcs []string
}

// maxSharedLevels is the most maps sharedLevels keeps.
const maxSharedLevels = 1 << 12

// sharedNamedLevels is namedLevels, the map shared with every principal
// summarized with the same levels (see sharedLevels).
func sharedNamedLevels(levels map[string]uint8) map[string][]string {
	sl := &sharedLevels
	sl.mu.Lock()
	defer sl.mu.Unlock()
	sl.svcs = sl.svcs[:0]
	for svc := range levels {
		sl.svcs = append(sl.svcs, svc)
	}
	slices.Sort(sl.svcs)
	// The key: each service and its mask, the service's length first (a
	// service prefix may hold any byte).
	key := sl.key[:0]
	for _, svc := range sl.svcs {
		key = binary.AppendUvarint(key, uint64(len(svc)))
		key = append(key, svc...)
		key = append(key, levels[svc])
	}
	sl.key = key
	if m, ok := sl.maps[string(key)]; ok {
		return m
	}
	m := namedLevels(levels)
	if len(sl.maps) < maxSharedLevels {
		if sl.maps == nil {
			sl.maps = map[string]map[string][]string{}
		}
		sl.maps[string(key)] = m
	}
	return m
}

// levelMasks returns, per service prefix, the access levels the principal
// is granted (see AccessLevels), as a mask of the bits 1<<level.
func (s *Set) levelMasks() map[string]uint8 {
	return s.levelMasksInto(map[string]uint8{})
}

// levelMasksInto is levelMasks into levels, an empty map, which it returns.
func (s *Set) levelMasksInto(levels map[string]uint8) map[string]uint8 {
	// levels: bit 1<<level of each level marked
	mark := func(svc string, l awsdata.AccessLevel) {
		levels[svc] |= 1 << l
	}
	every := false
	addPattern := func(p string, filter bool) {
		for _, a := range awsdata.Expand(p) {
			if filter && (s.Denied(a.FullName()) || !s.boundaryAllows(a.FullName())) {
				continue
			}
			mark(a.Service.Prefix, a.AccessLevel)
		}
	}
	// Each document's levels per service are computed once, for every
	// principal that holds it. Only the services a Deny or the boundary may
	// cut are judged action by action, each distinct action once.
	affected := s.affectedServices()
	// The actions of the services affected are gathered in cands, a set
	// of catalog actions, each document's in one union when every
	// service is (a user's sources through groups may be thousands, each
	// of thousands of actions: a map of them per user, and the Denies and
	// the boundary asked of each, took 2 ms a user).
	var cands catBits
	if affected.all || len(affected.svcs) > 0 {
		cands = s.ix.catBuf(&s.ix.cands)
	}
	// The services not affected are marked in acc, by catalog index (a
	// user's sources may be thousands, each granting hundreds of
	// services: a map assignment each was most of the time of a
	// summary), and moved into levels once.
	acc, touched := s.levelAcc()
	for i, src := range s.Sources {
		di := s.infos[i]
		di.computeLevels(src.Doc)
		every = every || di.every
		if affected.all {
			cands.or(di.grantBits())
			continue
		}
		for _, l := range di.levelList() {
			if affected.has(l.prefix) {
				cands.add(di.actsOf(l.prefix))
				continue
			}
			b := l.mask & allLevelsMask
			switch {
			case b == 0:
			case l.idx < 0:
				levels[l.prefix] |= b
			default:
				if acc[l.idx] == 0 {
					touched = append(touched, l.idx)
				}
				acc[l.idx] |= b
			}
		}
	}
	if cands != nil {
		// Judged as Denied and boundaryAllows do, over the catalog: the
		// actions of the Denies, and those the boundary allows.
		cands.andNot(s.deniedBits())
		if s.Boundary != nil {
			cands.and(s.ix.boundaryBits(s.Boundary))
		}
		acts, svcOf := awsdata.Actions(), actionService()
		for w, word := range cands {
			for word != 0 {
				k := w<<6 | bits.TrailingZeros64(word)
				word &= word - 1
				si := svcOf[k]
				if acc[si] == 0 {
					touched = append(touched, si)
				}
				acc[si] |= 1 << acts[k].AccessLevel
			}
		}
	}
	svcs := awsdata.Services()
	for _, i := range touched {
		levels[svcs[i].Prefix] |= acc[i]
		acc[i] = 0
	}
	if s.ix != nil {
		s.ix.touched = touched[:0]
	}
	if every {
		if s.Boundary == nil && len(s.denyStmts) > 0 {
			// Everything but what the blanket Denies take away.
			s.markEvery(mark)
		} else if s.Boundary == nil {
			for _, l := range allLevels {
				mark("*", l)
			}
		} else {
			// Everything, as far as the boundary allows.
			for _, st := range s.Boundary.Statements {
				if st == nil || !st.IsAllow() {
					continue
				}
				if st.NotAction().Present {
					s.markNotAction(st, mark)
					continue
				}
				for _, a := range st.Actions {
					if a.Known {
						if t := a.Text; t == "*" || t == "*:*" {
							for _, l := range allLevels {
								mark("*", l)
							}
							continue
						}
						addPattern(a.Text, false)
					}
				}
			}
		}
	}
	return levels
}

// catBits is a set of catalog actions, by awsdata.Action.Index.
type catBits []uint64

func newCatBits() catBits { return make(catBits, (len(awsdata.Actions())+63)/64) }

func (b catBits) add(acts []*awsdata.Action) {
	for _, a := range acts {
		i := a.Index()
		b[i>>6] |= 1 << (uint(i) & 63)
	}
}

func (b catBits) or(o catBits) {
	for i := range b {
		b[i] |= o[i]
	}
}

func (b catBits) and(o catBits) {
	for i := range b {
		b[i] &= o[i]
	}
}

func (b catBits) andNot(o catBits) {
	for i := range b {
		b[i] &^= o[i]
	}
}

// catBuf returns *buf emptied (made when nil) when ix is not nil, else a
// new set.
func (ix *Index) catBuf(buf *catBits) catBits {
	if ix == nil {
		return newCatBits()
	}
	if *buf == nil {
		*buf = newCatBits()
	}
	clear(*buf)
	return *buf
}

// actionService holds, by action index, the index of its service in
// awsdata.Services().
var actionService = sync.OnceValue(func() []int32 {
	ix := serviceIndex()
	acts := awsdata.Actions()
	out := make([]int32, len(acts))
	for i, a := range acts {
		out[i] = ix[a.Service.Prefix]
	}
	return out
})

// grantBits returns the catalog actions the Allow statements of the
// document grant (actsOf, of every service), made once.
func (di *docInfo) grantBits() catBits {
	if di.grants == nil {
		b := newCatBits()
		di.grantedActs(func(acts []*awsdata.Action, _ []runLevels) { b.add(acts) }, false)
		di.grants = b
	}
	return di.grants
}

// stmtBits returns the catalog actions statement st names: those of its
// Action patterns ("*" every one; unknown values none) or, with NotAction,
// those none of its values names (none when one is unknown), as
// GrantsAction tells them. Remembered by statement in the Index.
func (ix *Index) stmtBits(st *iam.Statement) catBits {
	if ix != nil {
		if b, ok := ix.stmtCat[st]; ok {
			return b
		}
	}
	b := newCatBits()
	if st.NotAction().Present {
		b.add(notActionActs(st))
	} else {
		for _, a := range st.Actions {
			if a.Known {
				b.add(expandCached(a.Text))
			}
		}
	}
	if ix == nil {
		return b
	}
	if ix.stmtCat == nil || len(ix.stmtCat) >= maxKeptDocs {
		ix.stmtCat = map[*iam.Statement]catBits{}
	}
	ix.stmtCat[st] = b
	return b
}

// StatementActions returns the set of catalog actions statement st names,
// bit awsdata.Action.Index (as stmtBits tells them, not remembered): the
// rules' guard Denies read it.
func StatementActions(st *iam.Statement) []uint64 { return (*Index)(nil).stmtBits(st) }

// deniedBits returns the catalog actions the blanket Denies deny (Denied).
func (s *Set) deniedBits() catBits {
	b := s.ix.catBuf(&s.ix.denied)
	for _, st := range s.denyStmts {
		b.or(s.ix.stmtBits(st))
	}
	return b
}

// boundaryBits returns the catalog actions boundary document d allows
// (boundaryAllows: an Allow statement of it grants them).
func (ix *Index) boundaryBits(d *iam.Document) catBits {
	b := ix.catBuf(&ix.bound)
	for _, si := range ix.doc(d).allows {
		b.or(ix.stmtBits(si.st))
	}
	return b
}

// svcLevel is the access levels (bit 1<<level) a document grants in the
// service of prefix, idx its index in awsdata.Services() (-1: none).
type svcLevel struct {
	prefix string
	idx    int32
	mask   uint8
}

// serviceIndex maps the prefix of each service of the catalog to its
// index in awsdata.Services().
var serviceIndex = sync.OnceValue(func() map[string]int32 {
	m := map[string]int32{}
	for i, svc := range awsdata.Services() {
		m[svc.Prefix] = int32(i)
	}
	return m
})

// levelList returns di.levels (computeLevels) as a list, made once.
func (di *docInfo) levelList() []svcLevel {
	if di.levelsList == nil && len(di.levels) > 0 {
		ix := serviceIndex()
		out := make([]svcLevel, 0, len(di.levels))
		for svc, m := range di.levels {
			i, ok := ix[svc]
			if !ok {
				i = -1
			}
			out = append(out, svcLevel{prefix: svc, idx: i, mask: m})
		}
		di.levelsList = out
	}
	return di.levelsList
}

// levelAcc returns the Index's marks by service index (all zero) and
// list of the marked indexes (empty), for levelMasksInto.
func (s *Set) levelAcc() ([]uint8, []int32) {
	n := len(awsdata.Services())
	if s.ix == nil {
		return make([]uint8, n), nil
	}
	if len(s.ix.acc) != n {
		s.ix.acc = make([]uint8, n)
	}
	return s.ix.acc, s.ix.touched[:0]
}

// allLevelsMask has the bit 1<<level of each of allLevels.
var allLevelsMask = func() uint8 {
	var m uint8
	for _, l := range allLevels {
		m |= 1 << l
	}
	return m
}()

// levelNamesOf holds levelNames' answers, by mask.
var levelNamesOf = func() (t [256][]string) {
	for m := range t {
		var names []string
		for _, l := range allLevels {
			if m&(1<<l) != 0 {
				names = append(names, l.String())
			}
		}
		t[m] = slices.Clip(names)
	}
	return t
}()

// levelNames returns the names of the access levels of mask (bit
// 1<<level), in allLevels' order, nil for none: one slice per mask, shared
// by every summary (read only; its capacity is clipped, so that an append
// copies it).
func levelNames(mask uint8) []string { return levelNamesOf[mask] }

// markNotAction marks the access levels that a boundary's Allow + NotAction
// statement leaves to a principal granted every action: every service the
// NotAction does not name in full, action by action in the ones it touches
// (a boundary "NotAction iam:*" leaves every service but IAM).
func (s *Set) markNotAction(st *iam.Statement, mark func(string, awsdata.AccessLevel)) {
	for _, svc := range awsdata.Services() {
		if !namesService(st.NotActions(), svc.Prefix) {
			for _, l := range serviceLevels(svc) {
				mark(svc.Prefix, l)
			}
			continue
		}
		for _, a := range svc.Actions {
			if _, ok := st.GrantsAction(a.FullName()); ok && !s.Denied(a.FullName()) {
				mark(svc.Prefix, a.AccessLevel)
			}
		}
	}
}

// namesService reports whether one of the action values may name an action
// of the service with this prefix (an unknown value may).
func namesService(vs []iam.Value, prefix string) bool {
	for _, v := range vs {
		p, _, _ := strings.Cut(strings.ToLower(v.Text), ":")
		if !v.Known || awsdata.Match(p, prefix) {
			return true
		}
	}
	return false
}

// markEvery marks, service by service, the access levels of every action
// that no blanket Deny of the principal covers (a grant of "*" next to a
// Deny of iam:* leaves every service but IAM).
func (s *Set) markEvery(mark func(string, awsdata.AccessLevel)) {
	// What is left depends on the actions of the Denies alone (Denied):
	// principals that hold the same Denies (a group's, a shared policy's)
	// share the answer, kept by their text (denyKey), and in the Index by
	// the numbers of their statements' texts (a principal's Denies are
	// not spelled out again: a NotAction of 100,000 values, held by 1,000
	// members of a group, was spelled 1,000 times).
	ix := s.ix
	idKey := ""
	if ix != nil {
		idKey = ix.denyIDKey(s.denyStmts)
		if marks, ok := ix.everyByIDs[idKey]; ok {
			for _, m := range marks {
				mark(m.svc, m.level)
			}
			return
		}
	}
	marks := s.markEveryByText(mark)
	if ix != nil {
		if ix.everyByIDs == nil || len(ix.everyByIDs) >= maxKeptDocs {
			ix.everyByIDs = map[string][]levelMark{}
		}
		ix.everyByIDs[idKey] = marks
	}
}

// markEveryByText is markEvery by the text of the Denies (everyMarks),
// returning the marks.
func (s *Set) markEveryByText(mark func(string, awsdata.AccessLevel)) []levelMark {
	var key string
	if s.ix != nil {
		key = s.ix.denyTextKey(s.denyStmts)
	} else {
		key = denyKey(s.denyStmts)
	}
	if v, ok := everyMarks.Load(key); ok {
		marks := v.([]levelMark)
		for _, m := range marks {
			mark(m.svc, m.level)
		}
		return marks
	}
	var marks []levelMark
	s.markEvery1(func(svc string, l awsdata.AccessLevel) {
		marks = append(marks, levelMark{svc, l})
		mark(svc, l)
	})
	if everyMarksN.Add(1) <= maxEveryMarks {
		everyMarks.Store(key, marks)
	}
	return marks
}

// everyMarks holds what markEvery marked, by denyKey (at most
// maxEveryMarks of them).
var (
	everyMarks  sync.Map
	everyMarksN atomic.Int64
)

const maxEveryMarks = 1024

type levelMark struct {
	svc   string
	level awsdata.AccessLevel
}

// denyKey spells out what Denied reads of statements: for each, NotAction
// or Action and its values (known or not, and the text).
func denyKey(stmts []*iam.Statement) string {
	var b strings.Builder
	for _, st := range stmts {
		appendDenyKey(&b, st)
	}
	return b.String()
}

// appendDenyKey writes what denyKey spells of one statement.
func appendDenyKey(b *strings.Builder, st *iam.Statement) {
	vals := st.Actions
	if st.NotAction().Present {
		b.WriteByte('N')
		vals = st.NotActions()
	} else {
		b.WriteByte('A')
	}
	for _, v := range vals {
		if v.Known {
			b.WriteByte('k')
		} else {
			b.WriteByte('u')
		}
		b.WriteString(v.Text)
		b.WriteByte(0)
	}
	b.WriteByte(1)
}

// denyID returns the number of the text of Deny statement st (what
// denyKey spells of it), the same for statements of the same text; the
// text is spelled once per statement.
func (ix *Index) denyID(st *iam.Statement) uint32 {
	if id, ok := ix.denyIDs[st]; ok {
		return id
	}
	var b strings.Builder
	appendDenyKey(&b, st)
	text := b.String()
	id, ok := ix.denyByText[text]
	if !ok {
		id = uint32(len(ix.denyTexts))
		ix.denyTexts = append(ix.denyTexts, text)
		ix.denyByText[text] = id
	}
	ix.denyIDs[st] = id
	return id
}

// denyIDKey returns the numbers of the texts of stmts (denyID), four
// bytes each: stmts of equal keys have the same denyKey.
func (ix *Index) denyIDKey(stmts []*iam.Statement) string {
	if ix.denyIDs == nil || len(ix.denyIDs) > 0 && len(ix.denyIDs)+len(stmts) > maxKeptDocs {
		// Full: start again (the numbers, and so everyByIDs' keys, change).
		ix.denyIDs = map[*iam.Statement]uint32{}
		ix.denyByText = map[string]uint32{}
		ix.denyTexts = nil
		ix.everyByIDs = nil
	}
	b := make([]byte, 0, 4*len(stmts))
	for _, st := range stmts {
		id := ix.denyID(st)
		b = append(b, byte(id), byte(id>>8), byte(id>>16), byte(id>>24))
	}
	return string(b)
}

// denyTextKey is denyKey(stmts), from the texts denyIDKey numbered.
func (ix *Index) denyTextKey(stmts []*iam.Statement) string {
	n := 0
	for _, st := range stmts {
		n += len(ix.denyTexts[ix.denyID(st)])
	}
	var b strings.Builder
	b.Grow(n)
	for _, st := range stmts {
		b.WriteString(ix.denyTexts[ix.denyID(st)])
	}
	return b.String()
}

func (s *Set) markEvery1(mark func(string, awsdata.AccessLevel)) {
	var denied catBits
	// The service parts of the Denies' actions, lower-cased once (as
	// namesService does for each service); any: a Deny may touch every
	// service (a NotAction, an unknown value).
	var prefixes []string
	anySvc := false
	for _, st := range s.denyStmts {
		if st.NotAction().Present {
			anySvc = true
			break
		}
		for _, v := range st.Actions {
			if !v.Known {
				anySvc = true
				break
			}
			p, _, _ := strings.Cut(strings.ToLower(v.Text), ":")
			prefixes = append(prefixes, p)
		}
	}
	for _, svc := range awsdata.Services() {
		touched := anySvc
		for _, p := range prefixes {
			if touched {
				break
			}
			touched = awsdata.Match(p, svc.Prefix)
		}
		if touched && byService(svc) {
			// No action of the service is in the universe: Denied asks
			// the Denies' patterns, which may tell the whole service at
			// once (a NotAction of s3:* denies all of EC2).
			switch s.ix.denyOfService(s.denyStmts, svc.Prefix) {
			case denyNone:
				touched = false
			case denyAll:
				continue
			}
		}
		if !touched {
			for _, l := range serviceLevels(svc) {
				mark(svc.Prefix, l)
			}
			continue
		}
		// Denied, for catalog actions, as one set made once (a NotAction of
		// 100,000 values was matched against each action of the service).
		if denied == nil {
			denied = s.deniedBits()
		}
		for _, a := range svc.Actions {
			if i := a.Index(); denied[i>>6]&(1<<(uint(i)&63)) == 0 {
				mark(svc.Prefix, a.AccessLevel)
			}
		}
	}
}

// What the Denies of a principal take of a service's actions
// (denyOfService).
const (
	denyNone = iota // none of them
	denyAll         // all of them
	denySome        // it depends on the action: each is asked
)

// denyOfService tells what the Deny statements stmts (Statement.GrantsAction,
// as Denied asks them of an action outside the universe) take of the
// actions of service svc (a lower-case ASCII prefix, byService): a
// statement that no pattern of which can match an action of the service
// denies none of them (Action) or all of them (NotAction, every pattern
// known); one with a pattern that matches all of them (patternOfService)
// denies all of them (Action) or none (NotAction).
//
// A pattern can match an action of the service only when its part before
// the colon matches the service (awsdata.Match): an action name has one
// colon, which the pattern's one colon must match (neither * nor ? takes
// it: the pattern's colon would be left without one). Patterns with no
// colon or more than one, or that are not ASCII (a Unicode letter may fold
// to an ASCII one), may match any action.
func denyOfService(stmts []*iam.Statement, svc string) int {
	out := denyNone
	for _, st := range stmts {
		switch stmtDenyOfService(st, svc) {
		case denyAll:
			return denyAll
		case denySome:
			out = denySome
		}
	}
	return out
}

// denyOfService is denyOfService, from the Index's analysis of each
// statement (stmtSvcDeny): one pass over a statement's patterns for every
// service, not one per service.
func (ix *Index) denyOfService(stmts []*iam.Statement, svc string) int {
	if ix == nil || !isASCII(svc) {
		return denyOfService(stmts, svc)
	}
	out := denyNone
	for _, st := range stmts {
		switch ix.stmtSvc(st).of(svc) {
		case denyAll:
			return denyAll
		case denySome:
			out = denySome
		}
	}
	return out
}

// What patterns match of a service's actions, ranked: a statement's
// answer is the highest rank of its patterns (patternOfService; a pattern
// matching all of them decides, else one matching some).
const (
	rankNone = iota
	rankSome
	rankAll
)

// stmtSvcDeny is stmtDenyOfService of a statement for every ASCII
// service, its patterns grouped by their service part: a pattern whose
// service part has no wildcard concerns that service alone.
type stmtSvcDeny struct {
	not   bool // NotAction
	fixed int  // >= 0: the answer for every service (a NotAction with an unknown value)
	every int  // the rank of the patterns that concern every service
	lit   map[string]int
	wild  map[string]int // service parts with * or ?, lower case (while made)
	// wildBy holds the service parts of wild by their literal prefix
	// (before the first wildcard) and suffix (after the last): those that
	// may match a service are those whose prefix starts it and suffix
	// ends it (100,000 patterns "s*${i}:Get*" were matched against each
	// of 456 services).
	wildBy map[string]map[string][]wildPart
	memo   map[string]int // answers by service
}

// wildPart is a service part with a wildcard and the rank of its
// patterns (stmtSvcDeny).
type wildPart struct {
	sp   string
	rank int
}

// stmtSvc returns the analysis of st (stmtSvcDeny), remembered.
func (ix *Index) stmtSvc(st *iam.Statement) *stmtSvcDeny {
	if d, ok := ix.svcDeny[st]; ok {
		return d
	}
	d := &stmtSvcDeny{fixed: -1, lit: map[string]int{}, wild: map[string]int{}, memo: map[string]int{}}
	vals := st.Actions
	if st.NotAction().Present {
		d.not = true
		vals = st.NotActions()
		for _, v := range vals {
			if !v.Known {
				d.fixed = denyNone // GrantsAction: a NotAction with an unknown value grants (denies) nothing
				break
			}
		}
	}
	if d.fixed < 0 {
		for _, v := range vals {
			if !v.Known {
				continue // an unknown Action matches nothing
			}
			p := v.Text
			if onlyStars(p) {
				d.every = rankAll
				continue
			}
			i := strings.IndexByte(p, ':')
			if i < 0 || strings.IndexByte(p[i+1:], ':') >= 0 || !isASCII(p) {
				d.every = max(d.every, rankSome)
				continue
			}
			r := rankSome
			if onlyStars(p[i+1:]) {
				r = rankAll
			}
			sp := strings.ToLower(p[:i])
			m := d.lit
			if strings.ContainsAny(sp, "*?") {
				m = d.wild
			}
			m[sp] = max(m[sp], r)
		}
	}
	for sp, r := range d.wild {
		i, j := strings.IndexAny(sp, "*?"), strings.LastIndexAny(sp, "*?")
		pre, suf := sp[:i], sp[j+1:]
		if d.wildBy == nil {
			d.wildBy = map[string]map[string][]wildPart{}
		}
		m := d.wildBy[pre]
		if m == nil {
			m = map[string][]wildPart{}
			d.wildBy[pre] = m
		}
		m[suf] = append(m[suf], wildPart{sp, r})
	}
	d.wild = nil
	if ix.svcDeny == nil || len(ix.svcDeny) >= maxKeptDocs {
		ix.svcDeny = map[*iam.Statement]*stmtSvcDeny{}
	}
	ix.svcDeny[st] = d
	return d
}

// of returns stmtDenyOfService of the statement for service svc (ASCII).
func (d *stmtSvcDeny) of(svc string) int {
	if d.fixed >= 0 {
		return d.fixed
	}
	if out, ok := d.memo[svc]; ok {
		return out
	}
	lsvc := strings.ToLower(svc)
	r := max(d.every, d.lit[lsvc])
	// The service parts whose literal prefix starts lsvc and suffix ends
	// it, apart (ASCII: bytes are letters).
	for k := 0; k <= len(lsvc) && r < rankAll && d.wildBy != nil; k++ {
		bySuf := d.wildBy[lsvc[:k]]
		if bySuf == nil {
			continue
		}
		for m := len(lsvc); m >= k && r < rankAll; m-- {
			for _, w := range bySuf[lsvc[m:]] {
				if w.rank > r && awsdata.MatchLower(w.sp, lsvc) {
					r = w.rank
				}
			}
		}
	}
	out := denyNone
	switch {
	case r == rankAll && d.not:
		out = denyNone // every action of svc is spared
	case r == rankAll:
		out = denyAll
	case r == rankSome:
		out = denySome
	case d.not:
		out = denyAll // no pattern spares an action of svc
	}
	d.memo[svc] = out
	return out
}

// stmtDenyOfService is denyOfService of one statement.
func stmtDenyOfService(st *iam.Statement, svc string) int {
	if st.NotAction().Present {
		for _, v := range st.NotActions() {
			if !v.Known {
				return denyNone // GrantsAction: a NotAction with an unknown value grants (denies) nothing
			}
		}
		out := denyAll // when no pattern spares an action of svc
		for _, v := range st.NotActions() {
			switch patternOfService(v.Text, svc) {
			case matchesAll:
				return denyNone // every action of svc is spared
			case matchesSome:
				out = denySome
			}
		}
		return out
	}
	out := denyNone
	for _, v := range st.Actions {
		if !v.Known {
			continue // an unknown Action matches nothing
		}
		switch patternOfService(v.Text, svc) {
		case matchesAll:
			return denyAll
		case matchesSome:
			out = denySome
		}
	}
	return out
}

// What an action pattern matches of a service's actions
// (patternOfService).
const (
	matchesNone = iota
	matchesAll
	matchesSome // some, or it depends on the action
)

// patternOfService tells what the action pattern p matches of the actions
// of service svc (see denyOfService): all of them when p is only stars, or
// its service part matches svc and its name part is only stars.
func patternOfService(p, svc string) int {
	if onlyStars(p) {
		return matchesAll
	}
	i := strings.IndexByte(p, ':')
	if i < 0 || strings.IndexByte(p[i+1:], ':') >= 0 || !isASCII(p) || !isASCII(svc) {
		return matchesSome
	}
	if !awsdata.Match(p[:i], svc) {
		return matchesNone
	}
	if onlyStars(p[i+1:]) && p[i+1:] != "" {
		return matchesAll
	}
	return matchesSome
}

// onlyStars reports whether p is one or more stars.
func onlyStars(p string) bool { return p != "" && strings.Trim(p, "*") == "" }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// byService reports whether denyOfService may tell what the Denies take of
// the actions of svc: none of them is in the universe (ActionID finds it:
// Denied reads the bits of those, not the Denies' patterns), and their
// full names have one colon each.
func byService(svc *awsdata.Service) bool {
	byServiceOnce.Do(func() {
		univ := map[string]bool{} // the lower-case services of the universe's actions
		for k := range universe().index {
			p, _, _ := strings.Cut(k, ":")
			univ[p] = true
		}
		byServiceOK = map[*awsdata.Service]bool{}
		for _, sv := range awsdata.Services() {
			ok := !univ[strings.ToLower(sv.Prefix)] && isASCII(sv.Prefix)
			for _, a := range sv.Actions {
				if !ok {
					break
				}
				ok = strings.Count(a.FullName(), ":") == 1
			}
			byServiceOK[sv] = ok
		}
	})
	return byServiceOK[svc]
}

var (
	byServiceOnce sync.Once
	byServiceOK   map[*awsdata.Service]bool
)

// svcLevels memoizes serviceLevels.
var svcLevels sync.Map // *awsdata.Service -> []awsdata.AccessLevel

// serviceLevels returns the access levels of a service's actions.
func serviceLevels(svc *awsdata.Service) []awsdata.AccessLevel {
	if v, ok := svcLevels.Load(svc); ok {
		return v.([]awsdata.AccessLevel)
	}
	has := map[awsdata.AccessLevel]bool{}
	for _, a := range svc.Actions {
		has[a.AccessLevel] = true
	}
	var out []awsdata.AccessLevel
	for _, l := range allLevels {
		if has[l] {
			out = append(out, l)
		}
	}
	svcLevels.Store(svc, out)
	return out
}

// WriteTable writes the --principals summary table of the text format: one
// row per principal (kind, address, admin-equivalent, escalation paths,
// services with write or permissions-management access).
func WriteTable(w io.Writer, ps []PrincipalSummary) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tPRINCIPAL\tADMIN\tESCALATION\tWRITE ACCESS")
	for _, p := range ps {
		admin := "no"
		if p.AdminEquivalent {
			admin = "yes"
		}
		esc := "-"
		if n := len(p.EscalationPaths); n > 0 {
			esc = fmt.Sprintf("%d: %s", n, shortPath(p.EscalationPaths[0]))
			if n > 1 {
				esc += ", ..."
			}
		}
		addr := p.Address
		if !p.Complete {
			addr += " (incomplete)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Kind, addr, admin, esc, writeServices(p.AccessLevels))
	}
	return tw.Flush()
}

func shortPath(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i]
	}
	return s
}

// writeServices lists the services with Write or Permissions management access.
func writeServices(al map[string][]string) string {
	var svcs []string
	for svc, ls := range al {
		for _, l := range ls {
			if l == "Write" || l == "Permissions management" {
				svcs = append(svcs, svc)
				break
			}
		}
	}
	if len(svcs) == 0 {
		return "-"
	}
	sort.Strings(svcs)
	if len(svcs) > 6 {
		return strings.Join(svcs[:6], ",") + fmt.Sprintf(",+%d", len(svcs)-6)
	}
	return strings.Join(svcs, ",")
}

// serviceSet is a set of lower-case service prefixes, or every service.
type serviceSet struct {
	all  bool
	svcs map[string]bool
}

func (ss serviceSet) has(svc string) bool { return ss.all || ss.svcs[svc] }

// affectedServices returns the services in which a blanket Deny of the
// principal or its boundary may take away a granted action.
func (s *Set) affectedServices() serviceSet {
	var ss serviceSet // its map made for the first Deny (most principals have none)
	if s.Boundary != nil {
		if !allowsEverything(s.ix.doc(s.Boundary)) {
			return serviceSet{all: true}
		}
	}
	for _, st := range s.denyStmts {
		if st.NotAction().Present {
			return serviceSet{all: true}
		}
		for _, a := range st.Actions {
			if !a.Known {
				continue
			}
			svc, _, ok := strings.Cut(strings.ToLower(a.Text), ":")
			if !ok || strings.ContainsAny(svc, "*?") {
				return serviceSet{all: true}
			}
			if ss.svcs == nil {
				ss.svcs = map[string]bool{}
			}
			ss.svcs[svc] = true
		}
	}
	return ss
}

// allowsEverything reports whether a document has an unconditional Allow of
// every action on every resource (a boundary that then cuts nothing).
func allowsEverything(di *docInfo) bool {
	for _, si := range di.allows {
		if si.cond || !si.everyRes || si.st.NotAction().Present {
			continue
		}
		for _, a := range si.st.Actions {
			if t := a.Text; a.Known && (t == "*" || t == "*:*") {
				return true
			}
		}
	}
	return false
}

// computeLevels fills di.levels and di.every from the Allow statements of d
// (no Deny or boundary applied), once.
func (di *docInfo) computeLevels(d *iam.Document) {
	if di.levelsDone {
		return
	}
	di.levelsDone = true
	if d != nil && d.Managed && d.Address != "" {
		// An AWS managed policy is the same document (from the embedded
		// snapshot, by ARN) for every attachment of it, whatever its
		// location: its levels are computed once per process
		// (managedPolicies; each worker has an Index of its own).
		mp := managedOf(d.Address)
		mp.levelsOnce.Do(func() {
			c := &docInfo{allows: di.allows}
			c.computeLevels(nil)
			mp.levels, mp.every = c.levels, c.every
		})
		di.levels, di.every = mp.levels, di.every || mp.every
		di.managed = mp
		return
	}
	if di.levels == nil {
		di.levels = map[string]uint8{}
	}
	di.grantedActs(func(acts []*awsdata.Action, levels []runLevels) {
		if levels == nil {
			levels = levelsOf(acts)
		}
		for _, l := range levels {
			di.levels[l.prefix] |= l.levels
		}
	}, true)
}

// runLevels is the access levels (bit 1<<level of each) of a run of
// actions of one service.
type runLevels struct {
	prefix string
	levels uint8
}

// levelsOf returns the levels of each run of actions of one service in
// acts (in catalog order), in order.
func levelsOf(acts []*awsdata.Action) []runLevels {
	var out []runLevels
	for len(acts) > 0 {
		svc := acts[0].Service
		n := 1
		lv := uint8(1) << acts[0].AccessLevel
		for n < len(acts) && acts[n].Service == svc {
			lv |= 1 << acts[n].AccessLevel
			n++
		}
		out = append(out, runLevels{svc.Prefix, lv})
		acts = acts[n:]
	}
	return out
}

// grantedActs hands add the catalog actions each Allow statement grants,
// in catalog order (a NotAction's complement, each action pattern's
// expansion), with levelsOf them when they are remembered with the
// pattern's expansion (nil otherwise); setEvery sets di.every for an
// Allow of every action.
func (di *docInfo) grantedActs(add func(acts []*awsdata.Action, levels []runLevels), setEvery bool) {
	for _, si := range di.allows {
		st := si.st
		if st.NotAction().Present {
			add(notActionActs(st), nil)
			continue
		}
		for _, a := range st.Actions {
			if !a.Known {
				continue
			}
			t := a.Text
			if t == "*" || t == "*:*" {
				if setEvery {
					di.every = true
				}
				continue
			}
			if e := expansionOf(t); e != nil {
				add(e.acts, e.levels)
			} else {
				add(awsdata.Expand(t), nil)
			}
		}
	}
}

// actsOf returns the catalog actions the Allow statements of the document
// grant in service svc (repeats possible), made for every service on the
// first call (after computeLevels): only a principal whose Denies or
// boundary may cut svc reads them.
func (di *docInfo) actsOf(svc string) []*awsdata.Action {
	if di.managed != nil {
		mp := di.managed
		mp.svcActsOnce.Do(func() {
			c := &docInfo{allows: di.allows}
			mp.svcActs = c.makeSvcActs()
		})
		return mp.svcActs[svc]
	}
	if di.svcActs == nil {
		di.svcActs = di.makeSvcActs()
	}
	return di.svcActs[svc]
}

// makeSvcActs builds actsOf's table.
func (di *docInfo) makeSvcActs() map[string][]*awsdata.Action {
	m := map[string][]*awsdata.Action{}
	di.grantedActs(func(acts []*awsdata.Action, _ []runLevels) {
		for len(acts) > 0 {
			svc := acts[0].Service
			n := 1
			for n < len(acts) && acts[n].Service == svc {
				n++
			}
			m[svc.Prefix] = append(m[svc.Prefix], acts[:n]...)
			acts = acts[n:]
		}
	}, false)
	return m
}

// expandCache memoizes awsdata.Expand by pattern for the access levels
// (patterns repeat across documents), with the levels of the expansion:
// walking the actions of each pattern of each document for them (a
// service's wildcard is hundreds) was 0.7% of the instructions of a
// dense estate.
var expandCache = caseMemo[*expansion]{max: 1 << 16}

// expansion is a pattern's awsdata.Expand and levelsOf it.
type expansion struct {
	acts   []*awsdata.Action
	levels []runLevels
}

// expansionOf returns the remembered expansion of p; nil for a pattern
// too long to be remembered.
func expansionOf(p string) *expansion {
	if len(p) > 256 {
		return nil
	}
	return expandCache.get(p, func(lower string) *expansion {
		acts := awsdata.Expand(lower)
		return &expansion{acts: acts, levels: levelsOf(acts)}
	})
}

func expandCached(p string) []*awsdata.Action {
	if e := expansionOf(p); e != nil {
		return e.acts
	}
	return awsdata.Expand(p)
}

// notActionActs returns, in catalog order, the catalog actions a NotAction
// grant covers.
func notActionActs(st *iam.Statement) []*awsdata.Action {
	var pats []string
	for _, v := range st.NotActions() {
		if !v.Known {
			return nil
		}
		pats = append(pats, v.Text)
	}
	excluded := map[*awsdata.Action]bool{}
	for _, p := range pats {
		for _, a := range expandCached(p) {
			excluded[a] = true
		}
	}
	all := awsdata.Actions()
	if len(excluded) == 0 {
		return all
	}
	out := make([]*awsdata.Action, 0, len(all))
	for _, a := range all {
		if !excluded[a] {
			out = append(out, a)
		}
	}
	return out
}
