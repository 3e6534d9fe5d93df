package eval

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/linter/iam"
)

// env is the evaluation environment of one expression: a module instance
// scope plus the iteration symbols in effect.
type env struct {
	s     *scope
	each  *iterVal
	count *Node
	iters map[string]*iterVal // dynamic block iterators
	syms  map[string]*Node    // for-expression symbols
	tvars map[string]*Node    // templatefile variables (only these are in scope)
	jsrc  *jsonSource         // the decoded .tf.json string a template was parsed from
	depth int                 // templatefile nesting

	// consts gives the constant expressions of the block body or locals
	// being evaluated (BlockConfig.bodyConsts, Config.localsConsts), found
	// when first asked: an expression evaluated once does not ask.
	consts constSource
	// cset is consts.constSet() once cached asked for it (csetOK).
	cset   constSet
	csetOK bool
}

func (e *env) withIter(name string, it *iterVal) *env {
	c := *e
	c.iters = make(map[string]*iterVal, len(e.iters)+1)
	for k, v := range e.iters {
		c.iters[k] = v
	}
	c.iters[name] = it
	return &c
}

// withSyms returns a copy of e whose symbols are e's and kv's, in a map
// of its own.
func (e *env) withSyms(kv map[string]*Node) *env {
	c := *e
	c.syms = make(map[string]*Node, len(e.syms)+max(len(kv), 2))
	for k, v := range e.syms {
		c.syms[k] = v
	}
	for k, v := range kv {
		c.syms[k] = v
	}
	return &c
}

// once reports whether the expression being evaluated is evaluated at most
// once per Evaluate: it belongs to the root module instance and no
// iteration (count, for_each, dynamic block, for expression, templatefile)
// is in effect. Such an expression gains nothing from being remembered.
func (e *env) once() bool {
	return e.s.mod.Path == "" && e.each == nil && e.count == nil && len(e.iters) == 0 && len(e.syms) == 0 && e.tvars == nil && e.depth == 0
}

func (e *env) warn(summary, detail string, rng hcl.Range) {
	e.s.ev.diag(hcl.DiagWarning, summary, detail, rng)
}

// maxEvalDepth bounds how deeply evaluations of expressions nest in one
// root module: through references (a chain of locals, outputs, variables,
// module inputs or resources, each referring to the one before) as well as
// through operators and brackets. Each level takes one to five kilobytes of
// goroutine stack: a 3.7 MB .tf of 165,000 chained locals, or 100 locals
// each adding 9,000 "+0" to the one before, overflowed the 1 GB stack, a
// fatal error no recover catches. It is well above MaxExprDepth, so an
// expression of any depth a file may hold still evaluates.
const maxEvalDepth = 3 * MaxExprDepth

// expr evaluates x located.
func (e *env) expr(x hcl.Expression) *Node {
	if x == nil {
		return &Node{Val: cty.NullVal(cty.DynamicPseudoType)}
	}
	ev := e.s.ev
	if ev.evalDepth >= maxEvalDepth {
		return ev.tooDeep(x.Range())
	}
	ev.evalDepth++
	n := e.expr0(x)
	ev.evalDepth--
	return n
}

// expr0 is expr without the depth count.
func (e *env) expr0(x hcl.Expression) *Node {
	switch x.(type) {
	case *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr, *hclsyntax.FunctionCallExpr, *hclsyntax.TemplateExpr:
		if e.cached(x) {
			return e.constNode(x)
		}
	}
	return e.expr1(x)
}

// refRoom reports whether a reference may be followed into a value not
// evaluated yet (a local, an output, a module input, a block instance). A
// reference past maxEvalDepth - MaxExprDepth is cut instead (tooDeep), so
// that what is evaluated has room for any expression a file may hold and
// is never cut inside itself: a value that is remembered (a local, a block)
// and read again from a shallow place is then the value it has, not
// unknown because a deep chain reached it first.
func (ev *evaluator) refRoom() bool { return ev.evalDepth < maxEvalDepth-MaxExprDepth }

// tooDeep is the value of an expression past maxEvalDepth, or of a
// reference past refRoom: unknown, with an error (once per root module).
// Each cut is counted (evalCuts: constNode remembers no value cut).
func (ev *evaluator) tooDeep(rng hcl.Range) *Node {
	ev.evalCuts++
	if !ev.evalTooDeep {
		ev.evalTooDeep = true
		ev.diagUnknown(hcl.DiagError, "Evaluation nested too deep", fmt.Sprintf("Evaluating this expression goes through more than %d nested expressions and references (a long chain of locals, outputs or resources that refer to each other, or operators nested in them); its value is unknown.", maxEvalDepth), rng)
	}
	return unknownNode(rng)
}

// expr1 is expr without the cache of constant expressions.
func (e *env) expr1(x hcl.Expression) *Node {
	switch x := x.(type) {
	case *hclsyntax.LiteralValueExpr:
		if hugeNumber(x.Val) {
			e.sayHugeNumber("number", x.SrcRange, x.Val)
			return unknownNode(x.SrcRange)
		}
		n := e.s.ev.newNode()
		n.Val, n.Range = x.Val, x.SrcRange
		return n
	case *hclsyntax.TemplateExpr:
		return e.template(x)
	case *hclsyntax.TemplateWrapExpr:
		return e.expr(x.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return e.expr(x.Expression)
	case *hclsyntax.ObjectConsExpr:
		return e.object(x)
	case *hclsyntax.TupleConsExpr:
		return e.tuple(x, false)
	case *hclsyntax.ScopeTraversalExpr:
		return e.traversal(x.Traversal, x.SrcRange)
	case *hclsyntax.RelativeTraversalExpr:
		if t, ok := e.flatten(x); ok {
			return e.traversal(t, x.SrcRange)
		}
		if n := e.forkKey(x); n != nil {
			return n
		}
		return e.applySteps(e.expr(x.Source), x.Traversal, x.SrcRange)
	case *hclsyntax.IndexExpr:
		if t, ok := e.flatten(x); ok {
			return e.traversal(t, x.SrcRange)
		}
		if n := e.forkKey(x); n != nil {
			return n
		}
		c := e.expr(x.Collection)
		k := e.expr(x.Key)
		if !k.Val.IsKnown() && len(k.Alts()) > 0 && (c.Val.IsKnown() || len(c.Alts()) > 0) {
			// A key that is a conditional's value (unknown condition:
			// local.m[var.admin ? "a" : "b"]): the element of each
			// branch's key, quietly (a branch may be one Terraform
			// never takes).
			if n := e.forkAlts([]*Node{c, k}, x.SrcRange, func(a []*Node) *Node {
				if !a[1].Val.IsKnown() || a[1].Val.IsNull() {
					return unknownNode(x.SrcRange)
				}
				return e.altSteps(a[0], hcl.Traversal{hcl.TraverseIndex{Key: a[1].Val, SrcRange: x.SrcRange}}, x.SrcRange)
			}); n != nil {
				return n
			}
		}
		if !k.Val.IsKnown() || (!c.Val.IsKnown() && len(c.Alts()) == 0) {
			return unknownNode(x.SrcRange)
		}
		if k.Val.IsNull() {
			return e.generic(x)
		}
		return e.applySteps(c, hcl.Traversal{hcl.TraverseIndex{Key: k.Val, SrcRange: x.SrcRange}}, x.SrcRange)
	case *hclsyntax.ConditionalExpr:
		return e.conditional(x)
	case *hclsyntax.FunctionCallExpr:
		return e.call(x)
	case *hclsyntax.ForExpr:
		return e.forExpr(x)
	case *hclsyntax.SplatExpr:
		return e.splat(x)
	case *hclsyntax.BinaryOpExpr:
		l, r := e.expr(x.LHS), e.expr(x.RHS)
		if n := e.forkAlts([]*Node{l, r}, x.SrcRange, func(a []*Node) *Node { return e.binaryOp(x, a[0], a[1]) }); n != nil {
			return sensitiveOf(n, l, r)
		}
		return sensitiveOf(e.binaryOp(x, l, r), l, r)
	case *hclsyntax.UnaryOpExpr:
		v := e.expr(x.Val)
		if n := e.forkAlts([]*Node{v}, x.SrcRange, func(a []*Node) *Node { return e.unaryOp(x, a[0]) }); n != nil {
			return sensitiveOf(n, v)
		}
		return sensitiveOf(e.unaryOp(x, v), v)
	case hclsyntax.Expression:
		return e.generic(x)
	}
	return e.nonNative(x)
}

// sensitiveOf is n, marked Sensitive when an operand of ops is (var.len
// + 0, !var.flag: Terraform marks the result as it marks the operand).
func sensitiveOf(n *Node, ops ...*Node) *Node {
	if anySensitive(ops) {
		return markSensitive(n)
	}
	return n
}

// binaryOp is x of its evaluated operands.
func (e *env) binaryOp(x *hclsyntax.BinaryOpExpr, l, r *Node) *Node {
	if v, ok := fastOp(x.Op, l.Val, r.Val); ok {
		if e.tooLarge("operator", x.SrcRange, l.Val, r.Val, v) {
			return unknownNode(x.SrcRange) // as applyFunc gives, said once
		}
		return &Node{Val: v, Range: x.SrcRange}
	}
	return e.applyFunc(x.Op.Impl, "operator", []cty.Value{l.Val, r.Val}, x.SrcRange, x.SrcRange)
}

// unaryOp is x of its evaluated operand.
func (e *env) unaryOp(x *hclsyntax.UnaryOpExpr, v *Node) *Node {
	if r, ok := fastOp(x.Op, v.Val, cty.NilVal); ok {
		return &Node{Val: r, Range: x.SrcRange}
	}
	return e.applyFunc(x.Op.Impl, "operator", []cty.Value{v.Val}, x.SrcRange, x.SrcRange)
}

// nonNative evaluates x, an expression that is not native syntax: a JSON
// expression (.tf.json).
func (e *env) nonNative(x hcl.Expression) *Node {
	// Not native syntax: a JSON expression (.tf.json).
	if n, ok := e.jsonTemplate(x); ok {
		return n
	}
	if pairs, diags := hcl.ExprMap(x); !diags.HasErrors() {
		n := &Node{Range: x.Range()}
		var ms Members
		attrs := map[string]cty.Value{}
		var seen map[string]hcl.Range // of keys defined more than once
		for i, p := range pairs {
			kv, d := p.Key.Value(nil)
			if d.HasErrors() || !kv.IsKnown() || kv.IsNull() || kv.Type() != cty.String {
				return e.generic(x)
			}
			k := kv.AsString()
			if _, ok := attrs[k]; ok && k != "//" { // comments in a block's body, as many as one likes
				if seen == nil {
					seen = map[string]hcl.Range{}
				}
				if _, done := seen[k]; !done {
					seen[k] = p.Key.Range()
					c := e.jsonRepeatedKey(k, pairs[:i], pairs[i:])
					ms.Set(k, c)
					attrs[k] = c.Val
				}
				continue
			}
			// Named in a copy: the value's node may be another's (a
			// reference's, "${local.a}"), as named copies them.
			cp := *e.expr(p.Value)
			c := &cp
			c.SetNameRange(p.Key.Range())
			ms.Set(k, c)
			attrs[k] = c.Val
		}
		ms.Into(n)
		n.Val = cty.ObjectVal(attrs)
		return n
	}
	if list, diags := hcl.ExprList(x); !diags.HasErrors() {
		n := &Node{Range: x.Range(), Elems: make([]*Node, len(list))}
		vals := make([]cty.Value, len(list))
		for i, el := range list {
			n.Elems[i] = e.expr(el)
			vals[i] = n.Elems[i].Val
		}
		n.Val = cty.TupleVal(vals)
		return n
	}
	return e.generic(x)
}

// preflownKnown reports whether preflight evaluated every argument of the
// call x (try or can), the first wholly known, and said nothing within x:
// the first argument evaluates without error, so try's value is its value
// and can's is true.
func preflownKnown(pf *preflown, x *hclsyntax.FunctionCallExpr) bool {
	return pf != nil && !pf.said && !x.ExpandFinal && len(x.Args) > 0 && len(pf.nodes) == len(x.Args) && pf.nodes[0].Val.IsWhollyKnown()
}

// fastOp computes the logical and equality operators (&&, ||, !, ==, !=)
// of known, non-null, unmarked primitive operands (b is cty.NilVal for !)
// as their functions do (stdlib.AndFunc and the rest: Value.And, Or, Not,
// Equals), without Function.Call's type checks, refinement and walks for
// marks: they are most of the count and for_each conditions of modules
// (var.create && var.create_role ? 1 : 0). ok is false for anything else,
// which goes through applyFunc.
func fastOp(op *hclsyntax.Operation, a, b cty.Value) (v cty.Value, ok bool) {
	plain := func(v cty.Value) bool {
		return v.IsKnown() && !v.IsNull() && !v.IsMarked() && v.Type().IsPrimitiveType()
	}
	if !plain(a) || (b != cty.NilVal && !plain(b)) {
		return cty.NilVal, false
	}
	switch op {
	case hclsyntax.OpLogicalNot:
		if b == cty.NilVal && a.Type() == cty.Bool {
			return a.Not(), true
		}
	case hclsyntax.OpLogicalAnd:
		if b != cty.NilVal && a.Type() == cty.Bool && b.Type() == cty.Bool {
			return a.And(b), true
		}
	case hclsyntax.OpLogicalOr:
		if b != cty.NilVal && a.Type() == cty.Bool && b.Type() == cty.Bool {
			return a.Or(b), true
		}
	case hclsyntax.OpEqual:
		if b != cty.NilVal && a.Type() == b.Type() {
			return a.Equals(b), true
		}
	case hclsyntax.OpNotEqual:
		if b != cty.NilVal && a.Type() == b.Type() {
			return a.Equals(b).Not(), true
		}
	}
	return cty.NilVal, false
}

// maxForWork bounds the elements that the for expressions of one root
// module (with the modules it calls) iterate over: far above what real
// configurations do, a few seconds of evaluation.
const maxForWork = 250_000

// maxValueBytes bounds the bytes of strings in a function's arguments or
// result and in a template: strings that double at each step (local.b =
// "${local.a}${local.a}", 40 times) would exhaust memory.
const maxValueBytes = 64 << 20

// elementBytes is what an element of a collection counts for in
// stringBytes: lists that double at each step (concat(local.l, local.l))
// are bounded too, at about a million elements.
const elementBytes = 64

// TooLarge reports whether v holds more than the bound of a value (64 MiB
// of strings, elementBytes an element, a part shared by several counted
// each time): what tooLarge refuses a function's result for.
func TooLarge(v cty.Value) bool { return stringBytes(v, maxValueBytes) > maxValueBytes }

// stringBytes returns the bytes of the known strings in v (and elementBytes
// per element of its collections), counting no further than past limit.
func stringBytes(v cty.Value, limit int) int {
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return len(v.AsString())
	case ty == cty.Number:
		if hugeNumber(v) {
			return limit + 1 // too large, whatever the rest (tooLarge says why)
		}
		return 0
	case ty.IsPrimitiveType():
		return 0
	case ty.IsObjectType():
		// By the type's attributes, in no order (only the total counts):
		// cty iterates an object by sorting its attribute names.
		n := 0
		for k, at := range ty.AttributeTypes() {
			if n > limit {
				break
			}
			n += elementBytes + len(k)
			n += stringBytes(attrVal(v, k, at), limit-n)
		}
		return n
	case ty.IsListType() || ty.IsTupleType():
		if raw, ets, et, ok := rawElems(v); ok {
			// Off the internal value, as jsonText reads it: v.Index makes
			// a number of each index past 1,024 (a big.Float: most of the
			// walk of a long list, which each call's arguments get).
			n := 0
			for i, r := range raw {
				if n > limit {
					break
				}
				if ets != nil {
					et = ets[i]
				}
				n += elementBytes
				n += stringBytes(ctyraw.Make(et, r), limit-n)
			}
			return n
		}
		// By index: no iterator.
		n := 0
		for i, l := 0, v.LengthInt(); i < l && n <= limit; i++ {
			n += elementBytes
			n += stringBytes(v.Index(indexKey(i)), limit-n)
		}
		return n
	case ty.IsCollectionType():
		n := 0
		for it := v.ElementIterator(); it.Next() && n <= limit; {
			n += elementBytes
			k, ev := it.Element()
			if ty.IsMapType() || ty.IsObjectType() {
				n += len(k.AsString())
			}
			n += stringBytes(ev, limit-n)
		}
		return n
	}
	return 0
}

