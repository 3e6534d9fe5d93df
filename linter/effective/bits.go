package effective

import (
	"strings"
	"sync"

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
		u.single = make([]Bits, len(u.names))
		for id := range u.single {
			u.single[id].set(id)
		}
		universeV = u
	})
	return universeV
}

// ActionID returns the universe index of an action name without wildcards
// (any case), and whether it is in the universe.
func ActionID(name string) (int, bool) {
	u := universe()
	if id, ok := u.exact[name]; ok {
		return id, true
	}
	id, ok := u.index[strings.ToLower(strings.TrimSpace(name))]
	return id, ok
}

// patternBits memoizes PatternBits by lower-case, trimmed pattern.
var patternBits sync.Map // string -> *Bits

// noBits is the empty set, shared.
var noBits = &Bits{}

// PatternBits returns the universe actions an action pattern matches (as
// iam.MatchAction does: "*" and "?" wildcards, any case). The result is shared
// and read-only.
func PatternBits(pattern string) *Bits {
	key := strings.TrimSpace(pattern)
	u := universe()
	if !strings.ContainsAny(key, "*?") {
		// A plain name matches itself only: no glob, nothing cached (a
		// huge action name must not stay in memory).
		if len(key) > 128 {
			return noBits
		}
		id, ok := u.exact[key]
		if !ok {
			if id, ok = u.index[strings.ToLower(key)]; !ok {
				return noBits
			}
		}
		return &u.single[id]
	}
	if len(key) > 256 {
		return matchUniverse(u, key)
	}
	key = strings.ToLower(key)
	if v, ok := patternBits.Load(key); ok {
		return v.(*Bits)
	}
	b := matchUniverse(u, key)
	patternBits.Store(key, b)
	return b
}

func matchUniverse(u *universeT, pattern string) *Bits {
	if strings.Trim(pattern, "*") == "" || pattern == "*:*" {
		b := u.all
		return &b
	}
	b := &Bits{}
	for id, n := range u.names {
		if iam.MatchAction(pattern, n) {
			b.set(id)
		}
	}
	return b
}

// StatementBits returns the universe actions statement s covers through
// Action or NotAction, whatever its Effect; a value known only after apply
// covers nothing (a NotAction with one covers nothing at all).
func StatementBits(s *iam.Statement) Bits {
	var b Bits
	if s.NotAction.Present {
		var not Bits
		for _, a := range s.NotActions {
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
	if s.NotAction.Present {
		b := StatementBits(s)
		if !b.Has(id) {
			return iam.Value{}, false
		}
		return iam.KnownValue("NotAction", s.NotAction.Range), true
	}
	for _, a := range s.Actions {
		if a.Known && PatternBits(a.Text).Has(id) {
			return a, true
		}
	}
	return iam.Value{}, false
}

// ValueFor returns the element of statement s that covers the action (a name
// without wildcards) through Action or NotAction, as grantsAction does; ok is
// false when s does not cover it.
func ValueFor(s *iam.Statement, action string) (iam.Value, bool) {
	if id, ok := ActionID(action); ok {
		return valueFor(s, id)
	}
	return grantsAction(s, action)
}

// ValueForID is ValueFor for a universe action id (ActionID).
func ValueForID(s *iam.Statement, id int) (iam.Value, bool) { return valueFor(s, id) }
