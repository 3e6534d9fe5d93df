package effective

import (
	"testing"

	"github.com/iamlint/iamlint/linter/awsdata"
)

// TestLevelsMemo compares the levels computeLevels takes from a pattern's
// remembered expansion (expansionOf(p).levels) with the walk of the
// pattern's actions it did before, for patterns of one action, of a
// service, across services and of every case.
func TestLevelsMemo(t *testing.T) {
	walk := func(acts []*awsdata.Action) map[string]uint8 {
		m := map[string]uint8{}
		for len(acts) > 0 {
			svc := acts[0].Service
			n := 1
			lv := uint8(1) << acts[0].AccessLevel
			for n < len(acts) && acts[n].Service == svc {
				lv |= 1 << acts[n].AccessLevel
				n++
			}
			m[svc.Prefix] |= lv
			acts = acts[n:]
		}
		return m
	}
	pats := []string{"s3:GetObject", "S3:getobject", "s3:*", "s3:Get*", "s3:List*", "iam:Pass*", "ec2:Start*", "dynamodb:GetItem",
		"*Object", "*a*b*", "s?:Get*", "kms:*", "sts:AssumeRole", "nosuch:Thing", "s3:", "*:Get*"}
	for _, p := range pats {
		e := expansionOf(p)
		if e == nil {
			t.Fatalf("%q not remembered", p)
		}
		want := walk(awsdata.Expand(p))
		got := map[string]uint8{}
		for _, l := range e.levels {
			got[l.prefix] |= l.levels
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d services, the walk %d", p, len(got), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%q: %s levels %b, the walk %b", p, k, got[k], v)
			}
		}
		if e2 := expansionOf(p); e2 != e {
			t.Errorf("%q: expansion not remembered", p)
		}
	}
	if len(walk(awsdata.Expand("s3:*"))) != 1 || len(walk(awsdata.Expand("*Object"))) < 2 {
		t.Fatal("patterns do not span what they should")
	}
}
