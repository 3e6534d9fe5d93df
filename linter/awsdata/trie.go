package awsdata

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unsafe"
)

// nameTrie holds the catalog's full action names, "prefix:name" in lower
// case, as a radix tree, so that Expand matches a pattern once against the
// bytes that names share (a service's prefix, "Get", "Describe") and skips a
// subtree when no name in it can match: when the pattern's automaton dies,
// or the rest of the pattern needs more bytes, or more of a byte, than any
// name below has, or a last byte none of them ends with. Built once Expand
// has matched names one by one for as long as building takes (see
// trieWorthIt); in 2026-09 data 22,091 names make 31,546 nodes with 298,226
// label bytes, 1.8 MB.
//
// The names are in catalog order, and a subtree's names are a run of it, so
// a walk in preorder finds the matches in catalog order. A node's children
// are side by side in nodes, so that the walk reads the summaries it
// checks, and mostly skips, from a few cache lines.
type nameTrie struct {
	nodes  []trieNode
	roots  int32   // nodes[:roots] are the top nodes
	labels []uint8 // each node's label, as byte classes (class)
	// class numbers the bytes that occur in action names (1...), 0 for
	// every other byte: a pattern's automaton steps by class.
	class    [256]uint8
	nclass   int // 1 + the number of bytes in class
	maxLevel int
}

type trieNode struct {
	// have holds, for each lane b&31 of bytes b, the most bytes of the lane
	// in the rest of any name from the node's label on (laneCounts).
	have [2]uint64
	// last holds the class bits of the last bytes of the names below.
	last  uint64
	lab   int32 // the label starts at labels[lab]
	kids  int32 // the children are nodes[kids:kids+nkids]
	first int32 // the catalog index of the first name below
	count int32 // the names below (in catalog order from first)
	nkids uint8
	llen  uint8 // label length
	rem   uint8 // the longest rest of a name from the node's label on
	term  bool  // a name ends at the node's label
}

// maxTrieName bounds the names the trie holds: levels, label lengths and
// rests are uint8.
const maxTrieName = 255

// trie builds the trie of the catalog's names once, and returns it (nil
// when the names do not fit it).
func (c *catalog) trie() *nameTrie {
	c.trieOnce.Do(func() {
		if t := buildTrie(c); t != nil {
			c.trieP.Store(t)
		}
	})
	return c.trieP.Load()
}

func buildTrie(c *catalog) *nameTrie {
	if c.maxName > maxTrieName || len(c.actions) == 0 {
		return nil
	}
	n := len(c.actions)
	full := make([]string, n)
	sizes := 0
	for _, a := range c.actions {
		sizes += len(a.Service.Prefix) + 1 + len(a.lower)
	}
	buf := make([]byte, 0, sizes)
	i := 0
	for _, s := range c.services {
		prefix := strings.ToLower(s.Prefix)
		for _, a := range s.Actions {
			if i == n || a != c.actions[i] {
				return nil // c.actions is the services' actions in order
			}
			n0 := len(buf)
			buf = append(append(append(buf, prefix...), ':'), a.lower...)
			full[i] = unsafe.String(&buf[n0], len(buf)-n0)
			i++
		}
	}
	if i != n {
		return nil
	}
	return trieOf(full)
}