// spendText counts a JSON text of n bytes that jsonencode wrote in the
// budget of strings and, a unit a byte (writing it walked at most as many
// elements), in the budget of calls: written outside callFunc, the texts
// were counted in neither, and 1,000 calls in a for expression each wrote
// the 1.7 MB text of the same list (60 CPU s, 2.7 GB).
func (e *env) spendText(n int, rng hcl.Range) bool {
	return e.spendBytes(n, rng) && e.spendWork(int64(n), rng)
}

// rawElems returns the internal elements of v, a known list or tuple, and
// their types (ets for a tuple's, et for a list's): ok is false when they
// cannot be read so (not ctyraw.Fast, v marked).
func rawElems(v cty.Value) (raw []any, ets []cty.Type, et cty.Type, ok bool) {
	if !ctyraw.Fast() {
		return nil, nil, cty.NilType, false
	}
	raw, ok = ctyraw.Raw(v).([]any)
	if !ok || len(raw) != v.LengthInt() {
		return nil, nil, cty.NilType, false
	}
	if ty := v.Type(); ty.IsTupleType() {
		ets = ty.TupleElementTypes()
	} else {
		et = ty.ElementType()
	}
	return raw, ets, et, true
}

// spend counts n more elements iterated by a for expression or a dynamic
// block; false (with one error per root module) once the iterations of the
// root module are more than maxForWork.
func (e *env) spend(n int, rng hcl.Range) bool {
	ev := e.s.ev
	if ev.forWork += n; ev.forWork <= maxForWork {
		return true
	}
	if ev.forWork-n <= maxForWork {
		ev.diag(hcl.DiagError, summaryTooLarge, fmt.Sprintf("the for expressions and dynamic blocks of this module have iterated over more than %d elements (nested ones multiply)%s; this one and the ones after it are unknown.", maxForWork-ev.forPre, prechargeNote(ev.forPre)), rng)
	}
	return false
}

// maxStringWork bounds the bytes of the strings that the function calls of
// one root module (with the modules it calls) take as arguments or return,
// and that its templates make, all together: far above real
// configurations. Each value is bounded (maxValueBytes), their number is
// not: 60 calls of length() on a 58 MB string took 2.3 s each (it counts
// grapheme clusters), and 60 templates holding it 3.5 GB.
const maxStringWork = 256 << 20

// spendString counts the bytes of v when it is a known string (spendBytes).
func (e *env) spendString(v cty.Value, rng hcl.Range) bool {
	if v == cty.NilVal || v.Type() != cty.String || !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return true
	}
	return e.spendBytes(len(v.AsString()), rng)
}

// spendBytes counts n more bytes of strings handled; false (with one error
// per root module) once they are more than maxStringWork.
func (e *env) spendBytes(n int, rng hcl.Range) bool {
	ev := e.s.ev
	if ev.stringWork > maxStringWork {
		return false // said once; not counted on (no overflow of a 32-bit int)
	}
	if ev.stringWork += n; ev.stringWork <= maxStringWork {
		return true
	}
	ev.diag(hcl.DiagError, summaryTooLarge, fmt.Sprintf("the function calls and templates of this module have handled more than %d bytes of strings%s; this one and the ones after it are unknown.", maxStringWork-ev.stringPre, prechargeNote(ev.stringPre)), rng)
	return false
}

// tooLarge reports, and says, whether vals hold more than maxValueBytes of
// strings, or a number past maxNumberExp.
func (e *env) tooLarge(name string, rng hcl.Range, vals ...cty.Value) bool {
	n := 0
	for _, v := range vals {
		if n += stringBytes(v, maxValueBytes-n); n > maxValueBytes {
			for _, v := range vals {
				if hasHugeNumber(v) {
					e.sayHugeNumber(name, rng, v)
					return true
				}
			}
			e.sayTooLarge(name, rng)
			return true
		}
	}
	return false
}

// maxNumberExp bounds the binary exponent of the numbers the evaluator
// keeps (2^4096 is about 1e1233): far past any configuration's, and
// printing a number (a template, tostring, jsonencode, a policy's value)
// takes time that grows faster than its digits: 1e9999999 took more than
// 20 s, 1e-100000 12 s, and a three-line file hung the run.
const maxNumberExp = 4096

// hugeNumber reports whether v is a known number past maxNumberExp, or
// infinite: an infinity (1 / 0, pow(10, 1000), which computes in 64-bit
// floats) is no configuration's value either, and printed it is "+Inf",
// which a policy read as an action named "+Inf" (jsonencode refused it, but
// the located value under it was still read). It is unknown where it is
// made, with an error there (sayHugeNumber).
func hugeNumber(v cty.Value) bool {
	if v.Type() != cty.Number || !v.IsKnown() || v.IsNull() {
		return false
	}
	f := rawNumber(v)
	if f.IsInf() {
		return true
	}
	if f.Sign() == 0 {
		return false
	}
	exp := f.MantExp(nil)
	return exp > maxNumberExp || exp < -maxNumberExp
}

// rawNumber is the big.Float of the known number v, to read only: cty's
// own when unmarked (AsBigFloat copies it, about 80 bytes a number, for
// each element of each walk of a call's arguments).
func rawNumber(v cty.Value) *big.Float {
	if ctyraw.Fast() {
		if f, ok := ctyraw.Raw(v).(*big.Float); ok {
			return f
		}
	}
	v, _ = v.Unmark()
	return v.AsBigFloat()
}

// hasHugeNumber reports whether v holds a number past maxNumberExp among
// its first maxHugeNumberWalk elements. The walk is bounded as stringBytes
// is: a value may share its parts (60 locals, each an object of the one
// before twice, is 2^60 elements in a few bytes of memory), and a walk of
// every element ran for ever (o26: 34 CPU s; 30 levels past a minute). A
// value of more elements is too large for the functions anyway.
func hasHugeNumber(v cty.Value) bool {
	budget := maxHugeNumberWalk
	return hasHugeNumberIn(v, &budget)
}

// maxHugeNumberWalk is the most elements hasHugeNumber visits: those of a
// value of maxValueBytes in stringBytes's count.
const maxHugeNumberWalk = maxValueBytes / elementBytes

func hasHugeNumberIn(v cty.Value, budget *int) bool {
	_, ok := hugeNumberIn(v, budget)
	return ok
}

// firstHugeNumber returns the first number of v that hasHugeNumber finds.
func firstHugeNumber(v cty.Value) (cty.Value, bool) {
	budget := maxHugeNumberWalk
	return hugeNumberIn(v, &budget)
}

func hugeNumberIn(v cty.Value, budget *int) (cty.Value, bool) {
	if !v.IsKnown() || v.IsNull() {
		return cty.NilVal, false
	}
	ty := v.Type()
	switch {
	case ty == cty.Number:
		return v, hugeNumber(v)
	case ty.IsPrimitiveType():
		return cty.NilVal, false
	}
	v, _ = v.Unmark()
	for it := v.ElementIterator(); it.Next(); {
		if *budget--; *budget < 0 {
			return cty.NilVal, false
		}
		_, ev := it.Element()
		if h, ok := hugeNumberIn(ev, budget); ok {
			return h, true
		}
	}
	return cty.NilVal, false
}

// maxDigitRun bounds a run of digits that may be parsed as a number: the
// parse takes time that grows faster than the digits (a 4 MB number
// literal in a .tf file ran for more than a minute, tonumber of 3 million
// digits 12 CPU s), and such a number is past maxNumberExp anyway.
const maxDigitRun = 100_000

// DigitRun returns the offset in src of a run of more than maxDigitRun
// digits, or -1.
func DigitRun(src []byte) int {
	run := 0
	for i, c := range src {
		if c >= '0' && c <= '9' {
			if run++; run > maxDigitRun {
				return i - run + 1
			}
			continue
		}
		run = 0
	}
	return -1
}

// longDigitString reports whether v is a known string holding a run of more
// than maxDigitRun digits.
func longDigitString(v cty.Value) bool {
	if v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return false
	}
	v, _ = v.Unmark()
	s := v.AsString()
	return len(s) > maxDigitRun && DigitRun([]byte(s)) >= 0
}

// sayHugeNumber is tooLarge's error for a number past maxNumberExp, or
// infinite, in vals (none: a string of too many digits to parse).
func (e *env) sayHugeNumber(name string, rng hcl.Range, vals ...cty.Value) {
	for _, v := range vals {
		if h, ok := firstHugeNumber(v); ok && rawNumber(h).IsInf() {
			e.s.ev.diagUnknown(hcl.DiagError, "Number out of range", fmt.Sprintf("%s: a number is infinite (%s, as a division by zero makes, or a result past about 1e308 of pow() and the other functions that compute in 64-bit floats); an infinite number is no value of a configuration or a policy, and the value is unknown.", name, rawNumber(h).String()), rng)
			e.s.ev.diags[len(e.s.ev.diags)-1].Extra = MadeUnknown{Infinite: true} // (infiniteSaid)
			return
		}
	}
	e.s.ev.diagUnknown(hcl.DiagError, "Number out of range", fmt.Sprintf("%s: a number is beyond 1e±1233 (2^±%d), past any configuration's and slow to print; the value is unknown.", name, maxNumberExp), rng)
}

// sayTooLarge is tooLarge's error.
func (e *env) sayTooLarge(name string, rng hcl.Range) {
	e.s.ev.diagUnknown(hcl.DiagError, "Value too large", fmt.Sprintf("%s: the value is more than %d bytes (its strings, and %d per element of a collection); the value is unknown.", name, maxValueBytes, elementBytes), rng)
}

// tooLargeArgs is tooLarge of the values of args; the strings among them
// are counted by spendString too.
func (e *env) tooLargeArgs(name string, rng hcl.Range, args []*Node) bool {
	n := 0
	for _, a := range args {
		if n += stringBytes(a.Val, maxValueBytes-n); n > maxValueBytes {
			if hasHugeNumber(a.Val) {
				e.sayHugeNumber(name, rng, a.Val)
				return true
			}
			e.sayTooLarge(name, rng)
			return true
		}
		if !e.spendString(a.Val, rng) {
			return true
		}
	}
	return false
}

// forExpr evaluates a for expression located: each element of the result
// is evaluated with the key and value symbols bound to located nodes.
// Grouping (...) and anything unknown go through hcl.
func (e *env) forExpr(x *hclsyntax.ForExpr) *Node {
	if e.s.ev.forWork > maxForWork {
		return unknownNode(x.SrcRange) // the budget is spent (said once)
	}
	return e.forColl(x, e.expr(x.CollExpr))
}

// forColl is forExpr of x once its collection is evaluated (coll).
func (e *env) forColl(x *hclsyntax.ForExpr, coll *Node) *Node {
	v := coll.Val
	if !v.IsKnown() {
		if len(coll.Alts()) > 0 && altLeaves(coll) <= maxForks {
			// A conditional's value (unknown condition): the for over
			// each branch.
			return e.overAlts(coll, x.SrcRange, func(a *Node) *Node { return e.forColl(x, a) })
		}
		// hcl's result too; generic would evaluate the collection again
		// and repeat its notices (a failed range() said twice).
		return unknownNode(x.SrcRange)
	}
	if v.IsNull() || !v.CanIterateElements() || (v.Type().IsSetType() && !v.IsWhollyKnown() && !heavyBody(x)) {
		return e.generic(x)
	}
	if !e.spend(v.LengthInt(), x.SrcRange) {
		return unknownNode(x.SrcRange)
	}
	if v.LengthInt() > 16*e.s.ev.opts.MaxInstances && !heavyBody(x) {
		return e.generic(x)
	}
	ty := v.Type()
	// A set's nodes, in its order (alignSetElems, relocate), when it has
	// them all (its length counted once: a walk of the set each time).
	setElems := ty.IsSetType() && len(coll.Elems) > 0 && len(coll.Elems) == v.LengthInt()
	n := &Node{Range: x.SrcRange}
	var ms Members // the members, when x.KeyExpr is set
	// One environment for every element, its symbols set anew each time:
	// nothing keeps an environment past the evaluation of its element.
	ie := e.withSyms(nil)
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		k, ev := it.Element()
		var vn *Node
		switch {
		case ty.IsMapType() || ty.IsObjectType():
			vn = coll.Get(k.AsString())
		case ty.IsListType() || ty.IsTupleType():
			vn = coll.Index(i)
		case setElems:
			vn = coll.Elems[i]
		}
		if vn == nil {
			vn = &Node{Val: ev, Range: x.CollExpr.Range()}
		}
		ie.syms[x.ValVar] = vn
		if x.KeyVar != "" {
			ie.syms[x.KeyVar] = &Node{Val: k, Range: x.CollExpr.Range()}
		}
		if x.CondExpr != nil {
			c := ie.expr(x.CondExpr).Val
			if !c.IsKnown() {
				return unknownNode(x.SrcRange)
			}
			b, err := convert.Convert(c, cty.Bool)
			if err != nil || b.IsNull() {
				return e.generic(x)
			}
			if b.False() {
				continue
			}
		}
		if x.KeyExpr == nil {
			n.Elems = append(n.Elems, ie.expr(x.ValExpr))
			continue
		}
		kn := ie.expr(x.KeyExpr)
		if !kn.Val.IsKnown() {
			return unknownNode(x.SrcRange)
		}
		kv, err := convert.Convert(kn.Val, cty.String)
		if err != nil || kv.IsNull() {
			return e.generic(x)
		}
		key := kv.AsString()
		c := ie.named(x.ValExpr, rangeOf(x.KeyExpr))
		if x.Group {
			// k => v...: the values of each key, in order.
			g := ms.Get(key)
			if g == nil {
				g = &Node{Range: x.SrcRange}
				g.setNameAt(rangeOf(x.KeyExpr))
				ms.Set(key, g)
			}
			g.Elems = append(g.Elems, c)
			continue
		}
		ms.Set(key, c)
	}
	ev := e.s.ev
	if x.KeyExpr == nil {
		n.Val = cty.EmptyTupleVal
		if len(n.Elems) > 0 {
			n.Val = ev.tupleOf(n.Elems)
		}
	} else {
		ms.Into(n)
		if x.Group {
			for _, g := range n.kids() {
				g.Val = ev.tupleOf(g.Elems)
			}
		}
		n.Val = ev.objectVal(n)
	}
	if x != ev.unweighed && e.overweight(n, x.SrcRange) {
		return unknownNode(x.SrcRange)
	}
	return n
}

// named evaluates the value of an attribute or object member whose name is
// at *nameRange (a range that does not change: see Node.setNameAt). Nodes
// that may be shared (references) are copied first.
func (e *env) named(x hcl.Expression, nameRange *hcl.Range) *Node {
	c := e.expr(x)
	switch x.(type) {
	case *hclsyntax.LiteralValueExpr, *hclsyntax.TemplateExpr, *hclsyntax.ObjectConsExpr, *hclsyntax.TupleConsExpr,
		*hclsyntax.FunctionCallExpr, *hclsyntax.BinaryOpExpr, *hclsyntax.UnaryOpExpr, *hclsyntax.ForExpr, *hclsyntax.SplatExpr:
		// Named already, at another name: a node these expressions did
		// not make (try(part.value.content_type, null) returns the node
		// of the member it reads, named where that member is written),
		// which renaming in place would move for every other holder.
		if c.name == nil || c.name == nameRange || *c.name == *nameRange {
			c.setNameAt(nameRange)
			return c
		}
	}
	cp := e.s.ev.newNode()
	*cp = *c
	cp.setNameAt(nameRange)
	return cp
}

// rangeOf returns a pointer to the range of x: to the range field of the
// syntax node itself for the expressions that keep it in one (the names
// and keys of attributes and object members), else to a copy.
func rangeOf(x hcl.Expression) *hcl.Range {
	if k, ok := x.(*hclsyntax.ObjectConsKeyExpr); ok {
		x = k.Wrapped // its Range is its wrapped expression's
	}
	switch x := x.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return &x.SrcRange
	case *hclsyntax.TemplateExpr:
		return &x.SrcRange
	case *hclsyntax.LiteralValueExpr:
		return &x.SrcRange
	case *hclsyntax.TemplateWrapExpr:
		return &x.SrcRange
	case *hclsyntax.ParenthesesExpr:
		return &x.SrcRange
	}
	r := x.Range()
	return &r
}

// tuple evaluates a tuple constructor; as a shape (see jsonshape.go)
// when shape is set.
func (e *env) tuple(x *hclsyntax.TupleConsExpr, shape bool) *Node {
	n := e.s.ev.newElemsNode(len(x.Exprs))
	n.Range = x.SrcRange
	for i, ex := range x.Exprs {
		if shape {
			n.Elems[i] = e.shape(ex)
		} else {
			n.Elems[i] = e.expr(ex)
		}
	}
	if !shape {
		n.Val = e.s.ev.tupleOf(n.Elems)
		if e.overweight(n, x.SrcRange) {
			return unknownNode(x.SrcRange)
		}
	}
	return n
}

