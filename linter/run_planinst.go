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
	type occ struct{ rule, kind, msg, res string }
	type key struct {
		rule, kind, msg, file, block string
		n                            int
	}
	// Sized for every finding: most of a big plan's findings are on
	// instances, and growing maps of this size leaves as much garbage.
	seen := make(map[occ]int, len(fs))
	best := make(map[key]int, len(fs)) // index of the kept finding
	keys := make([]key, len(fs))
	multi := false
	for i, f := range fs {
		if !plans[f.Range.Filename] || !strings.Contains(f.Resource, "[") {
			keys[i] = key{n: -1}
			continue
		}
		o := occ{f.Rule, string(f.PolicyKind), f.Message, f.Resource}
		n := seen[o]
		seen[o] = n + 1
		k := key{f.Rule, string(f.PolicyKind), f.Message, f.Range.Filename, plan.ConfigAddress(f.Resource), n}
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
