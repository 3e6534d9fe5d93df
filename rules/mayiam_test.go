package rules

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/iamlint/iamlint/linter/awsdata"
)

// TestMayCoverIAM: a pattern mayCoverIAM rules out never covers IAM
// (coversService), for every Action and NotAction pattern of the AWS
// managed policies of the snapshot and for patterns that wildcard or fold
// the service.
func TestMayCoverIAM(t *testing.T) {
	patterns := []string{"iam:*", "IAM:*", "I?M:*", "*AM:*", "i*:*", "*:*", "*", "iam*", "ia*", "i?m*", "iam:**", "*:Get*",
		"s3:*", "iam:Get*", "\u0130am:*", "iam:*:x", "sts:*", "?:*", "???:*", "????:*", "i*m:*", "*m:*", "*a*:*"}
	for _, p := range awsdata.ManagedPolicies() {
		src, ok := awsdata.ManagedPolicy(p.ARN)
		if !ok {
			continue
		}
		var doc struct{ Statement json.RawMessage }
		if err := json.Unmarshal(src, &doc); err != nil {
			t.Fatalf("%s: %v", p.ARN, err)
		}
		var stmts []map[string]any
		if json.Unmarshal(doc.Statement, &stmts) != nil {
			var one map[string]any
			if json.Unmarshal(doc.Statement, &one) != nil {
				continue
			}
			stmts = []map[string]any{one}
		}
		for _, st := range stmts {
			for _, k := range []string{"Action", "NotAction"} {
				switch v := st[k].(type) {
				case string:
					patterns = append(patterns, v)
				case []any:
					for _, e := range v {
						if s, ok := e.(string); ok {
							patterns = append(patterns, s)
						}
					}
				}
			}
		}
	}
	if len(patterns) < 10000 {
		t.Fatalf("%d patterns, want the snapshot's (more than 10,000)", len(patterns))
	}
	ruled, covers := 0, 0
	for _, p := range patterns {
		c := slices.Contains(coversServiceUncached(p), "iam")
		if c {
			covers++
		}
		if !mayCoverIAM(p) {
			ruled++
			if c {
				t.Errorf("%q covers IAM, but mayCoverIAM rules it out", p)
			}
		}
	}
	if ruled < len(patterns)/2 || covers < 5 {
		t.Errorf("%d of %d patterns ruled out, %d cover IAM: the test reads too few", ruled, len(patterns), covers)
	}
}
