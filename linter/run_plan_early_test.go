package linter

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// earlyPlan has a policy unknown until apply (a notice names it: the facts
// of its change) and a known one.
const earlyPlan = `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[
{"address":"aws_iam_role_policy.p","mode":"managed","type":"aws_iam_role_policy","name":"p","change":{"actions":["create"],"before":null,
 "after":{"role":"app","name":"p"},"after_unknown":{"policy":true}}},
{"address":"aws_iam_policy.k","mode":"managed","type":"aws_iam_policy","name":"k","change":{"actions":["create"],"before":null,
 "after":{"name":"k","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}]}`

// TestReleaseChangesEarly: a plan loaded without --new-only and .tf source
// has its changes dropped as it is loaded, their facts kept (the unknown
// policy's notice still names it); with --new-only they are kept.
func TestReleaseChangesEarly(t *testing.T) {
	_, _, run := loadPlan("plan.json", []byte(earlyPlan), Options{})
	if run.p == nil {
		t.Fatal("plan not loaded")
	}
	if run.p.Changes != nil {
		t.Errorf("changes kept: %d", len(run.p.Changes))
	}
	if f, ok := run.facts["aws_iam_role_policy.p"]; !ok || !f.after || !f.root || f.data {
		t.Errorf("facts of aws_iam_role_policy.p: %+v, %v", f, ok)
	}
	if len(run.facts) != 2 {
		t.Errorf("facts: %v", run.facts)
	}
	_, _, run = loadPlan("plan.json", []byte(earlyPlan), Options{NewOnly: true})
	if run.p == nil || len(run.p.Changes) != 2 || run.facts != nil {
		t.Errorf("--new-only: changes %v, facts %v", run.p, run.facts)
	}

	name := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(name, []byte(earlyPlan), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, newOnly := range []bool{false, true} {
		res, err := Lint(context.Background(), Options{Paths: []string{name}, NewOnly: newOnly})
		if err != nil {
			t.Fatal(err)
		}
		notice := false
		for _, d := range res.Diags {
			if strings.Contains(d.Summary+d.Detail, "aws_iam_role_policy.p") {
				notice = true
			}
		}
		if !notice {
			t.Errorf("newOnly %v: no notice of the unknown policy: %v", newOnly, res.Diags)
		}
	}
}