// trieOf builds the trie of names, sorted (a subtree's names are a run of
// them), none longer than maxTrieName; nil when they do not fit it.
func trieOf(full []string) *nameTrie {
	n := len(full)
	if n == 0 {
		return nil
	}
	t := &nameTrie{nclass: 1}
	// classOf numbers the bytes of names as they come.
	classOf := func(b byte) uint8 {
		if t.class[b] == 0 && t.nclass < 64 {
			t.class[b] = uint8(t.nclass)
			t.nclass++
		}
		return t.class[b]
	}
	lcp := make([]uint8, n)
	for i := 1; i < n; i++ {
		a, b := full[i-1], full[i]
		k := 0
		for k < len(a) && k < len(b) && a[k] == b[k] {
			k++
		}
		lcp[i] = uint8(k)
	}
	t.nodes = make([]trieNode, 0, 2*n)
	chars := len(full[0])
	for i := 1; i < n; i++ {
		chars += len(full[i]) - int(lcp[i])
	}
	t.labels = make([]uint8, chars)
	nlab := 0
	// bounds holds, for each node being built, the bounds of its
	// children's runs of names: a run shares one more byte.
	bounds := make([]int32, 0, 256)
	groups := func(a, b, d int) {
		for k := a; k < b; {
			bounds = append(bounds, int32(k))
			k++
			for k < b && int(lcp[k]) > d {
				k++
			}
		}
		bounds = append(bounds, int32(b))
	}
	// build fills node idx with names a..b-1, which share their first d
	// bytes, at the given level, and its children after it.
	var build func(idx, a, b, d, level int)
	build = func(idx, a, b, d, level int) {
		e := len(full[a])
		for k := a + 1; k < b; k++ {
			e = min(e, int(lcp[k]))
		}
		t.maxLevel = max(t.maxLevel, level)
		label := full[a][d:e]
		nd := trieNode{lab: int32(nlab), llen: uint8(e - d), first: int32(a), count: int32(b - a)}
		lab := t.labels[nlab : nlab+len(label)]
		for i := range lab {
			cl := t.class[label[i]]
			if cl == 0 {
				cl = classOf(label[i])
			}
			lab[i] = cl
		}
		nlab += len(label)
		k := a
		if len(full[a]) == e {
			nd.term = true
			nd.last = 1 << classOf(full[a][e-1])
			k++
		}
		b0 := len(bounds)
		if k < b {
			groups(k, b, e)
		}
		nkids := max(len(bounds)-b0-1, 0)
		nd.kids, nd.nkids = int32(len(t.nodes)), uint8(nkids)
		for range nkids {
			t.nodes = append(t.nodes, trieNode{})
		}
		rem, have := 0, [2]uint64{}
		for i := range nkids {
			ci := int(nd.kids) + i
			build(ci, int(bounds[b0+i]), int(bounds[b0+i+1]), e, level+1)
			ch := &t.nodes[ci]
			rem = max(rem, int(ch.rem))
			have = [2]uint64{laneMax(have[0], ch.have[0]), laneMax(have[1], ch.have[1])}
			nd.last |= ch.last
		}
		bounds = bounds[:b0]
		nd.rem = uint8(rem + len(label))
		lc := laneCounts(label)
		nd.have = [2]uint64{laneAdd(have[0], lc[0]), laneAdd(have[1], lc[1])}
		t.nodes[idx] = nd
	}
	groups(0, n, 0)
	roots := len(bounds) - 1
	t.roots = int32(roots)
	for range roots {
		t.nodes = append(t.nodes, trieNode{})
	}
	top := append([]int32(nil), bounds...)
	bounds = bounds[:0]
	for i := range roots {
		build(i, int(top[i]), int(top[i+1]), 0, 0)
	}
	if t.nclass == 64 {
		return nil // more than 63 distinct bytes: classes are 6 bits
	}
	return t
}

// Lanes: a pair of uint64 holds 32 counts of 4 bits, one for each lane
// b&31 of bytes b (in word b>>4&1, bits 4*(b&15)), each at most laneSat,
// so that bit 3 of each lane is free for laneGE's borrow.
const (
	laneSat  = 7
	laneHigh = 0x8888888888888888
)

// laneCounts counts the bytes of s (other than wildcards) by lane.
func laneCounts(s string) [2]uint64 {
	var w [2]uint64
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b == '*' || b == '?' {
			continue
		}
		sh := 4 * uint(b&15)
		if (w[b>>4&1]>>sh)&15 < laneSat {
			w[b>>4&1] += 1 << sh
		}
	}
	return w
}

