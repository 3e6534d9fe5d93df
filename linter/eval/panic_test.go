package eval

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// panicExpr is an expression whose evaluation panics (a bug in an HCL
// function or in the evaluator).
type panicExpr struct{ hcl.Expression }

func (panicExpr) Value(*hcl.EvalContext) (cty.Value, hcl.Diagnostics) { panic("boom") }
func (panicExpr) Range() hcl.Range {
	return hcl.Range{Filename: "p.tf", Start: hcl.Pos{Line: 3, Column: 5, Byte: 20}, End: hcl.Pos{Line: 3, Column: 9, Byte: 24}}
}

// TestPanicsBecomeErrors: a panic while evaluating an expression or
// rendering a data source is an error at its place, with the stack only
// when IAMLINT_DEBUG is set.
func TestPanicsBecomeErrors(t *testing.T) {
	for _, debug := range []bool{false, true} {
		if debug {
			t.Setenv("IAMLINT_DEBUG", "1")
		} else {
			t.Setenv("IAMLINT_DEBUG", "")
		}
		v, diags := safeValue(panicExpr{}, &hcl.EvalContext{})
		if v.IsKnown() || len(diags) != 1 || diags[0].Severity != hcl.DiagError || diags[0].Subject == nil ||
			diags[0].Subject.Filename != "p.tf" || diags[0].Subject.Start.Line != 3 || !strings.HasPrefix(diags[0].Detail, "boom") {
			t.Fatalf("debug=%v: %#v %v", debug, v, diags)
		}
		if hasStack := strings.Contains(diags[0].Detail, "goroutine "); hasStack != debug {
			t.Errorf("debug=%v: stack in detail = %v", debug, hasStack)
		}
		_, err := safeRender(func(*Node) cty.Value { panic("render") }, &Node{})
		if err == nil || !strings.HasPrefix(err.Error(), "render") || strings.Contains(err.Error(), "goroutine ") != debug {
			t.Errorf("debug=%v: safeRender: %v", debug, err)
		}
	}
}
