package awsdata

import (
	"iter"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// nameColumns holds the catalog's full names, "prefix:name" in lower case,
// by column: for each byte position p and byte class c, the set of names
// whose byte p is of class c, one bit a name. Expand matches a pattern that
// starts with a star on it for all names at once, 64 names a word
// operation (see matchSet), where the trie walks most of its nodes: the star
// keeps the pattern alive in every subtree, and "*a*b*c*d*" took about
// 0.25 ms on the trie, 10,000 distinct such patterns in one policy 4.5 CPU
// s and 100,000 65 s (red team 19, issue 7).
//
// The names are in order of length, longest first, so that the names
// longer than p, the only ones a byte p is read from, are the first ones:
// the sets of position p are cnt[p] bits long. In 2026-09 data 22,091 names
// of 670,388 bytes (the longest 71) and 37 classes make 10,516 words a
// class, 3.1 MB.
type nameColumns struct {
	n      int
	perm   []int32 // perm[i]: the catalog index of the i-th name by length
	class  [256]uint8
	nclass int   // 1 + the number of classes
	maxLen int   // the longest name
	cnt    []int // cnt[p]: the names longer than p, p = 0...maxLen
	// eq holds the sets of position p from off[p]: the set of class c is
	// eq[off[p]+c*wp : off[p]+(c+1)*wp], wp = words(cnt[p]). upto holds,
	// the same way, the names (longer than p) with a byte of class c at p
	// or before: state 1 of a pattern "*c*...", which matchBits reads instead
	// of computing.
	eq   []uint64
	upto []uint64
	off  []int
}

func words(n int) int { return (n + 63) >> 6 }

// columns builds the columns of the catalog's names once.
func (c *catalog) columns() *nameColumns {
	c.colOnce.Do(func() {
		full := make([]string, len(c.actions))
		for i, a := range c.actions {
			full[i] = strings.ToLower(a.Service.Prefix) + ":" + a.lower
		}
		c.colP = columnsOf(full)
	})
	return c.colP
}

// columnsOf builds the columns of names (at least one; none empty), nil
// when there are none or when their bytes are more than 63 classes.
func columnsOf(full []string) *nameColumns {
	n := len(full)
	if n == 0 {
		return nil
	}
	x := &nameColumns{n: n, perm: make([]int32, n), nclass: 1}
	for i := range x.perm {
		x.perm[i] = int32(i)
	}
	slices.SortStableFunc(x.perm, func(a, b int32) int { return len(full[b]) - len(full[a]) })
	for _, s := range full {
		x.maxLen = max(x.maxLen, len(s))
		for i := 0; i < len(s); i++ {
			if x.class[s[i]] == 0 {
				if x.nclass == 64 {
					return nil
				}
				x.class[s[i]] = uint8(x.nclass)
				x.nclass++
			}
		}
	}
	x.cnt = make([]int, x.maxLen+1)
	for _, s := range full {
		for p := 0; p < len(s); p++ {
			x.cnt[p]++
		}
	}
	x.off = make([]int, x.maxLen+1)
	size := 0
	for p := 0; p < x.maxLen; p++ {
		x.off[p] = size
		size += x.nclass * words(x.cnt[p])
	}
	x.off[x.maxLen] = size
	x.eq = make([]uint64, size)
	x.upto = make([]uint64, size)
	for i, ci := range x.perm {
		s := full[ci]
		for p := 0; p < len(s); p++ {
			wp := words(x.cnt[p])
			x.eq[x.off[p]+int(x.class[s[p]])*wp+i>>6] |= 1 << (i & 63)
		}
	}
	for p := 0; p < x.maxLen; p++ {
		wp := words(x.cnt[p])
		row := x.upto[x.off[p] : x.off[p]+x.nclass*wp]
		copy(row, x.eq[x.off[p]:x.off[p]+x.nclass*wp])
		if p > 0 {
			// The names longer than p are the first of those longer than p-1.
			wq := words(x.cnt[p-1])
			prev := x.upto[x.off[p-1] : x.off[p-1]+x.nclass*wq]
			for c := range x.nclass {
				orInto(row[c*wp:(c+1)*wp], prev[c*wq:c*wq+wp])
			}
		}
		if r := x.cnt[p] & 63; r != 0 {
			for c := range x.nclass {
				row[c*wp+wp-1] &= 1<<r - 1 // only the names longer than p
			}
		}
	}
	return x
}

// maxColTokens bounds the bytes other than stars of the patterns that
// matchSet takes: its work grows with them, where the trie's shrinks (a name
// must hold more of the pattern's bytes).
const maxColTokens = 12

// colPattern reports whether matchSet takes the lower-case pattern p (stars
// squeezed): it starts with a star, after any '?' ("*a*b*", "??*a*b*": the
// trie prunes a pattern that starts with bytes, but walks every subtree of
// one that starts with a star), and has at most maxColTokens bytes other
// than stars.
func colPattern(p string) bool {
	q := strings.TrimLeft(p, "?")
	return len(q) > 1 && q[0] == '*' && len(p)-strings.Count(p, "*") <= maxColTokens
}

// colState is matchBits' working memory: the sets of names of each state.
type colState struct {
	s   []uint64
	res []uint64
	cat []uint64
}

var colPool = sync.Pool{New: func() any { return new(colState) }}

// matchSet returns the set of the actions whose full name the lower-case
// pattern p matches (stars squeezed; colPattern).
//
// The pattern's bytes other than stars are tokens t_0...t_{L-1}; state i
// of a name is "the pattern up to t_i (not included) matches the name's
// bytes read so far", and is sticky when a star comes before t_i (or, for
// i = L, ends the pattern): a byte read keeps it. Each state is a set of
// names; reading byte p of every name at once, state i+1 becomes (state
// i+1 if sticky) | (state i & the names whose byte p t_i matches), for i
// from L-1 down to 0. A name is matched when state L holds it after its
// last byte.
func (x *nameColumns) matchSet(p string) Set {
	st := colPool.Get().(*colState)
	defer colPool.Put(st)
	n := x.matchBits(p, st)
	if n == 0 {
		return Set{}
	}
	if n > setListMax(x.n) {
		return Set{bits: slices.Clone(st.cat), n: n}
	}
	idx := make([]uint16, 0, n)
	for w, v := range st.cat {
		for v != 0 {
			idx = append(idx, uint16(w<<6+bits.TrailingZeros64(v)))
			v &= v - 1
		}
	}
	return Set{idx: idx, n: n}
}

// matchBits sets st.cat to the set of the catalog indices of the names
// the pattern matches (see matchSet), and returns how many.
func (x *nameColumns) matchBits(p string, st *colState) int {
	var toks [maxColTokens]uint8 // class, 0 for '?'
	var sticky [maxColTokens + 1]bool
	L := 0
	for j := 0; j < len(p); j++ {
		switch ch := p[j]; ch {
		case '*':
			sticky[L] = true
		case '?':
			toks[L] = 0
			L++
		default:
			c := x.class[ch]
			if c == 0 {
				st.cat = resize(st.cat, words(x.n))
				return 0 // a byte no name has
			}
			toks[L] = c
			L++
		}
	}
	if L > maxColTokens {
		panic("awsdata: matchBits of a pattern with more than maxColTokens bytes")
	}
	w0 := words(x.n)
	if need := (L + 1) * w0; cap(st.s) < need {
		st.s = make([]uint64, need)
	}
	s := st.s[:(L+1)*w0]
	clear(s)
	st.res = resize(st.res, w0)
	// State 0 holds every name before its first byte.
	for w := range w0 {
		s[w] = ^uint64(0)
	}
	// For a pattern "*c...", state 1 is a set of the columns: the names
	// with c at the byte read ("*cd...") or at it or before ("*c*...").
	var first []uint64
	lo := 1
	if sticky[0] && toks[0] != 0 {
		lo = 2
		first = x.eq
		if sticky[1] {
			first = x.upto
		}
	}
	var one []uint64
	for pos := 0; pos < x.maxLen; pos++ {
		wp := words(x.cnt[pos])
		eq := x.eq[x.off[pos] : x.off[pos]+x.nclass*wp]
		// State 1 when lo == 2: before the byte read (none at pos 0) and after.
		var before []uint64
		if lo == 2 {
			c := int(toks[0])
			before = one
			one = first[x.off[pos]+c*wp : x.off[pos]+(c+1)*wp]
		}
		for i := min(L, pos+1); i >= lo; i-- {
			src := s[(i-1)*w0 : (i-1)*w0+wp]
			if i == 2 && lo == 2 {
				if before == nil {
					continue // state 2 is empty before the second byte
				}
				src = before[:wp]
			}
			dst := s[i*w0 : i*w0+wp]
			tok := toks[i-1]
			switch {
			case tok == 0 && sticky[i]:
				orInto(dst, src)
			case tok == 0:
				copy(dst, src)
			case sticky[i]:
				orAndInto(dst, src, eq[int(tok)*wp:int(tok)*wp+wp])
			default:
				andInto(dst, src, eq[int(tok)*wp:int(tok)*wp+wp])
			}
		}
		if pos == 0 && !sticky[0] {
			clear(s[:w0])
		}
		// The names of length pos+1 have been read: [cnt[pos+1], cnt[pos]).
		last := s[L*w0 : (L+1)*w0]
		if L == 1 && lo == 2 {
			last = one
		}
		orRange(st.res, last, x.cnt[pos+1], x.cnt[pos])
	}
	// Back to catalog order.
	st.cat = resize(st.cat, w0)
	n := 0
	for w, v := range st.res {
		for v != 0 {
			i := x.perm[w<<6+bits.TrailingZeros64(v)]
			st.cat[i>>6] |= 1 << (i & 63)
			n++
			v &= v - 1
		}
	}
	return n
}

// resize returns b with n words, all zero.
func resize(b []uint64, n int) []uint64 {
	if cap(b) < n {
		return make([]uint64, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// orRange sets in dst the bits of src from a to b-1.
func orRange(dst, src []uint64, a, b int) {
	for a < b {
		w := a >> 6
		m := ^uint64(0) << (a & 63)
		if e := (w + 1) << 6; b < e {
			m &= ^uint64(0) >> (e - b)
		}
		dst[w] |= src[w] & m
		a = (w + 1) << 6
	}
}

// orInto sets dst |= src (as long).
func orInto(dst, src []uint64) {
	dst = dst[:len(src)]
	for w, v := range src {
		dst[w] |= v
	}
}

// andInto sets dst = src & e (all as long).
func andInto(dst, src, e []uint64) {
	dst, e = dst[:len(src)], e[:len(src)]
	for w, v := range src {
		dst[w] = v & e[w]
	}
}

// orAndInto sets dst |= src & e (all as long), four words a step.
func orAndInto(dst, src, e []uint64) {
	n := len(src)
	dst, e = dst[:n], e[:n]
	w := 0
	for ; w+4 <= n; w += 4 {
		s4, e4, d4 := src[w:w+4:w+4], e[w:w+4:w+4], dst[w:w+4:w+4]
		d4[0] |= s4[0] & e4[0]
		d4[1] |= s4[1] & e4[1]
		d4[2] |= s4[2] & e4[2]
		d4[3] |= s4[3] & e4[3]
	}
	for ; w < n; w++ {
		dst[w] |= src[w] & e[w]
	}
}

// Set is a read-only set of catalog actions (ExpandSet): the catalog
// indices of its actions, two bytes each, when that is smaller than a
// bitset of the catalog's actions, else the bitset.
type Set struct {
	idx  []uint16 // in catalog order, when bits is nil
	bits []uint64 // bit i: Actions()[i]
	n    int
}

// setListMax is the most actions a Set holds as indices: their bytes are
// at most the bitset's (none when an index does not fit 16 bits).
func setListMax(catalog int) int {
	if catalog > 1<<16 {
		return 0
	}
	return 4 * words(catalog)
}

// setOf returns the set of the actions acts (in catalog order, no
// repeats) of a catalog of n actions.
func setOf(acts []*Action, n int) Set {
	if len(acts) == 0 {
		return Set{}
	}
	if len(acts) <= setListMax(n) {
		idx := make([]uint16, len(acts))
		for i, a := range acts {
			idx[i] = uint16(a.idx)
		}
		return Set{idx: idx, n: len(acts)}
	}
	b := make([]uint64, words(n))
	for _, a := range acts {
		b[a.idx>>6] |= 1 << (a.idx & 63)
	}
	return Set{bits: b, n: len(acts)}
}

// list returns the actions of the set (of the catalog's actions acts) in
// catalog order, as a list of its length; nil when it is empty.
func (s Set) list(acts []*Action) []*Action {
	if s.n == 0 {
		return nil
	}
	out := make([]*Action, 0, s.n)
	if s.bits == nil {
		for _, i := range s.idx {
			out = append(out, acts[i])
		}
		return out
	}
	for w, v := range s.bits {
		for v != 0 {
			out = append(out, acts[w<<6+bits.TrailingZeros64(v)])
			v &= v - 1
		}
	}
	return out
}

// Len returns the number of actions in the set.
func (s Set) Len() int { return s.n }

// Size returns the bytes the set holds (its indices or bitset).
func (s Set) Size() int { return 2*len(s.idx) + 8*len(s.bits) }

// All iterates over the actions of the set in catalog order.
func (s Set) All() iter.Seq[*Action] {
	return func(yield func(*Action) bool) {
		acts := load().actions
		if s.bits == nil {
			for _, i := range s.idx {
				if !yield(acts[i]) {
					return
				}
			}
			return
		}
		for w, v := range s.bits {
			for v != 0 {
				if !yield(acts[w<<6+bits.TrailingZeros64(v)]) {
					return
				}
				v &= v - 1
			}
		}
	}
}

// Has reports whether the action is in the set.
func (s Set) Has(a *Action) bool {
	if s.bits != nil {
		return s.bits[a.idx>>6]>>(a.idx&63)&1 != 0
	}
	if a.idx >= 1<<16 {
		return false
	}
	_, found := slices.BinarySearch(s.idx, uint16(a.idx))
	return found
}

// Covers returns the services all of whose actions are in the set, in
// catalog order (by prefix).
func (s Set) Covers() []*Service {
	c := load()
	var out []*Service
	if s.bits == nil {
		// A service's actions are a run of the catalog, and of the indices.
		for i := 0; i < len(s.idx); {
			svc := c.actions[s.idx[i]].Service
			j := i + 1
			for j < len(s.idx) && c.actions[s.idx[j]].Service == svc {
				j++
			}
			if j-i == len(svc.Actions) {
				out = append(out, svc)
			}
			i = j
		}
		return out
	}
	for _, svc := range c.services {
		if len(svc.Actions) > 0 && allSet(s.bits, int(svc.Actions[0].idx), int(svc.Actions[0].idx)+len(svc.Actions)) {
			out = append(out, svc)
		}
	}
	return out
}

// allSet reports whether the bits a to b-1 of set are all set.
func allSet(set []uint64, a, b int) bool {
	for a < b {
		w := a >> 6
		m := ^uint64(0) << (a & 63)
		if e := (w + 1) << 6; b < e {
			m &= ^uint64(0) >> (e - b)
		}
		if set[w]&m != m {
			return false
		}
		a = (w + 1) << 6
	}
	return true
}

// setMemo keeps the sets of the patterns matched by column: Expand (the
// effective permissions' access levels) and ExpandSet (the rules) ask for
// the same patterns, and each match of a pattern like "*a*b*c*d*" costs
// about 200,000 instructions where a set's list is a few thousand. It
// keeps at most maxSetMemo patterns and maxSetMemoBytes of sets.
type setMemo struct {
	mu     sync.RWMutex
	m      map[string]Set
	bytes  int
	misses atomic.Int64 // the patterns matched on the columns (WideMatches)
}

const (
	maxSetMemo      = 1 << 20
	maxSetMemoBytes = 128 << 20
)

// colSet returns the set of the actions the pattern p (lower case, stars
// squeezed, colPattern) matches, matched on x once while the memo has room.
func (c *catalog) colSet(x *nameColumns, p string) Set {
	mm := &c.colMemo
	mm.mu.RLock()
	set, ok := mm.m[p]
	mm.mu.RUnlock()
	if ok {
		return set
	}
	mm.misses.Add(1)
	set = x.matchSet(p)
	mm.mu.Lock()
	if n := set.Size() + len(p); len(mm.m) < maxSetMemo && mm.bytes+n <= maxSetMemoBytes {
		if mm.m == nil {
			mm.m = map[string]Set{}
		}
		if _, dup := mm.m[p]; !dup {
			mm.m[strings.Clone(p)] = set
			mm.bytes += n
		}
	}
	mm.mu.Unlock()
	return set
}
