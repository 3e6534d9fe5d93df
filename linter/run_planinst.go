package linter

import (
	"hash/maphash"
	"os"
	"strings"

	"github.com/iamlint/iamlint/internal/hashnum"
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
	whats := hashnum.New(0, func(i int32) uint64 {
		f := &fs[i]
		h.Reset()
		h.WriteString(f.Rule)
		h.WriteByte(0)
		h.WriteString(string(f.PolicyKind))
		h.WriteByte(0)
		h.WriteString(f.Message)
		return h.Sum64() & hashMask
	}, func(i int32) what {
		f := &fs[i]
		return what{f.Rule, string(f.PolicyKind), f.Message}
	})
	files, resources, blocks := map[string]uint32{}, map[string]uint32{}, map[string]uint32{}
	num := func(names map[string]uint32, s string) uint32 {
		id, ok := names[s]
		if !ok {
			id = uint32(len(names))
			names[s] = id
		}
		return id
	}
	// Sized for every finding: most of a big plan's findings are on
	// instances, and growing maps of this size leaves as much garbage.
	seen := make(map[uint64]uint32, len(fs)) // what, resource -> findings so far
	best := make(map[[2]uint64]int, len(fs)) // what, file, block, n -> index of the kept finding
	keys := make([][2]uint64, len(fs))
	none := [2]uint64{^uint64(0), ^uint64(0)} // not a plan instance's: kept
	multi := false
	lastFile, lastRes := "", ""
	var fileID, resID, blockID uint32
	inPlan := false
	for i := range fs {
		f := &fs[i]
		if i == 0 || f.Range.Filename != lastFile {
			lastFile, inPlan = f.Range.Filename, plans[f.Range.Filename]
			fileID = num(files, lastFile)
		}
		if !inPlan || !strings.Contains(f.Resource, "[") {
			keys[i] = none
			continue
		}
		id, _ := whats.Number(int32(i))
		if resID == 0 || f.Resource != lastRes {
			lastRes = f.Resource
			resID = num(resources, lastRes) + 1
			blockID = num(blocks, plan.ConfigAddress(lastRes))
		}
		o := uint64(id)<<32 | uint64(resID)
		n := seen[o]
		seen[o] = n + 1
		k := [2]uint64{uint64(id)<<32 | uint64(fileID), uint64(blockID)<<32 | uint64(n)}
		keys[i] = k
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
		return fs
	}
	out := fs[:0]
	for i, f := range fs {
		if keys[i] != none && best[keys[i]] != i {
			continue
		}
		out = append(out, f)
	}
	return out
}