func (e *env) object(x *hclsyntax.ObjectConsExpr) *Node { return e.objectShape(x, false) }

// objectShape evaluates an object constructor; as a shape (see
// jsonshape.go) when shape is set.
func (e *env) objectShape(x *hclsyntax.ObjectConsExpr, shape bool) *Node {
	n := e.s.ev.newNode()
	n.Range = x.SrcRange
	member := e.named
	if shape {
		member = e.namedShape
	}
	// The keys are gathered on the stack, then kept in a slice shared by
	// every object of the same shape (objectValKeys).
	var small [8]string
	var smallKids [8]*Node
	keys, kids := small[:0], smallKids[:0] // kids[i] is the member of keys[i]
	var pos map[string]int32               // positions of keys, when many
	unknown := false
	for _, it := range x.Items {
		var k string
		if lk, ok := literalKey(it.KeyExpr); ok {
			k = lk
		} else if kw := hcl.ExprAsKeyword(it.KeyExpr); kw != "" && !forceNonLiteral(it.KeyExpr) {
			k = kw
		} else {
			kn := e.expr(unwrapKey(it.KeyExpr))
			if !kn.Val.IsKnown() {
				// The object is unknown (cty has no object with an unknown
				// key), but its members stay, under a key that says which
				// part is unknown ("${var.issuer}:sub" is
				// UnknownMarker+":sub"), so that a policy linted from the
				// located structure knows the rest.
				unknown = true
				k = UnknownMarker
				if kn.PartialOf() != nil {
					k = kn.PartialOf().Text
				}
				if keyPos(keys, pos, k) >= 0 {
					continue
				}
				keys, kids = setMember(keys, kids, &pos, k, member(it.ValueExpr, rangeOf(it.KeyExpr)))
				continue
			}
			kv, err := convert.Convert(kn.Val, cty.String)
			if err != nil || kv.IsNull() {
				e.warn("Invalid object key", "An object key must be a string.", it.KeyExpr.Range())
				continue
			}
			k = kv.AsString()
		}
		keys, kids = setMember(keys, kids, &pos, k, member(it.ValueExpr, rangeOf(it.KeyExpr)))
	}
	var own []string
	switch {
	case unknown:
		n.Val, own = cty.DynamicVal, ownKeys(keys)
		if shape {
			// No shape under a node with a value.
			for _, c := range kids {
				e.s.ev.materialize(c)
			}
		}
	case shape:
		own = e.s.ev.bodyKeys(keys)
	default:
		n.Val, own = e.s.ev.objectValOf(keys, kids)
		if e.overweight(n, x.SrcRange) {
			return unknownNode(x.SrcRange)
		}
	}
	n.setKidsAt(own, e.s.ev.ownKids(kids), pos)
	return n
}

// setMember sets the member k to c in keys (the keys in order) and kids
// (the member of each): a new key is appended, a key met again keeps its
// place with the new member. *pos, once there are more than indexFrom
// keys, holds their positions (made here). Slices returned, not kept in a
// struct, so that arrays on the caller's stack can back them.
func setMember(keys []string, kids []*Node, pos *map[string]int32, k string, c *Node) ([]string, []*Node) {
	if i := keyPos(keys, *pos, k); i >= 0 {
		kids[i] = c
		return keys, kids
	}
	keys, kids = append(keys, k), append(kids, c)
	switch {
	case *pos != nil:
		(*pos)[k] = int32(len(keys) - 1)
	case len(keys) > indexFrom:
		m := make(map[string]int32, 2*len(keys))
		for i, k := range keys {
			m[k] = int32(i)
		}
		*pos = m
	}
	return keys, kids
}

// keyPos returns the position of k in keys (pos: their positions, or
// nil), -1 when absent.
func keyPos(keys []string, pos map[string]int32, k string) int {
	if pos != nil {
		if i, ok := pos[k]; ok {
			return int(i)
		}
		return -1
	}
	for i, o := range keys {
		if o == k {
			return i
		}
	}
	return -1
}

// ownKids returns kids in a slice of their own (noKids when empty).
func ownKids(kids []*Node) []*Node {
	if len(kids) == 0 {
		return noKids
	}
	return append(make([]*Node, 0, len(kids)), kids...)
}

// ownKids is ownKids, the slice cut from a chunk of the evaluation's
// (its capacity its length: an append copies it) when slabs are on.
func (ev *evaluator) ownKids(kids []*Node) []*Node {
	k := len(kids)
	if !ev.slabs || k == 0 || k > 64 {
		return ownKids(kids)
	}
	if len(ev.kids) < k {
		// Chunks of the sizes of slab's.
		n := slabBytes[min(ev.kidsChunks, len(slabBytes)-1)] / 8
		ev.kidsChunks++
		ev.kids = make([]*Node, max(n, k))
	}
	own := ev.kids[:k:k]
	ev.kids = ev.kids[k:]
	for i := range own { // a few most often: a loop costs less than copy's call
		own[i] = kids[i]
	}
	return own
}

// ownKeys returns keys in a slice of their own (nil when empty).
func ownKeys(keys []string) []string {
	if len(keys) == 0 {
		return nil
	}
	return append(make([]string, 0, len(keys)), keys...)
}

// jsonNode is the node of a jsonencode call with its nodeMore (which
// holds the argument), allocated at once.
type jsonNode struct {
	n Node
	m nodeMore
}

// newJSONNode returns the node of jsonencode(arg): the text v at rng.
func (ev *evaluator) newJSONNode(v cty.Value, rng hcl.Range, arg *Node) *Node {
	t := slabNew(ev.slabs, &ev.jsons)
	t.m.json = arg
	t.n.Val, t.n.Range, t.n.more = v, rng, &t.m
	return &t.n
}

// elemsNode4 is a node with its elements (a tuple of three or four),
// allocated at once; elemsNode2 the same for one or two (224 bytes, not
// 240: most tuples of policies hold one statement, one action...).
type elemsNode4 struct {
	n     Node
	elems [4]*Node
}

type elemsNode2 struct {
	n     Node
	elems [2]*Node
}

// newElemsNode returns a node whose Elems has length k (from the slabs
// when they are on).
func (ev *evaluator) newElemsNode(k int) *Node {
	switch {
	case k > 0 && k <= 2:
		t := slabNew(ev.slabs, &ev.elems2)
		t.n.Elems = t.elems[:k:k]
		return &t.n
	case k > 2 && k <= 4:
		t := slabNew(ev.slabs, &ev.elems4)
		t.n.Elems = t.elems[:k:k]
		return &t.n
	}
	n := ev.newNode()
	n.Elems = make([]*Node, k)
	return n
}

// literalKey returns the key of an object item written as a bare name or
// a plain quoted string (most keys), as the general path below would find
// it (hcl.ExprAsKeyword builds a traversal; a quoted key is a template),
// and false for any other key.
func literalKey(x hclsyntax.Expression) (string, bool) {
	k, ok := x.(*hclsyntax.ObjectConsKeyExpr)
	if !ok {
		return "", false
	}
	switch w := k.Wrapped.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		if !k.ForceNonLiteral && len(w.Traversal) == 1 {
			if name := rootName(w.Traversal); name != "" {
				return name, true
			}
		}
	case *hclsyntax.TemplateExpr:
		if len(w.Parts) == 1 && literalPart(w.Parts[0]) {
			// A cty string is normalized already.
			return w.Parts[0].(*hclsyntax.LiteralValueExpr).Val.AsString(), true
		}
	}
	return "", false
}

func forceNonLiteral(x hcl.Expression) bool {
	if k, ok := x.(*hclsyntax.ObjectConsKeyExpr); ok {
		return k.ForceNonLiteral
	}
	return false
}

func unwrapKey(x hcl.Expression) hcl.Expression {
	if k, ok := x.(*hclsyntax.ObjectConsKeyExpr); ok {
		return k.Wrapped
	}
	return x
}

// maxForks bounds the combinations of conditionals' branches (unknown
// conditions) that one function call, traversal step or for expression is
// evaluated for: past it the value is unknown, as that of any unknown
// argument is (a value of conditionals of conditionals may stand for
// 2^depth combinations).
const maxForks = 16

// altLeaves is how many values n stands for: the branches of its Alts, and
// of theirs, when n is unknown; 1 otherwise. It stops counting past
// maxForks.
func altLeaves(n *Node) int {
	if n == nil || n.Val == cty.NilVal || n.Val.IsKnown() || len(n.Alts()) == 0 {
		return 1
	}
	c := 0
	for _, a := range n.Alts() {
		if c += altLeaves(a); c > maxForks {
			break
		}
	}
	return c
}

// overAlts is f of each branch of n, a conditional's value (unknown, with
// Alts): a node of n's Choice whose Alts are the results, in order; the
// result itself when every branch gives one wholly known value.
func (e *env) overAlts(n *Node, rng hcl.Range, f func(*Node) *Node) *Node {
	alts := n.Alts()
	out := make([]*Node, len(alts))
	same := true
	for i, a := range alts {
		r := f(a)
		if r == nil {
			r = unknownNode(rng)
		}
		out[i] = r
		if same && (r.Val == cty.NilVal || !r.Val.IsWhollyKnown() || (i > 0 && !r.Val.RawEquals(out[0].Val))) {
			same = false
		}
	}
	if same {
		return out[0]
	}
	r := &Node{Val: cty.DynamicVal, Range: rng}
	r.SetAltsOf(n, out)
	return r
}

func (e *env) conditional(x *hclsyntax.ConditionalExpr) *Node {
	c := e.expr(x.Condition)
	if c.Val.IsKnown() && !c.Val.IsNull() {
		b, err := convert.Convert(c.Val, cty.Bool)
		if err == nil && b.IsKnown() {
			// Which branch is taken tells the condition: of a sensitive
			// one, Terraform marks the result sensitive (var.len > 5 ?
			// 0 : 90). (Of an unknown one, both branches are linted:
			// they tell nothing.)
			if b.True() {
				return sensitiveOf(e.expr(x.TrueResult), c)
			}
			return sensitiveOf(e.expr(x.FalseResult), c)
		}
		e.warn("Invalid condition", "The condition is not a bool; both branches are evaluated.", x.Condition.Range())
	}
	t, f := e.expr(x.TrueResult), e.expr(x.FalseResult)
	if !c.Val.IsKnown() && len(c.Alts()) > 0 && altLeaves(c) <= maxForks {
		// The condition is made from another conditional's branches
		// (local.cfg.admin of cfg = var.a ? {...} : {...}): each of
		// them picks a result, as Terraform picks one.
		return e.pick(c, t, f, x.SrcRange)
	}
	n := &Node{Val: cty.DynamicVal, Range: x.SrcRange}
	if first := e.condChoice(x.Condition, c, n); first != n {
		n.SetAltsOf(first, []*Node{t, f})
	} else {
		n.SetAlts([]*Node{t, f})
	}
	return n
}

// pick is t or f, as each branch of c (a condition that is a conditional's
// value) says, of c's choice; a branch of c that is no known bool stands
// for both.
func (e *env) pick(c, t, f *Node, rng hcl.Range) *Node {
	return e.overAlts(c, rng, func(a *Node) *Node {
		if !a.Val.IsKnown() && len(a.Alts()) > 0 {
			return e.pick(a, t, f, rng)
		}
		if a.Val.IsKnown() && !a.Val.IsNull() {
			if b, err := convert.Convert(a.Val, cty.Bool); err == nil && b.IsKnown() {
				if b.True() {
					return t
				}
				return f
			}
		}
		n := &Node{Val: cty.DynamicVal, Range: rng}
		n.SetAlts([]*Node{t, f})
		return n
	})
}

// condKey names a condition in a module instance: its scope and text.
type condKey struct {
	s    *scope
	text string
}

// impure are the functions whose value changes from one call to the next.
var impure = map[string]bool{"uuid": true, "timestamp": true, "plantimestamp": true, "bcrypt": true}

// condChoice returns the choice of n, a conditional of condition x whose
// value c is unknown: the node of the first conditional of the same
// condition in this module instance, when x holds one value wherever it is
// read there (the same text, referring to nothing that a for expression,
// a dynamic block, each, count, self or templatefile binds, calling no
// impure function), so both take the same branch as in Terraform
// (`Action = var.ro ? ... : ...` and `Resource = var.ro ? ... : ...`);
// n itself otherwise, or when it is that first.
func (e *env) condChoice(x hclsyntax.Expression, c *Node, n *Node) *Node {
	if c.Val.IsKnown() || e.tvars != nil || e.jsrc != nil {
		return n
	}
	rng := x.Range()
	src := e.s.ev.source(rng.Filename)
	if rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.Start.Byte >= rng.End.Byte {
		return n
	}
	stable := true
	_ = hclsyntax.VisitAll(x, func(v hclsyntax.Node) hcl.Diagnostics {
		switch v := v.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			root := v.Traversal.RootName()
			_, sym := e.syms[root]
			_, iter := e.iters[root]
			if sym || iter || root == "each" || root == "count" || root == "self" {
				stable = false
			}
		case *hclsyntax.FunctionCallExpr:
			if impure[strings.TrimPrefix(v.Name, "core::")] {
				stable = false
			}
		case *hclsyntax.ForExpr, *hclsyntax.SplatExpr:
			stable = false // their symbols (and the splat's anonymous one) are bound inside
		}
		return nil
	})
	if !stable {
		return n
	}
	k := condKey{s: e.s, text: string(src[rng.Start.Byte:rng.End.Byte])}
	if first, ok := e.s.ev.conds[k]; ok {
		return first
	}
	if e.s.ev.conds == nil {
		e.s.ev.conds = map[condKey]*Node{}
	}
	e.s.ev.conds[k] = n
	return n
}

// traversal resolves an absolute traversal located.
func (e *env) traversal(t hcl.Traversal, rng hcl.Range) *Node {
	root := rootName(t)
	rest := t[1:]
	attrName := func(i int) (string, bool) {
		if len(rest) <= i {
			return "", false
		}
		return attrStep(rest[i])
	}
	// for-expression symbols (also those of a %{ for } directive in a
	// template) shadow templatefile variables.
	if e.syms != nil {
		if n, ok := e.syms[root]; ok {
			return e.applySteps(n, rest, rng)
		}
	}
	if e.tvars != nil {
		n, ok := e.tvars[root]
		if !ok {
			e.warnUnknown("Unknown template variable", fmt.Sprintf("%q is not among the variables passed to templatefile; its value is unknown.", root), rng)
			return unknownNode(rng)
		}
		return e.applySteps(n, rest, rng)
	}
	if e.iters != nil {
		if it, ok := e.iters[root]; ok {
			name, ok := attrName(0)
			switch {
			case ok && name == "key":
				return e.applySteps(it.key, rest[1:], rng)
			case ok && name == "value":
				return e.applySteps(it.value, rest[1:], rng)
			}
			return e.generic(&hclsyntax.ScopeTraversalExpr{Traversal: t, SrcRange: rng})
		}
	}
	if e.s.ev.static {
		// As hcl and terraform say, not "undeclared" in a module of no
		// name (var.a in a .tfvars file was a notice: "var.a is not
		// declared in ; its value is unknown.").
		ref := root
		if name, ok := attrName(0); ok {
			ref += "." + name
		}
		e.s.ev.diagUnknown(hcl.DiagError, "Variables not allowed", fmt.Sprintf("Variables may not be used here: a .tfvars file or a --var holds values, as terraform reads them; %s is not read and the value is unknown.", ref), rng)
		return unknownNode(rng)
	}
	s := e.s
	switch root {
	case "var":
		if name, ok := attrName(0); ok {
			return e.applySteps(rehomeCLI(s.variable(name, rng), rng), rest[1:], rng)
		}
	case "local":
		if name, ok := attrName(0); ok {
			return e.applySteps(s.local(name, rng), rest[1:], rng)
		}
	case "each":
		name, _ := attrName(0)
		if e.each == nil {
			e.warnUnknown("Reference to each outside for_each", "each is only available in a block with for_each; its value is unknown.", rng)
			return unknownNode(rng)
		}
		switch name {
		case "key":
			return e.applySteps(e.each.key, rest[1:], rng)
		case "value":
			return e.applySteps(e.each.value, rest[1:], rng)
		}
	case "count":
		if name, _ := attrName(0); name == "index" {
			if e.count == nil {
				e.warnUnknown("Reference to count outside count", "count.index is only available in a block with count; its value is unknown.", rng)
				return unknownNode(rng)
			}
			n := s.ev.newNode()
			n.Val, n.Range = e.count.Val, rng
			return n
		}
	case "path":
		name, _ := attrName(0)
		switch name {
		case "module":
			return &Node{Val: cty.StringVal(trimPathDot(s.modPath)), Range: rng}
		case "root":
			return &Node{Val: cty.StringVal("."), Range: rng}
		case "cwd":
			abs, err := filepath.Abs(s.rootDir)
			if err != nil {
				return unknownNode(rng)
			}
			return &Node{Val: cty.StringVal(filepath.ToSlash(abs)), Range: rng}
		}
	case "terraform":
		if name, _ := attrName(0); name == "workspace" {
			if s.ev.workspace == "" {
				s.ev.workspace = workspaceName(s.rootDir, s.ev.opts.Allowed)
			}
			return &Node{Val: cty.StringVal(s.ev.workspace), Range: rng}
		}
		return unknownNode(rng)
	case "self":
		return unknownNode(rng)
	case "ephemeral":
		// An ephemeral resource (Terraform 1.10): its values exist only
		// while terraform runs, never in a plan or the state.
		return unknownNode(rng)
	case "module":
		if name, ok := attrName(0); ok {
			return e.moduleRef(name, rest[1:], rng)
		}
	case "data":
		typ, ok1 := attrName(0)
		name, ok2 := attrName(1)
		if ok1 && ok2 {
			if g := s.knownGroup("data.", typ, name); g != nil {
				return e.groupRef(g, rest[2:], rng)
			}
			return e.blockRef("data."+typ+"."+name, rest[2:], rng)
		}
	default:
		if name, ok := attrName(0); ok {
			if g := s.knownGroup("", root, name); g != nil {
				return e.groupRef(g, rest[1:], rng)
			}
			return e.blockRef(root+"."+name, rest[1:], rng)
		}
	}
	e.warnUnknown("Invalid reference", fmt.Sprintf("The reference %q cannot be resolved; its value is unknown.", traversalString(t)), rng)
	return unknownNode(rng)
}

