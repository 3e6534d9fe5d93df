package effective

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/iam"
)

// The questions rules and the summary ask of a policy are about a small fixed
// set of actions: those of the escalation table, iam:PassRole, and every IAM
// action (admin-equivalence). Each distinct action pattern is matched against
// that universe once per process (PatternBits, memoized by lower-case text),
// so judging a statement is a few bit operations instead of a glob match per
// action asked per statement, and a principal's grants are unions of its
// policies' bit sets: linear in the size of the model.

// maxUniverse bounds the universe (a test keeps the table and the catalog's
// IAM service under it); an action outside it is judged by glob matching.
const maxUniverse = 512

// Bits is a set of universe actions.
type Bits [maxUniverse / 64]uint64

// Has reports whether action id i is in the set.
func (b *Bits) Has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

func (b *Bits) set(i int) { b[i>>6] |= 1 << (uint(i) & 63) }

// Set adds action id i.
func (b *Bits) Set(i int) { b.set(i) }

// Intersects reports whether b and o share an action.
func (b *Bits) Intersects(o *Bits) bool { return b.intersects(o) }

// Or adds o to b.
func (b *Bits) Or(o *Bits) {
	for i := range b {
		b[i] |= o[i]
	}
}

// Empty reports whether the set is empty.
func (b *Bits) Empty() bool {
	for _, w := range b {
		if w != 0 {
			return false
		}
	}
	return true
}

// covers reports whether b holds every action of o.
func (b *Bits) covers(o *Bits) bool {
	for i := range b {
		if o[i]&^b[i] != 0 {
			return false
		}
	}
	return true
}

// intersects reports whether b and o share an action.
func (b *Bits) intersects(o *Bits) bool {
	for i := range b {
		if o[i]&b[i] != 0 {
			return true
		}
	}
	return false
}

type universeT struct {
	names  []string       // catalog spelling where known
	index  map[string]int // lower-case name -> id
	exact  map[string]int // name as the table or catalog spells it -> id
	all    Bits           // every id
	iam    Bits           // the catalog's IAM actions
	single []Bits         // single[id] holds id alone
	// svcs[id] is what the catalog says of the ARNs universe action id
	// acts on (nil when the catalog does not know it: any ARN).
	svcs []*actionSvcs
	// svcFirst[n] has bit c for each lower-case first byte c of the
	// services of n bytes of the universe's names (n < 32): most actions
	// of a policy are of other services (s3, kms, logs), told apart
	// without hashing them (lookup). unfiltered: a name has no such
	// service (never: each is "service:Action").
	svcFirst   [32][4]uint64
	unfiltered bool
	maxName    int // the bytes of the longest name
	// folded[id] is foldMask of name id, 0 when the name is not ASCII
	// (matched whatever the pattern's bytes).
	folded []uint64
}

var (
	universeOnce sync.Once
	universeV    *universeT
)

func universe() *universeT {
	universeOnce.Do(func() {
		u := &universeT{index: map[string]int{}, exact: map[string]int{}}
		add := func(name string) (int, bool) {
			k := strings.ToLower(name)
			if id, ok := u.index[k]; ok {
				u.exact[name] = id
				return id, true
			}
			if len(u.names) == maxUniverse {
				return 0, false
			}
			id := len(u.names)
			u.names = append(u.names, name)
			u.maxName = max(u.maxName, len(name))
			u.index[k] = id
			u.exact[name] = id
			u.all.set(id)
			return id, true
		}
		add("iam:PassRole")
		for _, ep := range EscalationPaths {
			for _, grp := range ep.Groups {
				for _, a := range grp {
					add(a)
				}
			}
		}
		if svc, ok := awsdata.LookupService("iam"); ok {
			for _, a := range svc.Actions {
				if id, ok := add(a.FullName()); ok {
					u.iam.set(id)
				}
			}
		}
		u.svcs = make([]*actionSvcs, len(u.names))
		for id, n := range u.names {
			if a, ok := awsdata.LookupAction(n); ok {
				u.svcs[id] = svcsOf(a)
			}
		}
		for k := range u.index {
			n := strings.IndexByte(k, ':')
			if n <= 0 || n >= len(u.svcFirst) {
				u.unfiltered = true
				continue
			}
			c := k[0]
			u.svcFirst[n][c>>6] |= 1 << (c & 63)
		}
		u.single = make([]Bits, len(u.names))
		for id := range u.single {
			u.single[id].set(id)
		}
		u.folded = make([]uint64, len(u.names))
		for id, n := range u.names {
			u.folded[id] = foldMask(n)
		}
		universeV = u
	})
	return universeV
}

