package linter

import (
	"hash/maphash"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/iamlint/iamlint/internal/hashnum"
	"github.com/iamlint/iamlint/internal/par"
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
	// The findings that may merge are those of a plan instance; they merge
	// only with findings of the same block (configuration address) and the
	// same rule, kind and message, so they are split by a hash of those
	// into parts, each merged on its own, on every CPU (part[i]: 0 for a
	// finding that is kept as it is, else its part + 1). On a 200 MB plan
	// the merge was a third of a second on one CPU after the rules;
	// smaller maps also miss the cache less. (Split by block alone, the
	// parts were as uneven as the plan's blocks: one of them held half of
	// the 200 MB plan's findings, and the merge ran on one CPU for most of
	// its time.) The result does not depend on the number of parts.
	parts := min(max(runtime.GOMAXPROCS(0), 1), 64)
	part := make([]uint8, len(fs))
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
			part[i], blockOf[i] = uint8((blockSum^whatSum(&h, f)*0x9e3779b97f4a7c15)%uint64(parts))+1, lastBlock
		}
	})
	drop := make([]bool, len(fs))
	var multi atomic.Bool
	par.For(parts, 1, func(p int) {
		if mergePart(fs, part, blockOf, uint8(p+1), drop) {
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
// mergePlanInstances: it sets drop[i] for each finding of the part that
// another instance's finding stands for, and reports whether any is.
func mergePart(fs []Finding, part []uint8, blockOf []string, p uint8, drop []bool) bool {
	n, runs := 0, 0 // the part's findings, and its runs of one resource
	last := -1
	for i, q := range part {
		if q == p {
			if last < 0 || fs[i].Resource != fs[last].Resource {
				runs++
			}
			n++
			last = i
		}
	}
	if n == 0 {
		return false
	}
	// A finding's rule, kind and message are numbered once (the message is
	// the long part of every key); findings of one resource and of one file
	// are next to each other (sorted), so the file, resource and block of
	// the last one are remembered, each numbered when it changes. The
	// per-finding maps then have integer keys: with the strings in the keys
	// (the maps as big as the findings), each lookup read the strings again
	// from all over the heap, the most of this function's time on big plans.
	// A what is numbered by a 64-bit hash of it, checked against the first
	// finding with that number (hashnum; a map with the three strings in its
	// keys took 40 MB on a 200 MB plan, most messages being distinct).
	type what struct{ rule, kind, msg string }
	var h maphash.Hash
	h.SetSeed(maphash.MakeSeed())
	whats := hashnum.New(n, func(i int32) uint64 { return whatSum(&h, &fs[i]) }, func(i int32) what { // sized for the part: most messages are distinct
		f := &fs[i]
		return what{f.Rule, string(f.PolicyKind), f.Message}
	})
	// resources is sized for a resource per run (at least as many as the
	// resources; grown one doubling at a time, it left as much garbage as
	// its size: 13 MB on a 200 MB plan). The blocks are few (the instances
	// of one block are many resources).
	files, resources, blocks := map[string]uint32{}, make(map[string]uint32, runs), map[string]uint32{}
	num := func(names map[string]uint32, s string) uint32 {
		id, ok := names[s]
		if !ok {
			id = uint32(len(names))
			names[s] = id
		}
		return id
	}
	// Sized for every finding of the part: most of a big plan's findings
	// are on instances, and growing maps of this size leaves as much
	// garbage.
	seen := make(map[uint64]uint32, n) // what, resource -> findings so far
	best := make(map[[2]uint64]int, n) // what, file, block, n -> index of the kept finding
	idx := make([]int32, 0, n)         // the part's findings, in order
	keys := make([][2]uint64, 0, n)    // and their keys
	multi := false
	lastFile, lastRes := "", ""
	var fileID, resID, blockID uint32
	for i := range fs {
		if part[i] != p {
			continue
		}
		f := &fs[i]
		if len(idx) == 0 || f.Range.Filename != lastFile {
			lastFile = f.Range.Filename
			fileID = num(files, lastFile)
		}
		id, _ := whats.Number(int32(i))
		if resID == 0 || f.Resource != lastRes {
			lastRes = f.Resource
			resID = num(resources, lastRes) + 1
			blockID = num(blocks, blockOf[i])
		}
		o := uint64(id)<<32 | uint64(resID)
		n := seen[o]
		seen[o] = n + 1
		k := [2]uint64{uint64(id)<<32 | uint64(fileID), uint64(blockID)<<32 | uint64(n)}
		idx = append(idx, int32(i))
		keys = append(keys, k)
		if j, ok := best[k]; ok {
			multi = true
			if f.Resource < fs[j].Resource {
				best[k] = i
			}
			continue
		}
		best[k] = i
	}
	if !multi {
		return false
	}
	for k, i := range idx {
		if best[keys[k]] != int(i) {
			drop[i] = true
		}
	}
	return true
}
