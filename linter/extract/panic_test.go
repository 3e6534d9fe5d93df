package extract

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestExtractPanicBecomesError: a panic while reading the policies of one
// block is an error located at the block (the stack under IAMLINT_DEBUG),
// and the next block is still read.
func TestExtractPanicBecomesError(t *testing.T) {
	b := &eval.Block{Address: "aws_iam_policy.p", Range: hcl.Range{Filename: "m.tf", Start: hcl.Pos{Line: 7, Column: 1}}}
	for _, debug := range []bool{false, true} {
		if debug {
			t.Setenv("IAMLINT_DEBUG", "1")
		} else {
			t.Setenv("IAMLINT_DEBUG", "")
		}
		x := &extractor{}
		x.safe(b, func() {
			var p *eval.Block
			_ = p.Address // nil dereference
		})
		ran := false
		x.safe(b, func() { ran = true })
		if !ran || len(x.diags) != 1 {
			t.Fatalf("debug=%v: ran=%v diags %v", debug, ran, x.diags)
		}
		d := x.diags[0]
		if d.Severity != hcl.DiagError || d.Subject == nil || d.Subject.Filename != "m.tf" || d.Subject.Start.Line != 7 ||
			!strings.Contains(d.Detail, "aws_iam_policy.p") || !strings.Contains(d.Detail, "nil pointer") {
			t.Errorf("debug=%v: %s", debug, d.Error())
		}
		if hasStack := strings.Contains(d.Detail, "goroutine "); hasStack != debug {
			t.Errorf("debug=%v: stack in detail = %v", debug, hasStack)
		}
	}
}