// rootName is t.RootName(): the name of its first step, a root (it
// panics as RootName does when there is none), read where the step is,
// not from the copy a type assertion to hcl.TraverseRoot makes of it (two
// in RootName): it is asked of every reference and object key evaluated.
func rootName(t hcl.Traversal) string {
	if len(t) > 0 {
		if _, ok := t[0].(hcl.TraverseRoot); ok {
			return (*hcl.TraverseRoot)(stepAddr(t[0])).Name
		}
	}
	return t.RootName()
}

// attrStep is the name of the step s when it is an hcl.TraverseAttr, read
// as rootName reads a root's.
func attrStep(s hcl.Traverser) (string, bool) {
	if _, ok := s.(hcl.TraverseAttr); ok {
		return (*hcl.TraverseAttr)(stepAddr(s)).Name, true
	}
	return "", false
}

// stepAddr is the address of the value an hcl.Traverser holds: a step is a
// struct of several words, which an interface holds by pointer.
func stepAddr(s hcl.Traverser) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&s))[1]
}

func traversalString(t hcl.Traversal) string {
	var b strings.Builder
	for i, st := range t {
		switch st := st.(type) {
		case hcl.TraverseRoot:
			b.WriteString(st.Name)
		case hcl.TraverseAttr:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(st.Name)
		case hcl.TraverseIndex:
			b.WriteString("[" + keyText(st.Key) + "]")
		default:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// flatten turns x[key].a.b, where x is a reference, into one absolute
// traversal (the key evaluated), so that block references resolve located.
func (e *env) flatten(x hcl.Expression) (hcl.Traversal, bool) { return e.flattenRoom(x, 0) }

// flattenRoom is flatten, its result made with room for room more steps
// (one allocation for the whole traversal, not one per step). With room,
// the result is a slice of its own; without, it may be the syntax's.
func (e *env) flattenRoom(x hcl.Expression, room int) (hcl.Traversal, bool) {
	switch x := x.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		if room == 0 {
			return x.Traversal, true
		}
		return append(make(hcl.Traversal, 0, len(x.Traversal)+room), x.Traversal...), true
	case *hclsyntax.RelativeTraversalExpr:
		t, ok := e.flattenRoom(x.Source, room+len(x.Traversal))
		if !ok {
			return nil, false
		}
		return append(t, x.Traversal...), true
	case *hclsyntax.IndexExpr:
		t, ok := e.flattenRoom(x.Collection, room+1)
		if !ok {
			return nil, false
		}
		ak := altKeyOf{x: x.Key, e: e}
		var k cty.Value
		if v, ok := e.s.ev.keyFix[ak]; ok {
			k = v // a branch of the key (forkKey)
		} else {
			kn := e.expr(x.Key)
			if !kn.Val.IsKnown() && len(kn.Alts()) > 0 && altLeaves(kn) <= maxForks {
				// The key is a conditional's value: the traversal of
				// each branch's key (forkKey).
				e.s.ev.pendKey, e.s.ev.pendKeyOf = kn, ak
				return nil, false
			}
			k = kn.Val
		}
		if k.IsKnown() && k.IsNull() {
			return nil, false
		}
		return append(t, hcl.TraverseIndex{Key: k, SrcRange: x.Key.Range()}), true
	}
	return nil, false
}

// applySteps applies relative traversal steps to a located node.
func (e *env) applySteps(n *Node, steps hcl.Traversal, rng hcl.Range) *Node {
	return e.applyStepsQ(n, steps, rng, false)
}

// applyStepsQ is applySteps; quiet leaves out warnings about missing
// attributes (for block values, whose unset attributes are unknown).
func (e *env) applyStepsQ(n *Node, steps hcl.Traversal, rng hcl.Range, quiet bool) *Node {
	if n.Sensitive() && len(steps) > 0 {
		// An attribute or element of a sensitive value is sensitive.
		return markSensitive(e.stepsQ(n, steps, rng, quiet, false))
	}
	return e.stepsQ(n, steps, rng, quiet, false)
}

// altSteps is applyStepsQ (quiet) of a, a branch of a conditional's value
// (unknown condition): a step Terraform refuses there (`x.actions` of `c ?
// {actions = [...]} : {}`) gives a failedNode, which try() and can() tell
// (tryAlts, canAlts), when a is a value written in the configuration, not
// a block's (whose attributes not set are computed: unknown).
func (e *env) altSteps(a *Node, steps hcl.Traversal, rng hcl.Range) *Node {
	fail := a.Inst() == "" && a.RefTo() == nil
	if a.Sensitive() && len(steps) > 0 {
		return markSensitive(e.stepsQ(a, steps, rng, true, fail))
	}
	return e.stepsQ(a, steps, rng, true, fail)
}

// failedNode is an unknown node (at rng) that stands for a branch of a
// conditional (unknown condition) whose evaluation Terraform refuses: only
// try() and can() tell it from any unknown value (tryAlts, canAlts).
func (e *env) failedNode(rng hcl.Range) *Node {
	n := unknownNode(rng)
	if e.s.ev.failed == nil {
		e.s.ev.failed = map[*Node]struct{}{}
	}
	e.s.ev.failed[n] = struct{}{}
	return n
}

// isFailed reports whether n is a failedNode.
func (e *env) isFailed(n *Node) bool {
	if n == nil || e.s.ev.failed == nil {
		return false
	}
	_, ok := e.s.ev.failed[n]
	return ok
}

// stepsQ is applyStepsQ but for the Sensitive mark. fail (with quiet):
// a step that Terraform refuses (a missing attribute or element, one of
// null) gives a failedNode, not a plain unknown one.
func (e *env) stepsQ(n *Node, steps hcl.Traversal, rng hcl.Range, quiet, fail bool) *Node {
	miss := func() *Node {
		if fail && n.Inst() == "" && n.RefTo() == nil {
			return e.failedNode(rng)
		}
		return unknownNode(rng)
	}
	for i, st := range steps {
		if n == nil {
			return unknownNode(rng)
		}
		if !n.Val.IsKnown() {
			if len(n.Alts()) > 0 && altLeaves(n) <= maxForks {
				// A conditional's value (unknown condition): the steps
				// taken in each branch, as Terraform takes them in the
				// one it picks; quietly, as a branch may be one it never
				// takes (`x.name` of `c ? x : null`).
				rest := steps[i:]
				return e.overAlts(n, rng, func(a *Node) *Node { return e.altSteps(a, rest, rng) })
			}
			if e.isFailed(n) {
				return e.failedNode(rng)
			}
			return unknownNode(rng)
		}
		var next *Node
		switch st := st.(type) {
		case hcl.TraverseAttr:
			next = n.Get(st.Name)
			if next == nil {
				if quiet {
					return miss()
				}
				if n.Val.IsNull() {
					e.warnUnknown("Attempt to get attribute from null value", fmt.Sprintf("The value has no attribute %q; its value is unknown.", st.Name), rng)
				} else {
					e.warnUnknown("Unsupported attribute", fmt.Sprintf("The value has no attribute %q; its value is unknown.", st.Name), rng)
				}
				return unknownNode(rng)
			}
		case hcl.TraverseIndex:
			k := st.Key
			if !k.IsKnown() {
				return unknownNode(rng)
			}
			ty := n.Val.Type()
			if ty.IsListType() || ty.IsTupleType() {
				nk, err := convert.Convert(k, cty.Number)
				if err == nil && !nk.IsNull() {
					if i, acc := nk.AsBigFloat().Int64(); acc == 0 && i >= 0 {
						next = n.Index(int(i))
					}
				}
			} else if ty.IsMapType() || ty.IsObjectType() {
				sk, err := convert.Convert(k, cty.String)
				if err == nil && !sk.IsNull() {
					next = n.Get(sk.AsString())
				}
			} else if ty == cty.DynamicPseudoType {
				return unknownNode(rng)
			}
			if next == nil {
				if quiet {
					return miss()
				}
				e.warnUnknown("Invalid index", fmt.Sprintf("The value has no element %s; its value is unknown.", keyText(k)), rng)
				return unknownNode(rng)
			}
		default:
			v, diags := st.TraversalStep(n.Val)
			if diags.HasErrors() {
				return unknownNode(rng)
			}
			next = &Node{Val: v, Range: rng}
		}
		n = next
	}
	return n
}

// generic evaluates x with hcl, with an EvalContext holding the values x
// refers to. The result is located at x as a whole.
func (e *env) generic(x hcl.Expression) *Node {
	if e.s.ev.forWork > maxForWork && iterates(x) {
		// The budget of for expressions is spent: hcl would iterate them
		// again without it (nested ones multiply).
		return unknownNode(x.Range())
	}
	if e.s.ev.callWork > maxCallWork {
		if n, ok := x.(hclsyntax.Expression); !ok || heavy(n) {
			return unknownNode(x.Range()) // the same for function calls
		}
	}
	if _, native := x.(hclsyntax.Node); !native {
		// JSON syntax: hcl parses each string as a template twice
		// (Variables, Value), 0.4 µs a byte; a value whose strings hold no
		// template is its literal (a 100 MB one-line .tf.json string: 42
		// CPU s before).
		if v, ok := jsonLiteral(x); ok {
			if hasHugeNumber(v) {
				e.sayHugeNumber("number", x.Range(), v)
				return unknownNode(x.Range())
			}
			return &Node{Val: v, Range: x.Range()}
		}
	}
	ctx := e.evalContext(x.Variables())
	said := len(e.s.ev.diags)
	v, diags := safeValue(x, ctx)
	// The file functions hcl calls (scope.functions) know no range: what
	// they say is located at x ("iamlint: error: File outside the scanned
	// tree" of a can(file("/etc/passwd")), no file named).
	for _, d := range e.s.ev.diags[said:] {
		if d.Subject == nil || d.Subject.Filename == "" {
			d.Subject = x.Range().Ptr()
		}
	}
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity == hcl.DiagError {
				r := x.Range()
				if d.Subject != nil {
					r = *d.Subject
				}
				e.warnUnknown(d.Summary, d.Detail+" The value is unknown.", r)
				break
			}
		}
		v = cty.DynamicVal
	}
	if hasHugeNumber(v) {
		e.sayHugeNumber("number", x.Range(), v)
		return unknownNode(x.Range())
	}
	return &Node{Val: v, Range: x.Range()}
}

func safeValue(x hcl.Expression, ctx *hcl.EvalContext) (v cty.Value, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			v = cty.DynamicVal
			// (The value is unknown: MadeUnknown.)
			diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Evaluation failed", Detail: fmt.Sprint(r) + PanicStack(), Subject: x.Range().Ptr(), Extra: MadeUnknown{}}}
		}
	}()
	return x.Value(ctx)
}

// evalContext builds an EvalContext with the values the traversals refer to.
func (e *env) evalContext(trs []hcl.Traversal) *hcl.EvalContext {
	ctx := &hcl.EvalContext{Functions: e.s.functions(), Variables: map[string]cty.Value{}}
	if e.depth > 0 {
		ctx.Functions = e.s.templateFunctions()
	}
	if e.s.ev.static {
		ctx.Functions = nil // hcl says "Function calls not allowed" (call, for the rest)
	}
	if e.tvars != nil {
		for k, n := range e.tvars {
			ctx.Variables[k] = n.Val
		}
		return ctx
	}
	type two map[string]map[string]cty.Value
	named := two{}
	put := func(root, name string, v cty.Value) {
		if named[root] == nil {
			named[root] = map[string]cty.Value{}
		}
		named[root][name] = v
	}
	data := map[string]map[string]cty.Value{}
	for _, t := range trs {
		root := t.RootName()
		rng := t.SourceRange()
		name := func(i int) string {
			if len(t) > i {
				if a, ok := t[i].(hcl.TraverseAttr); ok {
					return a.Name
				}
			}
			return ""
		}
		if n, ok := e.syms[root]; ok {
			ctx.Variables[root] = n.Val
			continue
		}
		if it, ok := e.iters[root]; ok {
			ctx.Variables[root] = cty.ObjectVal(map[string]cty.Value{"key": it.key.Val, "value": it.value.Val})
			continue
		}
		switch root {
		case "var":
			if n := name(1); n != "" {
				put(root, n, e.s.variable(n, rng).Val)
			}
		case "local":
			if n := name(1); n != "" {
				put(root, n, e.s.local(n, rng).Val)
			}
		case "each":
			if e.each != nil {
				ctx.Variables["each"] = cty.ObjectVal(map[string]cty.Value{"key": e.each.key.Val, "value": e.each.value.Val})
			}
		case "count":
			if e.count != nil {
				ctx.Variables["count"] = cty.ObjectVal(map[string]cty.Value{"index": e.count.Val})
			}
		case "path", "terraform", "self":
			ctx.Variables[root] = e.traversal(t[:2], rng).Val
			if len(t) >= 2 {
				put(root, name(1), ctx.Variables[root])
				delete(ctx.Variables, root)
			}
		case "module":
			if n := name(1); n != "" {
				put(root, n, e.s.callValue(e.s.callGroup(n)))
			}
		case "data":
			typ, n := name(1), name(2)
			if typ == "" || n == "" {
				continue
			}
			g := e.s.group("data." + typ + "." + n)
			if g == nil {
				continue
			}
			if g.expanding {
				e.s.expandCycle(g.cfg.key(), rng)
			}
			if data[typ] == nil {
				data[typ] = map[string]cty.Value{}
			}
			data[typ][n] = e.s.groupValue(g, extraAttrs(t, 3))
		default:
			n := name(1)
			if n == "" {
				continue
			}
			g := e.s.group(root + "." + n)
			if g == nil {
				continue
			}
			if g.expanding {
				e.s.expandCycle(g.cfg.key(), rng)
			}
			put(root, n, e.s.groupValue(g, extraAttrs(t, 2)))
		}
	}
	for root, m := range named {
		ctx.Variables[root] = cty.ObjectVal(m)
	}
	if len(data) > 0 {
		dm := map[string]cty.Value{}
		for typ, m := range data {
			dm[typ] = cty.ObjectVal(m)
		}
		ctx.Variables["data"] = cty.ObjectVal(dm)
	}
	return ctx
}

// extraAttrs returns the attribute named after the instance step of a
// reference to a block (aws_x.y.attr or aws_x.y[k].attr).
func extraAttrs(t hcl.Traversal, i int) map[string]bool {
	for ; i < len(t); i++ {
		switch st := t[i].(type) {
		case hcl.TraverseIndex:
			continue
		case hcl.TraverseAttr:
			return map[string]bool{st.Name: true}
		}
		break
	}
	return nil
}

// ---- bodies and dynamic blocks ----

type bodyItem struct {
	pos   int
	attr  *hclsyntax.Attribute
	block *hclsyntax.Block
}

// appendBodyItems appends the attributes and blocks of b (meta: not the
// meta-arguments of a resource or data block) to items, in source order
// (sorted by insertion: a body is small, and sort.Slice allocates).
func appendBodyItems(items []bodyItem, b *hclsyntax.Body, meta bool) []bodyItem {
	for name, a := range b.Attributes {
		if meta && resourceMeta(name) {
			continue
		}
		items = append(items, bodyItem{pos: a.SrcRange.Start.Byte, attr: a})
	}
	for _, bl := range b.Blocks {
		if meta && resourceMeta(bl.Type) {
			continue
		}
		items = append(items, bodyItem{pos: bl.TypeRange.Start.Byte, block: bl})
	}
	slices.SortFunc(items, func(a, b bodyItem) int { return a.pos - b.pos })
	return items
}