// ActionID returns the universe index of an action name without wildcards
// (any case), and whether it is in the universe.
func ActionID(name string) (int, bool) {
	return universe().lookup(name)
}

// lookup returns the id of an action name without wildcards (any case),
// and whether it is in the universe.
func (u *universeT) lookup(name string) (int, bool) {
	if !u.mayHold(name) {
		return 0, false
	}
	if id, ok := u.exact[name]; ok {
		return id, true
	}
	return lookupLower(u.index, name)
}

// mayHold reports whether lower-cased name may be a key of u.index: false
// when its service (ASCII, before the first colon) has a length and first
// byte that no universe name's service has. (A service that is not ASCII
// may lower-case to another length: not filtered.)
func (u *universeT) mayHold(name string) bool {
	if u.unfiltered {
		return true
	}
	n := strings.IndexByte(name, ':')
	if n < 0 {
		return true
	}
	for i := range n {
		if name[i] >= 0x80 {
			return true
		}
	}
	if n >= len(u.svcFirst) {
		return false
	}
	c := name[0]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return u.svcFirst[n][c>>6]&(1<<(c&63)) != 0
}

// lookupLower returns index[strings.ToLower(key)], lower-casing an ASCII
// key of up to 128 bytes on the stack.
func lookupLower(index map[string]int, key string) (int, bool) {
	var buf [128]byte
	if len(key) > len(buf) {
		id, ok := index[strings.ToLower(key)]
		return id, ok
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c >= 0x80 {
			id, ok := index[strings.ToLower(key)]
			return id, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	id, ok := index[string(buf[:len(key)])]
	return id, ok
}

// patternBits memoizes PatternBits by trimmed pattern.
var patternBits caseMemo[*Bits]

// caseMemo memoizes a function of a case-insensitive pattern by the pattern
// as written and lower-cased, looked up without copying it; at most max
// entries are kept (0: no bound).
type caseMemo[T any] struct {
	mu  sync.RWMutex
	m   map[string]T
	max int
}

// get returns compute(strings.ToLower(key)), memoized.
func (c *caseMemo[T]) get(key string, compute func(lower string) T) T {
	c.mu.RLock()
	v, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return v
	}
	lower := strings.ToLower(key)
	c.mu.RLock()
	v, ok = c.m[lower]
	c.mu.RUnlock()
	if !ok {
		v = compute(lower)
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]T{}
	}
	if c.max == 0 || len(c.m) < c.max {
		c.m[lower] = v
		c.m[strings.Clone(key)] = v // key may be a slice of a big source
	}
	c.mu.Unlock()
	return v
}

// noBits is the empty set, shared.
var noBits = &Bits{}

// hasWildcard reports whether s holds a * or a ?: strings.ContainsAny(s,
// "*?"), which builds its set of bytes again on every call (asked of every
// action value by the rules).
func hasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '*' || c == '?' {
			return true
		}
	}
	return false
}