// laneGE reports whether each lane of a is at least the lane of b.
func laneGE(a, b [2]uint64) bool {
	return ((a[0]|laneHigh)-b[0])&laneHigh == laneHigh && ((a[1]|laneHigh)-b[1])&laneHigh == laneHigh
}

// laneMax is the lane-wise maximum.
func laneMax(a, b uint64) uint64 {
	ge := ((a | laneHigh) - b) & laneHigh // bit 3 of the lanes where a >= b
	m := (ge >> 3) * 15
	return a&m | b&^m
}

// laneAdd is the lane-wise sum, at most laneSat.
func laneAdd(a, b uint64) uint64 {
	s := a + b // each lane at most 14: no carry out of a lane
	over := (s & laneHigh) >> 3
	return s&^(over*15) | over*laneSat
}

// trieMatcher is a pattern compiled for walking the trie: a bit-parallel
// automaton (bit j: the first j tokens of the pattern are matched) of at
// most 127 tokens in two words.
type trieMatcher struct {
	step  [64][2]uint64 // by class: the tokens (bits) that match a byte of it
	star  [2]uint64     // the tokens that are "*"
	final int           // bit of the whole pattern matched
	// endStar: the pattern ends with "*", so once bit final is set every
	// rest of a name matches.
	endStar bool
	// lastClass is the class bit a name's last byte needs (the pattern
	// ends with a literal byte), or 0.
	lastClass uint64
	// need[j], minRest[j]: the bytes (by lane) and the number of bytes the
	// rest of a name needs to match tokens j... of the pattern.
	need    [128][2]uint64
	minRest [128]uint8
}

// maxTrieTokens is the longest (squeezed) pattern compile takes.
const maxTrieTokens = 127

func setBit(w *[2]uint64, j int) { w[j>>6] |= 1 << (j & 63) }

// compile compiles into m a lower-case pattern whose runs of stars are
// squeezed, of at most maxTrieTokens bytes.
func (t *nameTrie) compile(p string, m *trieMatcher) {
	m.final = len(p)
	m.endStar = len(p) > 0 && p[len(p)-1] == '*'
	for j := 0; j < len(p); j++ {
		switch ch := p[j]; ch {
		case '*':
			setBit(&m.star, j)
		case '?':
			for c := range t.nclass {
				setBit(&m.step[c], j)
			}
		default:
			if c := t.class[ch]; c != 0 {
				setBit(&m.step[c], j)
			}
		}
	}
	if j := len(p) - 1; j >= 0 && p[j] != '*' && p[j] != '?' {
		m.lastClass = 1 << t.class[p[j]]
	}
	var need [2]uint64
	rest := 0
	for j := len(p) - 1; j >= 0; j-- {
		if ch := p[j]; ch != '*' {
			rest++
			if ch != '?' {
				sh := 4 * uint(ch&15)
				if (need[ch>>4&1]>>sh)&15 < laneSat {
					need[ch>>4&1] += 1 << sh
				}
			}
		}
		m.need[j], m.minRest[j] = need, uint8(rest)
	}
}

// closure adds, for each star token set, the token after it (a star
// matches the empty string; stars are squeezed, so one step does).
func (m *trieMatcher) closure(d [2]uint64) [2]uint64 {
	s0, s1 := d[0]&m.star[0], d[1]&m.star[1]
	return [2]uint64{d[0] | s0<<1, d[1] | s1<<1 | s0>>63}
}

