package linter_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// Plans written with terraform plan -allow-deferral (Terraform 1.9+) list
// the changes left to a later plan in deferred_changes: {"reason": ...,
// "resource_change": {an element of resource_changes}}. Their policies are
// linted like those of resource_changes, with what the plan knows.

// deferred is one element of deferred_changes.
func deferred(reason string, rc obj) obj {
	return obj{"reason": reason, "resource_change": rc}
}

// deferredPlan returns a plan with resource_changes, deferred_changes and,
// in prior_state, the resources prior (records of a state's resources).
func deferredPlan(changes, deferredChanges, prior []obj) []byte {
	if changes == nil {
		changes = []obj{}
	}
	p := obj{"format_version": "1.2", "terraform_version": "1.10.0",
		"planned_values": obj{"root_module": obj{}}, "resource_changes": changes, "deferred_changes": deferredChanges}
	if len(prior) > 0 {
		p["prior_state"] = obj{"format_version": "1.0", "terraform_version": "1.10.0",
			"values": obj{"root_module": obj{"resources": prior}}}
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// stateRecord is a managed resource of prior_state.
func stateRecord(addr string, values obj) obj {
	_, typ, name, mode := splitAddr(addr)
	return obj{"address": addr, "mode": mode, "type": typ, "name": name,
		"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
		"values": values, "sensitive_values": obj{}}
}

// lineCol returns the 1-based line and column of the n-th (from 0)
// occurrence of sub in src, or 0, 0.
func lineCol(src []byte, sub string, n int) (int, int) {
	off := 0
	for i := 0; ; i++ {
		k := bytes.Index(src[off:], []byte(sub))
		if k < 0 {
			return 0, 0
		}
		off += k
		if i == n {
			break
		}
		off++
	}
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	return line, off - bytes.LastIndexByte(src[:off], '\n')
}

func noticesWith(res *linter.Result, sub string) []linter.Notice {
	var out []linter.Notice
	for _, n := range res.Notices {
		if strings.Contains(n.Message, sub) {
			out = append(out, n)
		}
	}
	return out
}

var wildAction = []*linter.Rule{rules.ByID("wildcard-action")}

// A deferred change's known policy is linted, on its address, at the
// element of the plan; its notice says so.
func TestPlanDeferredChangeLinted(t *testing.T) {
	wild := policy(allow("*", "*"))
	rc := change(`aws_iam_policy.per_team["*"]`, []string{"create"}, nil,
		obj{"name": "x", "path": "/", "policy": wild}, obj{"arn": true, "id": true})
	src := deferredPlan(nil, []obj{deferred("instance_count_unknown", rc)}, nil)
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: wildAction})
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v, want one", pairs(res))
	}
	f := res.Findings[0]
	if f.Resource != `aws_iam_policy.per_team["*"]` || f.Rule != "wildcard-action" {
		t.Errorf("finding %s %s", f.Resource, f.Rule)
	}
	line, col := lineCol(src, `\"Action\":\"*\"`, 0)
	col += len(`\"Action\":`)
	if f.Range.Start.Line != line || f.Range.Start.Column != col || f.Range.End.Column != col+len(`\"*\"`) {
		t.Errorf("finding at %d:%d-%d, want %d:%d-%d", f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Column, line, col, col+len(`\"*\"`))
	}
	ns := noticesWith(res, "deferred to a later plan")
	if len(ns) != 1 || !strings.Contains(ns[0].Message, "(instance_count_unknown): the plan shows part of its values; its policies are linted with what is known") {
		t.Errorf("notices %+v", res.Notices)
	}
	if l, _ := lineCol(src, `"address": "aws_iam_policy.per_team[\"*\"]"`, 0); len(ns) == 1 && ns[0].Line != l {
		t.Errorf("notice line %d, want %d", ns[0].Line, l)
	}
	if res.Summary.Resources != 1 || res.Summary.Policies != 1 {
		t.Errorf("summary %+v", res.Summary)
	}
}

