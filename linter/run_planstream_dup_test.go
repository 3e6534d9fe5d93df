package linter

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// dupKeysPlan has duplicate keys below the top level of the values of a
// managed resource (whose values a streamed plan builds in its stream)
// and of a policy document data source (built when the plan is loaded).
// In both, the last value holds no wildcard.
const dupKeysPlan = `{
  "format_version": "1.2",
  "resource_changes": [
    {
      "address": "aws_iam_role.r",
      "mode": "managed",
      "type": "aws_iam_role",
      "name": "r",
      "change": {
        "actions": ["create"],
        "before": null,
        "after": {
          "name": "r",
          "assume_role_policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
          "inline_policy": [
            {
              "name": "a",
              "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
              "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"
            }
          ]
        },
        "after_unknown": {}
      }
    },
    {
      "address": "data.aws_iam_policy_document.d",
      "mode": "data",
      "type": "aws_iam_policy_document",
      "name": "d",
      "change": {
        "actions": ["read"],
        "before": null,
        "after": {
          "statement": [{"actions": ["*"], "actions": ["s3:GetObject"], "effect": "Allow", "resources": ["*"]}]
        },
        "after_unknown": {"json": true}
      }
    }
  ]
}`

// everyAction reports every action of every statement.
var everyAction = []*Rule{{ID: "r", Severity: High, Check: func(p *Pass) {
	for _, d := range p.Model.Documents {
		for _, st := range d.Statements {
			for _, a := range st.Actions {
				p.Report(Finding{Rule: "r", Severity: High, Message: a.Text, Range: a.Range.HCL(), Resource: d.Address})
			}
		}
	}
}}}

// TestPlanDupKeysStreamed: the duplicate keys nested in the values of a
// plan get their notices (at the second key) whether the plan is loaded
// whole or streamed (with and without windows), the same ones, and the
// last value is linted.
func TestPlanDupKeysStreamed(t *testing.T) {
	name := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(name, []byte(dupKeysPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"19:15 policy", "35:44 actions"}
	forPlanLoadModes(func(mode string) {
		streamed := false
		wins := windowedPlans.Load()
		res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: everyAction, Progress: func(p Progress) {
			streamed = streamed || p.Stage == "planned"
		}})
		if err != nil {
			t.Fatal(err)
		}
		if streamed != (mode != "whole") || (windowedPlans.Load() > wins) != (mode == "windows") {
			t.Errorf("%s: streamed %v, windows %v", mode, streamed, windowedPlans.Load() > wins)
		}
		var got []string
		for _, n := range res.Notices {
			if k, ok := strings.CutPrefix(n.Message, "Duplicate key in plan JSON: The key \""); ok {
				k, _, _ = strings.Cut(k, "\"")
				got = append(got, fmt.Sprintf("%d:%d %s", n.Line, n.Column, k))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: notices %q, want %q (all: %+v)", mode, got, want, res.Notices)
		}
		if len(res.Errors) > 0 {
			t.Errorf("%s: errors %+v", mode, res.Errors)
		}
		var actions []string
		for _, f := range res.Findings {
			actions = append(actions, f.Message)
		}
		slices.Sort(actions)
		if want := []string{"s3:GetObject", "s3:GetObject", "sts:AssumeRole"}; !slices.Equal(actions, want) {
			t.Errorf("%s: actions %q, want the last values %q", mode, actions, want)
		}
	})
}
