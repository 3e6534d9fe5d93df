package plan

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestBadMarksModesAgree: plans with sensitivity marks of the wrong type
// anywhere Load reads marks (resource_changes' after_sensitive and
// before_sensitive, planned_values' and prior_state's sensitive_values,
// output_changes, resource_drift, deferred_changes; whole, nested, of a
// member the value has not; up to more than maxBadMarks of them, the
// sections in any order) give the same errors, at the same positions, and
// the same sensitive ranges in every way Load has: whole, with the
// pipeline, lazily with the pass over resource_changes split in two (as a
// plan streamed through windows is loaded).
func TestBadMarksModesAgree(t *testing.T) {
	bads := []string{`"yes"`, `1`, `[true]`, `{"name": "x"}`, `{"arn": 2}`, `{}`, `true`, `false`, `{"name": [1]}`, `{"tags": {"a": "b"}}`, `{"list": ["x", true]}`, `null`}
	vals := []string{`{"name": "n"}`, `{"name": "n", "tags": {"a": "s"}, "list": ["a", "b"]}`, `null`, `{"list": [{"k": "v"}]}`}
	r := rand.New(rand.NewSource(2))
	capped := 0
	for iter := 0; iter < 300; iter++ {
		n := 1 + r.Intn(20)
		pick := func(a []string) string { return a[r.Intn(len(a))] }
		var changes, res, prior []string
		for i := 0; i < n; i++ {
			ch := fmt.Sprintf(`{"address":"aws_iam_policy.p%d", "type": "aws_iam_policy", "change": {"actions": ["update"], "before": %s, "after": %s, "after_unknown": {}, "after_sensitive": %s, "before_sensitive": %s}}`, i, pick(vals), pick(vals), pick(bads), pick(bads))
			if r.Intn(5) == 0 {
				ch = fmt.Sprintf(`{"address":"aws_iam_policy.p%d", "type": "aws_iam_policy", "change": {"actions": ["create"], "after": %s, "after_sensitive": %s}}`, i, pick(vals), pick(bads))
			}
			changes = append(changes, ch)
			if r.Intn(2) == 0 {
				res = append(res, fmt.Sprintf(`{"address": "aws_iam_policy.p%d", "mode": "managed", "type": "aws_iam_policy", "name": "p%d", "values": %s, "sensitive_values": %s}`, i, i, pick(vals), pick(bads)))
			}
			if r.Intn(3) == 0 {
				prior = append(prior, fmt.Sprintf(`{"address": "aws_iam_policy.p%d", "mode": "managed", "type": "aws_iam_policy", "name": "p%d", "values": %s, "sensitive_values": %s}`, i, i, pick(vals), pick(bads)))
			}
		}
		pv := `"planned_values": {"root_module": {"resources": [` + strings.Join(res, ",\n") + "]}}"
		ps := `"prior_state": {"values": {"root_module": {"resources": [` + strings.Join(prior, ",\n") + "]}}}"
		rc := "\"resource_changes\": [\n" + strings.Join(changes, ",\n") + "]"
		oc := fmt.Sprintf(`"output_changes": {"o": {"actions": ["create"], "after": "v", "after_sensitive": %s, "before_sensitive": %s}}`, pick(bads), pick(bads))
		rd := fmt.Sprintf(`"resource_drift": [{"address": "x.y", "change": {"before": %s, "before_sensitive": %s, "after": %s, "after_sensitive": %s}}]`, pick(vals), pick(bads), pick(vals), pick(bads))
		dc := fmt.Sprintf(`"deferred_changes": [{"reason": "x", "resource_change": {"address":"aws_iam_policy.q", "type": "aws_iam_policy", "change": {"actions": ["create"], "after": %s, "after_unknown": {}, "after_sensitive": %s}}}]`, pick(vals), pick(bads))
		parts := []string{pv, ps, rc, oc, rd, dc}
		r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		src := "{\"format_version\": \"1.2\",\n" + strings.Join(parts, ",\n") + "}"
		var first string
		loadModes(t, src, func(mode string, p *Plan, diags hcl.Diagnostics) {
			var b strings.Builder
			fmt.Fprintln(&b, diags)
			if p != nil {
				for _, d := range p.After.Diags {
					fmt.Fprintf(&b, "%s %s %v\n", d.Summary, d.Detail, d.Subject)
				}
				fmt.Fprintln(&b, Disjoint(append([][2]int(nil), p.Sensitive...)))
			}
			if first == "" {
				first = b.String()
				if strings.Contains(first, "the others not listed") {
					capped++
				}
			} else if b.String() != first {
				t.Fatalf("%s differs:\n%s\nwant\n%s\nsrc %s", mode, b.String(), first, src)
			}
		})
	}
	if capped < 10 {
		t.Errorf("%d plans with more than %d bad marks", capped, maxBadMarks)
	}
}
