package effective

import (
	"strings"
	"sync"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// Source is one identity policy a principal holds.
type Source struct {
	Doc    *iam.Document
	Holder *iam.Entity // the principal itself, or (for a user) the group it holds the policy through
	Via    string      // "inline", "attached", "aws-managed"
}

// Set is the effective permission set of one principal.
type Set struct {
	Entity  *iam.Entity
	Sources []Source
	// Boundary is the permissions boundary's document when it is known; nil
	// when there is none or it cannot be seen (BoundaryUnknown).
	Boundary        *iam.Document
	BoundaryUnknown bool
	// Complete is false when some policy of the principal cannot be seen: an
	// external group, a customer managed policy outside the configuration, an
	// AWS managed policy not in the snapshot, a policy known only after apply,
	// a boundary that cannot be resolved.
	Complete bool

	ix *Index
	// infos[i] is the Index's analysis of Sources[i].Doc (prepare): the
	// lookups of each source ask for it many times.
	infos         []*docInfo
	deny          Bits             // universe actions a blanket Deny (of a source or the boundary) covers
	denyStmts     []*iam.Statement // those Deny statements
	boundaryAllow Bits             // universe actions the boundary allows (when there is one)
	escalations   []Escalation
	escDone       bool
}

// Evidence is where a principal is granted an action.
type Evidence struct {
	Source Source
	Stmt   *iam.Statement
	At     iam.Value // the action value, or a "NotAction" value at the NotAction key
	Cond   bool      // the statement has conditions
}

// Index computes permission sets over one model, sharing the work between
// principals: each document is analysed once (per-statement action bit sets,
// blanket Denies, access levels), each permissions boundary ARN resolved
// once, each principal's set built once. Not safe for concurrent use.
type Index struct {
	model    *iam.Model
	docs     map[*iam.Document]*docInfo
	sets     map[*iam.Entity]*Set
	byARN    map[string]*iam.Document // customer managed policies by ARN (attachments); built on first use
	managed  map[string]*iam.Document // AWS managed boundary documents by ARN
	arnBuilt bool

	// escBuf holds the escalations escalationsOnly found last (its
	// result, read before the next call), evBuf the evidence of the paths
	// findEscalations tries: kept for the next set (a summary per
	// principal grew both from empty).
	escBuf []Escalation
	evBuf  []Evidence

	// free holds the analyses forgetDocs let go, for doc to reuse.
	free []*docInfo
	// levelsBuf is levelMasks' map, emptied and reused at each call.
	levelsBuf map[string]uint8
	// acc and touched are levelMasksInto's marks by service index and
	// the indexes marked, all zero and empty between calls.
	acc     []uint8
	touched []int32
	// cands, denied and bound are levelMasksInto's sets of catalog
	// actions; stmtCat remembers the catalog actions of statements
	// (stmtBits), at most maxKeptDocs of them.
	cands, denied, bound catBits
	stmtCat              map[*iam.Statement]catBits

	// denyIDs gives each Deny statement markEvery met the number of its
	// text (denyTexts, what denyKey spells of it; statements of the same
	// text share it): denyByText finds the numbers by text. everyByIDs
	// holds markEvery's marks by the numbers of a principal's Denies, so
	// that principals holding the same Denies do not spell them again.
	// svcDeny remembers denyOfService's analysis of each statement. Each
	// holds at most maxKeptDocs entries (emptied when full).
	denyIDs    map[*iam.Statement]uint32
	denyByText map[string]uint32
	denyTexts  []string
	everyByIDs map[string][]levelMark
	svcDeny    map[*iam.Statement]*stmtSvcDeny
}

// NewIndex returns an index over model m (m may be nil: a boundary is then
// resolved against the AWS managed snapshot only).
func NewIndex(m *iam.Model) *Index {
	return &Index{model: m, docs: map[*iam.Document]*docInfo{}, sets: map[*iam.Entity]*Set{}, managed: map[string]*iam.Document{}}
}

// For returns the effective permission set of e in model m (m may be nil:
// the boundary is then resolved against the AWS managed snapshot only). To
// ask about many principals of one model, use NewIndex and Index.For.
func For(m *iam.Model, e *iam.Entity) *Set {
	return NewIndex(m).For(e)
}

// For returns the effective permission set of e (memoized).
func (ix *Index) For(e *iam.Entity) *Set {
	if s, ok := ix.sets[e]; ok {
		return s
	}
	s := ix.build(e)
	ix.sets[e] = s
	return s
}

// SeveralSources reports whether the set of e would have two sources or
// more (len(For(e).Sources) >= 2), without building it: a caller that only
// judges principals holding several policies skips the others without
// analysing their documents.
func SeveralSources(e *iam.Entity) bool {
	var first *iam.Document
	several := false
	walkSources(e, func(d *iam.Document, _ *iam.Entity, _ string) bool {
		if first == nil {
			first = d
		} else if d != first {
			several = true
		}
		return !several
	}, func() {})
	return several
}

// walkSources calls add with every policy document e holds, in order: its
// own (inline, attached, AWS managed), then, for a user, its groups'; it
// stops when add returns false. incomplete is called for what makes the set
// incomplete on the way: an external holder, an attachment whose policy is
// not known. Documents may come more than once (add dedupes).
func walkSources(e *iam.Entity, add func(d *iam.Document, h *iam.Entity, via string) bool, incomplete func()) {
	if e == nil {
		return
	}
	holders := []*iam.Entity{e}
	if e.Kind == iam.User {
		holders = append(holders, e.Groups()...)
	}
	for _, h := range holders {
		if h == nil {
			continue
		}
		if h.External {
			incomplete()
		}
		for _, d := range h.Inline {
			if d != nil && !add(d, h, "inline") {
				return
			}
		}
		for _, a := range h.Attachments {
			if a == nil {
				continue
			}
			switch {
			case len(a.Policies) > 0:
				for _, d := range a.Policies {
					if d != nil && !add(d, h, "attached") {
						return
					}
				}
			case a.Policy != nil && a.Policy.Managed:
				if !add(a.Policy, h, "aws-managed") {
					return
				}
			default:
				incomplete()
			}
		}
	}
}

// maxListedSources is the most sources build looks a document up among
// without a set.
const maxListedSources = 16

func (ix *Index) build(e *iam.Entity) *Set {
	s := new(Set)
	ix.buildInto(s, e)
	return s
}

// buildInto is build into *s, which it resets first, keeping the room of
// its lists (Compute builds each principal's set into one Set per worker,
// read by Summarize and then dropped: a Set and its lists per principal
// were a third of a summary's allocations).
func (ix *Index) buildInto(s *Set, e *iam.Entity) {
	clear(s.Sources)
	clear(s.denyStmts)
	clear(s.infos)
	*s = Set{Entity: e, Complete: e != nil && !e.External, ix: ix, Sources: s.Sources[:0], denyStmts: s.denyStmts[:0], infos: s.infos[:0]}
	if e == nil {
		return
	}
	// Each document once: looked up in the list itself while it is short
	// (most principals hold a few policies), in a set beyond (a map per
	// principal was most of the allocations of building its set).
	var seen map[*iam.Document]bool
	walkSources(e, func(d *iam.Document, h *iam.Entity, via string) bool {
		dup := false
		switch {
		case seen != nil:
			dup = seen[d]
		default:
			for _, src := range s.Sources {
				if src.Doc == d {
					dup = true
					break
				}
			}
			if !dup && len(s.Sources) == maxListedSources {
				seen = make(map[*iam.Document]bool, 2*maxListedSources)
				for _, src := range s.Sources {
					seen[src.Doc] = true
				}
			}
		}
		if !dup {
			if seen != nil {
				seen[d] = true
			}
			if d.Unknown {
				s.Complete = false
			}
			s.Sources = append(s.Sources, Source{Doc: d, Holder: h, Via: via})
		}
		return true
	}, func() { s.Complete = false })
	if len(e.BoundaryPolicies) > 0 {
		s.Boundary = e.BoundaryPolicies[0] // a customer managed policy of the configuration
		if s.Boundary.Unknown {
			s.Boundary, s.BoundaryUnknown, s.Complete = nil, true, false
		}
	} else if e.Boundary != nil {
		s.Boundary = ix.resolveBoundary(*e.Boundary)
		if s.Boundary == nil {
			s.BoundaryUnknown = true
			s.Complete = false
		}
	}
	s.prepare()
}

// resolveBoundary finds the document of a permissions boundary ARN: an AWS
// managed policy from the snapshot, or a customer managed policy of the
// configuration attached somewhere under the same ARN.
func (ix *Index) resolveBoundary(v iam.Value) *iam.Document {
	if !v.Known {
		return nil
	}
	if strings.Contains(v.Text, ":iam::aws:policy/") {
		if d, ok := ix.managed[v.Text]; ok {
			return d
		}
		d := managedDoc(v)
		ix.managed[v.Text] = d
		return d
	}
	if ix.model == nil || ix.model.Graph == nil {
		return nil
	}
	if !ix.arnBuilt {
		ix.arnBuilt = true
		ix.byARN = map[string]*iam.Document{}
		for _, a := range ix.model.Graph.Attachments {
			if a != nil && a.PolicyARN.Known && len(a.Policies) > 0 {
				if _, ok := ix.byARN[a.PolicyARN.Text]; !ok {
					ix.byARN[a.PolicyARN.Text] = a.Policies[0]
				}
			}
		}
	}
	return ix.byARN[v.Text]
}

// managedDoc parses the snapshot document of an AWS managed policy ARN.
func managedDoc(v iam.Value) *iam.Document {
	src, ok := awsdata.ManagedPolicy(v.Text)
	if !ok {
		return nil
	}
	tree, diags := iam.ParseJSON(src, iam.FixedMapper(v.Range.HCL()))
	if diags.HasErrors() || tree == nil {
		return nil
	}
	d, _ := iam.FromTree(tree, iam.Identity)
	d.Address, d.Managed, d.Range = v.Text, true, v.Range
	return d
}

// stmtInfo is one Allow statement of a document, analysed.
type stmtInfo struct {
	st       *iam.Statement
	bits     Bits // universe actions it covers
	ubits    Bits // those it covers on unscoped resources of their own service (UnscopedBits)
	unscoped bool // on every resource of some type (Unscoped)
	everyRes bool // on every resource (everyResource)
	cond     bool // has conditions
}

// docInfo is what the index knows of one document.
type docInfo struct {
	allows []stmtInfo
	// Unions over the Allow statements: on any resource, on unscoped
	// resources, on unscoped resources without conditions, and on every
	// resource without conditions.
	any, unscoped, unscopedUncond, everyUncond Bits
	deny                                       Bits                         // blanket Denies (blanketDeny)
	denyStmts                                  []*iam.Statement             // the blanket Deny statements
	levels                                     map[string]uint8             // access levels per service (bit 1<<level), lazily
	levelsList                                 []svcLevel                   // levels as a list (levelList), lazily
	grants                                     catBits                      // the catalog actions the Allows grant (grantBits), lazily
	svcActs                                    map[string][]*awsdata.Action // the catalog actions granted per service (repeats possible), lazily (actsOf)
	managed                                    *managedPolicy               // the entry of an AWS managed policy (computeLevels), whose svcActs actsOf reads
	every                                      bool                         // an Allow of every action ("*")
	levelsDone                                 bool
}

func (ix *Index) doc(d *iam.Document) *docInfo {
	if di, ok := ix.docs[d]; ok {
		return di
	}
	var di *docInfo
	if n := len(ix.free); n > 0 && !(d.Managed && d.Address != "") {
		di = ix.free[n-1]
		ix.free[n-1] = nil
		ix.free = ix.free[:n-1]
		di, _, _ = analyse1Into(di, d.AllStatements(), false)
	} else {
		di = analyse(d)
	}
	ix.docs[d] = di
	return di
}

// reuse empties di, an analysis the Index forgot (forgetDocs), and keeps
// it for the next document the Index analyses (doc): its lists and map
// keep their room (Compute analyses every document of the configuration
// once, each in a docInfo, its Allows and its levels made for it: on the
// 200 MB bench plan, 100 MB allocated while the rules ran, their
// collections marking the whole model).
func (ix *Index) reuse(di *docInfo) {
	if len(ix.free) >= maxKeptDocs {
		return
	}
	clear(di.allows)
	clear(di.denyStmts)
	levels := di.levels
	clear(levels)
	*di = docInfo{allows: di.allows[:0], denyStmts: di.denyStmts[:0], levels: levels}
	ix.free = append(ix.free, di)
}

func analyse(d *iam.Document) *docInfo {
	if d.Managed && d.Address != "" {
		return analyseManaged(d)
	}
	di, _, _ := analyse1(d.AllStatements(), false)
	return di
}

// managedPolicies holds what is computed once per AWS managed policy, by
// ARN (*managedPolicy): the snapshot's document of an ARN is the same for
// every attachment of it, in one process (each attachment has a Document of
// its own, with its location; ReadOnlyAccess alone grants thousands of
// actions). It holds at most one entry per ARN the runs of the process
// attached (the snapshot's policies bound it); an entry's parts are read,
// never changed, once computed.
var managedPolicies sync.Map

// managedPolicy is what is known of an AWS managed policy for every
// attachment of it: the analysis of the first Document seen of it, with the
// index in AllStatements of each Allow and blanket Deny (analyseManaged),
// and its levels (computeLevels).
type managedPolicy struct {
	once              sync.Once
	di                *docInfo
	allowIdx, denyIdx []int
	n                 int // statements

	levelsOnce  sync.Once
	levels      map[string]uint8
	every       bool
	svcActsOnce sync.Once
	svcActs     map[string][]*awsdata.Action
}

// managedOf returns the entry of the AWS managed policy arn.
func managedOf(arn string) *managedPolicy {
	if v, ok := managedPolicies.Load(arn); ok {
		return v.(*managedPolicy)
	}
	v, _ := managedPolicies.LoadOrStore(arn, new(managedPolicy))
	return v.(*managedPolicy)
}

// analyseManaged is analyse for an AWS managed policy: the bits are
// computed once per ARN, the statements are d's own (their locations are
// those of d's attachment).
func analyseManaged(d *iam.Document) *docInfo {
	stmts := d.AllStatements()
	md := managedOf(d.Address)
	md.once.Do(func() {
		md.di, md.allowIdx, md.denyIdx = analyse1(stmts, true)
		md.n = len(stmts)
	})
	if md.n != len(stmts) {
		di, _, _ := analyse1(stmts, false) // not the same document after all
		return di
	}
	t := md.di
	di := &docInfo{any: t.any, unscoped: t.unscoped, unscopedUncond: t.unscopedUncond, everyUncond: t.everyUncond, deny: t.deny}
	if len(t.allows) > 0 {
		di.allows = make([]stmtInfo, len(t.allows))
		for i, si := range t.allows {
			si.st = stmts[md.allowIdx[i]]
			di.allows[i] = si
		}
	}
	for _, k := range md.denyIdx {
		di.denyStmts = append(di.denyStmts, stmts[k])
	}
	return di
}

// analyse1 analyses statements; allowIdx and denyIdx are the indexes of
// the statements of di.allows and di.denyStmts, listed when idx is set
// (analyseManaged reads them; a list per document otherwise).
func analyse1(stmts []*iam.Statement, idx bool) (di *docInfo, allowIdx, denyIdx []int) {
	return analyse1Into(&docInfo{}, stmts, idx)
}

// analyse1Into is analyse1 into di, a new docInfo or one forgotten
// (Index.reuse): its lists and its map of levels are emptied and reused.
func analyse1Into(di *docInfo, stmts []*iam.Statement, idx bool) (_ *docInfo, allowIdx, denyIdx []int) {
	// The Allows of their exact size (144 bytes each, grown by doubling).
	allows := 0
	for _, st := range stmts {
		if st != nil && st.IsAllow() {
			allows++
		}
	}
	if allows > cap(di.allows) {
		di.allows = make([]stmtInfo, 0, allows)
	}
	for k, st := range stmts {
		if st == nil {
			continue
		}
		switch {
		case st.IsAllow():
			si := stmtInfo{st: st, bits: StatementBits(st), unscoped: Unscoped(st), everyRes: everyResource(st), cond: len(st.Conditions()) > 0}
			if si.unscoped {
				si.ubits = unscopedBitsOf(st, si.bits) // UnscopedBits(st), without StatementBits again
			}
			di.allows = append(di.allows, si)
			if idx {
				allowIdx = append(allowIdx, k)
			}
			di.any.Or(&si.bits)
			if si.unscoped {
				di.unscoped.Or(&si.ubits)
				if !si.cond {
					di.unscopedUncond.Or(&si.ubits)
				}
			}
			if si.everyRes && !si.cond {
				di.everyUncond.Or(&si.bits)
			}
		case blanketDeny(st):
			b := StatementBits(st)
			di.deny.Or(&b)
			di.denyStmts = append(di.denyStmts, st)
			if idx {
				denyIdx = append(denyIdx, k)
			}
		}
	}
	return di, allowIdx, denyIdx
}

// prepare computes the set-wide unions: blanket Denies of every source and
// the boundary, what the boundary allows.
func (s *Set) prepare() {
	for _, src := range s.Sources {
		di := s.ix.doc(src.Doc)
		s.infos = append(s.infos, di)
		s.deny.Or(&di.deny)
		s.denyStmts = append(s.denyStmts, di.denyStmts...)
	}
	if s.Boundary != nil {
		bi := s.ix.doc(s.Boundary)
		s.deny.Or(&bi.deny)
		s.denyStmts = append(s.denyStmts, bi.denyStmts...)
		s.boundaryAllow = bi.any
	}
}

// UnscopedResource reports whether a resource value covers every resource
// of its type: "*", an ARN whose resource part is only a wildcard
// (arn:aws:iam::*:role/*, arn:aws:lambda:*:123456789012:function:*, every
// object of every bucket: arn:aws:s3:::*/*), or a
// shorter ARN whose last field is a wildcard (arn:aws:*, arn:aws:iam::*).
func UnscopedResource(v iam.Value) bool {
	t, ok := v.ScopeText()
	if !ok {
		return false
	}
	// IAM does not trim a Resource: " *" is no ARN nor "*" (policy-invalid),
	// it matches nothing.
	if t != "" && strings.Trim(t, "*") == "" {
		return true
	}
	if !strings.HasPrefix(t, "arn:") {
		return false
	}
	// The resource part: after the fifth colon (one scan of the bytes, not
	// an IndexByte call per field: the fields are short).
	colons, at := 0, -1
	for i := 0; i < len(t); i++ {
		if t[i] == ':' {
			if colons++; colons == 5 {
				at = i
				break
			}
		}
	}
	if at < 0 {
		// Fewer than six fields ("arn:aws:*", "arn:aws:iam::*"): a last
		// field of wildcards only swallows the fields that are missing, so
		// the value covers every resource of the service (of every
		// service when that field is the service's or before it).
		last := t[strings.LastIndexByte(t, ':')+1:]
		return last != "" && strings.Trim(last, "*") == ""
	}
	res := t[at+1:]
	if strings.Trim(res, "*") == "" {
		return true
	}
	if i := strings.LastIndexAny(res, "/:"); i >= 0 {
		head, tail := res[:i], res[i+1:]
		if tail == "" || strings.Trim(tail, "*") != "" {
			return false
		}
		// "arn:aws:s3:::*/*": every object of every bucket (a head of
		// wildcards only, one level: "*/*/*" is the keys with a "/").
		return head != "" && strings.Trim(head, "*") == "" ||
			!strings.ContainsAny(head, "/:") && !hasWildcard(head)
	}
	return false
}

// Unscoped reports whether a statement applies to every resource of some type.
func Unscoped(s *iam.Statement) bool {
	if s.NotResource().Present {
		return true
	}
	for _, r := range s.Resources {
		if UnscopedResource(r) {
			return true
		}
	}
	return false
}

// blanketDeny reports whether s is a Deny on every resource with no condition.
func blanketDeny(s *iam.Statement) bool {
	if !s.IsDeny() || len(s.Conditions()) > 0 || s.NotResource().Present {
		return false
	}
	for _, r := range s.Resources {
		if r.Known && r.Text != "" && strings.Trim(r.Text, "*") == "" {
			return true
		}
	}
	return false
}

// Denied reports whether an unconditional Deny on every resource in one of the
// principal's policies (or its boundary) covers action.
func (s *Set) Denied(action string) bool {
	if id, ok := ActionID(action); ok {
		return s.deny.Has(id)
	}
	for _, st := range s.denyStmts {
		if _, ok := st.GrantsAction(action); ok {
			return true
		}
	}
	return false
}

// boundaryAllows reports whether the boundary (when known) allows action.
func (s *Set) boundaryAllows(action string) bool {
	if s.Boundary == nil {
		return true // none, or unknown: not judged (Complete says so)
	}
	if id, ok := ActionID(action); ok {
		return s.boundaryAllow.Has(id)
	}
	for _, si := range s.ix.doc(s.Boundary).allows {
		if _, ok := si.st.GrantsAction(action); ok {
			return true
		}
	}
	return false
}

// Grant returns where the principal is granted action (a name without
// wildcards), preferring an unconditional statement. With unscoped set only
// statements on unscoped resources count. Denies and the boundary apply.
func (s *Set) Grant(action string, unscoped bool) (Evidence, bool) {
	if s.Denied(action) || !s.boundaryAllows(action) {
		return Evidence{}, false
	}
	return s.grantIn(0, len(s.Sources), action, unscoped)
}

// grantIn finds the first statement of the sources s.Sources[lo:hi] that
// grants action, preferring an unconditional one (the first unconditional,
// else the first conditional).
func (s *Set) grantIn(lo, hi int, action string, unscoped bool) (Evidence, bool) {
	id, inU := ActionID(action)
	return s.grantInID(lo, hi, action, id, inU, unscoped)
}

// grantInID is grantIn for action's ActionID (id, inU).
func (s *Set) grantInID(lo, hi int, action string, id int, inU, unscoped bool) (Evidence, bool) {
	var best Evidence
	found := false
	for k := lo; k < hi; k++ {
		src, di := s.Sources[k], s.infos[k]
		if inU {
			b := &di.any
			if unscoped {
				b = &di.unscoped
			}
			if !b.Has(id) {
				continue
			}
		}
		for i := range di.allows {
			si := &di.allows[i]
			if unscoped && !si.unscoped {
				continue
			}
			var v iam.Value
			var ok bool
			if inU {
				if !si.bits.Has(id) || (unscoped && !si.ubits.Has(id)) {
					continue
				}
				v, ok = valueFor(si.st, id)
			} else {
				v, ok = si.st.GrantsAction(action)
			}
			if !ok {
				continue
			}
			ev := Evidence{Source: src, Stmt: si.st, At: v, Cond: si.cond}
			if !found || (best.Cond && !ev.Cond) {
				best, found = ev, true
			}
			if !ev.Cond {
				return best, true
			}
		}
	}
	return best, found
}

// grantsID is grantInID for a universe action (id) on unscoped resources
// without the evidence: whether a statement of s.Sources[lo:hi] grants it, and whether
// the one grantInID would pick has conditions (none when any grant is
// unconditional). A statement whose bits hold id covers it (valueFor
// finds the element: the bits are those of its elements).
func (s *Set) grantsID(lo, hi int, id int) (cond, found bool) {
	for _, di := range s.infos[lo:hi] {
		if !di.unscoped.Has(id) {
			continue
		}
		for i := range di.allows {
			si := &di.allows[i]
			if !si.unscoped || !si.bits.Has(id) || !si.ubits.Has(id) {
				continue
			}
			if !si.cond {
				return false, true
			}
			cond, found = true, true
		}
	}
	return cond, found
}

// Escalation is an escalation path the principal holds.
type Escalation struct {
	Path  *EscalationPath
	Parts []Evidence // iam:PassRole first when the path needs it, then one per group
	Cond  bool       // a contributing statement has conditions
	// Single is true when one policy of the principal holds the whole path
	// on its own (per-policy checks already see it).
	Single bool
}

// Escalations returns the escalation paths the principal holds on unscoped
// resources, in table order (memoized; read-only).
func (s *Set) Escalations() []Escalation {
	if s.escDone {
		return s.escalations
	}
	s.escDone = true
	s.escalations = s.findEscalations(true)
	return s.escalations
}

// escalationsOnly is Escalations without the evidence (Parts nil) when it
// is not memoized yet, not memoized: what a summary reads. The list is the
// Index's (escBuf) then: valid until the next call for a set of the Index.
func (s *Set) escalationsOnly() []Escalation {
	if s.escDone {
		return s.escalations
	}
	out := s.findEscalationsIn(false, s.ix.escBuf[:0])
	s.ix.escBuf = out[:0]
	return out
}

// findEscalations finds Escalations' paths, each with a copy of its
// evidence when parts is set.
func (s *Set) findEscalations(parts bool) []Escalation {
	return s.findEscalationsIn(parts, nil)
}

// findEscalationsIn is findEscalations appending to out.
func (s *Set) findEscalationsIn(parts bool, out []Escalation) []Escalation {
	// Fast reject: a path needs at least one of its actions granted.
	var granted Bits
	for _, di := range s.infos {
		granted.Or(&di.unscoped)
	}
	if granted.Empty() {
		return out
	}
	scratch := s.ix.evBuf[:0] // the evidence of a path being tried (most fail)
	defer func() { s.ix.evBuf = scratch[:0] }()
	var ids []pathIDs
	if escPrecheck {
		ids = escalationIDs()
	}
	for i := range EscalationPaths {
		ep := &EscalationPaths[i]
		known := i < len(ids)
		if known && !ids[i].possible(&granted) {
			// A part of the path none of whose actions the sources grant
			// on unscoped resources: Grant would find none (grantIn
			// reads the same bits), without its lookups by name.
			continue
		}
		var pids pathIDs
		if known {
			pids = ids[i]
		}
		found, ok := s.path(ep, pids, func(a string, id int) (Evidence, bool) {
			if id < 0 {
				return s.Grant(a, true)
			}
			// Grant, its action's ID known: Denied and boundaryAllows
			// read the same bits.
			if s.deny.Has(id) || (s.Boundary != nil && !s.boundaryAllow.Has(id)) {
				return Evidence{}, false
			}
			if !parts {
				// A summary reads whether a part is granted and under a
				// condition only, not where.
				cond, ok := s.grantsID(0, len(s.Sources), id)
				return Evidence{Cond: cond}, ok
			}
			return s.grantInID(0, len(s.Sources), a, id, true, true)
		}, scratch[:0])
		scratch = found
		if !ok {
			continue
		}
		esc := Escalation{Path: ep}
		for _, p := range found {
			esc.Cond = esc.Cond || p.Cond
		}
		if parts {
			esc.Parts = append([]Evidence(nil), found...)
		}
		for j, di := range s.infos {
			if known && !ids[i].possible(&di.unscoped) {
				continue // (grantIn reads di.unscoped first)
			}
			if _, ok := s.path(ep, pids, func(a string, id int) (Evidence, bool) {
				if id < 0 {
					if id, ok := ActionID(a); ok && di.deny.Has(id) {
						return Evidence{}, false
					}
					return s.grantIn(j, j+1, a, true)
				}
				if di.deny.Has(id) {
					return Evidence{}, false
				}
				cond, ok := s.grantsID(j, j+1, id) // (only whether it is granted is read)
				return Evidence{Cond: cond}, ok
			}, scratch[:0]); ok {
				esc.Single = true
				break
			}
		}
		out = append(out, esc)
	}
	return out
}

// pathIDs are the universe IDs of the actions of an escalation path, by
// part (iam:PassRole first when the path needs it, then one per group); -1
// for an action the universe does not know, which only its lookup judges.
type pathIDs [][]int

// possible reports whether every part of the path has an action that may
// be in granted (unknown to the universe, or set).
func (p pathIDs) possible(granted *Bits) bool {
	for _, part := range p {
		ok := false
		for _, id := range part {
			if id < 0 || granted.Has(id) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// escPrecheck lets findEscalations reject paths by pathIDs (tests compare
// with trying each path by name).
var escPrecheck = true

var (
	escIDsOnce sync.Once
	escIDs     []pathIDs
)

// EscalationIDs returns the action IDs (ActionID; -1 for an action
// outside the universe) of EscalationPaths[i], by part: iam:PassRole
// first when the path needs it, then each group's actions in table
// order. Made once; read only.
func EscalationIDs(i int) [][]int { return escalationIDs()[i] }

// escalationIDs returns the pathIDs of EscalationPaths, by index, made once.
func escalationIDs() []pathIDs {
	escIDsOnce.Do(func() {
		id := func(a string) int {
			if i, ok := ActionID(a); ok {
				return i
			}
			return -1
		}
		escIDs = make([]pathIDs, len(EscalationPaths))
		for i := range EscalationPaths {
			ep := &EscalationPaths[i]
			var p pathIDs
			if ep.PassRole {
				p = append(p, []int{id("iam:PassRole")})
			}
			for _, grp := range ep.Groups {
				part := make([]int, len(grp))
				for j, a := range grp {
					part[j] = id(a)
				}
				p = append(p, part)
			}
			escIDs[i] = p
		}
	})
	return escIDs
}

// path finds evidence for every part of ep with lookup, appended to parts
// (a scratch slice: the result shares its array). lookup is handed each
// action with its ID from ids (the path's pathIDs, nil when unknown: -1).
func (s *Set) path(ep *EscalationPath, ids pathIDs, lookup func(string, int) (Evidence, bool), parts []Evidence) ([]Evidence, bool) {
	idOf := func(k, j int) int {
		if ids == nil {
			return -1
		}
		return ids[k][j]
	}
	k := 0
	if ep.PassRole {
		ev, ok := lookup("iam:PassRole", idOf(0, 0))
		if !ok {
			return parts[:0], false
		}
		parts = append(parts, ev)
		k = 1
	}
	for g, grp := range ep.Groups {
		found := false
		for j, a := range grp {
			if ev, ok := lookup(a, idOf(k+g, j)); ok {
				parts = append(parts, ev)
				found = true
				break
			}
		}
		if !found {
			return parts[:0], false
		}
	}
	return parts, true
}

// AdminEquivalent reports whether the principal may perform every IAM action
// on every resource (Action "*", "iam:*", NotAction that spares IAM, ...)
// without a condition, after Denies and the boundary: whoever can do that can
// grant themselves anything.
func (s *Set) AdminEquivalent() bool {
	u := universe()
	if u.iam.Empty() || s.deny.intersects(&u.iam) {
		return false
	}
	if s.Boundary != nil && !s.boundaryAllow.covers(&u.iam) {
		return false
	}
	var every Bits
	for _, di := range s.infos {
		every.Or(&di.everyUncond)
	}
	return every.covers(&u.iam)
}

// everyResource reports whether the statement's Resource is "*" (or NotResource).
func everyResource(st *iam.Statement) bool {
	if st.NotResource().Present {
		return true
	}
	for _, r := range st.Resources {
		if r.Known && r.Text != "" && strings.Trim(r.Text, "*") == "" {
			return true
		}
	}
	return false
}
