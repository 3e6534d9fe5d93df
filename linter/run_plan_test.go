package linter_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// Plans for these tests are built in the format of `terraform show -json`
// (format_version 1.2): resource_changes with change.actions, before, after
// and after_unknown; prior_state for data sources read during planning.

type obj = map[string]any

func policy(stmts ...obj) string {
	b, _ := json.Marshal(obj{"Version": "2012-10-17", "Statement": stmts})
	return string(b)
}

func allow(action, resource any) obj {
	return obj{"Effect": "Allow", "Action": action, "Resource": resource}
}

// change is one resource_changes entry.
func change(addr string, actions []string, before, after, unknown obj) obj {
	mod, typ, name, mode := splitAddr(addr)
	c := obj{"address": addr, "mode": mode, "type": typ, "name": name,
		"provider_name": "registry.terraform.io/hashicorp/aws",
		"change": obj{"actions": actions, "before": nilIfEmpty(before), "after": nilIfEmpty(after),
			"after_unknown": orEmpty(unknown), "before_sensitive": obj{}, "after_sensitive": obj{}}}
	if mod != "" {
		c["module_address"] = mod
	}
	return c
}

func nilIfEmpty(o obj) any {
	if o == nil {
		return nil
	}
	return o
}

func orEmpty(o obj) obj {
	if o == nil {
		return obj{}
	}
	return o
}

// splitAddr splits module.a.data.aws_x.n into its parts (no instance keys in names here).
func splitAddr(addr string) (mod, typ, name, mode string) {
	parts := strings.Split(addr, ".")
	i := 0
	for i+1 < len(parts) && parts[i] == "module" {
		i += 2
	}
	mod = strings.Join(parts[:i], ".")
	mode = "managed"
	if parts[i] == "data" {
		mode = "data"
		i++
	}
	typ, name = parts[i], parts[i+1]
	if k := strings.IndexByte(name, '['); k >= 0 {
		name = name[:k]
	}
	return
}

