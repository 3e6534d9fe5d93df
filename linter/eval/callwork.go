package eval

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/iamlint/iamlint/internal/ctyraw"
)

// maxCallWork bounds the work of the function calls of one root module
// (with the modules it calls), in units of about 15 ns (callCost): a few
// seconds, far above real configurations. The for budget (maxForWork)
// bounds how often a call runs, not what it does: 200,000 calls of
// distinct on 1,000 elements, or one distinct of a million, ran for hours.
const maxCallWork = 100_000_000

// setNames are the functions that build a set of their arguments' elements
// (hashing each one, about 1 µs for a number).
var setNames = map[string]bool{"toset": true, "setunion": true, "setintersection": true, "setsubtract": true, "setproduct": true}

// callCost estimates the work of calling f (name) on vals, before their
// conversion to its parameter types, in units of about 15 ns, counting no
// further than past limit: argUnits per element of the arguments, at any
// depth (a function may walk them all: flatten, jsonencode, contains), 64
// per element of an argument a set is built of (hashed: about 1 µs for a
// number), setCost for an argument that is a set, and the pairs of elements where the work compares each with
// each: distinct (cty compares each element with the ones it kept, 16 per
// pair), a set holding unknown elements (no hash tells them apart, 16 per
// pair), a tuple converted to a list or set that uniformList does not
// take (cty unifies its element types pairwise, 1 per pair).
func callCost(f function.Function, name string, vals []cty.Value, limit int64) int64 {
	params, varParam := f.Params(), f.VarParam()
	toSet := setNames[name]
	for i := range vals {
		if p := paramAt(params, varParam, i); p != nil && p.Type.IsSetType() {
			toSet = true
		}
	}
	// Each argument is two elements at least: max(local.numbers...)
	// passes each number as an argument of its own, which cty checks and
	// converts one by one (about 0.3 µs and 300 bytes of garbage each), and
	// a number has no elements (1,000 such calls of 240,000 numbers: 74
	// CPU s, uncounted; 758 MB allocated when counted at elemUnits).
	cost := 2 * argUnits * int64(len(vals))
	if name == "csvdecode" && len(vals) == 1 && vals[0].IsKnown() && !vals[0].IsNull() && vals[0].Type() == cty.String {
		// A field is an attribute of an object of its row, which cty
		// builds and compares by maps of the attributes: about 3 µs a
		// field of a CSV of 200,000 columns (3 s for 800,000 fields).
		s := vals[0].AsString()
		cost += csvFieldUnits * (int64(strings.Count(s, ",")) + int64(strings.Count(s, "\n")) + 1)
	}
	if n := int64(len(vals)); n > 1 && unifyNames[name] {
		// The result's type unifies the arguments' types, which cty
		// sorts by comparing each with each (about 25 ns a pair):
		// coalesce(local.strings...) of 32,000 took 12 s.
		cost += n * n
		if _, _, fast := setOpArgs(name, vals); name == "setunion" && !fast {
			// Each step copies the union so far out of its set,
			// sorted (setCost): 2,000 sets of one element, 12 s.
			var acc int64
			for _, v := range vals {
				acc += int64(shallowLen(v))
				if cost += setCost(acc); cost > limit {
					return cost
				}
			}
		}
	}
	if cost > limit {
		return cost
	}
	for i, v := range vals {
		units := int64(argUnits)
		if name == "flatten" {
			// cty's flatten copies each nested list it walks into: about
			// 950 bytes of garbage an element of flatten([local.big]).
			units *= 2
		}
		if cost += units * deepElems(v, (limit-cost)/units+1); cost > limit {
			return cost
		}
		n := int64(shallowLen(v))
		if n < 2 {
			continue
		}
		if v.Type().IsSetType() {
			if v.Type().ElementType() == cty.String {
				cost += stringSetCost(n)
			} else {
				cost += setCost(n)
			}
		}
		if toSet {
			cost += 64 * n
			if u := int64(unknownElems(v)); u > 1 {
				cost += 16 * (u * u / 2)
			}
		}
		if name == "distinct" && !distinctFast(v) {
			cost += 16 * (n * n / 2) // distinctFunc's map takes known values only
		}
		if p := paramAt(params, varParam, i); p != nil && v.Type().IsTupleType() && (p.Type.IsListType() || p.Type.IsSetType()) {
			if _, ok := uniformElems(v, p.Type); !ok {
				cost += n * n / 2
			}
		}
		if cost > limit {
			return cost
		}
	}
	return cost
}

