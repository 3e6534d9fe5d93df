package linter

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/plan"
)

// mergePlanInstances makes the instances of one resource (count / for_each
// keys, here or on an enclosing module call) one finding when each has the
// same finding, as in HCL, where the element is written once: a plan lists
// every instance's values at their own place, but they come from one block
// of the configuration. Of such a group, the instance with the smallest
// address is kept (HCL's choice too). Findings are matched in order within
// each instance (the k-th finding with a rule, kind and message on one
// instance goes with the k-th on another), so two findings of one instance
// never merge.
func mergePlanInstances(fs []Finding, runs []*planRun) []Finding {
	cwd, _ := os.Getwd()
	plans := map[string]bool{}
	for _, r := range runs {
		if r != nil && r.p != nil {
			plans[relName(r.name, cwd)] = true
		}
	}
	if len(plans) == 0 {
		return fs
	}
	return mergeInstances(fs, plans)
}

// mergeInstances is mergePlanInstances for the findings of the plan files
// plans (their names as in the findings' ranges).
func mergeInstances(fs []Finding, plans map[string]bool) []Finding {
	// The findings that may merge are those of a plan instance; they merge
	// only with findings of the same block (configuration address) and the
	// same rule, kind and message. Each is given a hash of those (sum[i],
	// computed once), and split by it into parts, each merged on its own,
	// on every CPU (part[i]: 0 for a finding that is kept as it is, else
	// its part + 1). In a part, the findings are sorted by their hash:
	// those that may merge are next to each other, in groups, most of
	// them of one finding (most messages are distinct), and only a group
	// of two or more is read again. (Numbering the rules, kinds, messages,
	// files, resources and blocks in maps, then matching the findings in
	// maps as big as the part, was 0.3-0.5 s of CPU on a 200 MB plan.)
	// The result does not depend on the number of parts.
	parts := min(max(runtime.GOMAXPROCS(0), 1), 64)
	part := make([]uint8, len(fs))
	sum := make([]uint64, len(fs))
	blockOf := make([]string, len(fs)) // the configuration address of an instance's finding
	seed := maphash.MakeSeed()
	const run = 4096
	par.For((len(fs)+run-1)/run, 1, func(c int) {
		lastFile, lastRes, lastBlock := "", "", "" // lastRes: an instance's address, never ""
		inPlan := false
		var blockSum uint64
		var h maphash.Hash
		h.SetSeed(seed)
		for i := c * run; i < min((c+1)*run, len(fs)); i++ {
			f := &fs[i]
			if i == c*run || f.Range.Filename != lastFile {
				lastFile, inPlan = f.Range.Filename, plans[f.Range.Filename]
			}
			if !inPlan || !strings.Contains(f.Resource, "[") {
				continue
			}
			if f.Resource != lastRes {
				lastRes = f.Resource
				lastBlock = plan.ConfigAddress(lastRes)
				blockSum = maphash.String(seed, lastBlock)
			}
			k := blockSum ^ whatSum(&h, f)*0x9e3779b97f4a7c15
			part[i], sum[i], blockOf[i] = uint8(k%uint64(parts))+1, k, lastBlock
		}
	})
	drop := make([]bool, len(fs))
	var multi atomic.Bool
	par.For(parts, 1, func(p int) {
		if mergePart(fs, part, sum, blockOf, uint8(p+1), drop) {
			multi.Store(true)
		}
	})
	if !multi.Load() {
		return fs
	}
	out := fs[:0]
	for i, f := range fs {
		if drop[i] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// whatSum is the hash of f's rule, kind and message (hashMask applied),
// with h (seeded, reset here).
func whatSum(h *maphash.Hash, f *Finding) uint64 {
	h.Reset()
	h.WriteString(f.Rule)
	h.WriteByte(0)
	h.WriteString(string(f.PolicyKind))
	h.WriteByte(0)
	h.WriteString(f.Message)
	return h.Sum64() & hashMask
}

// mergePart merges the findings of one part (part[i] == p) of
// mergeInstances: it sets drop[i] for each finding of the part that
// another instance's finding stands for, and reports whether any is.
func mergePart(fs []Finding, part []uint8, sum []uint64, blockOf []string, p uint8, drop []bool) bool {
	n := 0
	for _, q := range part {
		if q == p {
			n++
		}
	}
	if n < 2 {
		return false
	}
	type rec struct {
		sum uint64
		i   int32
	}
	recs := make([]rec, 0, n)
	for i, q := range part {
		if q == p {
			recs = append(recs, rec{sum[i], int32(i)})
		}
	}
	slices.SortFunc(recs, func(a, b rec) int {
		if c := cmp.Compare(a.sum, b.sum); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	var m instMerger
	m.fs, m.blockOf, m.drop = fs, blockOf, drop
	multi := false
	for a := 0; a < len(recs); {
		b := a + 1
		for b < len(recs) && recs[b].sum == recs[a].sum {
			b++
		}
		if b-a > 1 {
			m.idx = m.idx[:0]
			for _, r := range recs[a:b] {
				m.idx = append(m.idx, r.i)
			}
			if m.group(m.idx) {
				multi = true
			}
		}
		a = b
	}
	return multi
}

// instMerger merges the groups of findings of one part (mergePart).
type instMerger struct {
	fs      []Finding
	blockOf []string
	drop    []bool
	idx     []int32 // the group's findings, in order
	rest    []int32 // those of another key (a hash collision)
	ns      []int32 // of each finding of the group, the findings of its resource before it, with its key
	lead    []int32 // the first finding of the group with its file and ns
	best    []int32 // of a first finding, the kept one of its file and ns
	cnt     []int32 // of a first finding, how many of its file and ns are dropped
	oth     []int32 // of a first finding, the dropped one of the smallest resource
}

// sameKey reports whether findings i and j have the same rule, kind,
// message and block.
func (m *instMerger) sameKey(i, j int32) bool {
	a, b := &m.fs[i], &m.fs[j]
	return a.Message == b.Message && a.Rule == b.Rule && a.PolicyKind == b.PolicyKind && m.blockOf[i] == m.blockOf[j]
}

// group merges the findings idx (in order) of one hash: it sets drop for
// each that another stands for, and reports whether any is.
func (m *instMerger) group(idx []int32) bool {
	multi := false
	for len(idx) > 1 {
		// The findings of the first one's key; the others (a hash
		// collision, rare) are merged after them.
		first := idx[0]
		rest, k := m.rest[:0], 1
		for _, i := range idx[1:] {
			if m.sameKey(first, i) {
				idx[k] = i
				k++
			} else {
				rest = append(rest, i)
			}
		}
		if m.same(idx[:k]) {
			multi = true
		}
		idx = append(idx[:0], rest...)
		m.rest = rest
	}
	return multi
}

// same merges the findings idx (in order) of one rule, kind, message and
// block: the k-th of one resource with the k-th of every other resource
// of the same file, keeping the one of the smallest resource.
func (m *instMerger) same(idx []int32) bool {
	g := len(idx)
	if g < 2 {
		return false
	}
	fs := m.fs
	m.ns, m.lead, m.best = slices.Grow(m.ns[:0], g)[:g], slices.Grow(m.lead[:0], g)[:g], slices.Grow(m.best[:0], g)[:g]
	ns, lead, best := m.ns, m.lead, m.best
	if g <= 32 {
		// Few: compared with those before.
		for a, i := range idx {
			n := int32(0)
			for _, j := range idx[:a] {
				if fs[j].Resource == fs[i].Resource {
					n++
				}
			}
			ns[a], lead[a] = n, int32(a)
			for b, j := range idx[:a] {
				if ns[b] == n && lead[b] == int32(b) && fs[j].Range.Filename == fs[i].Range.Filename {
					lead[a] = int32(b)
					break
				}
			}
		}
	} else {
		type fileN struct {
			file string
			n    int32
		}
		seen := make(map[string]int32, g)
		leads := make(map[fileN]int32, g)
		for a, i := range idx {
			n := seen[fs[i].Resource]
			seen[fs[i].Resource] = n + 1
			ns[a] = n
			k := fileN{fs[i].Range.Filename, n}
			l, ok := leads[k]
			if !ok {
				l = int32(a)
				leads[k] = l
			}
			lead[a] = l
		}
	}
	multi := false
	for a, i := range idx {
		l := lead[a]
		if l == int32(a) {
			best[a] = int32(a)
			continue
		}
		multi = true
		if fs[i].Resource < fs[idx[best[l]]].Resource {
			best[l] = int32(a)
		}
	}
	if !multi {
		return false
	}
	// The kept finding of each key says how many instances it stands for
	// and where the first of the others is (the smallest address): a
	// plan gate's reader sees that the block is wrong in every instance,
	// not only in the one reported.
	m.cnt, m.oth = slices.Grow(m.cnt[:0], g)[:g], slices.Grow(m.oth[:0], g)[:g]
	cnt, oth := m.cnt, m.oth
	for a := range idx {
		cnt[a], oth[a] = 0, -1
	}
	for a, i := range idx {
		l := lead[a]
		if best[l] == int32(a) {
			continue
		}
		m.drop[i] = true
		cnt[l]++
		if o := oth[l]; o < 0 || fs[i].Resource < fs[idx[o]].Resource {
			oth[l] = int32(a)
		}
	}
	for a := range idx {
		if lead[a] == int32(a) && cnt[a] > 0 {
			k, o := idx[best[a]], idx[oth[a]]
			fs[k].Related = append(slices.Clip(fs[k].Related), instancesNote(int(cnt[a]), &fs[o]))
		}
	}
	return true
}

// instancesNote is the related location added to the finding kept for n
// other instances of its block with the same finding, o the first of them.
func instancesNote(n int, o *Finding) iam.Related {
	what := "instance"
	if n > 1 {
		what = "instances"
	}
	return iam.Related{Range: o.Range, Message: fmt.Sprintf("the same finding in %d other %s of this block (first: %s)", n, what, o.Resource)}
}