// What the plan does not know stays unknown: never "*", never a finding;
// the policy is reported unknown (a notice) instead.
func TestPlanDeferredChangeUnknown(t *testing.T) {
	// The policy is unknown (after_unknown), the name known.
	partial := change("aws_iam_policy.partial", []string{"create"}, nil,
		obj{"name": "p", "path": "/"}, obj{"arn": true, "policy": true})
	// No after value at all: all of it is unknown.
	none := change("aws_iam_role_policy.none", []string{"create"}, nil, nil, nil)
	// An unknown attribute next to a known wildcard: the known part is linted.
	role := change("aws_iam_role.r", []string{"create"}, nil,
		obj{"name": "r", "assume_role_policy": policy(obj{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": obj{"Service": "ec2.amazonaws.com"}})},
		obj{"arn": true, "inline_policy": true})
	src := deferredPlan(nil, []obj{deferred("provider_config_unknown", partial), deferred("provider_config_unknown", none),
		deferred("resource_config_unknown", role)}, nil)
	res := lintPlan(t, t.TempDir(), src, linter.Options{})
	for _, f := range res.Findings {
		if f.Resource != "aws_iam_role.r" {
			t.Errorf("finding on an unknown policy: %s %s %s", f.Resource, f.Rule, f.Message)
		}
	}
	for _, addr := range []string{"aws_iam_policy.partial", "aws_iam_role_policy.none"} {
		if ns := noticesWith(res, "The policy of "+addr+" (policy) is unknown until apply"); len(ns) != 1 {
			t.Errorf("%s: no unknown-policy notice in %+v", addr, res.Notices)
		}
	}
	if ns := noticesWith(res, "aws_iam_role_policy.none is deferred to a later plan (provider_config_unknown) and the plan shows none of its values"); len(ns) != 1 {
		t.Errorf("notices %+v", res.Notices)
	}
	if len(res.Errors) != 0 {
		t.Errorf("errors %+v", res.Errors)
	}
}

// A value the plan marks sensitive is linted but never printed.
func TestPlanDeferredChangeSensitive(t *testing.T) {
	rc := change("aws_iam_policy.secret", []string{"create"}, nil,
		obj{"name": "s", "policy": policy(allow("*", "*"))}, obj{"arn": true})
	rc["change"].(obj)["after_sensitive"] = obj{"policy": true}
	src := deferredPlan(nil, []obj{deferred("deferred_prereq", rc)}, nil)
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: wildAction})
	if got := pairs(res); !eq(got, []string{"aws_iam_policy.secret wildcard-action"}) {
		t.Fatalf("findings %v", got)
	}
	for name, write := range map[string]func(*bytes.Buffer, *linter.Result) error{
		"text": func(w *bytes.Buffer, r *linter.Result) error {
			return report.Text(w, r, report.Meta{ToolName: "iamlint", Rules: rules.All})
		},
		"json": func(w *bytes.Buffer, r *linter.Result) error {
			return report.JSON(w, r, report.Meta{ToolName: "iamlint", Rules: rules.All})
		},
	} {
		var buf bytes.Buffer
		if err := write(&buf, res); err != nil {
			t.Fatal(err)
		}
		if out := buf.String(); strings.Contains(out, "2012-10-17") || strings.Contains(out, `Action\":`) {
			t.Errorf("%s report prints the sensitive policy:\n%s", name, out)
		}
	}
}

// --new-only: a deferred create is new; a deferred update is compared with
// its before value, or with prior_state when it has none; a deferred no-op
// is not new; a deferred delete is never reported.
func TestPlanDeferredChangeNewOnly(t *testing.T) {
	wild := policy(allow("*", "*"))
	scoped := policy(allow("s3:GetObject", "arn:aws:s3:::b/*"))
	src := deferredPlan(nil, []obj{
		deferred("instance_count_unknown", change(`aws_iam_policy.created["*"]`, []string{"create"}, nil,
			obj{"name": "c", "policy": wild}, obj{"arn": true})),
		deferred("provider_config_unknown", change("aws_iam_policy.widened", []string{"update"},
			obj{"name": "w", "policy": scoped}, obj{"name": "w", "policy": wild}, nil)),
		deferred("provider_config_unknown", change("aws_iam_policy.kept", []string{"update"},
			obj{"name": "k", "policy": wild}, obj{"name": "k2", "policy": wild}, nil)),
		// No before in the change: prior_state has it (the same wildcard).
		deferred("provider_config_unknown", change("aws_iam_policy.prior", []string{"update"},
			nil, obj{"name": "p2", "policy": wild}, nil)),
		deferred("provider_config_unknown", change("aws_iam_policy.same", []string{"no-op"},
			obj{"name": "s", "policy": wild}, obj{"name": "s", "policy": wild}, nil)),
		deferred("provider_config_unknown", change("aws_iam_policy.gone", []string{"delete"},
			obj{"name": "g", "policy": wild}, nil, nil)),
	}, []obj{stateRecord("aws_iam_policy.prior", obj{"name": "p", "policy": wild})})
	all := []string{
		`aws_iam_policy.created["*"] wildcard-action`,
		"aws_iam_policy.kept wildcard-action",
		"aws_iam_policy.prior wildcard-action",
		"aws_iam_policy.same wildcard-action",
		"aws_iam_policy.widened wildcard-action",
	}
	if got := pairs(lintPlan(t, t.TempDir(), src, linter.Options{Rules: wildAction})); !eq(got, all) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(all, "\n"))
	}
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: wildAction, NewOnly: true})
	want := []string{
		`aws_iam_policy.created["*"] wildcard-action`,
		"aws_iam_policy.widened wildcard-action",
	}
	if got := pairs(res); !eq(got, want) {
		t.Errorf("--new-only findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ns := noticesWith(res, "aws_iam_policy.gone is deferred to a later plan (provider_config_unknown): it leaves no object behind (actions delete)"); len(ns) != 1 {
		t.Errorf("notices %+v", res.Notices)
	}
}

