package linter

import (
	"os"
	"strings"

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
	// are next to each other (sorted), so the last ones are remembered.
	type what struct{ rule, kind, msg string }
	type occ struct {
		what int32
		res  string
	}
	type key struct {
		what        int32
		file, block string
		n           int
	}
	// Sized for every finding: most of a big plan's findings are on
	// instances, and growing maps of this size leaves as much garbage.
	whats := map[what]int32{}
	seen := make(map[occ]int, len(fs))
	best := make(map[key]int, len(fs)) // index of the kept finding
	keys := make([]key, len(fs))
	multi := false
	lastFile, lastRes, lastBlock := "", "", ""
	inPlan := false
	for i, f := range fs {
		if i == 0 || f.Range.Filename != lastFile {
			lastFile, inPlan = f.Range.Filename, plans[f.Range.Filename]
		}
		if !inPlan || !strings.Contains(f.Resource, "[") {
			keys[i] = key{n: -1}
			continue
		}
		w := what{f.Rule, string(f.PolicyKind), f.Message}
		id, ok := whats[w]
		if !ok {
			id = int32(len(whats))
			whats[w] = id
		}
		o := occ{id, f.Resource}
		n := seen[o]
		seen[o] = n + 1
		if lastBlock == "" || f.Resource != lastRes {
			lastRes, lastBlock = f.Resource, plan.ConfigAddress(f.Resource)
		}
		k := key{id, f.Range.Filename, lastBlock, n}
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
		if keys[i].n >= 0 && best[keys[i]] != i {
			continue
		}
		out = append(out, f)
	}
	return out
}
