package baseline

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter"
)

// TestFilterLongModuleChainBounded: a baseline (a file of the repository
// that CI names with --baseline) whose entry's address has 500,000 module
// calls (4.5 MB) made a key of up to 4.5 MB for each of them, to match it
// with a finding reported by a module linted alone: a hang, then all the
// memory. It is matched in linear time, as before: the finding at the end
// of the chain is known, the other one is new.
func TestFilterLongModuleChainBounded(t *testing.T) {
	chain := strings.Repeat("module.a.", 500000)
	b := New([]Entry{
		{Fingerprint: "old", Rule: "wildcard-action", File: "m/main.tf", Message: "all", Resource: chain + "aws_iam_policy.p"},
		{Fingerprint: "old2", Rule: "wildcard-action", File: "m/main.tf", Message: strings.Repeat("x", 1<<20), Resource: chain + "aws_iam_policy.q"},
	})
	f := func(res string) linter.Finding {
		return linter.Finding{Rule: "wildcard-action", Message: "all", Resource: res, Fingerprint: "new-" + res, Range: hcl.Range{Filename: "m/main.tf"}}
	}
	start := cputime.Used() // CPU time of the process: wall time on a shared machine says little
	fresh, known := b.Filter([]linter.Finding{f("aws_iam_policy.p"), f("aws_iam_policy.q")})
	if d := cputime.Used() - start; d > 60*time.Second {
		t.Errorf("Filter took %v", d)
	}
	if len(known) != 1 || known[0].Resource != "aws_iam_policy.p" || len(fresh) != 1 {
		t.Errorf("known %+v, fresh %+v", known, fresh)
	}
}