// walk appends to out the actions whose full name the pattern matches, in
// catalog order.
func (t *nameTrie) walk(m *trieMatcher, acts []*Action, out []*Action) []*Action {
	type frame struct {
		i, end int32
		d      [2]uint64
	}
	stack := make([]frame, 1, t.maxLevel+2)
	stack[0] = frame{0, t.roots, m.closure([2]uint64{1, 0})}
	fw, fb := m.final>>6, uint(m.final&63)
	s0, s1 := m.star[0], m.star[1]
	nodes, labels := t.nodes, t.labels
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.i == f.end {
			stack = stack[:len(stack)-1]
			continue
		}
		nd := &nodes[f.i]
		f.i++
		d := f.d
		// The most advanced token needs the least of the rest: no name
		// below matches when its rest has less.
		j := 63 - bits.LeadingZeros64(d[0])
		if d[1] != 0 {
			j = 127 - bits.LeadingZeros64(d[1])
		}
		if m.minRest[j] > nd.rem || !laneGE(nd.have, m.need[j]) || nd.last&m.lastClass != m.lastClass {
			continue
		}
		for _, c := range labels[nd.lab : nd.lab+int32(nd.llen)] {
			sc := &m.step[c]
			a0, a1 := d[0]&sc[0], d[1]&sc[1]
			n0 := a0<<1 | d[0]&s0
			n1 := a1<<1 | a0>>63 | d[1]&s1
			c0, c1 := n0&s0, n1&s1
			d = [2]uint64{n0 | c0<<1, n1 | c1<<1 | c0>>63}
			if d[0]|d[1] == 0 {
				break
			}
		}
		if d[0]|d[1] == 0 {
			continue
		}
		done := d[fw]>>fb&1 != 0
		if done && m.endStar {
			out = append(out, acts[nd.first:nd.first+nd.count]...)
			continue
		}
		if nd.term && done {
			out = append(out, acts[nd.first])
		}
		if nd.nkids > 0 {
			stack = append(stack, frame{nd.kids, nd.kids + int32(nd.nkids), d})
		}
	}
	return out
}

// trieDFA is the pattern's automaton as a DFA, built while the walk needs
// its states and steps: a step is then one load, where the bit-parallel
// automaton takes a dozen operations.
type trieDFA struct {
	m    trieMatcher
	sets [][2]uint64 // state -> the automaton's bits; 0 is the dead state
	info []dfaInfo
	// trans[s<<6 | class] is the next state of state s, shifted left by 6
	// (a row of trans); -1 not yet known.
	trans []int32
	hash  []int32 // open addressing over sets: state+1, 0 empty
	stack []dfaFrame
}

type dfaInfo struct {
	need    [2]uint64 // m.need of the state's most advanced token
	minRest uint8
	done    bool // the whole pattern is matched
}

// maxDFAStates bounds a pattern's DFA (each '?' after a star may double the
// states): past it, walk steps the bit-parallel automaton instead.
var maxDFAStates = 1 << 12

func (a *trieDFA) reset() {
	a.sets, a.info, a.trans = a.sets[:0], a.info[:0], a.trans[:0]
	if len(a.hash) == 0 {
		a.hash = make([]int32, 64)
	} else {
		clear(a.hash)
	}
	a.add([2]uint64{}) // dead
	clear(a.trans[:64])
}

