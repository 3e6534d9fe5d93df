package plan

import (
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestSensitiveVariableRefs: an attribute of a root module resource whose
// configuration expression references a variable declared sensitive is
// marked eval.Node.Sensitive, whether or not the plan marks it
// (after_sensitive), loaded whole, lazily and with the pipeline: the
// password policy's minimum_password_length = var.len (len = 6) was
// printed by password-policy-weak. An attribute of constant_value, and
// one referencing a variable not declared sensitive, are not marked.
func TestSensitiveVariableRefs(t *testing.T) {
	src := []byte(`{
  "format_version": "1.2",
  "variables": {"len": {"value": 6}, "age": {"value": 120}},
  "resource_changes": [
    {"address": "aws_iam_account_password_policy.p", "mode": "managed", "type": "aws_iam_account_password_policy", "name": "p",
      "change": {"actions": ["create"], "before": null,
        "after": {"max_password_age": 120, "password_reuse_prevention": 5, "minimum_password_length": 6},
        "after_unknown": {"id": true}, "after_sensitive": {}}}
  ],
  "configuration": {"root_module": {
    "resources": [{"address": "aws_iam_account_password_policy.p", "mode": "managed", "type": "aws_iam_account_password_policy", "name": "p",
      "expressions": {"minimum_password_length": {"references": ["var.len"]}, "max_password_age": {"references": ["var.age"]},
        "password_reuse_prevention": {"constant_value": 5}}}],
    "variables": {"len": {"sensitive": true}, "age": {}}}}
}`)
	defer func(pipe, split int) { minPipelineSize, minSplitPass = pipe, split }(minPipelineSize, minSplitPass)
	for _, pipe := range []bool{false, true} {
		if pipe {
			minPipelineSize, minSplitPass = 0, 0
		}
		for _, lazy := range []bool{false, true} {
			p, diags := Load("plan.json", src, Options{SkipBefore: true, Lazy: lazy})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var body *eval.Node
			if p.Lazy() {
				if diags := p.Stream(1, nil, func(bs []*eval.Block) {
					for _, b := range bs {
						if b.Address == "aws_iam_account_password_policy.p" {
							body = b.Body
						}
					}
				}); diags.HasErrors() {
					t.Fatal(diags)
				}
				p.EndStream()
			} else if len(p.Changes) == 1 {
				body = p.Changes[0].After.Body
			}
			if body == nil {
				t.Fatalf("pipe %v lazy %v: no body", pipe, lazy)
			}
			for attr, want := range map[string]bool{"minimum_password_length": true, "max_password_age": false, "password_reuse_prevention": false} {
				n := Member(body, attr)
				if n == nil {
					t.Errorf("pipe %v lazy %v: no %s", pipe, lazy, attr)
					continue
				}
				if n.Sensitive() != want {
					t.Errorf("pipe %v lazy %v: %s Sensitive() = %v, want %v", pipe, lazy, attr, n.Sensitive(), want)
				}
			}
		}
	}
}
