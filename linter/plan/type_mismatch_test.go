package plan

import (
	"math"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// TestLoadTypeMismatch: a planned_values resource at the address of a
// change of another type is an error at its type in every way of loading
// (it was silent); one of the same type, in a child module, is not.
func TestLoadTypeMismatch(t *testing.T) {
	defer func(old int) { minPipelineSize = old }(minPipelineSize)
	const src = `{"format_version": "1.2",
 "planned_values": {"root_module": {"resources": [{"address": "aws_iam_policy.p", "type": "aws_iam_policy", "values": {}}],
  "child_modules": [{"address": "module.m", "resources": [{"address": "module.m.aws_iam_policy.q", "type": "aws_iam_policy", "values": {}}]}]}},
 "resource_changes": [{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_instance", "change": {"actions": ["create"], "after": {}}},
  {"address": "module.m.aws_iam_policy.q", "mode": "managed", "type": "aws_iam_policy", "change": {"actions": ["create"], "after": {}}}]}`
	for _, pipe := range []int{math.MaxInt, 0} {
		minPipelineSize = pipe
		for _, opts := range []Options{{}, {SkipBefore: true, Lazy: true}} {
			p, diags := Load("plan.json", []byte(src), opts)
			if diags.HasErrors() || p == nil {
				t.Fatalf("Load: %v", diags)
			}
			var errs []*hcl.Diagnostic
			for _, d := range p.After.Diags {
				if d.Severity == hcl.DiagError {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 || errs[0].Summary != "inconsistent plan" ||
				!strings.HasPrefix(errs[0].Detail, `aws_iam_policy.p is of type "aws_iam_policy" in planned_values but "aws_instance" in resource_changes (line 4)`) ||
				errs[0].Subject.Start.Line != 2 || src[errs[0].Subject.Start.Byte:errs[0].Subject.End.Byte] != `"aws_iam_policy"` {
				t.Errorf("pipe %d %+v: %v", pipe, opts, errs)
			}
		}
	}
}
