package eval

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// ConstValue is x.Value(nil): the value of an expression that may refer to
// nothing and call no function (a variable's nullable and sensitive, an
// output's sensitive, a module's source, a variable default or .tfvars
// value read on the side, a setting of .iamlint.hcl). hcl evaluates the for
// expressions (and %{ for } directives) of such an expression without any
// bound: nine nested ones over ten-element tuples, 300 bytes, iterate 10^9
// times (a hang, then gigabytes). An expression that holds one is
// evaluated by the evaluator instead, with its for budget: past it the
// value is unknown, with an "Evaluation too large" error at the expression.
// Every other expression gets hcl's value and diagnostics, unchanged; so
// does one with a function call (hcl's "Function calls not allowed", at the
// first call), which the for expressions would repeat.
func ConstValue(x hcl.Expression) (cty.Value, hcl.Diagnostics) {
	n, ok := x.(hclsyntax.Node)
	if !ok {
		// A JSON expression: with no evaluation context its strings are
		// literal, with no for expression.
		return x.Value(nil)
	}
	var w forCallWalker
	w.walk(n)
	switch {
	case w.fors && w.call != nil:
		return cty.DynamicVal, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Function calls not allowed",
			Detail: "Functions may not be called here.", Subject: w.call.Range().Ptr(), Expression: w.call}}
	case !w.fors:
		return x.Value(nil)
	}
	v, diags := staticsOf(nil, true)(x)
	for _, d := range diags {
		if d.Summary == summaryTooLarge {
			d.Detail = fmt.Sprintf("the for expressions of this value iterate over more than %d elements (nested ones multiply); it is unknown.", maxForWork)
			markUnknown(d)
		}
	}
	if v == nil || v.Val == cty.NilVal {
		return cty.DynamicVal, diags
	}
	return v.Val, diags
}

// forCallWalker is a hclsyntax.Walker that notes whether an expression holds
// a for expression (a %{ for } directive is one too) and its first
// function call.
type forCallWalker struct {
	fors bool
	call *hclsyntax.FunctionCallExpr
}

func (w *forCallWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	switch n := n.(type) {
	case *hclsyntax.ForExpr:
		w.fors = true
	case *hclsyntax.FunctionCallExpr:
		if w.call == nil {
			w.call = n
		}
	}
	return nil
}

func (w *forCallWalker) Exit(hclsyntax.Node) hcl.Diagnostics { return nil }

// walk is hclsyntax.Walk(n, w), without Walk's allocations (the walker
// behind an interface, and a closure and a slice of diagnostics for every
// node: 15,000 allocations on a 1,000-file estate, from the type
// constraints of its variables) for the nodes constraints and constants
// are made of, visited in Walk's order; a node of another kind is given
// to Walk. An object key is walked into where Walk does not (a bare name,
// which Walk takes as a literal): a traversal, in which Enter notes
// nothing.
func (w *forCallWalker) walk(n hclsyntax.Node) {
	switch n := n.(type) {
	case *hclsyntax.ScopeTraversalExpr, *hclsyntax.LiteralValueExpr:
	case *hclsyntax.FunctionCallExpr:
		if w.call == nil {
			w.call = n
		}
		for _, a := range n.Args {
			w.walk(a)
		}
	case *hclsyntax.TupleConsExpr:
		for _, x := range n.Exprs {
			w.walk(x)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, it := range n.Items {
			w.walk(it.KeyExpr)
			w.walk(it.ValueExpr)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		w.walk(n.Wrapped)
	case *hclsyntax.TemplateExpr:
		for _, p := range n.Parts {
			w.walk(p)
		}
	case *hclsyntax.TemplateWrapExpr:
		w.walk(n.Wrapped)
	default:
		// Through a copy, so that w itself stays where its caller made
		// it (on the stack) when no node needs Walk.
		c := *w
		_ = hclsyntax.Walk(n, &c)
		*w = c
	}
}
