package plan

import (
	"math"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// deferredSrc has, in deferred_changes (before resource_changes in the
// file): a change with known and unknown values and a sensitive policy,
// one without an after value, one also in resource_changes, one whose
// before is in prior_state, a delete, and malformed elements.
const deferredSrc = `{
 "format_version": "1.2",
 "deferred_changes": [
  {"reason": "instance_count_unknown", "resource_change": {"address": "aws_iam_policy.p[\"*\"]", "mode": "managed", "type": "aws_iam_policy", "name": "p", "index": "*",
   "change": {"actions": ["create"], "before": null, "after": {"name": "n", "policy": "{\"Statement\":[]}"}, "after_unknown": {"arn": true, "name": false}, "after_sensitive": {"policy": true}}}},
  {"reason": "provider_config_unknown", "resource_change": {"address": "aws_iam_role_policy.none", "mode": "managed", "type": "aws_iam_role_policy", "name": "none",
   "change": {"actions": ["create"], "before": null, "after": null}}},
  {"reason": "x", "resource_change": {"address": "aws_iam_policy.both", "mode": "managed", "type": "aws_iam_policy", "name": "both", "change": {"actions": ["create"], "after": {"name": "deferred"}}}},
  {"reason": "x", "resource_change": {"address": "aws_iam_policy.prior", "mode": "managed", "type": "aws_iam_policy", "name": "prior", "change": {"actions": ["update"], "after": {"name": "new"}}}},
  {"reason": "x", "resource_change": {"address": "aws_iam_policy.gone", "mode": "managed", "type": "aws_iam_policy", "name": "gone", "change": {"actions": ["delete"], "before": {"name": "g"}, "after": null}}},
  {"reason": "x", "resource_change": {"address": "aws_iam_policy.bad", "change": {"after": "text"}}},
  {"reason": "x", "resource_change": {"change": {"actions": ["create"]}}},
  null
 ],
 "resource_changes": [
  {"address": "aws_iam_policy.both", "mode": "managed", "type": "aws_iam_policy", "name": "both", "change": {"actions": ["create"], "after": {"name": "listed"}}}
 ],
 "prior_state": {"values": {"root_module": {"resources": [
  {"address": "aws_iam_policy.prior", "mode": "managed", "type": "aws_iam_policy", "name": "prior", "values": {"name": "old"}}
 ]}}}
}`

func TestLoadDeferredChanges(t *testing.T) {
	defer func(old int) { minPipelineSize = old }(minPipelineSize)
	for _, tc := range []struct {
		pipe int // minPipelineSize: 0 builds the values while the pass reads on
		opts Options
	}{
		{math.MaxInt, Options{}},
		{0, Options{}},
		{math.MaxInt, Options{SkipBefore: true, Relevant: func(mode, typ string) bool { return true }}},
		{0, Options{SkipBefore: true, Relevant: func(mode, typ string) bool { return mode == "data" }}},
	} {
		minPipelineSize = tc.pipe
		opts := tc.opts
		p, diags := Load("plan.json", []byte(deferredSrc), opts)
		if diags.HasErrors() || p == nil {
			t.Fatalf("Load: %v", diags)
		}
		byAddr := map[string]*Change{}
		for _, c := range p.Changes {
			if byAddr[c.Address] != nil {
				t.Errorf("%s twice in Changes", c.Address)
			}
			byAddr[c.Address] = c
		}
		c := byAddr[`aws_iam_policy.p["*"]`]
		if c == nil || c.Source != FromDeferredChanges || c.After == nil {
			t.Fatalf("deferred change = %+v", c)
		}
		if c.Range.Start.Line != 4 {
			t.Errorf("range %v", c.Range)
		}
		body := c.After.Body
		if opts.Relevant != nil && !opts.Relevant("resource", "aws_iam_policy") {
			if body != nil {
				t.Errorf("irrelevant body kept")
			}
		} else if body.Get("name").Val != cty.StringVal("n") || body.Get("arn").Val.IsKnown() {
			t.Errorf("body name %#v arn %#v", body.Get("name").Val, body.Get("arn").Val)
		}
		if len(p.Sensitive) != 1 || !strings.HasPrefix(deferredSrc[p.Sensitive[0][0]:p.Sensitive[0][1]], `"{\"Statement`) {
			t.Errorf("sensitive %v", p.Sensitive)
		}
		if n := byAddr["aws_iam_role_policy.none"]; n == nil || n.After == nil || (n.After.Body != nil && n.After.Body.Val.IsKnown()) {
			t.Errorf("no after: %+v", n)
		}
		if b := byAddr["aws_iam_policy.both"]; b == nil || b.Source != FromResourceChanges || (b.After.Body != nil && b.After.Body.Get("name").Val != cty.StringVal("listed")) {
			t.Errorf("both = %+v", b)
		}
		pr := byAddr["aws_iam_policy.prior"]
		if pr == nil || pr.Source != FromDeferredChanges || pr.After == nil {
			t.Fatalf("prior = %+v", pr)
		}
		if opts.SkipBefore != (pr.Before == nil) {
			t.Errorf("prior before = %+v", pr.Before)
		} else if pr.Before != nil && pr.Before.Body.Get("name").Val != cty.StringVal("old") {
			t.Errorf("prior before = %#v", pr.Before.Body.Val)
		}
		if g := byAddr["aws_iam_policy.gone"]; g == nil || g.After != nil {
			t.Errorf("gone = %+v", g)
		}
		if byAddr["aws_iam_policy.bad"] != nil {
			t.Errorf("malformed change loaded")
		}
		var notices []string
		for _, d := range p.After.Diags {
			if d.Summary == "Change deferred" {
				notices = append(notices, d.Detail)
			}
		}
		want := []string{
			`aws_iam_policy.p["*"] is deferred to a later plan (instance_count_unknown): the plan shows part of its values; its policies are linted with what is known`,
			`aws_iam_role_policy.none is deferred to a later plan (provider_config_unknown) and the plan shows none of its values: its policies are unknown`,
			`aws_iam_policy.both is deferred to a later plan (x) but also in resource_changes: linted once`,
			`aws_iam_policy.prior is deferred to a later plan (x): the plan shows part`,
			`aws_iam_policy.gone is deferred to a later plan (x): it leaves no object behind (actions delete)`,
			`aws_iam_policy.bad is deferred to a later plan (x), but its resource_change is malformed (deferred_changes[5].resource_change.change.after should be an object, found a string): not linted`,
			`A change deferred to a later plan (x) has no address (deferred_changes[6].resource_change): not linted.`,
			`deferred_changes[7] is null, not an object ({"reason": ..., "resource_change": ...}): ignored.`,
		}
		if len(notices) != len(want) {
			t.Fatalf("notices:\n%s", strings.Join(notices, "\n"))
		}
		for i, w := range want {
			if !strings.HasPrefix(notices[i], w) {
				t.Errorf("notice %d = %q, want prefix %q", i, notices[i], w)
			}
		}
		// Each malformed one is at what is wrong (its line:column), said
		// once: not again in its text.
		for _, d := range p.After.Diags {
			if d.Summary != "Change deferred" {
				continue
			}
			if strings.Contains(d.Detail, "offset") || strings.Contains(d.Detail, "line") || strings.Contains(d.Detail, "column") {
				t.Errorf("position in the text: %s", d.Detail)
			}
		}
		at := map[string]string{
			"aws_iam_policy.bad is":   `"text"`,
			"A change deferred":       `{"change": {"actions": ["create"]}}`,
			"deferred_changes[7] is ": `null`,
		}
		for _, d := range p.After.Diags {
			for prefix, text := range at {
				if strings.HasPrefix(d.Detail, prefix) {
					if got := deferredSrc[d.Subject.Start.Byte:d.Subject.End.Byte]; !strings.HasPrefix(text, got) || got == "" {
						t.Errorf("%s at %q, want %q", prefix, got, text)
					}
					delete(at, prefix)
				}
			}
		}
		if len(at) != 0 {
			t.Errorf("not found: %v", at)
		}
	}
}

// TestLoadDeferredChangesNotArray: a deferred_changes that is not an array
// (terraform writes one) is an error at its offset in every way of loading,
// not skipped with the changes it holds; null is none.
func TestLoadDeferredChangesNotArray(t *testing.T) {
	defer func(old int) { minPipelineSize = old }(minPipelineSize)
	const obj = `{"format_version": "1.2", "deferred_changes": {"reason": "x"}, "resource_changes": []}`
	for _, pipe := range []int{math.MaxInt, 0} {
		minPipelineSize = pipe
		for _, opts := range []Options{{}, {SkipBefore: true, Lazy: true}} {
			_, diags := Load("plan.json", []byte(obj), opts)
			if !diags.HasErrors() || diags[0].Detail != "deferred_changes should be an array of deferred changes, found an object" || diags[0].Subject.Start.Byte != 46 {
				t.Errorf("pipe %d %+v: %v", pipe, opts, diags)
			}
			p, diags := Load("plan.json", []byte(strings.Replace(obj, `{"reason": "x"}`, "null", 1)), opts)
			if diags.HasErrors() || p == nil {
				t.Errorf("null: %v", diags)
			}
		}
	}
}