// PatternBits returns the universe actions an action pattern matches (as
// iam.MatchAction does: "*" and "?" wildcards, any case). The result is shared
// and read-only.
func PatternBits(pattern string) *Bits {
	key := pattern
	u := universe()
	if !hasWildcard(key) {
		// A plain name matches itself only: no glob, nothing cached (a
		// huge action name must not stay in memory).
		if len(key) > 128 {
			return noBits
		}
		id, ok := u.lookup(key)
		if !ok {
			return noBits
		}
		return &u.single[id]
	}
	if len(key) > 256 {
		return matchUniverse(u, key)
	}
	return patternBits.get(key, func(lower string) *Bits { return matchUniverse(u, lower) })
}

func matchUniverse(u *universeT, pattern string) *Bits {
	if strings.Trim(pattern, "*") == "" || pattern == "*:*" {
		b := u.all
		return &b
	}
	if len(pattern) > 256 {
		// A long pattern was matched against each name of the universe,
		// read whole at each (as runes: iam.MatchAction past its direct
		// walk): an Action of 1 MB ("s3:*" 262,144 times, one line of a
		// .tf file) took 6 CPU s, 4 MB minutes. A run of stars matches
		// what one star does, and each other rune of the pattern matches
		// one rune of a name: a pattern with more of them than the longest
		// name has bytes matches no name.
		pattern = iam.SqueezeStars(pattern)
		if iam.MinMatchRunes(pattern) > u.maxName {
			return noBits
		}
	}
	// A name that lacks the byte some literal rune of the pattern matches
	// (any case), or that has fewer bytes than the pattern has runes other
	// than stars, is not matched: 80,000 random 40-byte patterns of stars
	// and letters (a 4.2 MB .tf file) spent 4.4 CPU s here, each matched
	// against every name of the universe (MatchAction, rune by rune).
	need, some := patternFoldMask(pattern)
	minRunes := iam.MinMatchRunes(pattern)
	b := &Bits{}
	for id, n := range u.names {
		if f := u.folded[id]; f != 0 && (!some || need&^f != 0 || len(n) < minRunes) {
			continue
		}
		if iam.MatchAction(pattern, n) {
			b.set(id)
		}
	}
	return b
}

// foldMask returns the set of the bytes of an ASCII name, lower-cased, byte
// c as bit c&63; 0 when the name is not ASCII (or empty).
func foldMask(name string) uint64 {
	var m uint64
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			return 0
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		m |= 1 << (c & 63)
	}
	return m
}

// patternFoldMask returns the foldMask bits every ASCII name that the
// pattern matches (iam.MatchAction: runes equal, or equal lower-cased) has:
// for each rune of the pattern but '*' and '?', the bit of its lower case.
// some is false when a rune matches no ASCII byte at all (its lower case is
// not ASCII), so that no ASCII name matches.
func patternFoldMask(p string) (need uint64, some bool) {
	for _, r := range p {
		if r == '*' || r == '?' {
			continue
		}
		l := unicode.ToLower(r) // 'K' (Kelvin) is 'k', 'İ' 'i'
		if l >= utf8.RuneSelf {
			return 0, false
		}
		need |= 1 << (byte(l) & 63)
	}
	return need, true
}

// StatementBits returns the universe actions statement s covers through
// Action or NotAction, whatever its Effect; a value known only after apply
// covers nothing (a NotAction with one covers nothing at all).
func StatementBits(s *iam.Statement) Bits {
	var b Bits
	if s.NotAction().Present {
		var not Bits
		for _, a := range s.NotActions() {
			if !a.Known {
				return Bits{}
			}
			not.Or(PatternBits(a.Text))
		}
		all := universe().all
		for i := range b {
			b[i] = all[i] &^ not[i]
		}
		return b
	}
	for _, a := range s.Actions {
		if a.Known {
			b.Or(PatternBits(a.Text))
		}
	}
	return b
}