// A deferred change whose address is also in resource_changes (before or
// after deferred_changes in the file), or listed twice, or also in
// prior_state, is linted once.
func TestPlanDeferredChangeDuplicate(t *testing.T) {
	wild := policy(allow("*", "*"))
	rc := change("aws_iam_policy.p", []string{"create"}, nil, obj{"name": "p", "policy": wild}, nil)
	// Another after value for the same address in deferred_changes:
	// resource_changes wins.
	other := change("aws_iam_policy.p", []string{"create"}, nil, obj{"name": "p", "policy": policy(allow("iam:*", "*"))}, nil)
	twice := change("aws_iam_policy.q", []string{"create"}, nil, obj{"name": "q", "policy": wild}, nil)
	src := deferredPlan([]obj{rc}, []obj{deferred("x", other), deferred("x", twice), deferred("x", twice)},
		[]obj{stateRecord("aws_iam_policy.q", obj{"name": "q", "policy": wild})})
	if !bytes.Contains(src, []byte(`"deferred_changes"`)) || bytes.Index(src, []byte(`"deferred_changes"`)) > bytes.Index(src, []byte(`"resource_changes"`)) {
		t.Fatal("the test wants deferred_changes before resource_changes in the file")
	}
	rs := []*linter.Rule{rules.ByID("wildcard-action"), rules.ByID("wildcard-service-action")}
	for _, newOnly := range []bool{false, true} {
		res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: rs, NewOnly: newOnly})
		want := []string{"aws_iam_policy.p wildcard-action", "aws_iam_policy.q wildcard-action"}
		if got := pairs(res); !eq(got, want) {
			t.Errorf("new-only %v: findings:\n%s\nwant:\n%s", newOnly, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if ns := noticesWith(res, "aws_iam_policy.p is deferred to a later plan (x) but also in resource_changes: linted once"); len(ns) != 1 {
			t.Errorf("notices %+v", res.Notices)
		}
		if ns := noticesWith(res, "aws_iam_policy.q is deferred to a later plan (x) but also in deferred_changes already"); len(ns) != 1 {
			t.Errorf("notices %+v", res.Notices)
		}
	}
}

// A deferred data aws_iam_policy_document: its json, consumed by a
// resource, is linted once, on the data source.
func TestPlanDeferredDataDocument(t *testing.T) {
	docData, docJSON := policyDocData("data.aws_iam_policy_document.d", []string{"*"}, []string{"*"})
	doc := change("data.aws_iam_policy_document.d", []string{"read"}, nil, docData["values"].(obj), nil)
	consumer := change("aws_iam_role_policy.c", []string{"create"}, nil, obj{"name": "c", "role": "r", "policy": docJSON}, nil)
	src := deferredPlan([]obj{consumer}, []obj{deferred("deferred_prereq", doc)}, nil)
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: wildAction})
	if got := pairs(res); !eq(got, []string{"data.aws_iam_policy_document.d wildcard-action"}) {
		t.Errorf("findings %v", got)
	}
	// Unknown json (a document deferred with its inputs): nothing linted.
	doc = change("data.aws_iam_policy_document.d", []string{"read"}, nil, obj{"id": nil}, obj{"json": true, "minified_json": true, "id": true})
	consumer = change("aws_iam_role_policy.c", []string{"create"}, nil, obj{"name": "c", "role": "r"}, obj{"policy": true})
	src = deferredPlan(nil, []obj{deferred("deferred_prereq", doc), deferred("deferred_prereq", consumer)}, nil)
	res = lintPlan(t, t.TempDir(), src, linter.Options{})
	if len(res.Findings) != 0 {
		t.Errorf("findings on unknown documents: %v", pairs(res))
	}
}