// sharedItems turns BlockConfig.bodyItems on (tests compare with the
// items found at each evaluation).
var sharedItems = true

// bodyItems returns the members of the block's body sb (appendBodyItems
// with meta), found once: read only.
func (b *BlockConfig) bodyItems(sb *hclsyntax.Body) []bodyItem {
	b.itemsOnce.Do(func() {
		b.items = appendBodyItems(make([]bodyItem, 0, len(sb.Attributes)+len(sb.Blocks)), sb, true)
	})
	return b.items
}

// body evaluates a block body located. meta leaves out the meta-arguments
// of a resource or data block (resourceMeta).
func (e *env) body(b hcl.Body, rng hcl.Range, meta bool) *Node {
	return e.bodyVal(b, rng, meta, true, false)
}

// bodyVal is body; without val, the node's Val (the object of its
// members) is not made: cty.NilVal (see instanceBody). With lazy (a
// resource's body, which no value of its own reads), an attribute that is
// a jsonencode call may be left without its text (see lazyTexts).
func (e *env) bodyVal(b hcl.Body, rng hcl.Range, meta, val, lazy bool) *Node {
	n := e.s.ev.newNode()
	n.Range = rng
	// The keys are gathered on the stack (see object).
	var small [16]string
	var smallKids [16]*Node
	keys, kids := small[:0], smallKids[:0]
	var pos map[string]int32
	add := func(k string, c *Node) {
		keys, kids = setMember(keys, kids, &pos, k, c)
	}
	addBlock := func(typ string, c *Node, typeRange *hcl.Range) {
		var l *Node
		if i := keyPos(keys, pos, typ); i >= 0 {
			l = kids[i]
		}
		if l == nil {
			l = e.s.ev.newNode()
			l.Range = c.Range
			l.setNameAt(typeRange)
			add(typ, l)
		}
		l.Elems = append(l.Elems, c)
	}
	if mb, ok := b.(*mergedBody); ok {
		// An override file's block merged into a block of the other
		// syntax (override.go): the override's members replace the
		// original's of the same name (an attribute, or all the blocks of
		// a type), the others are kept.
		base, over := e.bodyVal(mb.base, rng, meta, false, lazy), e.bodyVal(mb.over, rng, meta, false, lazy)
		for _, k := range base.Keys {
			if _, ok := over.Lookup(k); !ok {
				add(k, base.Attr(k))
			}
		}
		for _, k := range over.Keys {
			add(k, over.Attr(k))
		}
	} else if sb, ok := b.(*hclsyntax.Body); ok {
		var items []bodyItem
		if bc, ok := e.consts.(*BlockConfig); ok && meta && bc.Body == b && sharedItems {
			// A block's body, evaluated for each instance of the block
			// and of its module: its members found and sorted once.
			items = bc.bodyItems(sb)
		} else {
			// The items of most bodies fit the array on the stack.
			var small [24]bodyItem
			items = appendBodyItems(small[:0], sb, meta)
		}
		for _, it := range items {
			if it.attr != nil {
				if fc, ok := it.attr.Expr.(*hclsyntax.FunctionCallExpr); ok && lazy && lazyTexts {
					ev := e.s.ev
					outer := ev.lazyAt // a body evaluated for a reference in another's attribute
					ev.lazyAt = fc
					c := e.named(fc, &it.attr.NameRange)
					ev.lazyAt = outer
					add(it.attr.Name, c)
					continue
				}
				add(it.attr.Name, e.named(it.attr.Expr, &it.attr.NameRange))
				continue
			}
			bl := it.block
			if bl.Type == "dynamic" && len(bl.Labels) == 1 {
				e.dynamic(bl, func(c *Node) { addBlock(bl.Labels[0], c, &bl.LabelRanges[0]) })
				continue
			}
			c := e.body(bl.Body, bl.Range(), false)
			c.setNameAt(&bl.TypeRange)
			addBlock(bl.Type, c, &bl.TypeRange)
		}
	} else if b != nil {
		attrs, ds := b.JustAttributes()
		blocks := e.jsonRepeated(b, ds, meta)
		for _, a := range sortedAttrs(attrs) {
			if meta && resourceMeta(a.Name) {
				continue
			}
			if bs, ok := blocks[a.Name]; ok {
				for _, bl := range bs {
					if bl.Type == "dynamic" {
						e.jsonDynamicBlock(bl, addBlock)
						continue
					}
					c := e.body(bl.Body, bl.DefRange, false)
					c.setNameAt(&bl.TypeRange)
					addBlock(bl.Type, c, &bl.TypeRange)
				}
				continue
			}
			if a.Name == "dynamic" {
				e.jsonDynamic(a.Expr, addBlock)
				continue
			}
			add(a.Name, e.named(a.Expr, &a.NameRange))
		}
	}
	for _, c := range kids {
		if c.Val == cty.NilVal && !c.LazyJSON() {
			c.Val = e.s.ev.tupleOf(c.Elems)
		}
	}
	var own []string
	if val {
		n.Val, own = e.s.ev.objectValOf(keys, kids)
	} else {
		own = e.s.ev.bodyKeys(keys)
	}
	n.setKidsAt(own, e.s.ev.ownKids(kids), pos)
	return n
}

// bodyKeys returns keys (the member names of an evaluated body, in order)
// in a slice of their own, its capacity its length, shared with the last
// body that had the same keys (the bodies of the blocks of a type most
// often have the same members in the same order).
//
// A slot of ev.recentKeys, picked from the lengths and end bytes of the
// first and last names, is looked at first: most bodies find their keys
// there without the map's hashing of two strings.
func (ev *evaluator) bodyKeys(keys []string) []string {
	if len(keys) == 0 {
		return nil
	}
	first, last := keys[0], keys[len(keys)-1]
	h := uint(len(keys))*0x9e3779b1 ^ uint(len(first))<<8 ^ uint(len(last))<<16
	if first != "" && last != "" {
		h ^= uint(first[0])<<3 ^ uint(first[len(first)-1])<<11 ^ uint(last[0])<<19 ^ uint(last[len(last)-1])
	}
	slot := &ev.recentKeys[(h^h>>13)%uint(len(ev.recentKeys))]
	if slices.Equal(*slot, keys) {
		return *slot
	}
	id := bodyKeysID{n: len(keys), first: first, last: last}
	if k, ok := ev.bodyKeySets[id]; ok && slices.Equal(k, keys) {
		*slot = k
		return k
	}
	k := ownKeys(keys)
	if ev.bodyKeySets == nil {
		ev.bodyKeySets = map[bodyKeysID][]string{}
	}
	ev.bodyKeySets[id] = k
	*slot = k
	return k
}

// bodyKeysID is where bodyKeys looks a body's keys up.
type bodyKeysID struct {
	n           int
	first, last string
}

// dynamic expands a dynamic block, calling add for each generated block.
func (e *env) dynamic(bl *hclsyntax.Block, add func(*Node)) {
	label := bl.Labels[0]
	iter := label
	var forEach hcl.Expression
	for name, a := range bl.Body.Attributes {
		switch name {
		case "for_each":
			forEach = a.Expr
		case "iterator":
			if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
				iter = kw
			}
		}
	}
	var content *hclsyntax.Block
	for _, c := range bl.Body.Blocks {
		if c.Type != "content" {
			continue
		}
		if content != nil {
			// terraform refuses it; the second was dropped without a word.
			e.s.ev.diag(hcl.DiagError, "Extraneous dynamic content block", "Only one content block is allowed in a dynamic block (terraform refuses more); the first is used, this one is not linted.", c.DefRange())
			continue
		}
		content = c
	}
	if content == nil || forEach == nil {
		e.warn("Invalid dynamic block", "A dynamic block needs for_each and a content block; it is skipped.", bl.DefRange())
		return
	}
	rng := forEach.Range()
	// blocks is the blocks of the dynamic block over the collection fe.
	blocks := func(fe *Node) []*Node {
		var out []*Node
		// One environment for every element (see forExpr).
		var ie *env
		unknownCount := false
		e.iterate(fe, rng, func(it *iterVal) {
			if ie == nil {
				ie = e.withIter(iter, it)
			} else {
				ie.iters[iter] = it
			}
			c := ie.body(content.Body, content.Range(), false)
			c.setNameAt(&bl.LabelRanges[0])
			out = append(out, c)
			unknownCount = unknownCount || !it.key.Val.IsKnown()
		})
		if unknownCount {
			// for_each is not known: the block linted with an unknown
			// iterator stands for any number of blocks, which are unknown
			// (a policy document's statements: partly unknown, a notice).
			out = append(out, unknownNode(rng))
		}
		return out
	}
	fe := e.expr(forEach)
	if fe.Val.IsKnown() || len(fe.Alts()) == 0 || altLeaves(fe) > maxForks {
		for _, c := range blocks(fe) {
			add(c)
		}
		return
	}
	// for_each is a conditional's value (var.admin ? local.a : local.b):
	// the blocks of each branch, the j-th block of each in one element of
	// the conditional's choice (null where a branch has fewer), so that
	// the blocks of one branch are read together.
	var byBranch func(fe *Node) []*Node
	byBranch = func(fe *Node) []*Node {
		if fe.Val.IsKnown() || len(fe.Alts()) == 0 {
			return blocks(fe)
		}
		lists := make([][]*Node, len(fe.Alts()))
		most := 0
		for i, a := range fe.Alts() {
			lists[i] = byBranch(a)
			most = max(most, len(lists[i]))
		}
		out := make([]*Node, most)
		for j := range out {
			alts := make([]*Node, len(lists))
			for i, l := range lists {
				if j < len(l) {
					alts[i] = l[j]
				} else {
					alts[i] = &Node{Val: cty.NullVal(cty.DynamicPseudoType), Range: rng}
				}
			}
			out[j] = &Node{Val: cty.DynamicVal, Range: rng}
			out[j].SetAltsOf(fe, alts)
		}
		return out
	}
	for _, c := range byBranch(fe) {
		add(c)
	}
}

// iterate calls gen for each element of a dynamic block's for_each (fe,
// written at rng), or once with an unknown iterator when it is not known.
func (e *env) iterate(fe *Node, rng hcl.Range, gen func(*iterVal)) {
	v := fe.Val
	if !v.IsKnown() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
		gen(&iterVal{key: unknownNode(rng), value: unknownNode(rng)})
		return
	}
	if v.IsNull() {
		// terraform refuses it ("Cannot use a null value in for_each"): an
		// error, as for_each = null on a resource or module call is, and
		// the content is evaluated once with an unknown key and value, as
		// an unknown for_each is, so that its statements are linted (they
		// went without a word, then with a notice and no blocks).
		e.s.ev.diag(hcl.DiagError, "Invalid dynamic for_each", "for_each of a dynamic block is null: it must be a collection; one block with unknown key and value is evaluated.", rng)
		gen(&iterVal{key: unknownNode(rng), value: unknownNode(rng)})
		return
	}
	if !v.CanIterateElements() {
		e.warn("Invalid dynamic for_each", "for_each of a dynamic block must be a collection.", rng)
		return
	}
	if v.LengthInt() > e.s.ev.opts.MaxInstances {
		e.s.ev.diag(hcl.DiagError, "Too many instances", fmt.Sprintf("dynamic block for_each has %d elements, more than the limit of %d (--max-instances).", v.LengthInt(), e.s.ev.opts.MaxInstances), rng)
		gen(&iterVal{key: unknownNode(rng), value: unknownNode(rng)})
		return
	}
	if !e.spend(v.LengthInt(), rng) {
		gen(&iterVal{key: unknownNode(rng), value: unknownNode(rng)})
		return
	}
	ty := v.Type()
	// A set's nodes, in its order (alignSetElems, relocate), when it has
	// them all (its length counted once: a walk of the set each time).
	setElems := ty.IsSetType() && len(fe.Elems) > 0 && len(fe.Elems) == v.LengthInt()
	i := 0
	for it := v.ElementIterator(); it.Next(); i++ {
		k, ev := it.Element()
		var vn *Node
		switch {
		case ty.IsMapType() || ty.IsObjectType():
			vn = fe.Get(k.AsString())
		case ty.IsListType() || ty.IsTupleType():
			vn = fe.Index(i)
		case setElems:
			vn = fe.Elems[i]
		}
		if vn == nil {
			vn = &Node{Val: ev, Range: rng}
		}
		kn := e.s.ev.newNode()
		kn.Val, kn.Range = k, rng
		gen(&iterVal{key: kn, value: vn})
	}
}

// ---- function calls ----

func (e *env) call(x *hclsyntax.FunctionCallExpr) *Node {
	if e.s.ev.static {
		e.s.ev.diagUnknown(hcl.DiagError, "Function calls not allowed", fmt.Sprintf("Functions may not be called here: a .tfvars file or a --var holds values, as terraform reads them; %s is not called and the value is unknown.", x.Name), x.NameRange)
		return unknownNode(x.Range())
	}
	name := strings.TrimPrefix(x.Name, "core::")
	switch name {
	case "try":
		pf, ok := e.preflight(x.Args, x.Range())
		if !ok {
			return unknownNode(x.Range())
		}
		if preflownKnown(pf, x) {
			// The first argument evaluated, wholly known, saying
			// nothing: try's value. hcl would evaluate it again, calling
			// the functions without the evaluator's fast paths (try of a
			// splat over tolist of 60,000 objects ran past 60 s).
			return e.tryFallback(&Node{Val: pf.nodes[0].Val, Range: x.Range()}, x, 0, pf)
		}
		if n := e.tryAlts(x, pf); n != nil {
			return n
		}
		return e.try(x, pf)
	case "can":
		pf, ok := e.preflight(x.Args, x.Range())
		if !ok {
			return unknownNode(x.Range())
		}
		if len(x.Args) == 1 && preflownKnown(pf, x) {
			return &Node{Val: cty.True, Range: x.Range()} // as for try
		}
		if n := e.canAlts(x, pf); n != nil {
			return n
		}
		return e.generic(x)
	}
	var small [4]*Node // most calls: the arguments on the stack
	var args []*Node
	if len(x.Args) <= len(small) {
		args = small[:len(x.Args)]
	} else {
		args = make([]*Node, len(x.Args))
	}
	shape := e.shapeArg(x, name)
	lazy := shape && e.s.ev.lazyAt == x && e.s.ev.opts.KeepText != nil // before the arguments: they may evaluate other bodies
	for i, a := range x.Args {
		if shape {
			args[i] = e.shape(a)
		} else {
			args[i] = e.expr(a)
		}
	}
	n := e.callAlts(x, name, args, shape, lazy)
	if name == "issensitive" && len(args) == 1 && !x.ExpandFinal && n != nil && !n.Val.IsKnown() {
		if b, ok := e.isSensitive(x.Args[0], args[0]); ok {
			n = &Node{Val: cty.BoolVal(b), Range: x.Range()}
		}
	}
	if e.s.ev.secrets > 0 && e.s.ev.derived(args, x.Range()) {
		// Computed from a sensitive value: sensitive too, as Terraform
		// marks it (upper(var.password) is "(sensitive value)").
		e.s.addSensitive(n)
		n = markSensitive(n)
	}
	if name == "sensitive" || (name != "nonsensitive" && anySensitive(args)) {
		// Marked (Node.Sensitive): tonumber(var.len) is as sensitive as
		// var.len, a number derived cannot tell.
		n = markSensitive(n)
	}
	return n
}

// anySensitive reports whether a node of ns is marked Sensitive.
func anySensitive(ns []*Node) bool {
	for _, n := range ns {
		if n.Sensitive() {
			return true
		}
	}
	return false
}