// valueFor returns the element of s that grants universe action id (the
// first Action value that matches, or a "NotAction" value at the key); ok is
// false when s does not cover it.
func valueFor(s *iam.Statement, id int) (iam.Value, bool) {
	if s.NotAction().Present {
		b := StatementBits(s)
		if !b.Has(id) {
			return iam.Value{}, false
		}
		return iam.KnownValueAt("NotAction", s.NotAction().Range), true
	}
	for _, a := range s.Actions {
		if a.Known && PatternBits(a.Text).Has(id) {
			return a, true
		}
	}
	return iam.Value{}, false
}

// ValueFor returns the element of statement s that covers the action (a name
// without wildcards) through Action or NotAction, as Statement.GrantsAction does; ok is
// false when s does not cover it.
func ValueFor(s *iam.Statement, action string) (iam.Value, bool) {
	if id, ok := ActionID(action); ok {
		return valueFor(s, id)
	}
	return s.GrantsAction(action)
}

// ValueForID is ValueFor for a universe action id (ActionID).
func ValueForID(s *iam.Statement, id int) (iam.Value, bool) { return valueFor(s, id) }

// actionSvcs holds the lower-case ARN services of an action's resource
// types: all of them, and those of its required ones.
type actionSvcs struct {
	any, required []string
}

func svcsOf(a *awsdata.Action) *actionSvcs {
	as := &actionSvcs{}
	for _, rt := range a.ResourceTypes {
		for _, r := range a.Service.Resources {
			if r.Name != rt.Name {
				continue
			}
			svc := "*" // an ARN pattern without a service: any
			if f := strings.SplitN(r.ARN, ":", 4); len(f) == 4 && f[2] != "" && !strings.Contains(f[2], "$") {
				svc = strings.ToLower(f[2])
			}
			as.any = append(as.any, svc)
			if rt.Required {
				as.required = append(as.required, svc)
			}
		}
	}
	return as
}

// UnscopedBits returns the universe actions that statement s grants on
// unscoped resources (UnscopedResource, NotResource) that the action can act
// on: an unscoped ARN reaches only the actions with a resource type of its
// service, and only when every required resource type of the action has
// some Resource of its service in the statement. So Action "*" on
// "arn:aws:s3:::bucket/*" reaches s3:GetObject but not iam:CreateAccessKey,
// iam:PassRole or ssm:SendCommand (which needs an SSM document).
// "*" and ARNs whose service is a wildcard reach every action.
func UnscopedBits(s *iam.Statement) Bits {
	return unscopedBitsOf(s, StatementBits(s))
}

// UnscopedBitsOf is UnscopedBits(s) given b, StatementBits(s) (for a
// caller that has them already).
func UnscopedBitsOf(s *iam.Statement, b Bits) Bits { return unscopedBitsOf(s, b) }

// unscopedBitsOf is UnscopedBits given b, the statement's StatementBits
// (analyse1 has them already).
func unscopedBitsOf(s *iam.Statement, b Bits) Bits {
	if s.NotResource().Present || b.Empty() {
		return b
	}
	// The ARN services of the unscoped resources and of every resource, as
	// one key ("unscoped\x00all", each service followed by \x01): which
	// universe actions they reach depends on these alone, so the mask is
	// computed once per distinct key (reachMask).
	var keyBuf [128]byte
	unscoped := keyBuf[:0]
	var allBuf [128]byte
	all := allBuf[:0]
	for _, r := range s.Resources {
		t, ok := r.ScopeText()
		if !ok {
			all = append(all, '*', 1) // unknown: may be anything, but not unscoped
			continue
		}
		t = strings.TrimSpace(t)
		svc := arnService(t)
		if !plainService(svc) {
			return unscopedBitsSlow(s, b)
		}
		all = appendLower(all, svc)
		if UnscopedResource(r) {
			if svc == "*" {
				return b // "*", arn:aws:*:...: every action
			}
			unscoped = appendLower(unscoped, svc)
		}
	}
	key := append(append(unscoped, 0), all...)
	m := reachMask(key)
	for i := range b {
		b[i] &= m[i]
	}
	return b
}