// A deferred document whose json is unknown but whose statements are known
// (its inputs are deferred, its statement blocks written literally) is
// linted from its statements, once, when the configuration says a deferred
// consumer's unknown policy is its json.
func TestPlanDeferredDataDocumentStatements(t *testing.T) {
	src := []byte(`{"format_version": "1.2", "terraform_version": "1.10.0", "planned_values": {"root_module": {}},
 "resource_changes": [],
 "deferred_changes": [
  {"reason": "deferred_prereq", "resource_change": {"address": "data.aws_iam_policy_document.e", "mode": "data", "type": "aws_iam_policy_document", "name": "e",
   "change": {"actions": ["read"], "before": null,
    "after": {"statement": [{"actions": ["*"], "resources": ["*"], "effect": "Allow"}]},
    "after_unknown": {"json": true, "minified_json": true, "id": true}}}},
  {"reason": "instance_count_unknown", "resource_change": {"address": "aws_iam_role_policy.f[*]", "mode": "managed", "type": "aws_iam_role_policy", "name": "f",
   "change": {"actions": ["create"], "before": null, "after": {"name": "f", "role": "r"}, "after_unknown": {"policy": true, "id": true}}}}
 ],
 "configuration": {"root_module": {"resources": [
  {"address": "aws_iam_role_policy.f", "mode": "managed", "type": "aws_iam_role_policy", "name": "f",
   "expressions": {"policy": {"references": ["data.aws_iam_policy_document.e.json", "data.aws_iam_policy_document.e"]}, "role": {"constant_value": "r"}}},
  {"address": "data.aws_iam_policy_document.e", "mode": "data", "type": "aws_iam_policy_document", "name": "e",
   "expressions": {"statement": [{"actions": {"constant_value": ["*"]}, "resources": {"constant_value": ["*"]}}]}}
 ]}}}`)
	for _, newOnly := range []bool{false, true} {
		res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: wildAction, NewOnly: newOnly})
		if got := pairs(res); !eq(got, []string{"data.aws_iam_policy_document.e wildcard-action"}) {
			t.Fatalf("new-only %v: findings %v", newOnly, got)
		}
		line, col := lineCol(src, `"actions": ["*"]`, 0)
		col += len(`"actions": [`)
		if f := res.Findings[0]; f.Range.Start.Line != line || f.Range.Start.Column != col {
			t.Errorf("finding at %d:%d, want %d:%d", f.Range.Start.Line, f.Range.Start.Column, line, col)
		}
		if ns := noticesWith(res, "The policy of aws_iam_role_policy.f[*]"); len(ns) != 0 {
			t.Errorf("consumer called unknown: %+v", ns)
		}
	}
}

// A malformed deferred change is a notice at what is wrong in it (its
// line:column, said once: not again in the message), naming it by its
// path; the rest of the plan is linted.
func TestPlanDeferredChangeMalformed(t *testing.T) {
	wild := policy(allow("*", "*"))
	good := change("aws_iam_policy.good", []string{"create"}, nil, obj{"name": "g", "policy": wild}, nil)
	src := deferredPlan(nil, []obj{
		{"reason": "x", "resource_change": obj{"address": "aws_iam_policy.bad", "change": obj{"actions": "create"}}},
		{"reason": "x", "resource_change": obj{"address": "aws_iam_policy.nochange"}},
		{"reason": "x"},
		deferred("x", good),
	}, nil)
	src = bytes.Replace(src, []byte(`"deferred_changes": [`), []byte(`"deferred_changes": [7,`), 1)
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: wildAction})
	if got := pairs(res); !eq(got, []string{"aws_iam_policy.good wildcard-action"}) {
		t.Errorf("findings %v", got)
	}
	line, col := lineCol(src, `"actions": "create"`, 0)
	col += len(`"actions": `)
	for _, want := range []string{
		"aws_iam_policy.bad is deferred to a later plan (x), but its resource_change is malformed (deferred_changes[1].resource_change.change.actions should be an array of action strings, found a string): not linted",
		"aws_iam_policy.nochange is deferred to a later plan (x) and the plan shows no change for it: nothing to lint",
		"deferred_changes[3] has no resource_change object",
		"deferred_changes[0] is the number 7, not an object",
	} {
		if len(noticesWith(res, want)) != 1 {
			t.Errorf("no notice with %q in %+v", want, res.Notices)
		}
	}
	if ns := noticesWith(res, "aws_iam_policy.bad is"); len(ns) != 1 || ns[0].Line != line || ns[0].Column != col {
		t.Errorf("malformed change at %+v, want %d:%d", ns, line, col)
	}
	for _, n := range noticesWith(res, "Change deferred") {
		if strings.Contains(n.Message, "offset") || strings.Contains(n.Message, "line") || strings.Contains(n.Message, "column") {
			t.Errorf("position in the message: %s", n.Message)
		}
	}
}