// planDoc returns a plan with the changes and, in prior_state, the data sources.
func planDoc(changes []obj, data []obj) []byte {
	p := obj{"format_version": "1.2", "terraform_version": "1.9.5",
		"planned_values": obj{"root_module": obj{}}, "resource_changes": changes}
	if len(data) > 0 {
		p["prior_state"] = obj{"format_version": "1.0", "terraform_version": "1.9.5",
			"values": obj{"root_module": obj{"resources": data}}}
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// policyDocData is a prior_state data aws_iam_policy_document with one statement.
func policyDocData(addr string, actions []string, resources []string) (obj, string) {
	_, typ, name, _ := splitAddr(addr)
	var act any = actions
	if len(actions) == 1 {
		act = actions[0]
	}
	var res any = resources
	if len(resources) == 1 {
		res = resources[0]
	}
	b, _ := json.MarshalIndent(obj{"Version": "2012-10-17", "Statement": []obj{{"Effect": "Allow", "Action": act, "Resource": res}}}, "", "  ")
	js := string(b)
	mb, _ := json.Marshal(json.RawMessage(b))
	return obj{"address": addr, "mode": "data", "type": typ, "name": name,
		"provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
		"values": obj{"id": "1234", "json": js, "minified_json": string(mb), "override_json": nil,
			"override_policy_documents": nil, "policy_id": nil, "source_json": nil, "source_policy_documents": nil, "version": "2012-10-17",
			"statement": []obj{{"actions": actions, "resources": resources, "effect": "Allow", "sid": "",
				"condition": []any{}, "not_actions": []any{}, "not_principals": []any{}, "not_resources": []any{}, "principals": []any{}}}},
		"sensitive_values": obj{}}, js
}

func lintPlan(t *testing.T, dir string, src []byte, opts linter.Options) *linter.Result {
	t.Helper()
	name := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(name, src, 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Paths = []string{name}
	if opts.Rules == nil {
		opts.Rules = rules.All
	}
	res, err := linter.Lint(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors {
		t.Errorf("lint error %s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	}
	return res
}

// pairs returns the sorted "address rule" lines of the findings.
func pairs(res *linter.Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Resource+" "+f.Rule)
	}
	sort.Strings(out)
	return out
}

func eq(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

// newOnlyPlan has one resource per case of --new-only.
func newOnlyPlan() []byte {
	wild := policy(allow("*", "*"))
	scoped := policy(allow("s3:GetObject", "arn:aws:s3:::b/*"))
	// The old wildcard kept, another statement added before it (so the
	// wildcard moves to another statement index, line and column).
	kept := policy(allow("s3:GetObject", "arn:aws:s3:::b/*"), allow("*", "*"))
	docData, docJSON := policyDocData("data.aws_iam_policy_document.d", []string{"iam:*"}, []string{"*"})
	return planDoc([]obj{
		change("aws_iam_policy.widened", []string{"update"},
			obj{"name": "widened", "policy": scoped}, obj{"name": "widened", "policy": wild}, nil),
		change("aws_iam_policy.kept", []string{"update"},
			obj{"name": "kept", "description": "old", "policy": wild}, obj{"name": "kept", "description": "new", "policy": kept}, nil),
		change("aws_iam_policy.created", []string{"create"}, nil, obj{"name": "created", "policy": wild}, obj{"arn": true, "id": true}),
		change("aws_iam_policy.same", []string{"no-op"},
			obj{"name": "same", "policy": wild}, obj{"name": "same", "policy": wild}, nil),
		change("aws_iam_policy.gone", []string{"delete"}, obj{"name": "gone", "policy": wild}, nil, nil),
		change("aws_iam_policy.replaced", []string{"delete", "create"},
			obj{"name": "replaced", "policy": wild}, obj{"name": "replaced2", "policy": wild}, obj{"arn": true}),
		// The consumer of the data document switches to it from a scoped policy.
		change("aws_iam_role_policy.c", []string{"update"},
			obj{"name": "c", "role": "r", "policy": scoped}, obj{"name": "c", "role": "r", "policy": docJSON}, nil),
	}, []obj{docData})
}

func TestPlanChangeSemantics(t *testing.T) {
	res := lintPlan(t, t.TempDir(), newOnlyPlan(), linter.Options{Rules: []*linter.Rule{rules.ByID("wildcard-action"), rules.ByID("wildcard-service-action")}})
	got := pairs(res)
	want := []string{
		"aws_iam_policy.created wildcard-action",
		"aws_iam_policy.kept wildcard-action",
		"aws_iam_policy.replaced wildcard-action",
		"aws_iam_policy.same wildcard-action", // no-op: reported without --new-only
		"aws_iam_policy.widened wildcard-action",
		// Once, on the data source, not again on its consumer c.
		"data.aws_iam_policy_document.d wildcard-service-action",
	}
	if !eq(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPlanNewOnly(t *testing.T) {
	res := lintPlan(t, t.TempDir(), newOnlyPlan(), linter.Options{NewOnly: true,
		Rules: []*linter.Rule{rules.ByID("wildcard-action"), rules.ByID("wildcard-service-action")}})
	got := pairs(res)
	want := []string{
		"aws_iam_policy.created wildcard-action",                 // a new resource with a wildcard
		"aws_iam_policy.widened wildcard-action",                 // an update that adds a wildcard
		"data.aws_iam_policy_document.d wildcard-service-action", // newly consumed by c
	}
	if !eq(got, want) {
		t.Errorf("--new-only findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Summary.Findings != len(want) {
		t.Errorf("summary findings = %d, want %d", res.Summary.Findings, len(want))
	}
}

// A data document whose consumers are all unchanged adds nothing.
func TestPlanNewOnlyDataDocumentUnchanged(t *testing.T) {
	docData, docJSON := policyDocData("data.aws_iam_policy_document.d", []string{"*"}, []string{"*"})
	src := planDoc([]obj{
		change("aws_iam_role_policy.c", []string{"no-op"},
			obj{"name": "c", "role": "r", "policy": docJSON}, obj{"name": "c", "role": "r", "policy": docJSON}, nil),
		change("aws_iam_role_policy.u", []string{"update"},
			obj{"name": "u", "role": "r", "policy": docJSON}, obj{"name": "u", "role": "r", "name_prefix": "x", "policy": docJSON}, nil),
	}, []obj{docData})
	rs := []*linter.Rule{rules.ByID("wildcard-action")}
	if got := pairs(lintPlan(t, t.TempDir(), src, linter.Options{Rules: rs})); !eq(got, []string{"data.aws_iam_policy_document.d wildcard-action"}) {
		t.Errorf("without --new-only: %v", got)
	}
	if got := pairs(lintPlan(t, t.TempDir(), src, linter.Options{Rules: rs, NewOnly: true})); len(got) != 0 {
		t.Errorf("with --new-only: %v, want none", got)
	}

	// The same policy moved to another role is a grant to a new principal.
	src = planDoc([]obj{
		change("aws_iam_role_policy.u", []string{"update"},
			obj{"name": "u", "role": "old", "policy": docJSON}, obj{"name": "u", "role": "new", "policy": docJSON}, nil),
	}, []obj{docData})
	res := lintPlan(t, t.TempDir(), src, linter.Options{Rules: rs, NewOnly: true})
	if got := pairs(res); !eq(got, []string{"data.aws_iam_policy_document.d wildcard-action"}) {
		t.Fatalf("policy moved to another role, with --new-only: %v", got)
	}
	rel := res.Findings[0].Related
	if len(rel) == 0 || rel[len(rel)-1].Message != `now also held by role "new" (through aws_iam_role_policy.u)` {
		t.Errorf("related: %+v", rel)
	}
}

// An unknown policy without source is a notice, counted in the summary.
func TestPlanUnknownPolicyNotice(t *testing.T) {
	src := planDoc([]obj{
		change("aws_iam_role_policy.p", []string{"create"}, nil, obj{"name": "p", "role": "r"}, obj{"id": true, "policy": true}),
		// A role whose inline_policy is computed (not in its configuration) is no notice:
		// see TestPlanComputedInlinePolicy.
	}, nil)
	dir := t.TempDir()
	res := lintPlan(t, dir, src, linter.Options{})
	if len(res.Findings) != 0 {
		t.Errorf("findings: %v", pairs(res))
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Message, "policy of aws_iam_role_policy.p (policy) is unknown until apply and could not be linted; pass --source DIR") {
		t.Fatalf("notices: %+v", res.Notices)
	}
	if res.Notices[0].Resource != "aws_iam_role_policy.p" && res.Notices[0].Resource != "" {
		t.Errorf("notice resource %q", res.Notices[0].Resource)
	}
	if res.Summary.Notices != 1 {
		t.Errorf("summary notices = %d", res.Summary.Notices)
	}
}

// The plan's configuration says inline_policy is not set: computed, no notice.
func TestPlanComputedInlinePolicy(t *testing.T) {
	var p obj
	_ = json.Unmarshal(planDoc([]obj{
		change("aws_iam_role.r", []string{"create"}, nil,
			obj{"name": "r", "assume_role_policy": policy(obj{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": obj{"Service": "ec2.amazonaws.com"}})},
			obj{"arn": true, "id": true, "inline_policy": true, "managed_policy_arns": true}),
	}, nil), &p)
	p["configuration"] = obj{"provider_config": obj{}, "root_module": obj{"resources": []obj{{
		"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r",
		"provider_config_key": "aws", "schema_version": 0,
		"expressions": obj{"name": obj{"constant_value": "r"}, "assume_role_policy": obj{"references": []string{"data.x"}}}}}}}
	src, _ := json.Marshal(p)
	res := lintPlan(t, t.TempDir(), src, linter.Options{})
	if len(res.Notices) != 0 {
		t.Errorf("notices: %+v", res.Notices)
	}
}

// With the source, an unknown policy is evaluated from it with the plan's
// variables: known parts linted (and located in the .tf), unknown parts stay
// unknown; known plan policies are located in the .tf too.
func TestPlanSource(t *testing.T) {
	dir := t.TempDir()
	tf := `variable "actions" {
  type = list(string)
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

module "m" {
  source = "./mod"
  for_each = toset(["x"])
}

resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = var.actions
        Resource = aws_s3_bucket.b.arn
      },
      {
        Effect   = "Allow"
        Action   = "s3:DeleteObject"
        Resource = "*"
      },
    ]
  })
}
`
	mod := `resource "aws_iam_policy" "q" {
  name = "q"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
`
	if err := os.MkdirAll(filepath.Join(dir, "mod"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"main.tf": tf, "mod/main.tf": mod} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var p obj
	_ = json.Unmarshal(planDoc([]obj{
		change("aws_s3_bucket.b", []string{"create"}, nil, obj{"bucket": "b"}, obj{"arn": true, "id": true}),
		change("aws_iam_policy.p", []string{"create"}, nil, obj{"name": "p"}, obj{"arn": true, "id": true, "policy": true}),
		change(`module.m["x"].aws_iam_policy.q`, []string{"create"}, nil, obj{"name": "q",
			"policy": policy(allow("*", "*"))}, obj{"arn": true, "id": true}),
	}, nil), &p)
	p["variables"] = obj{"actions": obj{"value": []string{"iam:*", "s3:GetObject"}}}
	src, _ := json.Marshal(p)
	rs := []*linter.Rule{rules.ByID("wildcard-action"), rules.ByID("wildcard-service-action"), rules.ByID("wildcard-resource")}

	// Without the source (the plan elsewhere): a notice for p.
	other := t.TempDir()
	res := lintPlan(t, other, src, linter.Options{Rules: rs})
	if got := pairs(res); !eq(got, []string{`module.m["x"].aws_iam_policy.q wildcard-action`, `module.m["x"].aws_iam_policy.q wildcard-resource`}) {
		t.Errorf("without source: %v", got)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Message, "aws_iam_policy.p") {
		t.Errorf("without source, notices: %+v", res.Notices)
	}

	for _, opts := range []linter.Options{{Rules: rs, Source: dir}, {Rules: rs}} {
		// --source, and the plan in the source directory.
		pdir := other
		if opts.Source == "" {
			pdir = dir
		}
		res := lintPlan(t, pdir, src, opts)
		got := pairs(res)
		want := []string{
			"aws_iam_policy.p wildcard-resource",       // s3:DeleteObject on "*"
			"aws_iam_policy.p wildcard-service-action", // iam:* from the plan's variable
			`module.m["x"].aws_iam_policy.q wildcard-action`,
			`module.m["x"].aws_iam_policy.q wildcard-resource`,
		}
		if !eq(got, want) {
			t.Errorf("source %q: findings\n%s\nwant\n%s", opts.Source, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, f := range res.Findings {
			if f.Rule == "wildcard-service-action" {
				// "iam:*" comes from the plan's variables: located there.
				if !strings.HasSuffix(f.Range.Filename, "plan.json") {
					t.Errorf("%s %s located at %s, want the plan's variables", f.Resource, f.Rule, f.Range)
				}
				continue
			}
			if !strings.HasSuffix(f.Range.Filename, "main.tf") {
				t.Errorf("%s %s located at %s, want the .tf source", f.Resource, f.Rule, f.Range)
			}
		}
		for _, n := range res.Notices {
			t.Errorf("notice: %+v", n)
		}
	}
}
