package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/plan"
)

// deferredCasesPlan is a plan whose policy strings take every way of
// fromNode: plain (the fast path), not JSON, not an object, unrecognised and
// duplicate elements (warnings), escapes, blank, a managed policy's name and
// path, inline policy blocks, a number (an error of the extraction itself,
// between those of the parses), a data document's json (a reference, no
// parse), an unknown policy, a second consumer of one string.
func deferredCasesPlan(t *testing.T) []byte {
	t.Helper()
	pol := func(stmts string) string {
		return `{"Version":"2012-10-17","Statement":[` + stmts + `]}`
	}
	allow := `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`
	docJSON := pol(`{"Sid":"","Effect":"Allow","Action":"iam:*","Resource":"*"}`)
	type res struct {
		addr, typ, name string
		after           map[string]any
		unknown         map[string]any
	}
	rs := []res{
		{"aws_iam_policy.plain", "aws_iam_policy", "plain", map[string]any{"name": "plain", "path": "/x/", "policy": pol(allow)}, nil},
		{"aws_iam_policy.nopath", "aws_iam_policy", "nopath", map[string]any{"name": "nopath", "policy": pol(allow)}, nil},
		{"aws_iam_policy.broken", "aws_iam_policy", "broken", map[string]any{"name": "b", "policy": `{"Statement": [`}, nil},
		{"aws_iam_policy.array", "aws_iam_policy", "array", map[string]any{"policy": `[1, 2]`}, nil},
		{"aws_iam_policy.extra", "aws_iam_policy", "extra", map[string]any{"policy": `{"Version":"2012-10-17","Foo":1,"Statement":[` + allow + `]}`}, nil},
		{"aws_iam_policy.number", "aws_iam_policy", "number", map[string]any{"policy": 5}, nil},
		{"aws_iam_policy.dup", "aws_iam_policy", "dup", map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Effect":"Deny","Action":"*","Resource":"*"}]}`}, nil},
		{"aws_iam_policy.escaped", "aws_iam_policy", "escaped", map[string]any{"policy": pol(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a\u0026b/é"}`)}, nil},
		{"aws_iam_policy.spaced", "aws_iam_policy", "spaced", map[string]any{"policy": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [" + allow + "]\n}\n"}, nil},
		{"aws_iam_policy.blank", "aws_iam_policy", "blank", map[string]any{"policy": "  "}, nil},
		{"aws_iam_policy.unknown", "aws_iam_policy", "unknown", map[string]any{"name": "u"}, map[string]any{"policy": true}},
		{"aws_iam_policy.fromdoc", "aws_iam_policy", "fromdoc", map[string]any{"policy": docJSON}, nil},
		{"aws_iam_role.r", "aws_iam_role", "r", map[string]any{"name": "r",
			"assume_role_policy": pol(`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}`),
			"inline_policy":      []any{map[string]any{"name": "a", "policy": pol(allow)}, map[string]any{"name": "b", "policy": `nope`}}}, nil},
		{"aws_iam_role_policy.rp", "aws_iam_role_policy", "rp", map[string]any{"role": "r", "policy": pol(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)}, nil},
		{"aws_s3_bucket_policy.b", "aws_s3_bucket_policy", "b", map[string]any{"bucket": "b", "policy": pol(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)}, nil},
		{"aws_iam_user_policy.up", "aws_iam_user_policy", "up", map[string]any{"user": "u", "policy": pol(allow + "," + allow)}, nil},
	}
	var changes []any
	for _, r := range rs {
		unk := map[string]any{}
		for k, v := range r.unknown {
			unk[k] = v
		}
		changes = append(changes, map[string]any{"address": r.addr, "mode": "managed", "type": r.typ, "name": r.name,
			"change": map[string]any{"actions": []string{"create"}, "before": nil, "after": r.after, "after_unknown": unk}})
	}
	changes = append(changes, map[string]any{"address": "data.aws_iam_policy_document.d", "mode": "data", "type": "aws_iam_policy_document", "name": "d",
		"change": map[string]any{"actions": []string{"read"}, "before": nil, "after": map[string]any{"json": docJSON,
			"statement": []any{map[string]any{"effect": "Allow", "actions": []string{"iam:*"}, "resources": []string{"*"}}}}, "after_unknown": map[string]any{}}})
	b, err := json.MarshalIndent(map[string]any{"format_version": "1.2", "resource_changes": changes}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSpacesDeferred checks that SpacesDeferred, with the bodies dropped
// before Merge, gives the model and diagnostics Spaces gives: on edge
// cases, the plan twins and the corpus plans (when ../shared is there).
// Spaces builds the documents of many policy strings ahead (preparse),
// SpacesDeferred one by one (parseString): the same documents.
func TestSpacesDeferred(t *testing.T) {
	// cases-many.json: enough policy strings for Spaces to build them
	// ahead (preparse, with its own fast path) and SpacesDeferred after.
	inputs := map[string][]byte{"cases.json": deferredCasesPlan(t), "cases-many.json": bigCasesPlan(t, 2*preparseMin/10, trustJSON(t))}
	var paths []string
	for _, g := range []string{"../../testdata/plans/*/*.plan.json", "../plan/testdata/*.json", "../../../shared/corpus/plans/*/*.json"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		if filepath.Base(p) == "SOURCE.json" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if plan.IsPlan(src) {
			inputs[p] = src
		}
	}
	if len(inputs) < 20 {
		t.Fatalf("%d plans", len(inputs))
	}
	docs := 0
	for name, src := range inputs {
		load := func() *eval.Result {
			p, diags := plan.Load(name, src, plan.Options{SkipBefore: true})
			if p == nil {
				t.Fatalf("%s: %v", name, diags)
			}
			return p.After
		}
		eager, eagerDiags := Merge(Spaces(load()), map[string][]byte{name: src})
		res := load()
		sps := SpacesDeferred(res)
		for _, m := range res.Modules {
			for _, b := range m.Blocks {
				b.Body = nil // nothing after the extraction reads them
			}
		}
		got, gotDiags := Merge(sps, map[string][]byte{name: src})
		docs += len(got.Documents)
		if len(got.Documents) != len(eager.Documents) {
			t.Errorf("%s: %d documents, want %d", name, len(got.Documents), len(eager.Documents))
			continue
		}
		for i := range got.Documents {
			if !reflect.DeepEqual(got.Documents[i], eager.Documents[i]) {
				t.Errorf("%s: document %d (%s %s):\n got %s\nwant %s", name, i, eager.Documents[i].Address, eager.Documents[i].Attribute,
					docString(got.Documents[i]), docString(eager.Documents[i]))
			}
		}
		if g, w := diagStrings(gotDiags), diagStrings(eagerDiags); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: diagnostics\n got %q\nwant %q", name, g, w)
		}
		if g, w := consumersByIndex(got), consumersByIndex(eager); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: consumers %v, want %v", name, g, w)
		}
		gg, wg := *got.Graph, *eager.Graph
		gg.Consumers, wg.Consumers = nil, nil // keyed by pointer: compared above
		if !reflect.DeepEqual(gg, wg) {
			t.Errorf("%s: the graphs differ", name)
		}
		if name == "cases.json" && len(gotDiags) == 0 {
			t.Errorf("cases.json: no diagnostics: the edge cases no longer take the slow paths")
		}
	}
	if docs < 100 {
		t.Errorf("%d documents in all", docs)
	}
}

func docString(d *iam.Document) string {
	b, err := json.Marshal(d)
	if err != nil {
		return fmt.Sprintf("%+v", *d)
	}
	return string(b)
}

func diagStrings(ds hcl.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		s := fmt.Sprintf("%d %s: %s", d.Severity, d.Summary, d.Detail)
		if d.Subject != nil {
			s += " @ " + d.Subject.String()
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// consumersByIndex is m.Graph.Consumers by index of the document in m.Documents.
func consumersByIndex(m *iam.Model) map[int][]string {
	idx := map[*iam.Document]int{}
	for i, d := range m.Documents {
		idx[d] = i
	}
	out := map[int][]string{}
	for d, c := range m.Graph.Consumers {
		i, ok := idx[d]
		if !ok {
			i = -1 - len(out)
		}
		out[i] = c
	}
	return out
}

// TestSpacesDeferredThen: documented is called once per space, after its
// documents are extracted (they are all there, in the order they end up
// in) and before its graph is made; the spaces are SpacesDeferred's.
func TestSpacesDeferredThen(t *testing.T) {
	src := deferredCasesPlan(t)
	load := func() *eval.Result {
		p, diags := plan.Load("cases.json", src, plan.Options{SkipBefore: true})
		if p == nil {
			t.Fatalf("%v", diags)
		}
		return p.After
	}
	want, wantDiags := Merge(SpacesDeferred(load()), map[string][]byte{"cases.json": src})
	calls := 0
	sps := SpacesDeferredThen(load(), func() { calls++ })
	if calls != len(sps) || calls == 0 {
		t.Errorf("documented called %d times for %d spaces", calls, len(sps))
	}
	got, gotDiags := Merge(sps, map[string][]byte{"cases.json": src})
	if len(got.Documents) != len(want.Documents) || len(got.Documents) == 0 {
		t.Fatalf("%d documents, want %d", len(got.Documents), len(want.Documents))
	}
	for i := range got.Documents {
		if !reflect.DeepEqual(got.Documents[i], want.Documents[i]) {
			t.Errorf("document %d: got %s\nwant %s", i, docString(got.Documents[i]), docString(want.Documents[i]))
		}
	}
	if g, w := diagStrings(gotDiags), diagStrings(wantDiags); !reflect.DeepEqual(g, w) {
		t.Errorf("diagnostics\n got %q\nwant %q", g, w)
	}
	gg, wg := got.Graph, want.Graph
	if len(gg.Roles) != len(wg.Roles) || len(gg.Inline) != len(wg.Inline) || len(gg.Attachments) != len(wg.Attachments) || len(gg.Roles)+len(gg.Inline) == 0 {
		t.Errorf("graph: %d roles, %d inline, %d attachments; want %d, %d, %d", len(gg.Roles), len(gg.Inline), len(gg.Attachments),
			len(wg.Roles), len(wg.Inline), len(wg.Attachments))
	}
}