func hashSet(d [2]uint64) uint64 {
	h := (d[0] ^ d[1]*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	return h ^ h>>29
}

// add returns the state of the bits d, adding it when new; -1 when the DFA
// has maxDFAStates states.
func (a *trieDFA) add(d [2]uint64) int32 {
	mask := uint64(len(a.hash) - 1)
	for h := hashSet(d) & mask; ; h = (h + 1) & mask {
		s := a.hash[h]
		if s == 0 {
			break
		}
		if a.sets[s-1] == d {
			return s - 1
		}
	}
	if len(a.sets) >= maxDFAStates {
		return -1
	}
	s := int32(len(a.sets))
	a.sets = append(a.sets, d)
	m := &a.m
	j := 63 - bits.LeadingZeros64(d[0])
	if d[1] != 0 {
		j = 127 - bits.LeadingZeros64(d[1])
	}
	inf := dfaInfo{done: d[m.final>>6]>>(m.final&63)&1 != 0}
	if j >= 0 {
		inf.need, inf.minRest = m.need[j], m.minRest[j]
	}
	a.info = append(a.info, inf)
	for range 64 {
		a.trans = append(a.trans, -1)
	}
	if 2*len(a.sets) > len(a.hash) {
		a.hash = make([]int32, 2*len(a.hash))
		mask = uint64(len(a.hash) - 1)
		for i, set := range a.sets {
			h := hashSet(set) & mask
			for a.hash[h] != 0 {
				h = (h + 1) & mask
			}
			a.hash[h] = int32(i + 1)
		}
		return s
	}
	h := hashSet(d) & mask
	for a.hash[h] != 0 {
		h = (h + 1) & mask
	}
	a.hash[h] = s + 1
	return s
}

// next computes and records the step of the state of row r by class c,
// and returns the next state's row; -1 when the DFA is full.
func (a *trieDFA) next(r int32, c uint8) int32 {
	m, d := &a.m, a.sets[r>>6]
	sc := &m.step[c&63]
	a0, a1 := d[0]&sc[0], d[1]&sc[1]
	n := m.closure([2]uint64{a0<<1 | d[0]&m.star[0], a1<<1 | a0>>63 | d[1]&m.star[1]})
	ns := a.add(n)
	if ns < 0 {
		return -1
	}
	a.trans[r|int32(c&63)] = ns << 6
	return ns << 6
}

var dfaPool = sync.Pool{New: func() any { return new(trieDFA) }}

// nameOnly holds the trie of the catalog's distinct action names without
// their service prefix ("getobject"), for the patterns whose service part
// matches any prefix (nameOnlyPattern): 22,091 full names share little
// across services ("s3:get..." and "ec2:get..." are walked apart), while
// their 14,000-odd distinct names share "get", "describe", "list"... A
// walk of "*:g*t*o*j*" on the full names was about 100 microseconds (the
// leading star keeps the automaton alive through every prefix), 100,000
// distinct such patterns in one policy 10 CPU s.
type nameOnly struct {
	t *nameTrie
	// marks[i] stands for the i-th distinct name in the walk's output
	// (its index is its offset in marks); acts[i] are the catalog indices
	// of the actions of that name.
	marks []Action
	ptrs  []*Action // &marks[i]: the trie's "actions"
	acts  [][]int32
}

// nameOnlyTrie builds nameOnly once (with the trie of full names, which
// decides when it is worth it), nil when the names do not fit a trie.
func (c *catalog) nameOnlyTrie() *nameOnly {
	c.nameOnce.Do(func() {
		byName := map[string][]int32{}
		for i, a := range c.actions {
			byName[a.lower] = append(byName[a.lower], int32(i))
		}
		names := make([]string, 0, len(byName))
		for nm := range byName {
			if len(nm) > maxTrieName {
				return
			}
			names = append(names, nm)
		}
		slices.Sort(names)
		t := trieOf(names)
		if t == nil {
			return
		}
		no := &nameOnly{t: t, marks: make([]Action, len(names)), ptrs: make([]*Action, len(names)), acts: make([][]int32, len(names))}
		for i, nm := range names {
			no.acts[i] = byName[nm]
			no.ptrs[i] = &no.marks[i]
		}
		c.nameP = no
	})
	return c.nameP
}

// nameOnlyPattern returns the pattern that a name without its prefix
// must match for a lower-case pattern p (stars squeezed) to match the full
// name "prefix:name", when there is one: for "*:rest" with no ":" in rest,
// rest (the pattern's ":" is the name's only one: the star is the prefix,
// rest the name). ok is false for the others ("*rest" with no ":" is not
// one: a star in rest may take the ":").
func nameOnlyPattern(p string) (string, bool) {
	if len(p) < 3 || p[0] != '*' || p[1] != ':' {
		return "", false
	}
	rest := p[2:]
	return rest, !strings.Contains(rest, ":")
}

// expandNames is expand for a pattern whose name-only pattern (nameOnlyPattern)
// is np: the actions of the distinct names np matches, in catalog order.
func (no *nameOnly) expandNames(np string, acts []*Action) []*Action {
	a := dfaPool.Get().(*trieDFA)
	defer dfaPool.Put(a)
	a.m = trieMatcher{}
	no.t.compile(np, &a.m)
	hit, ok := no.t.walkDFA(a, no.ptrs)
	if !ok {
		hit = no.t.walk(&a.m, no.ptrs, nil)
	}
	if len(hit) == 0 {
		return nil
	}
	n := 0
	set := make([]uint64, (len(acts)+63)/64)
	base := uintptr(unsafe.Pointer(&no.marks[0]))
	size := unsafe.Sizeof(no.marks[0])
	for _, m := range hit {
		for _, i := range no.acts[(uintptr(unsafe.Pointer(m))-base)/size] {
			set[i>>6] |= 1 << (i & 63)
			n++
		}
	}
	out := make([]*Action, 0, n)
	for w, bitsw := range set {
		for bitsw != 0 {
			out = append(out, acts[w<<6+bits.TrailingZeros64(bitsw)])
			bitsw &= bitsw - 1
		}
	}
	return out
}

// expand returns the actions whose full name the lower-case pattern p
// matches (stars squeezed, at most maxTrieTokens bytes), in catalog order.
func (t *nameTrie) expand(p string, acts []*Action) []*Action {
	a := dfaPool.Get().(*trieDFA)
	defer dfaPool.Put(a)
	a.m = trieMatcher{}
	t.compile(p, &a.m)
	if out, ok := t.walkDFA(a, acts); ok {
		return out
	}
	return t.walk(&a.m, acts, nil)
}

// dfaFrame is a node of the DFA walk: its children i...end-1 are left to
// walk from the state of row r.
type dfaFrame struct {
	i, end int32
	r      int32
}

// walkDFA is walk with the DFA a of the pattern a.m; ok is false when the
// DFA grew too large.
func (t *nameTrie) walkDFA(a *trieDFA, acts []*Action) (out []*Action, ok bool) {
	m := &a.m
	a.reset()
	start := a.add(m.closure([2]uint64{1, 0}))
	stack := append(a.stack[:0], dfaFrame{0, t.roots, start << 6})
	defer func() { a.stack = stack[:0] }()
	nodes, labels, trans, info := t.nodes, t.labels, a.trans, a.info
	lastClass := m.lastClass
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		r := f.r
		// The most advanced token needs the least of the rest: no name
		// below a child matches when its rest has less.
		inf := &info[r>>6]
		i := f.i
		for ; i < f.end; i++ {
			nd := &nodes[i]
			if inf.minRest <= nd.rem && laneGE(nd.have, inf.need) && nd.last&lastClass == lastClass {
				break
			}
		}
		if i == f.end {
			stack = stack[:len(stack)-1]
			continue
		}
		f.i = i + 1
		nd := &nodes[i]
		lab := labels[nd.lab : nd.lab+int32(nd.llen)]
		for {
			var k int
			r, k = stepRows(trans, lab, r)
			if k == len(lab) {
				break
			}
			if r = a.next(r, lab[k]); r < 0 {
				return nil, false
			}
			trans, info = a.trans, a.info
			lab = lab[k+1:]
		}
		if r == 0 {
			continue
		}
		done := info[r>>6].done
		if done && m.endStar {
			out = append(out, acts[nd.first:nd.first+nd.count]...)
			continue
		}
		if nd.term && done {
			out = append(out, acts[nd.first])
		}
		if nd.nkids > 0 {
			stack = append(stack, dfaFrame{nd.kids, nd.kids + int32(nd.nkids), r})
		}
	}
	return out, true
}

// stepRows steps the DFA from row r by the classes of lab while its steps
// are known. It returns the row reached and len(lab), or the row and the
// index of the first class whose step is not known.
func stepRows(trans []int32, lab []uint8, r int32) (int32, int) {
	for i, c := range lab {
		nr := trans[r|int32(c&63)]
		if nr <= 0 {
			if nr == 0 {
				return 0, len(lab)
			}
			return r, i
		}
		r = nr
	}
	return r, len(lab)
}