// arnService returns the service field of an ARN ("s3" in arn:aws:s3:::b),
// "*" when t is not an ARN with at least four fields or the service is
// empty or only wildcards.
func arnService(t string) string {
	i := strings.IndexByte(t, ':')
	if i < 0 {
		return "*"
	}
	j := strings.IndexByte(t[i+1:], ':')
	if j < 0 {
		return "*"
	}
	j += i + 1
	k := strings.IndexByte(t[j+1:], ':')
	if k < 0 {
		return "*"
	}
	svc := t[j+1 : j+1+k]
	if strings.Trim(svc, "*") == "" {
		return "*"
	}
	return svc
}

// plainService reports whether svc is ASCII without the bytes the key of
// reachMask uses as separators.
func plainService(svc string) bool {
	for i := 0; i < len(svc); i++ {
		if c := svc[i]; c < 2 || c >= 0x80 {
			return false
		}
	}
	return true
}

// unscopedBitsSlow is UnscopedBits for ARN services that are not plain
// (plainService) given b, the statement's bits: not memoized.
func unscopedBitsSlow(s *iam.Statement, b Bits) Bits {
	var unscoped, all []string
	for _, r := range s.Resources {
		t, ok := r.ScopeText()
		if !ok {
			all = append(all, "*")
			continue
		}
		svc := strings.ToLower(arnService(strings.TrimSpace(t)))
		all = append(all, svc)
		if UnscopedResource(r) {
			if svc == "*" {
				return b
			}
			unscoped = append(unscoped, svc)
		}
	}
	m := maskOf(unscoped, all)
	for i := range b {
		b[i] &= m[i]
	}
	return b
}

// appendLower appends the lower-case svc and the separator \x01.
func appendLower(b []byte, svc string) []byte {
	for i := 0; i < len(svc); i++ {
		c := svc[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return append(b, 1)
}

// reachMasks memoizes reachMask by key (short keys only, and at most
// maxReachMasks of them: real policies use a handful of service sets).
var (
	reachMu    sync.RWMutex
	reachMasks = map[string]*Bits{}
)

const maxReachMasks = 1 << 14

// reachMask returns the universe actions that resources of the ARN
// services in key (see UnscopedBits) reach on unscoped resources: an action
// the catalog does not know needs some unscoped resource; one it knows needs
// an unscoped resource of one of its resource types' services, and every
// required resource type's service among all the resources.
func reachMask(key []byte) *Bits {
	reachMu.RLock()
	m, ok := reachMasks[string(key)] // no copy of key
	reachMu.RUnlock()
	if ok {
		return m
	}
	var unscoped, all []string
	us, as, _ := strings.Cut(string(key), "\x00")
	for _, f := range strings.Split(us, "\x01") {
		if f != "" {
			unscoped = append(unscoped, f)
		}
	}
	for _, f := range strings.Split(as, "\x01") {
		if f != "" {
			all = append(all, f)
		}
	}
	m = maskOf(unscoped, all)
	if len(key) <= 512 {
		reachMu.Lock()
		if len(reachMasks) < maxReachMasks {
			reachMasks[string(key)] = m
		}
		reachMu.Unlock()
	}
	return m
}

// maskOf is reachMask for the services unscoped and all.
func maskOf(unscoped, all []string) *Bits {
	u := universe()
	m := &Bits{}
	for id := range u.names {
		as := u.svcs[id]
		if as == nil {
			if len(unscoped) > 0 {
				m.set(id)
			}
			continue
		}
		ok := svcMatch(unscoped, as.any)
		for _, req := range as.required {
			ok = ok && svcMatch(all, []string{req})
		}
		if ok {
			m.set(id)
		}
	}
	return m
}

// svcMatch reports whether an ARN service of have (which may hold wildcards)
// is one of want ("*" in want matches anything).
func svcMatch(have, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if w == "*" || h == w || awsdata.Match(h, w) {
				return true
			}
		}
	}
	return false
}
