package linter

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/plan"
)

// mergeInstancesRef is mergeInstances written plainly: a finding of a plan
// instance is keyed by its rule, kind, message, file, block and how many
// findings of its resource with that rule, kind and message come before
// it; of each key, the finding of the smallest resource (the first one of
// it) is kept.
func mergeInstancesRef(fs []Finding, plans map[string]bool) []Finding {
	type what struct{ rule, kind, msg, res string }
	type key struct {
		rule, kind, msg, file, block string
		n                            int
	}
	seen := map[what]int{}
	best := map[key]int{}
	keys := make([]*key, len(fs))
	for i, f := range fs {
		if !plans[f.Range.Filename] || !strings.Contains(f.Resource, "[") {
			continue
		}
		w := what{f.Rule, string(f.PolicyKind), f.Message, f.Resource}
		k := key{f.Rule, string(f.PolicyKind), f.Message, f.Range.Filename, plan.ConfigAddress(f.Resource), seen[w]}
		seen[w]++
		keys[i] = &k
		if j, ok := best[k]; !ok || f.Resource < fs[j].Resource {
			best[k] = i
		}
	}
	// The kept finding of a key names how many others it stands for and
	// the first of them (the smallest address, the first in order of
	// equals).
	count, other := map[key]int{}, map[key]int{}
	for i := range fs {
		if keys[i] == nil || best[*keys[i]] == i {
			continue
		}
		k := *keys[i]
		count[k]++
		if j, ok := other[k]; !ok || fs[i].Resource < fs[j].Resource {
			other[k] = i
		}
	}
	var out []Finding
	for i, f := range fs {
		if keys[i] == nil || best[*keys[i]] == i {
			if keys[i] != nil && count[*keys[i]] > 0 {
				f.Related = append(slices.Clip(f.Related), instancesNote(count[*keys[i]], &fs[other[*keys[i]]]))
			}
			out = append(out, f)
		}
	}
	return out
}

// mergeInstances gives the result of mergeInstancesRef on random findings
// (small and big groups of one message, several plans, resources seen in
// several runs, findings that are not of a plan instance), and when every
// hash of a rule, kind and message collides.
func TestMergeInstancesMatchesRef(t *testing.T) {
	plans := map[string]bool{"a.json": true, "b.json": true}
	files := []string{"a.json", "b.json", "main.tf"}
	resources := []string{
		`aws_iam_policy.p["x"]`, `aws_iam_policy.p["y"]`, `aws_iam_policy.p["z"]`, `aws_iam_policy.q`,
		`aws_iam_role.r[0]`, `aws_iam_role.r[1]`, `aws_iam_role.r[2]`, `aws_iam_role.r[10]`,
		`module.m["a"].aws_iam_policy.p`, `module.m["b"].aws_iam_policy.p`, `module.m[0].aws_iam_role.r[3]`,
	}
	for _, mask := range []uint64{^uint64(0), 0} {
		for seed := range uint64(60) {
			r := rand.New(rand.NewPCG(seed, mask))
			n := 1 + r.IntN(20)
			if seed%3 == 0 {
				n = 200 + r.IntN(400) // groups bigger than the linear search's
			}
			msgs := 1 + r.IntN(4)
			fs := make([]Finding, n)
			for i := range fs {
				fs[i] = Finding{
					Rule:       fmt.Sprintf("rule-%d", r.IntN(2)),
					Message:    fmt.Sprintf("message %d", r.IntN(msgs)),
					Resource:   resources[r.IntN(len(resources))],
					PolicyKind: []iam.Kind{"", "identity"}[r.IntN(2)],
					Range:      hcl.Range{Filename: files[r.IntN(len(files))], Start: hcl.Pos{Line: i + 1}},
				}
			}
			want := mergeInstancesRef(append([]Finding(nil), fs...), plans)
			restore := func(m uint64) func() { old := hashMask; hashMask = m; return func() { hashMask = old } }(mask)
			got := mergeInstances(append([]Finding(nil), fs...), plans)
			restore()
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("mask %x seed %d: %d findings merged to %d, want %d", mask, seed, len(fs), len(got), len(want))
			}
		}
	}
}
