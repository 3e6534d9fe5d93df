package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/plan"
)

// TestPlanStreamPendingRoom checks that a PlanStream lists the documents
// it defers in the room NewPlanStream makes for them (a policy and a
// quarter per consumer), not in a list grown as they come: a plan of
// roles (a trust policy and an inline one each: two documents) and
// policies (one each), 5 documents for 4 consumers, streamed in chunks of
// several consumeParallel chunks.
func TestPlanStreamPendingRoom(t *testing.T) {
	const teams = 3000 // 4 consumers each: 12,000 consumers, several consumeChunks
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	doc := `"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"`
	trust := `"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"`
	for i := range teams {
		if i > 0 {
			b.WriteString(",")
		}
		ch := func(typ, after string) string {
			return fmt.Sprintf(`{"address":"%s.t%d","mode":"managed","type":"%s","name":"t%d","change":{"actions":["create"],"after":{%s},"after_unknown":{}}}`,
				typ, i, typ, i, after)
		}
		b.WriteString(strings.Join([]string{
			ch("aws_iam_role", fmt.Sprintf(`"name":"r%d","assume_role_policy":%s,"inline_policy":[{"name":"i","policy":%s}]`, i, trust, doc)),
			ch("aws_iam_policy", fmt.Sprintf(`"name":"p%d","policy":%s`, i, doc)),
			ch("aws_iam_role_policy", fmt.Sprintf(`"name":"x%d","role":"r%d","policy":%s`, i, i, doc)),
			ch("aws_iam_user_policy", fmt.Sprintf(`"name":"u%d","user":"u%d","policy":%s`, i, i, doc)),
		}, ","))
	}
	b.WriteString(`]}`)
	p, diags := plan.Load("p.json", []byte(b.String()), plan.Options{SkipBefore: true, Lazy: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	consumers := 0
	for _, m := range p.After.Modules {
		for _, bl := range m.Blocks {
			if bl.Mode == "resource" && ConsumerType(bl.Type) {
				consumers++
			}
		}
	}
	if consumers != 4*teams {
		t.Fatalf("%d consumers, want %d", consumers, 4*teams)
	}
	ps := NewPlanStream(p.After, consumers)
	if diags := p.StreamHeld(2048, func(blocks []*eval.Block) { ps.Add(blocks) }, ps.Held); len(diags) > 0 {
		t.Fatal(diags)
	}
	sp := ps.Spaces()[0]
	if n := len(sp.pending); n != 5*teams {
		t.Fatalf("%d documents deferred, want %d", n, 5*teams)
	}
	if c, want := cap(sp.pending), consumers+consumers/4; c != want {
		t.Errorf("the deferred documents are listed in room for %d, want %d (NewPlanStream's, never grown)", c, want)
	}
}