// isSensitive returns what issensitive(x) is (arg: x evaluated), when it
// can be told, and ok; false when it cannot. The evaluator does not mark
// values as Terraform does (it keeps the sensitive values' texts, to hide
// them: Module.Sensitive), so it is told from x itself, as Terraform marks:
//   - sensitive(...) is sensitive, and a variable declared sensitive = true
//     (var.x, and any attribute or element of it) is;
//   - nonsensitive(...) is not, once its value is known (Terraform: an
//     unknown unmarked value is unknown);
//   - a value that refers to nothing and calls no sensitive() (a literal) is
//     not, nor is a variable of the root module not declared sensitive
//     (its value comes from a default, a .tfvars file or --var, none
//     marked), once known.
//
// Anything else is unknown: a variable of a called module not declared
// sensitive (its caller's argument may be), a local, an output, a resource
// attribute (a provider's schema marks some).
func (e *env) isSensitive(x hclsyntax.Expression, arg *Node) (sensitive, ok bool) {
	for {
		p, isParen := x.(*hclsyntax.ParenthesesExpr)
		if !isParen {
			break
		}
		x = p.Expression
	}
	known := arg != nil && arg.Val != cty.NilVal && arg.Val.IsKnown()
	switch x := x.(type) {
	case *hclsyntax.FunctionCallExpr:
		switch strings.TrimPrefix(x.Name, "core::") {
		case "sensitive":
			return true, len(x.Args) == 1 && !x.ExpandFinal
		case "nonsensitive":
			return false, known && len(x.Args) == 1 && !x.ExpandFinal
		}
	case *hclsyntax.ScopeTraversalExpr:
		if x.Traversal.RootName() == "var" && len(x.Traversal) > 1 {
			attr, isAttr := x.Traversal[1].(hcl.TraverseAttr)
			if !isAttr {
				return false, false
			}
			d := e.s.cfg.Variables[attr.Name]
			if d == nil {
				return false, false
			}
			if d.Sensitive {
				return true, true
			}
			return false, known && e.s.mod.Path == ""
		}
	}
	if len(x.Variables()) > 0 || !known {
		return false, false
	}
	calls := false
	_ = hclsyntax.VisitAll(x, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, isCall := n.(*hclsyntax.FunctionCallExpr); isCall && strings.TrimPrefix(c.Name, "core::") == "sensitive" {
			calls = true
		}
		return nil
	})
	return false, !calls
}

// callAlts is callArgs; an argument that is a conditional's value
// (unknown condition, Alts) has the call made with each of its branches in
// turn (forkAlts). A shape (jsonencode's argument spelled out) is none.
func (e *env) callAlts(x *hclsyntax.FunctionCallExpr, name string, args []*Node, shape, lazy bool) *Node {
	if n := e.forkAlts(args, x.Range(), func(args []*Node) *Node {
		for _, a := range args {
			if e.isFailed(a) {
				// An argument Terraform refuses in this branch: so is
				// the call (try and can are not called here).
				return e.failedNode(x.Range())
			}
		}
		return e.callArgs(x, name, args, shape, lazy)
	}); n != nil {
		return n
	}
	return e.callArgs(x, name, args, shape, lazy)
}

// forkAlts is f of args made with each branch of the arguments that are
// conditionals' values (unknown condition, Alts) in turn: a node with Alts
// (f(c ? a : b) is c ? f(a) : f(b)), as overAlts makes it. nil when no
// argument is one, or when they stand for more than maxForks combinations.
func (e *env) forkAlts(args []*Node, rng hcl.Range, f func([]*Node) *Node) *Node {
	at, leaves := -1, 1
	for i, a := range args {
		if l := altLeaves(a); l > 1 {
			if at < 0 {
				at = i
			}
			if leaves *= l; leaves > maxForks {
				return nil
			}
		}
	}
	if at < 0 {
		return nil
	}
	return e.overAlts(args[at], rng, func(a *Node) *Node {
		branch := append([]*Node(nil), args...)
		branch[at] = a
		if n := e.forkAlts(branch, rng, f); n != nil {
			return n
		}
		return f(branch)
	})
}

// callArgs is call once the arguments are evaluated (shape and lazy as
// call says).
func (e *env) callArgs(x *hclsyntax.FunctionCallExpr, name string, args []*Node, shape, lazy bool) *Node {
	rng := x.Range()
	if name == "jsonencode" && len(args) == 1 {
		if e.s.ev.stringWork > maxStringWork {
			// Its text would count past the budget (said once): not
			// written at all.
			return unknownNode(rng)
		}
		if shape && isShape(args[0]) {
			if lazy && e.s.ev.lazyTextOK(args[0]) {
				return e.s.ev.newJSONNode(cty.NilVal, rng, args[0])
			}
			if e.s.ev.callWork > maxCallWork {
				return unknownNode(rng) // said once: no text is written past the budget of calls
			}
			if str, ok := e.s.ev.encodeShape(args[0]); ok {
				if !e.spendText(len(str), rng) {
					return unknownNode(rng)
				}
				return e.s.ev.newJSONNode(ctyraw.StringVal(str, ctyraw.ASCIIText(str)), rng, args[0])
			}
			if v, ok := e.unknownShapeJSON(args[0]); ok {
				// What the general way below makes of it, without its values.
				return e.s.ev.newJSONNode(v, rng, args[0])
			}
			e.s.ev.materialize(args[0]) // the general way below
		}
		// The texts written are counted (spendText). A text of n bytes
		// holds at most n elements and n bytes of strings, which tooLarge
		// counts as at most 65n: a short text says
		// the argument is not too large without walking it once more.
		if e.s.ev.callWork > maxCallWork {
			return unknownNode(rng) // said once
		}
		if str, ok := e.s.ev.encodeShort(args[0].Val); ok {
			if !e.spendText(len(str), rng) {
				return unknownNode(rng)
			}
			return e.s.ev.newJSONNode(ctyraw.StringVal(str, ctyraw.ASCIIText(str)), rng, args[0])
		}
	}
	if e.s.ev.callWork > maxCallWork {
		// The budget of calls is spent (said once): this call is unknown
		// like the ones spendCalls refuses, before tooLargeArgs walks its
		// arguments again (uncounted: a for of 1,000 contains() of a
		// 240,000-element list walked it 1,000 times, 40 CPU s).
		return unknownNode(rng)
	}
	if e.tooLargeArgs(name, rng, args) {
		return unknownNode(rng)
	}
	switch name {
	case "sensitive":
		// Marked sensitive: Terraform prints none of it, nor do the
		// reports (as a variable declared sensitive, Module.Sensitive).
		if len(args) == 1 {
			e.s.addSensitive(args[0])
			e.s.addSensitiveKeys(args[0], cty.DynamicPseudoType)
			e.s.noteSensitiveLiteral(x)
		}
	case "jsonencode":
		if len(args) == 1 {
			v, err := jsonEncode(args[0].Val)
			if err == errJSONTooLarge {
				e.sayTooLarge(name, rng)
				return unknownNode(rng)
			}
			if err != nil {
				e.warnUnknown("Error in function call", "jsonencode: "+err.Error()+" The value is unknown.", rng)
				v = cty.UnknownVal(cty.String)
			}
			if v.IsKnown() && !v.IsNull() && !v.IsMarked() && !e.spendText(len(v.AsString()), rng) {
				return unknownNode(rng)
			}
			return e.s.ev.newJSONNode(v, rng, args[0])
		}
	case "file":
		if len(args) == 1 {
			return e.fileCall(args[0], rng)
		}
	case "templatefile":
		if len(args) == 2 {
			return e.templateFile(args[0], args[1], rng)
		}
	case "templatestring":
		if len(args) == 2 {
			return e.templateString(args[0], args[1], rng)
		}
	case "fileexists":
		if len(args) == 1 {
			return e.fileExists(args[0], rng)
		}
	case "filebase64", "filemd5", "filesha1", "filesha256", "filesha512", "filebase64sha256", "filebase64sha512":
		if len(args) == 1 {
			return e.fileDigest(args[0], rng)
		}
	case "fileset":
		if len(args) == 2 {
			return e.fileSet(args[0], args[1], rng)
		}
	case "jsondecode":
		if len(args) == 1 && !x.ExpandFinal {
			return e.jsonDecode(x, args[0], rng)
		}
	case "yamldecode":
		if len(args) == 1 && !x.ExpandFinal {
			return e.yamlDecode(args[0], rng)
		}
	case "format":
		n := e.callFunc(x, name, args, rng)
		if !n.Val.IsKnown() {
			if p := e.formatPartial(args, rng); p != nil {
				n = &Node{Val: cty.UnknownVal(cty.String), Range: rng}
				n.SetPartial(p)
			}
		}
		return n
	case "merge":
		return e.merge(x, args, rng)
	case "concat":
		return e.concat(x, args, rng)
	case "toset":
		n := e.uniformCollection(x, cty.SetVal, args, rng)
		if n == nil {
			n = e.callFunc(x, name, args, rng)
		}
		if !n.Val.IsKnown() && !x.ExpandFinal {
			if p := partialPass(name, args, rng); p != nil {
				return p
			}
		}
		if len(args) == 1 && len(args[0].Elems) > 0 {
			if e.s.ev.setSrc == nil {
				e.s.ev.setSrc = map[*Node]*Node{}
			}
			e.s.ev.setSrc[n] = args[0]
		}
		n = relocate(n, args)
		if len(n.Elems) == 0 && len(args) == 1 {
			n.Elems = alignSetElems(n.Val, args[0].Elems, n.Range)
		}
		return n
	case "tomap":
		// As uniformCollection: an object of attributes of one type.
		if len(args) == 1 && !x.ExpandFinal {
			if m, ok := uniformConvert(args[0].Val, cty.Map(cty.DynamicPseudoType)); ok {
				if !e.spendCalls(Functions()[name], name, []cty.Value{args[0].Val}, rng) || !e.spendResult(m, rng) {
					return unknownNode(rng)
				}
				return &Node{Val: m, Range: rng}
			}
		}
	case "tolist":
		if len(args) == 1 && !x.ExpandFinal {
			n := e.uniformCollection(x, cty.ListVal, args, rng)
			if n == nil {
				n = e.callFunc(x, name, args, rng)
			}
			if !n.Val.IsKnown() {
				if p := partialPass(name, args, rng); p != nil {
					return p
				}
			}
			if n.Val.IsKnown() && !n.Val.IsNull() && len(args[0].Elems) == n.Val.LengthInt() {
				// (tolist(null) is null: LengthInt of it panics.)
				n.Elems = args[0].Elems
			}
			return relocate(n, args)
		}
	}
	n := e.setOp(x, name, args, rng)
	if n == nil {
		n = e.callFunc(x, name, args, rng)
	}
	if !n.Val.IsKnown() && !x.ExpandFinal {
		switch name {
		case "compact", "distinct", "tolist", "toset", "sort", "flatten":
			if p := partialPass(name, args, rng); p != nil {
				return p
			}
		case "setunion":
			if p := partialList(args, rng); p != nil {
				return p
			}
		}
	}
	switch {
	case name == "values" && len(args) == 1:
		if n = valuesElems(n, args); len(n.Elems) > 0 {
			return n
		}
		return relocate(n, args)
	case name == "flatten" && len(args) == 1:
		if n = flattenElems(n, args); len(n.Elems) > 0 {
			return n
		}
		return relocate(n, args)
	case elemFuncs[name] || pickFuncs[name]:
		return relocate(n, args)
	case name == "split":
		return splitElems(n, args)
	case name == "element":
		return elementAt(n, args)
	}
	return n
}

// setOp is setunion, setsubtract or setintersection (name) of wholly known
// arguments whose elements have one type, computed by setOpFast, counted
// as applyFunc counts a call; nil when the fast path does not apply.
func (e *env) setOp(x *hclsyntax.FunctionCallExpr, name string, args []*Node, rng hcl.Range) *Node {
	if x.ExpandFinal || (name != "setunion" && name != "setsubtract" && name != "setintersection") {
		return nil
	}
	vals := make([]cty.Value, len(args))
	for i, a := range args {
		vals[i] = a.Val
	}
	if _, _, ok := setOpArgs(name, vals); !ok {
		return nil
	}
	if !e.spendCalls(Functions()[name], name, vals, rng) {
		return unknownNode(rng)
	}
	v, elems, ok := setOpFast(name, vals)
	if !ok {
		return nil
	}
	// The set's strings counted off its elements: a walk of the set
	// sorts it (0.35 s for 60,000 strings).
	if e.tooLarge(name, rng, elems) || !e.spendString(elems, rng) || !e.spendResult(v, rng) {
		return unknownNode(rng)
	}
	n := &Node{Val: v, Range: rng}
	if v.Type().ElementType() == cty.String && v.LengthInt() > 1 {
		// relocate walks a set in go-cty's order, which for known
		// strings is their sorted order: it walks the list of them
		// sorted here instead of the set, whose walk sorts with
		// go-cty's comparisons (0.5 s for 60,000 strings).
		strs := elems.AsValueSlice()
		sort.Slice(strs, func(i, j int) bool { return strs[i].AsString() < strs[j].AsString() })
		if l := relocate(&Node{Val: cty.ListVal(strs), Range: rng}, args); len(l.Elems) > 0 {
			n.Elems = l.Elems
		}
	}
	return n
}

// uniformCollection is toset / tolist of a known tuple whose elements all
// have the same type, built directly: go-cty's conversion unifies the
// element types pairwise, which is quadratic (minutes for 100,000 keys).
// It returns nil when the fast path does not apply.
func (e *env) uniformCollection(x *hclsyntax.FunctionCallExpr, mk func([]cty.Value) cty.Value, args []*Node, rng hcl.Range) *Node {
	if len(args) != 1 || x.ExpandFinal {
		return nil
	}
	v := args[0].Val
	if !v.Type().IsTupleType() || !v.IsWhollyKnown() || v.IsNull() || v.LengthInt() < 2 {
		return nil
	}
	tys := v.Type().TupleElementTypes()
	for _, t := range tys[1:] {
		if !t.Equals(tys[0]) {
			return nil
		}
	}
	if tys[0] == cty.DynamicPseudoType {
		return nil
	}
	name := strings.TrimPrefix(x.Name, "core::")
	if !e.spendCalls(Functions()[name], name, []cty.Value{v}, rng) {
		return unknownNode(rng)
	}
	r := mk(v.AsValueSlice())
	if !e.spendResult(r, rng) {
		return unknownNode(rng)
	}
	return &Node{Val: r, Range: rng}
}

// maxMixed is the size from which a tuple or object of mixed element types
// is not handed to a function: converting it unifies the types pairwise.
const maxMixed = 10000

// tooMixed reports whether v is a tuple or object of more than maxMixed
// elements whose types are not all the same.
func tooMixed(v cty.Value) bool {
	ty := v.Type()
	var tys []cty.Type
	switch {
	case ty.IsTupleType():
		tys = ty.TupleElementTypes()
	case ty.IsObjectType():
		if len(ty.AttributeTypes()) <= maxMixed {
			return false
		}
		for _, t := range ty.AttributeTypes() {
			tys = append(tys, t)
		}
	default:
		return false
	}
	if len(tys) <= maxMixed {
		return false
	}
	for _, t := range tys[1:] {
		if !t.Equals(tys[0]) {
			return true
		}
	}
	return false
}

func (e *env) callFunc(x *hclsyntax.FunctionCallExpr, name string, args []*Node, rng hcl.Range) *Node {
	// The base set serves every call but the file functions (which call()
	// handles itself): building a scope's own table is left to generic.
	f, ok := Functions()[name]
	if !ok {
		f, ok = e.s.functions()[name]
	}
	if !ok {
		e.warnUnknown("Call to unknown function", fmt.Sprintf("iamlint does not know the function %q; its result is unknown.", x.Name), x.NameRange)
		return unknownNode(rng)
	}
	vals := make([]cty.Value, 0, len(args))
	for _, a := range args {
		vals = append(vals, a.Val)
	}
	if x.ExpandFinal && len(vals) > 0 {
		last := vals[len(vals)-1]
		vals = vals[:len(vals)-1]
		if !last.IsKnown() {
			return unknownNode(rng)
		}
		if last.IsNull() || !last.CanIterateElements() {
			e.warn("Invalid expanding argument", "The final argument with ... must be a list, set or tuple.", rng)
			return unknownNode(rng)
		}
		if raw, ets, et, ok := rawElems(last); ok {
			// Off the internal value: the iterator makes a number of
			// each index (max(local.big...) of 240,000 numbers).
			for i, r := range raw {
				if ets != nil {
					et = ets[i]
				}
				vals = append(vals, ctyraw.Make(et, r))
			}
		} else {
			for it := last.ElementIterator(); it.Next(); {
				_, v := it.Element()
				vals = append(vals, v)
			}
		}
	}
	return e.applyFunc(f, x.Name, vals, rng, x.NameRange)
}

