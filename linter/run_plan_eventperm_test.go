package linter

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestEventPermissionPlanModes: the statements that the
// aws_cloudwatch_event_permission resources of a plan add to their event
// buses (principal, action, bus, condition block) are read alike whether the
// plan is loaded whole or streamed (with and without windows).
func TestEventPermissionPlanModes(t *testing.T) {
	name := filepath.Join("..", "testdata", "plans", "wildcard-principal__event-permission", "case.plan.json")
	rule := &Rule{ID: "r", Severity: High, Check: func(p *Pass) {
		for _, d := range p.Model.Documents {
			if d.ResourceType != "aws_cloudwatch_event_permission" {
				continue
			}
			for _, s := range d.Statements {
				var b strings.Builder
				b.WriteString(d.Address)
				for _, pr := range s.Principals() {
					b.WriteString(" " + pr.Type.Text + ":" + pr.ID.Text)
				}
				for _, a := range s.Actions {
					b.WriteString(" " + a.Text)
				}
				for _, r := range s.Resources {
					b.WriteString(" on " + r.Text)
				}
				for _, c := range s.Conditions() {
					b.WriteString(" if " + c.Operator.Text + " " + c.Key.Text)
					for _, v := range c.Values {
						b.WriteString(" " + v.Text)
					}
				}
				p.ReportDocMessage(d, d.Range.HCL(), 0, b.String())
			}
		}
	}}
	want := []string{
		"aws_cloudwatch_event_permission.account AWS:111122223333 events:PutEvents on default",
		"aws_cloudwatch_event_permission.any_org *:* events:PutEvents on default if StringEquals aws:PrincipalOrgID *",
		"aws_cloudwatch_event_permission.everyone *:* events:PutEvents on default",
		"aws_cloudwatch_event_permission.everyone_on_bus *:* events:PutEvents on orders",
		"aws_cloudwatch_event_permission.org *:* events:PutEvents on default if StringEquals aws:PrincipalOrgID o-abc1234567",
	}
	forPlanLoadModes(func(mode string) {
		res, err := Lint(context.Background(), Options{Paths: []string{name}, Rules: []*Rule{rule}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.Message)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", mode, got, want)
		}
		if len(res.Errors)+len(res.Notices) > 0 {
			t.Errorf("%s: errors %+v, notices %+v", mode, res.Errors, res.Notices)
		}
	})
}