// unifyNames are the functions whose result type unifies the types of all
// their arguments (convert.UnifyUnsafe: pairwise).
var unifyNames = map[string]bool{"coalesce": true, "concat": true, "setunion": true, "setintersection": true, "setsubtract": true}

// csvFieldUnits is what a field of csvdecode's argument (at most a field
// for each separator) counts for in callCost.
const csvFieldUnits = 200

// elemUnits is what an element of a call's result counts for
// (spendResult), and half of what an element of its arguments does in
// callCost (argUnits): about 0.7 µs, what cty's per-element work measured
// (contains, index and sum over a list of 240,000 strings: 1-1.6 µs an
// element; it was 16, and
// a for of 1,000 contains() of that list ran 8.3 CPU s before the budget
// was spent, 2.7 s at 48). Real configurations spend under 0.2% of
// maxCallWork at 48 (corpus/real at most 47,392 units at 16).
const elemUnits = 48

// argUnits is what an element of an argument counts for in callCost: cty's
// Function.Call walks each argument twice before the function does
// (ContainsMarked, UnmarkDeep), making a number of each index and a copy
// of each element, about 250 bytes of garbage an element, which the
// collector lets pile up to hundreds of megabytes between its cycles. At
// elemUnits, a for of 1,000 max(local.big...), contains or flatten of a
// 240,000-number literal reached 540-910 MB of RSS before the budget was
// spent.
const argUnits = 2 * elemUnits

// deepElems returns the number of elements and attributes in v at any
// depth, counting no further than past limit.
func deepElems(v cty.Value, limit int64) int64 {
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	ty := v.Type()
	if !(ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType()) {
		return 0
	}
	var n int64
	if ty.IsObjectType() {
		for name := range ty.AttributeTypes() {
			if n++; n > limit {
				return n
			}
			n += deepElems(v.GetAttr(name), limit-n)
		}
		return n
	}
	if ty.IsListType() || ty.IsTupleType() {
		if raw, ets, et, ok := rawElems(v); ok {
			// Off the internal value: v.Index makes a number of each
			// index past 1,024.
			for i, r := range raw {
				if n++; n > limit {
					return n
				}
				if ets != nil {
					et = ets[i]
				}
				if !et.IsPrimitiveType() {
					n += deepElems(ctyraw.Make(et, r), limit-n)
				}
			}
			return n
		}
		for i, l := 0, v.LengthInt(); i < l; i++ {
			if n++; n > limit {
				return n
			}
			n += deepElems(v.Index(indexKey(i)), limit-n)
		}
		return n
	}
	if ty.IsSetType() {
		// Not iterated: cty sorts a set's elements each time (setCost).
		return int64(v.LengthInt())
	}
	for it := v.ElementIterator(); it.Next(); {
		if n++; n > limit {
			return n
		}
		_, ev := it.Element()
		n += deepElems(ev, limit-n)
	}
	return n
}

// setCost is what iterating a set of n elements costs: cty sorts them each
// time (sort.SliceStable, about n·log²(n)/3 comparisons of 0.3-0.5 µs:
// 50 ms for a thousand numbers or strings).
func setCost(n int64) int64 {
	l := int64(bits.Len64(uint64(n)))
	return 32 * n * l * l
}

// stringSetCost is setCost of a set of strings, which compare faster: a
// go-cty sort of 60,000 strings takes 0.35-0.5 s, and a call walks a set
// argument two or three times (Function.Call's walk for marks, the
// function, tooLargeArgs): 2·n·log²(n) is 31M units for 60,000 (about
// 0.5 s, under the 1-1.5 s of those walks), where setCost counted 491M and
// refused any call given setunion or toset of 60,000 strings (red team 21:
// contains or length of them spent the budget of function calls, an
// error). At 4·n·log²(n), contains(setintersection(a, a), x) of 60,000
// strings spent it again.
func stringSetCost(n int64) int64 {
	l := int64(bits.Len64(uint64(n)))
	return 2 * n * l * l
}

func paramAt(params []function.Parameter, varParam *function.Parameter, i int) *function.Parameter {
	if i < len(params) {
		return &params[i]
	}
	return varParam
}