// applyFunc calls f with vals converted to its parameter types; errors
// give a warning and an unknown value.
func (e *env) applyFunc(f function.Function, name string, vals []cty.Value, rng, nameRange hcl.Range) *Node {
	params, varParam := f.Params(), f.VarParam()
	for _, v := range vals {
		if tooMixed(v) {
			e.warnUnknown("Value too large", fmt.Sprintf("%s: an argument has more than %d elements of different types; the value is unknown.", name, maxMixed), rng)
			return unknownNode(rng)
		}
	}
	if !e.spendCalls(f, name, vals, rng) {
		return unknownNode(rng)
	}
	for i, v := range vals {
		if !v.IsKnown() && v.Type() == cty.DynamicPseudoType {
			return unknownNode(rng)
		}
		var p *function.Parameter
		if i < len(params) {
			p = &params[i]
		} else {
			p = varParam
		}
		if p == nil || p.Type == cty.DynamicPseudoType {
			continue
		}
		if lv, ok := uniformConvert(v, p.Type); ok {
			vals[i] = lv
			continue
		}
		cv, err := convertValue(v, p.Type)
		if err != nil {
			e.warnUnknown("Invalid function argument", fmt.Sprintf("%s: argument %d: %s. The value is unknown.", name, i+1, err), rng)
			return unknownNode(rng)
		}
		vals[i] = cv
	}
	if (name == "tonumber" || name == "parseint") && len(vals) > 0 && longDigitString(vals[0]) {
		e.sayHugeNumber(name, rng) // before the parse, which takes time that grows faster than its digits
		return unknownNode(rng)
	}
	if name == "operator" && e.tooLarge(name, rng, vals...) {
		return unknownNode(rng) // function calls are checked in call
	}
	if w, insts, n := regexWork(name, vals); w > 0 && !e.spendRegex(name, w, insts, n, rng) {
		return unknownNode(rng)
	}
	if resultTooLarge(name, vals) {
		e.sayTooLarge(name, rng)
		return unknownNode(rng)
	}
	v, err := safeCall(f, vals)
	if err != nil {
		msg, _, _ := strings.Cut(err.Error(), "\n")
		if strings.Contains(msg, "panic in function implementation") {
			msg = panicMessage(msg, vals)
		}
		e.warnUnknown("Error in function call", fmt.Sprintf("%s: %s. The value is unknown.", name, msg), rng)
		return unknownNode(rng)
	}
	if e.tooLarge(name, rng, v) || !e.spendString(v, rng) || !e.spendResult(v, rng) {
		return unknownNode(rng)
	}
	return &Node{Val: v, Range: rng}
}

// jsonEncode is stdlib.JSONEncodeFunc without Function.Call's two walks of
// the whole argument for marks (the evaluator never marks values; about 6% of
// the evaluation of a policy-heavy estate): a wholly known value is encoded
// directly, anything else goes through the function.
//
// appendJSON fails on any unknown or marked part, so it is tried first: a
// walk of the whole value for IsWhollyKnown beforehand (cty iterates an
// object by sorting its attribute names, an allocation per object) cost
// as much as the encoding.
func jsonEncode(v cty.Value) (cty.Value, error) {
	buf, ok, over := appendJSONLimit(nil, v, maxValueBytes)
	if over {
		return cty.NilVal, errJSONTooLarge
	}
	if ok { // "null" for a null
		str := string(buf)
		return ctyraw.StringVal(str, ctyraw.ASCIIText(str)), nil
	}
	if r, ok := partlyUnknownJSON(v); ok {
		return r, nil
	}
	if v.IsWhollyKnown() && !v.IsMarked() {
		if buf, err := ctyjson.Marshal(v, v.Type()); err == nil {
			return cty.StringVal(string(bytes.TrimSpace(buf))), nil
		}
	}
	return stdlib.JSONEncodeFunc.Call([]cty.Value{v})
}

// errJSONTooLarge is jsonEncode's error for a text of more than
// maxValueBytes, given up as soon as it is: the arguments are bounded by
// maxValueBytes of strings, and a string's escapes are up to six bytes a
// byte (jsonencode of 50 MB of control characters was a 300 MB text, 1.6
// GB of memory, refused only by the call that read it).
var errJSONTooLarge = errors.New("JSON text too large")

// unknownJSONObject and unknownJSONTuple are what stdlib.JSONEncodeFunc
// returns for a known, non-null, unmarked object or map (a tuple, list or
// set) that holds an unknown: an unknown string, not null, whose prefix is
// "{" ("["). The result depends on nothing else.
var (
	unknownJSONObject, _ = stdlib.JSONEncodeFunc.Call([]cty.Value{cty.ObjectVal(map[string]cty.Value{"a": cty.DynamicVal})})
	unknownJSONTuple, _  = stdlib.JSONEncodeFunc.Call([]cty.Value{cty.TupleVal([]cty.Value{cty.DynamicVal})})
)

// partlyUnknownJSON returns what stdlib.JSONEncodeFunc returns for v when
// v is a known, non-null object, map, tuple, list or set with no mark
// anywhere that holds an unknown (ok false otherwise): the function's two
// walks for marks and its walk for unknowns allocate at each element (a
// policy of a module evaluated with unknown variables is a few dozen
// allocations).
func partlyUnknownJSON(v cty.Value) (cty.Value, bool) {
	if !v.IsKnown() || v.IsMarked() || v.IsNull() {
		return cty.NilVal, false
	}
	unknown, ok := ctyraw.ScanUnknown(v)
	if !ok || !unknown {
		return cty.NilVal, false
	}
	switch ty := v.Type(); {
	case ty.IsObjectType() || ty.IsMapType():
		return unknownJSONObject, true
	case ty.IsTupleType() || ty.IsListType() || ty.IsSetType():
		return unknownJSONTuple, true
	}
	return cty.NilVal, false
}

// maxShortJSON is the longest text encodeShort makes: tooLarge counts
// at most elementBytes+1 per byte of it.
const maxShortJSON = maxValueBytes / (elementBytes + 1)

// encodeShort returns what jsonEncode returns for v when appendJSON
// handles it in at most maxShortJSON bytes, in a buffer kept for the next
// call.
func (ev *evaluator) encodeShort(v cty.Value) (string, bool) {
	return ev.shortText(appendJSONMax(ev.jsonBuf[:0], v, maxShortJSON))
}

// shortText is encodeShort's (and encodeShape's) text of buf, written in
// ev.jsonBuf (kept for the next call unless over 1 MiB): false when the
// writer gave up (!ok) or wrote more than maxShortJSON bytes.
func (ev *evaluator) shortText(buf []byte, ok bool) (string, bool) {
	if cap(buf) <= 1<<20 {
		ev.jsonBuf = buf
	}
	if !ok || len(buf) > maxShortJSON {
		return "", false
	}
	return string(buf), true
}

// panicMessage says what made a cty function panic (cty's "panic in
// function implementation", which it recovers), instead of the panic: (1/0)
// % 7 said "operator: panic in function implementation: runtime error:
// invalid memory address or nil pointer dereference" (cty's Modulo of an
// infinity), log(0, 0) "log: panic in function implementation:
// Float.SetFloat64(NaN)". Terraform says the same; a user reads it as
// iamlint crashing.
func panicMessage(msg string, vals []cty.Value) string {
	for _, v := range vals {
		if v.Type() == cty.Number && v.IsKnown() && !v.IsNull() && rawNumber(v).IsInf() {
			return "an argument is infinite (" + rawNumber(v).String() + ", as a division by zero or a pow() past about 1e308 makes), which this function cannot take"
		}
	}
	if strings.Contains(msg, "NaN") {
		return "the result is not a number (NaN: as log(0, 0) or 0 * infinity makes)"
	}
	return "the function failed on these arguments (" + strings.TrimPrefix(msg, "panic in function implementation: ") + ")"
}

func safeCall(f function.Function, vals []cty.Value) (v cty.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return f.Call(vals)
}

// merge keeps the located children of object arguments.
func (e *env) merge(x *hclsyntax.FunctionCallExpr, args []*Node, rng hcl.Range) *Node {
	n := e.callFunc(x, "merge", args, rng)
	if x.ExpandFinal || !n.Val.IsKnown() || n.Val.IsNull() {
		return n
	}
	var ms Members
	for _, a := range args {
		for i, k := range a.Keys {
			ms.Set(k, a.kidAt(i))
		}
	}
	if ms.Len() > 0 {
		ms.Into(n)
	}
	return n
}

// concat keeps the located elements of tuple arguments.
func (e *env) concat(x *hclsyntax.FunctionCallExpr, args []*Node, rng hcl.Range) *Node {
	var n *Node
	if vals, ok := concatTuples(x, args); ok {
		// Counted as applyFunc counts a call: built here, a for
		// expression of 1,000 concat(local.big) of 240,000 numbers
		// counted nothing (past 100 s, 6 GB).
		if !e.spendCalls(Functions()["concat"], "concat", vals, rng) {
			return unknownNode(rng)
		}
		v := concatVals(vals)
		n = &Node{Val: v, Range: rng}
		if e.tooLarge(x.Name, rng, v) || !e.spendResult(v, rng) {
			n = unknownNode(rng)
		}
	} else {
		n = e.callFunc(x, "concat", args, rng)
	}
	if !x.ExpandFinal && !n.Val.IsKnown() {
		if p := partialList(args, rng); p != nil {
			return p
		}
	}
	if x.ExpandFinal || !n.Val.IsKnown() || n.Val.IsNull() {
		return n
	}
	var elems []*Node
	for _, a := range args {
		if !a.Val.IsKnown() || a.Val.IsNull() {
			return n
		}
		l := a.Val.LengthInt()
		if len(a.Elems) == l {
			elems = append(elems, a.Elems...)
			continue
		}
		// An argument not located element by element (a computed
		// list: jsondecode(data.x.json).Statement): its elements at
		// its own range, so that the others keep theirs, when it is
		// short (a node each).
		if len(a.Elems) > 0 || l > maxDerivedElems || !(a.Val.Type().IsListType() || a.Val.Type().IsTupleType()) {
			return n
		}
		for i := 0; i < l; i++ {
			elems = append(elems, a.Index(i))
		}
	}
	if len(elems) == n.Val.LengthInt() {
		n.Elems = elems
	}
	return n
}

// maxDerivedElems bounds the elements concat gives a node of their own
// for an argument that has none (at the argument's range).
const maxDerivedElems = 64

// concatTuples reports whether concatVals is what concat
// (stdlib.ConcatFunc through applyFunc) returns for args, and their values:
// when every argument is a known, non-null, unmarked tuple, a tuple of
// their elements, built without the function's walks of its arguments for
// marks and unknowns. ok is false for anything else (lists, whose element
// types concat unifies; a tuple applyFunc finds too mixed).
func concatTuples(x *hclsyntax.FunctionCallExpr, args []*Node) ([]cty.Value, bool) {
	if x.ExpandFinal || len(args) == 0 {
		return nil, false
	}
	vals := make([]cty.Value, 0, len(args))
	for _, a := range args {
		v := a.Val
		if v == cty.NilVal || !v.IsKnown() || v.IsNull() || v.IsMarked() || !v.Type().IsTupleType() || tooMixed(v) {
			return nil, false
		}
		vals = append(vals, v)
	}
	return vals, true
}

// concatVals is the tuple of the elements of the tuples vals.
func concatVals(vals []cty.Value) cty.Value {
	n := 0
	for _, v := range vals {
		n += v.LengthInt()
	}
	out := make([]cty.Value, 0, n)
	for _, v := range vals {
		for i, l := 0, v.LengthInt(); i < l; i++ {
			out = append(out, v.Index(indexKey(i)))
		}
	}
	return cty.TupleVal(out)
}

// jsonRepeated returns the blocks of the names that the JSON body b
// defines more than once, which b.JustAttributes reported in ds (and
// returned the first of). The JSON syntax defines several blocks of a type
// so ({"statement": {...}, "statement": {...}}: two statements), as it does
// with an array: each definition of such a name is a block (an object, or
// an array of them). The second statement was dropped without a word
// before, and a second "policy" string too, where Terraform says
// "Duplicate argument": a name defined more than once with another value
// (a string, a number) is that error, at each definition after the first,
// and the first is evaluated. With meta (a resource's body), the
// meta-arguments are left out, as they are of the body.
func (e *env) jsonRepeated(b hcl.Body, ds hcl.Diagnostics, meta bool) map[string]hcl.Blocks {
	var out map[string]hcl.Blocks
	var bad map[string]bool
	for _, d := range ds {
		name, ok := duplicateName(d)
		if !ok || meta && resourceMeta(name) {
			continue // a meta-argument: said with the block (jsonDuplicateArgs)
		}
		if _, done := out[name]; !done && !bad[name] {
			schema := hcl.BlockHeaderSchema{Type: name}
			if name == "dynamic" {
				schema.LabelNames = []string{"type"}
			}
			c, _, cds := b.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{schema}})
			if !cds.HasErrors() {
				if out == nil {
					out = map[string]hcl.Blocks{}
				}
				out[name] = c.Blocks
				continue
			}
			if bad == nil {
				bad = map[string]bool{}
			}
			bad[name] = true
		}
		if bad[name] {
			e.s.ev.diag(hcl.DiagError, "Duplicate argument", d.Detail+" Each argument may be set only once; the first is used.", *d.Subject)
		}
	}
	return out
}

// jsonRepeatedKey returns the member k of a JSON object defined more than
// once (before: the pairs before the second definition, after: that one
// and the rest). In a block's body (a statement of a policy document's
// JSON, evaluated as an object) the JSON syntax defines several nested
// blocks so ("condition": {...}, "condition": {...}: two conditions), as
// with an array: when every definition is an object or an array, the
// member is the list of all of them, as an array of them would be. Other
// values are an error, as in terraform ("Duplicate object attribute",
// "Duplicate argument"), at each definition after the first, and the
// first is the member's value. The last one replaced the others without
// a word before: a second "Action" of "*" in a statement's object was
// linted, a second "condition" block was one condition.
func (e *env) jsonRepeatedKey(k string, before, after []hcl.KeyValuePair) *Node {
	var defs []hcl.KeyValuePair
	for _, ps := range [][]hcl.KeyValuePair{before, after} {
		for _, p := range ps {
			if kv, _ := p.Key.Value(nil); kv.Type() == cty.String && kv.IsKnown() && !kv.IsNull() && kv.AsString() == k {
				defs = append(defs, p)
			}
		}
	}
	blocks := &Node{Range: defs[0].Key.Range()}
	var vals []cty.Value
	var first *Node
	for _, p := range defs {
		cp := *e.expr(p.Value)
		c := &cp
		c.SetNameRange(p.Key.Range())
		if first == nil {
			first = c
		}
		if blocks == nil {
			continue
		}
		switch {
		case c.Val.IsKnown() && !c.Val.IsNull() && (c.Val.Type().IsObjectType() || c.Val.Type().IsMapType()):
			blocks.Elems = append(blocks.Elems, c)
			vals = append(vals, c.Val)
		case c.Val.IsKnown() && !c.Val.IsNull() && c.Val.Type().IsTupleType() && len(c.Elems) == c.Val.LengthInt() && objectsOnly(c.Elems):
			blocks.Elems = append(blocks.Elems, c.Elems...)
			for _, el := range c.Elems {
				vals = append(vals, el.Val)
			}
		default:
			blocks = nil
		}
	}
	if blocks != nil {
		blocks.SetNameRange(defs[0].Key.Range())
		blocks.Val = cty.TupleVal(vals)
		return blocks
	}
	for _, p := range defs[1:] {
		e.s.ev.diag(hcl.DiagError, "Duplicate object attribute", fmt.Sprintf("An attribute named %q was already defined at %s; terraform rejects the file. The first is used.", k, defs[0].Key.Range()), p.Key.Range())
	}
	return first
}

// objectsOnly reports whether every node of ns is a known object (or map).
func objectsOnly(ns []*Node) bool {
	for _, n := range ns {
		if !n.Val.IsKnown() || n.Val.IsNull() || !(n.Val.Type().IsObjectType() || n.Val.Type().IsMapType()) {
			return false
		}
	}
	return true
}

// duplicateName returns the name of the argument a "Duplicate attribute
// definition" diagnostic of hcl's JSON JustAttributes is about.
func duplicateName(d *hcl.Diagnostic) (string, bool) {
	const intro = "The argument "
	if d.Summary != "Duplicate attribute definition" || d.Subject == nil || !strings.HasPrefix(d.Detail, intro) {
		return "", false
	}
	q, err := strconv.QuotedPrefix(d.Detail[len(intro):])
	if err != nil {
		return "", false
	}
	name, err := strconv.Unquote(q)
	return name, err == nil
}

// jsonDynamicBlock expands one "dynamic" definition of a JSON body that
// defines "dynamic" more than once (see jsonRepeated), as jsonDynamic does
// the one of a body that defines it once: bl's label is the block type,
// its body the dynamic block's for_each, iterator and content.
func (e *env) jsonDynamicBlock(bl *hcl.Block, add func(typ string, c *Node, typeRange *hcl.Range)) {
	attrs, _ := bl.Body.JustAttributes()
	var forEach, content hcl.Expression
	iter := bl.Labels[0]
	if a, ok := attrs["for_each"]; ok {
		forEach = a.Expr
	}
	if a, ok := attrs["content"]; ok {
		content = a.Expr
	}
	if a, ok := attrs["iterator"]; ok {
		if v, d := a.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() {
			iter = v.AsString()
		}
	}
	e.jsonDynamicSpec(bl.Labels[0], bl.LabelRanges[0], iter, forEach, content, bl.DefRange, add)
}

