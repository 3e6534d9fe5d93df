package extract

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/plan"
)

// bigCasesPlan is a plan of copies of deferredCasesPlan's resources (the
// edge cases of the policy strings) with users, groups, memberships,
// attachments and roles trusting a data document by its json, enough of
// them for spaceOf to extract on several goroutines.
func bigCasesPlan(t *testing.T, copies int, trustJSON string) []byte {
	t.Helper()
	var base struct {
		Changes []map[string]any `json:"resource_changes"`
	}
	if err := json.Unmarshal(deferredCasesPlan(t), &base); err != nil {
		t.Fatal(err)
	}
	docJSON := trustJSON
	change := func(addr, typ, name string, after map[string]any) map[string]any {
		return map[string]any{"address": addr, "mode": "managed", "type": typ, "name": name,
			"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": after, "after_unknown": map[string]any{}}}
	}
	var changes []any
	for i := range copies {
		for _, c := range base.Changes {
			cp := map[string]any{}
			for k, v := range c {
				cp[k] = v
			}
			cp["address"] = fmt.Sprintf("module.m%d.%s", i, c["address"])
			cp["module_address"] = fmt.Sprintf("module.m%d", i)
			changes = append(changes, cp)
		}
		m := fmt.Sprintf("module.m%d.", i)
		u, g := fmt.Sprintf("u%d", i), fmt.Sprintf("g%d", i%7)
		changes = append(changes,
			change(m+"aws_iam_user.u", "aws_iam_user", "u", map[string]any{"name": u}),
			change(m+"aws_iam_group.g", "aws_iam_group", "g", map[string]any{"name": g}),
			change(m+"aws_iam_user_group_membership.m", "aws_iam_user_group_membership", "m", map[string]any{"user": u, "groups": []string{g, "elsewhere"}}),
			change(m+"aws_iam_user_policy_attachment.a", "aws_iam_user_policy_attachment", "a", map[string]any{"user": u, "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
			change(m+"aws_iam_role.a_before", "aws_iam_role", "a_before", map[string]any{"name": fmt.Sprintf("rb%d", i), "assume_role_policy": docJSON}),
			change(m+"aws_iam_role_policy_attachment.ra", "aws_iam_role_policy_attachment", "ra", map[string]any{"role": fmt.Sprintf("rb%d", i), "policy_arn": "arn:aws:iam::123456789012:policy/plain"}),
			map[string]any{"address": m + "data.aws_iam_policy_document.trust", "module_address": fmt.Sprintf("module.m%d", i), "mode": "data", "type": "aws_iam_policy_document", "name": "trust",
				"change": map[string]any{"actions": []string{"read"}, "before": nil, "after": map[string]any{"json": "{}", // not the roles' text: linked by its rendering
					"statement": []any{map[string]any{"effect": "Allow", "actions": []string{"sts:AssumeRole"},
						"principals": []any{map[string]any{"type": "Service", "identifiers": []string{"ec2.amazonaws.com"}}}}}}, "after_unknown": map[string]any{}}},
			change(m+"zz_aws_iam_role.z_after", "aws_iam_role", "z_after", map[string]any{"name": fmt.Sprintf("ra%d", i), "assume_role_policy": docJSON}),
		)
	}
	b, err := json.Marshal(map[string]any{"format_version": "1.2", "resource_changes": changes})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSpacesParallel checks that the extraction of a big plan on several
// goroutines (side scans, the graph's entities, the consumers in chunks)
// gives the model and diagnostics the same extraction in one goroutine
// gives, every time: same documents in the same order, same diagnostics in
// the same order, same graph.
func TestSpacesParallel(t *testing.T) {
	src := bigCasesPlan(t, 400, trustJSON(t))
	name := "big.json"
	extractOnce := func(serial bool) (*iam.Model, []string, int) {
		serialSpaces = serial
		defer func() { serialSpaces = false }()
		p, diags := plan.Load(name, src, plan.Options{SkipBefore: true})
		if p == nil {
			t.Fatalf("%v", diags)
		}
		res := p.After
		blocks := 0
		for _, m := range res.Modules {
			blocks += len(m.Blocks)
		}
		sps := SpacesDeferred(res)
		for _, m := range res.Modules {
			for _, b := range m.Blocks {
				b.Body = nil
			}
		}
		m, mdiags := Merge(sps, map[string][]byte{name: src})
		return m, diagStrings(mdiags), blocks
	}
	want, wantDiags, blocks := extractOnce(true)
	if blocks < 2*minConcurrentBlocks || len(want.Documents) < 2*consumeChunk {
		t.Fatalf("%d blocks, %d documents: too few for the parallel extraction", blocks, len(want.Documents))
	}
	if len(wantDiags) < 400 {
		t.Fatalf("%d diagnostics: the edge cases no longer take the slow paths", len(wantDiags))
	}
	linked := 0
	for _, r := range want.Graph.Roles {
		linked += len(r.Trusts)
	}
	if linked == 0 || len(want.Graph.Memberships) == 0 || len(want.Graph.Attachments) == 0 {
		t.Fatalf("graph: %d trust links, %d memberships, %d attachments", linked, len(want.Graph.Memberships), len(want.Graph.Attachments))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // more interleavings
	for run := range 3 {
		got, gotDiags, _ := extractOnce(false)
		if len(got.Documents) != len(want.Documents) {
			t.Fatalf("run %d: %d documents, want %d", run, len(got.Documents), len(want.Documents))
		}
		for i := range got.Documents {
			if !reflect.DeepEqual(got.Documents[i], want.Documents[i]) {
				t.Fatalf("run %d: document %d (%s %s):\n got %s\nwant %s", run, i, want.Documents[i].Address, want.Documents[i].Attribute,
					docString(got.Documents[i]), docString(want.Documents[i]))
			}
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Fatalf("run %d: diagnostics differ:\n got %q\nwant %q", run, gotDiags, wantDiags)
		}
		if g, w := consumersByIndex(got), consumersByIndex(want); !reflect.DeepEqual(g, w) {
			t.Fatalf("run %d: consumers %v, want %v", run, g, w)
		}
		gg, wg := *got.Graph, *want.Graph
		gg.Consumers, wg.Consumers = nil, nil // keyed by pointer: compared above
		if !reflect.DeepEqual(gg, wg) {
			t.Fatalf("run %d: the graphs differ", run)
		}
	}
}

// trustJSON is the rendered minified json of bigCasesPlan's data document.
func trustJSON(t *testing.T) string {
	t.Helper()
	p, diags := plan.Load("one.json", bigCasesPlan(t, 1, "{}"), plan.Options{SkipBefore: true})
	if p == nil {
		t.Fatalf("%v", diags)
	}
	for _, m := range p.After.Modules {
		for _, b := range m.Blocks {
			if b.Type == policyDocumentType {
				if j := RenderPolicyDocument(b.Body).GetAttr("minified_json"); isKnown(j) {
					return j.AsString()
				}
			}
		}
	}
	t.Fatal("no rendered data document")
	return ""
}