// shallowLen is the number of elements (attributes) of a known collection,
// tuple or object; 0 for anything else.
func shallowLen(v cty.Value) int {
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		return len(ty.AttributeTypes())
	case ty.IsCollectionType() || ty.IsTupleType():
		return v.LengthInt()
	}
	return 0
}

// unknownElems is the number of elements of a known collection or tuple
// that are not wholly known.
func unknownElems(v cty.Value) int {
	if !v.IsKnown() || v.IsNull() || !(v.Type().IsCollectionType() || v.Type().IsTupleType()) || v.IsWhollyKnown() {
		return 0
	}
	u := 0
	for it := v.ElementIterator(); it.Next(); {
		if _, ev := it.Element(); !ev.IsWhollyKnown() {
			u++
		}
	}
	return u
}

// spendCalls counts the work of calling f (name) on vals (callCost);
// false (with one error per root module) once the calls' work is more
// than maxCallWork.
func (e *env) spendCalls(f function.Function, name string, vals []cty.Value, rng hcl.Range) bool {
	if e.s.ev.callWork > maxCallWork {
		return false // said once
	}
	return e.spendWork(callCost(f, name, vals, maxCallWork-e.s.ev.callWork), rng)
}

// convertCost is callCost of converting v to the type constraint ty of a
// variable: a tuple to a set hashes each element (and compares unknown
// elements pairwise), to a list or set of any type unifies the element
// types pairwise.
func convertCost(v cty.Value, ty cty.Type) int64 {
	if !(ty.IsSetType() || ty.IsListType()) || !v.Type().IsTupleType() {
		return 0
	}
	n := int64(shallowLen(v))
	if n < 2 {
		return 0
	}
	var cost int64
	if _, ok := uniformElems(v, ty); !ok && ty.ElementType() == cty.DynamicPseudoType {
		cost += n * n / 2
	}
	if ty.IsSetType() {
		cost += 64 * n
		if u := int64(unknownElems(v)); u > 1 {
			cost += 16 * (u * u / 2)
		}
	}
	return cost
}

// spendResult counts the elements of a call's result v (range(1000) is a
// thousand numbers made), as spendCalls, and the sorting of a set result's
// elements (setCost) but strings', which each walk of it does: toset of
// 240,000 numbers, whose JSON text was written, ran 23 CPU s uncounted (cty
// compares two numbers by big.Float, about 1 µs).
func (e *env) spendResult(v cty.Value, rng hcl.Range) bool {
	if e.s.ev.callWork > maxCallWork {
		return false // said once
	}
	cost := elemUnits * deepElems(v, (maxCallWork-e.s.ev.callWork)/elemUnits+1)
	if n := int64(shallowLen(v)); n > 1 && v.Type().IsSetType() && v.Type().ElementType() != cty.String {
		// Strings compare fast: a for_each over toset() of 100,000
		// keys is no more than --max-instances refuses.
		cost += setCost(n)
	}
	return e.spendWork(cost, rng)
}

// spendRegex counts the work w of matching a pattern of insts
// instructions against bytes bytes (regexWork) as spendWork does, with its own error when this
// call passes the budget: regex("((((...(.*)...))))", 10 MB), 300 groups,
// ran for more than 30 s.
func (e *env) spendRegex(name string, w int64, insts, bytes int, rng hcl.Range) bool {
	ev := e.s.ev
	if ev.callWork > maxCallWork {
		return false // said once
	}
	if ev.callWork += w; ev.callWork <= maxCallWork {
		return true
	}
	ev.diag(hcl.DiagError, summaryTooLarge, fmt.Sprintf("%s: matching a pattern of %d instructions against a string of %d bytes takes more work than the function calls of a module may do in all (%d units of about 15 ns); this call and the ones after it are unknown.", name, insts, bytes, maxCallWork), rng)
	return false
}

// summaryTooLarge is the summary of the error a spent budget (for, string
// or call work) gives, once per root module; preflight keeps it.
const summaryTooLarge = "Evaluation too large"

// SummaryTooLarge is the summary of the error a spent evaluation budget
// gives (see summaryTooLarge): the values evaluated after it are unknown.
const SummaryTooLarge = summaryTooLarge