// jsonDynamic expands the "dynamic" property of a JSON body:
// {"dynamic": {"statement": {"for_each": ..., "iterator": ..., "content": {...}}}}
// (each block type may also hold an array of such objects).
func (e *env) jsonDynamic(x hcl.Expression, add func(typ string, c *Node, typeRange *hcl.Range)) {
	pairs, diags := hcl.ExprMap(x)
	if diags.HasErrors() {
		e.warn("Invalid dynamic block", "In JSON, dynamic must be an object of block types.", x.Range())
		return
	}
	for _, p := range pairs {
		kv, d := p.Key.Value(nil)
		if d.HasErrors() || kv.Type() != cty.String || !kv.IsKnown() {
			continue
		}
		label := kv.AsString()
		specs := []hcl.Expression{p.Value}
		if list, ds := hcl.ExprList(p.Value); !ds.HasErrors() {
			specs = list
		}
		for _, spec := range specs {
			fields, ds := hcl.ExprMap(spec)
			if ds.HasErrors() {
				continue
			}
			var forEach, content hcl.Expression
			iter := label
			for _, f := range fields {
				fk, _ := f.Key.Value(nil)
				if fk.Type() != cty.String || !fk.IsKnown() {
					continue
				}
				switch fk.AsString() {
				case "for_each":
					forEach = f.Value
				case "content":
					content = f.Value
					// An array of objects is as many content blocks, as
					// for any block in JSON: one is the content; read as
					// a value, its array made a statement of no
					// attributes (a false policy-invalid, the actions
					// unlinted).
					if list, ds := hcl.ExprList(f.Value); !ds.HasErrors() {
						content = nil
						for i, c := range list {
							if i == 0 {
								content = c
								continue
							}
							e.s.ev.diag(hcl.DiagError, "Extraneous dynamic content block", "Only one content block is allowed in a dynamic block (terraform refuses more); the first is used, this one is not linted.", c.Range())
						}
					}
				case "iterator":
					if v, d := f.Value.Value(nil); !d.HasErrors() && v.Type() == cty.String && v.IsKnown() {
						iter = v.AsString()
					}
				}
			}
			e.jsonDynamicSpec(label, p.Key.Range(), iter, forEach, content, spec.Range(), add)
		}
	}
}

// jsonDynamicSpec adds the blocks of type label that a dynamic block of a
// JSON body makes (typeRange: where label is written; specRange: the
// dynamic block).
func (e *env) jsonDynamicSpec(label string, typeRange hcl.Range, iter string, forEach, content hcl.Expression, specRange hcl.Range, add func(typ string, c *Node, typeRange *hcl.Range)) {
	if forEach == nil || content == nil {
		e.warn("Invalid dynamic block", "A dynamic block needs for_each and content; it is skipped.", specRange)
		return
	}
	unknownCount := false
	e.iterate(e.expr(forEach), forEach.Range(), func(it *iterVal) {
		c := e.withIter(iter, it).expr(content)
		cp := *c
		cp.setNameAt(&typeRange)
		add(label, &cp, &typeRange)
		unknownCount = unknownCount || !it.key.Val.IsKnown()
	})
	if unknownCount {
		add(label, unknownNode(forEach.Range()), &typeRange) // any number of blocks (see dynamic)
	}
}

// jsonDecode decodes a string whose bytes are located (a file() read, a
// heredoc), keeping the position of every element of the result.
func (e *env) jsonDecode(x *hclsyntax.FunctionCallExpr, arg *Node, rng hcl.Range) *Node {
	if longDigitString(arg.Val) {
		e.sayHugeNumber("jsondecode", rng)
		return unknownNode(rng)
	}
	// The same located text decodes to the same located value: a module's
	// instances share it (jsondecode(file(...)) in a module instantiated
	// 1,600 times decoded and located its 300 elements each time: 19 s).
	// Not in a .tf.json template or a template's variables, where the
	// nodes made are moved afterwards (jsonPosMap), as ev.consts are not.
	var k jsonDecodeKey
	if e.jsrc == nil && e.tvars == nil && arg.Text != nil && arg.Val.IsKnown() && !arg.Val.IsNull() && !arg.Val.IsMarked() && arg.Val.Type() == cty.String {
		k = jsonDecodeKey{arg.Text, arg.Val.AsString()}
		if m, ok := e.s.ev.jsonDecoded[k]; ok {
			return m
		}
	}
	n := e.callFunc(x, "jsondecode", []*Node{arg}, rng)
	if j := arg.JSONArg(); arg.Text == nil && j != nil && n.Val.IsWhollyKnown() && !n.Val.IsMarked() {
		// The text jsonencode wrote (jsondecode(jsonencode(...)),
		// jsondecode(local.encoded).Statement): its value located where
		// jsonencode's argument was written.
		return decodedAt(n.Val, j, rng, 0)
	}
	if arg.Text == nil || !n.Val.IsKnown() || !arg.Val.IsKnown() {
		return n
	}
	t, diags := iam.ParseJSON([]byte(arg.Val.AsString()), textMapper{arg.Text, rng})
	if diags.HasErrors() || t == nil {
		return n
	}
	n = fromTree(t, n.Val)
	if k.t != nil && !n.Val.IsMarked() {
		if e.s.ev.jsonDecoded == nil {
			e.s.ev.jsonDecoded = map[jsonDecodeKey]*Node{}
		}
		e.s.ev.jsonDecoded[k] = n
	}
	return n
}

// decodedAt locates v, what jsondecode made of the text jsonencode wrote of
// j (its located argument): each member and element at j's own, and a
// string, number or bool at j's node itself when that holds the very same
// value (so it keeps its text map); at its container's range otherwise
// (rng at the top). Past MaxNesting levels the rest is left at the
// container's range.
func decodedAt(v cty.Value, j *Node, rng hcl.Range, depth int) *Node {
	if j != nil {
		rng = j.Range
	}
	n := &Node{Val: v, Range: rng}
	if j == nil || depth > MaxNesting || v.IsNull() {
		return n
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType():
		at := ty.AttributeTypes()
		keys := make([]string, 0, len(at))
		for k := range at {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		kids := make([]*Node, len(keys))
		for i, k := range keys {
			kids[i] = decodedAt(v.GetAttr(k), j.Get(k), rng, depth+1)
		}
		n.SetAttrs(keys, kids)
	case ty.IsTupleType():
		l := v.LengthInt()
		n.Elems = make([]*Node, l)
		for i := 0; i < l; i++ {
			var c *Node
			if i < len(j.Elems) {
				c = j.Elems[i]
			}
			n.Elems[i] = decodedAt(v.Index(cty.NumberIntVal(int64(i))), c, rng, depth+1)
		}
	default:
		if jv := j.Val; jv != cty.NilVal && jv.IsKnown() && !jv.IsMarked() && jv.RawEquals(v) {
			return j
		}
	}
	return n
}

// jsonDecodeKey is a located text jsonDecode decoded (evaluator.jsonDecoded).
type jsonDecodeKey struct {
	t *TextMap
	s string
}

type textMapper struct {
	tm  *TextMap
	def hcl.Range
}

func (m textMapper) Range(start, end int) hcl.Range {
	if r, ok := m.tm.Range(start, end); ok {
		return r
	}
	return m.def
}

// fromTree builds a located node for v from the parsed JSON tree t of the
// same value.
func fromTree(t iam.Tree, v cty.Value) *Node {
	n := &Node{Val: v, Range: t.Range()}
	n.SetNameRange(t.KeyRange())
	if !v.IsKnown() || v.IsNull() {
		return n
	}
	ty := v.Type()
	switch t.Kind() {
	case iam.TreeObject:
		if !ty.IsObjectType() && !ty.IsMapType() {
			return n
		}
		var ms Members
		for _, k := range t.Keys() {
			c := t.Field(k)
			if c == nil {
				continue
			}
			var cv cty.Value
			if ty.IsObjectType() {
				if !ty.HasAttribute(k) {
					continue
				}
				cv = v.GetAttr(k)
			} else {
				cv = v.Index(cty.StringVal(k))
			}
			ms.Set(k, fromTree(c, cv))
		}
		ms.Into(n)
	case iam.TreeArray:
		if !(ty.IsTupleType() || ty.IsListType()) || v.LengthInt() != t.Len() {
			return n
		}
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			n.Elems = append(n.Elems, fromTree(t.Elem(i), ev))
		}
	}
	return n
}

// keyText writes an index key for a message as Terraform source writes it: 0,
// "b" (quoted as instance keys are), not in Go syntax (cty.NumberIntVal(0)).
func keyText(k cty.Value) string {
	switch {
	case !k.IsKnown():
		return "(known after apply)"
	case k.IsMarked():
		return "(sensitive value)"
	case k.IsNull():
		return "null"
	case k.Type() == cty.String:
		return quoteKey(k.AsString())
	case k.Type() == cty.Number:
		return k.AsBigFloat().Text('f', -1)
	case k.Type() == cty.Bool:
		if k.True() {
			return "true"
		}
		return "false"
	}
	return "(a " + k.Type().FriendlyName() + ")"
}

// jsonLiteral returns the value of JSON-syntax expression x and true when
// evaluating it as templates would give the same value: its strings and
// object keys are printable ASCII (tabs and line feeds too) without "${" or
// "%{". Else (a template, an escape such as "$${", other text): false.
func jsonLiteral(x hcl.Expression) (cty.Value, bool) {
	v, diags := safeValue(x, nil) // nil: strings verbatim
	if diags.HasErrors() || !v.IsWhollyKnown() || v.IsMarked() {
		return cty.NilVal, false
	}
	ok := true
	_ = cty.Walk(v, func(_ cty.Path, w cty.Value) (bool, error) {
		// cty.Walk goes on to the siblings of a value whose callback says
		// false: ok is only ever cleared (a plain string after a template
		// made the whole value a literal).
		if !ok {
			return false, nil
		}
		switch ty := w.Type(); {
		case w.IsNull():
		case ty == cty.String:
			ok = plainJSONText(w.AsString())
		case ty.IsObjectType():
			for k := range ty.AttributeTypes() {
				if !plainJSONText(k) {
					ok = false
					break
				}
			}
		}
		return ok, nil
	})
	if !ok {
		return cty.NilVal, false
	}
	return v, true
}

// plainJSONText reports whether s is read the same verbatim and as a
// template: printable ASCII, tab and line feed, with no "${" or "%{".
func plainJSONText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '$' || c == '%':
			if i+1 < len(s) && s[i+1] == '{' {
				return false
			}
		case c == '\t' || c == '\n':
		case c < 0x20 || c > 0x7e:
			return false
		}
	}
	return true
}

// tryAlts is try(...) whose first argument is a conditional's value
// (unknown condition, Alts) that evaluates without an error said: that
// argument in each branch, as without try (try(c ? a : b, d) is c ? a : b
// when neither branch fails), and in a branch where Terraform refuses it
// (a failedNode: try(local.cfg.actions, [...]) of cfg = c ? {actions =
// [...]} : {}) the next argument, and so on (the last refused: unknown).
// nil otherwise (an error said within the call, a known value, more than
// maxForks branches): try evaluates it as before.
func (e *env) tryAlts(x *hclsyntax.FunctionCallExpr, pf *preflown) *Node {
	if x.ExpandFinal || len(x.Args) == 0 {
		return nil
	}
	a0, ok := e.altArg(x, pf, 0)
	if !ok || a0 == nil || a0.Val == cty.NilVal || a0.Val.IsKnown() || len(a0.Alts()) == 0 || altLeaves(a0) > maxForks {
		return nil
	}
	rng := x.Range()
	args := []*Node{a0}
	arg := func(i int) *Node {
		for len(args) <= i {
			n, ok := e.altArg(x, pf, len(args))
			if !ok || n == nil || n.Val == cty.NilVal {
				n = e.failedNode(rng) // said something: as refused
			}
			args = append(args, n)
		}
		return args[i]
	}
	var from func(n *Node, i int) *Node
	from = func(n *Node, i int) *Node {
		switch {
		case e.isFailed(n):
			if i+1 >= len(x.Args) {
				return unknownNode(rng) // every argument refused: an error in Terraform
			}
			return from(arg(i+1), i+1)
		case !n.Val.IsKnown() && len(n.Alts()) > 0 && altLeaves(n) <= maxForks:
			return e.overAlts(n, rng, func(a *Node) *Node { return from(a, i) })
		}
		return n
	}
	return from(a0, 0)
}

// canAlts is can(x) whose argument is a conditional's value (unknown
// condition, Alts) that evaluates without an error said: in each branch,
// false where Terraform refuses it (a failedNode), true where it is wholly
// known, unknown else, as can says of a value. nil otherwise: can evaluates
// it as before.
func (e *env) canAlts(x *hclsyntax.FunctionCallExpr, pf *preflown) *Node {
	if x.ExpandFinal || len(x.Args) != 1 {
		return nil
	}
	a0, ok := e.altArg(x, pf, 0)
	if !ok || a0 == nil || a0.Val == cty.NilVal || a0.Val.IsKnown() || len(a0.Alts()) == 0 || altLeaves(a0) > maxForks {
		return nil
	}
	rng := x.Range()
	var of func(n *Node) *Node
	of = func(n *Node) *Node {
		switch {
		case e.isFailed(n):
			return &Node{Val: cty.False, Range: rng}
		case !n.Val.IsKnown() && len(n.Alts()) > 0 && altLeaves(n) <= maxForks:
			return e.overAlts(n, rng, of)
		case n.Val != cty.NilVal && n.Val.IsWhollyKnown():
			return &Node{Val: cty.True, Range: rng}
		}
		return &Node{Val: cty.UnknownVal(cty.Bool), Range: rng}
	}
	return of(a0)
}

// altArg is argument i of try or can (x), located: preflight's (pf), or
// evaluated, and false when its evaluation said something within the call
// (which is dropped: try and can are there to hide errors).
func (e *env) altArg(x *hclsyntax.FunctionCallExpr, pf *preflown, i int) (*Node, bool) {
	if pf != nil {
		if pf.said || i >= len(pf.nodes) {
			return nil, false
		}
		return pf.nodes[i], true
	}
	ev := e.s.ev
	mark := len(ev.diags)
	n := e.expr(x.Args[i])
	said := false
	kept := ev.diags[:mark]
	for _, d := range ev.diags[mark:] {
		if d.Subject != nil && inside(*d.Subject, x.Range()) && d.Summary != summaryTooLarge {
			said = true
			continue
		}
		kept = append(kept, d)
	}
	ev.diags = kept
	return n, !said
}

// altKeyOf names the key x of an index expression evaluated in env e.
type altKeyOf struct {
	x hcl.Expression
	e *env
}

// forkKey is x, a traversal that flatten left (false) at the key of an
// index expression in it that is a conditional's value (unknown condition:
// local.m[var.admin ? "a" : "b"], aws_iam_policy.p[var.admin ? "all" :
// "ro"].policy): x evaluated with each branch of that key in turn, as one
// traversal, located as one written with that key. What the evaluation
// says within x is dropped, and a branch that said something (an element
// that is not there: a branch Terraform may never take) is a failedNode.
// nil when flatten left at no such key.
func (e *env) forkKey(x hclsyntax.Expression) *Node {
	ev := e.s.ev
	kn, ak := ev.pendKey, ev.pendKeyOf
	ev.pendKey, ev.pendKeyOf = nil, altKeyOf{}
	if kn == nil {
		return nil
	}
	rng := x.Range()
	var branch func(k *Node) *Node
	branch = func(k *Node) *Node {
		if !k.Val.IsKnown() && len(k.Alts()) > 0 {
			return e.overAlts(k, rng, branch)
		}
		if !k.Val.IsKnown() || k.Val.IsNull() {
			return unknownNode(rng)
		}
		if ev.keyFix == nil {
			ev.keyFix = map[altKeyOf]cty.Value{}
		}
		old, had := ev.keyFix[ak]
		ev.keyFix[ak] = k.Val
		mark := len(ev.diags)
		n := e.expr(x)
		if had {
			ev.keyFix[ak] = old
		} else {
			delete(ev.keyFix, ak)
		}
		said := false
		kept := ev.diags[:mark]
		for _, d := range ev.diags[mark:] {
			if d.Subject != nil && inside(*d.Subject, rng) && d.Summary != summaryTooLarge {
				said = true
				continue
			}
			kept = append(kept, d)
		}
		ev.diags = kept
		if said {
			return e.failedNode(rng)
		}
		return n
	}
	return e.overAlts(kn, rng, branch)
}