func (e *env) spendWork(cost int64, rng hcl.Range) bool {
	ev := e.s.ev
	if cost == 0 {
		return true
	}
	if ev.callWork > maxCallWork {
		return false // said once
	}
	if ev.callWork += cost; ev.callWork <= maxCallWork {
		return true
	}
	ev.diag(hcl.DiagError, summaryTooLarge, fmt.Sprintf("the function calls and type conversions of this module have handled more than %d elements (distinct's pairs of elements, a set's unknown elements and a mixed tuple's pairs weigh more)%s; this one and the ones after it are unknown.", maxCallWork-ev.callPre, prechargeNote(ev.callPre)), rng)
	return false
}

// heavyBody reports whether the body of the for expression x (its value,
// key or condition) iterates or calls a function: hcl's own evaluation of
// x (generic) would do that for each element outside the budgets (a for
// over a set holding an unknown, or over more than 16 x --max-instances
// elements, whose body held nested fors or distinct(), ran for hours and
// grew past gigabytes).
func heavyBody(x *hclsyntax.ForExpr) bool {
	return heavy(x.KeyExpr, x.ValExpr, x.CondExpr)
}

// preflight evaluates args located, within the budgets, before hcl
// evaluates the expression holding them (rng) on its own (generic),
// outside them: false when that spent a budget. try and can
// (can([for ... : [for ... : [for ...]]]) or try(distinct(...), 1)) and a
// splat's source ran for hours, growing past gigabytes. Only arguments
// that iterate or call a function are evaluated; what the evaluation says
// within rng is dropped (try and can are there to hide errors; hcl says it
// again), but for a budget's error. What it evaluated (nil when nothing)
// is returned for the located evaluation after hcl's (tryFallback, splat),
// which takes it instead of evaluating the arguments a third time.
func (e *env) preflight(args []hclsyntax.Expression, rng hcl.Range) (*preflown, bool) {
	if !heavy(args...) {
		return nil, true
	}
	ev := e.s.ev
	mark := len(ev.diags)
	pf := &preflown{nodes: make([]*Node, 0, len(args))}
	for _, a := range args {
		pf.nodes = append(pf.nodes, e.expr(a))
		if ev.spent() {
			break
		}
	}
	// What is said outside (a local's definition, evaluated once and
	// kept) is kept.
	kept := ev.diags[:mark]
	for _, d := range ev.diags[mark:] {
		if d.Summary == summaryTooLarge || d.Subject == nil || !inside(*d.Subject, rng) {
			kept = append(kept, d)
			continue
		}
		pf.said = true
		if infiniteSaid(d) {
			for i, a := range args {
				if inside(*d.Subject, a.Range()) {
					if pf.inf == nil {
						pf.inf = make([]bool, len(args))
					}
					pf.inf[i] = true
				}
			}
		}
	}
	ev.diags = kept
	if ev.spent() {
		return nil, false
	}
	return pf, true
}

// preflown is what preflight evaluated: the located node of each argument,
// and whether the evaluation said something within the expression's range
// (which preflight dropped), and which arguments made an infinite number.
type preflown struct {
	nodes []*Node
	said  bool
	inf   []bool // per argument, whether it made an infinite number (nil: none did)
}

// spent reports whether a budget of the evaluation is spent.
func (ev *evaluator) spent() bool {
	return ev.forWork > maxForWork || ev.callWork > maxCallWork || ev.stringWork > maxStringWork
}

// inside reports whether r is within outer.
func inside(r, outer hcl.Range) bool {
	return r.Filename == outer.Filename && r.Start.Byte >= outer.Start.Byte && r.End.Byte <= outer.End.Byte
}

// heavy reports whether any of xs iterates or calls a function.
func heavy(xs ...hclsyntax.Expression) bool {
	for _, x := range xs {
		if x != nil && holdsWork(x, true) {
			return true
		}
	}
	return false
}

// iterates reports whether x holds a for expression or a %{ for } directive.
func iterates(x hcl.Expression) bool {
	n, ok := x.(hclsyntax.Node)
	if !ok {
		return true // JSON: it may hold templates
	}
	return holdsWork(n, false)
}

// holdsWork reports whether n holds a for expression or a %{ for }
// directive, or, with calls, a function call (heavy and iterates).
func holdsWork(n hclsyntax.Node, calls bool) bool {
	found := false
	_ = hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		switch n.(type) {
		case *hclsyntax.ForExpr, *hclsyntax.TemplateJoinExpr:
			found = true
		case *hclsyntax.FunctionCallExpr:
			found = found || calls
		}
		return nil
	})
	return found
}
