package eval

import (
	"github.com/hashicorp/hcl/v2"
)

// defaultLocs mirrors a variable's type constraint where it holds
// optional(type, default) attributes: the default expressions, so that a
// value filled in from a default points at the default the user wrote, not
// at the object that left the attribute out.
type defaultLocs struct {
	exprs    map[string]hcl.Expression // object attribute -> its default
	children map[string]*defaultLocs   // object attribute, or "" for collection elements
	// json is the range of the type constraint when it is a .tf.json string,
	// whose expressions were parsed from the decoded string.
	json hcl.Range
}

// typeDefaultLocs walks the type constraint x; nil when it has no defaults.
func typeDefaultLocs(x hcl.Expression) *defaultLocs {
	call, diags := hcl.ExprCall(x)
	if diags.HasErrors() || len(call.Arguments) != 1 {
		return nil
	}
	d := &defaultLocs{}
	switch call.Name {
	case "list", "set", "map":
		c := typeDefaultLocs(call.Arguments[0])
		if c == nil {
			return nil
		}
		d.children = map[string]*defaultLocs{"": c}
	case "object":
		pairs, diags := hcl.ExprMap(call.Arguments[0])
		if diags.HasErrors() {
			return nil
		}
		for _, p := range pairs {
			name := hcl.ExprAsKeyword(p.Key)
			if name == "" {
				continue
			}
			ax := p.Value
			if oc, ds := hcl.ExprCall(ax); !ds.HasErrors() && oc.Name == "optional" && len(oc.Arguments) >= 1 {
				if len(oc.Arguments) == 2 {
					if d.exprs == nil {
						d.exprs = map[string]hcl.Expression{}
					}
					d.exprs[name] = oc.Arguments[1]
				}
				ax = oc.Arguments[0]
			}
			if c := typeDefaultLocs(ax); c != nil {
				if d.children == nil {
					d.children = map[string]*defaultLocs{}
				}
				d.children[name] = c
			}
		}
	default:
		return nil
	}
	if d.exprs == nil && d.children == nil {
		return nil
	}
	return d
}

// locateDefaults gives the attributes of n (a variable's value after its
// defaults were applied and it was converted: every node below it is its
// own copy, see reval) that came from an optional() default the location of
// that default.
func (e *env) locateDefaults(n *Node, d *defaultLocs) {
	var m *jsonPosMap
	if d != nil && d.json.Filename != "" {
		m = e.jsonPosMapOf(d.json)
		if m == nil {
			return
		}
	}
	e.locateDefaultsIn(n, d, m)
}

func (e *env) locateDefaultsIn(n *Node, d *defaultLocs, m *jsonPosMap) {
	if n == nil || d == nil || !n.Val.IsKnown() || n.Val.IsNull() {
		return
	}
	ty := n.Val.Type()
	switch {
	case ty.IsObjectType():
		if !n.IsObject() {
			return
		}
		for k, x := range d.exprs {
			if _, ok := n.Lookup(k); ok || !ty.HasAttribute(k) {
				continue
			}
			v := n.Val.GetAttr(k)
			dn := e.expr(x)
			if !dn.Val.IsKnown() || dn.Val.IsNull() {
				continue
			}
			if m != nil {
				m.node(dn)
			}
			n.SetAttr(k, reval(dn, v))
		}
		for k, c := range d.children {
			if ch, ok := n.Lookup(k); ok {
				e.locateDefaultsIn(ch, c, m)
			}
		}
	case ty.IsMapType():
		if c := d.children[""]; c != nil {
			for _, ch := range n.kids() {
				if ch == nil {
					continue
				}
				e.locateDefaultsIn(ch, c, m)
			}
		}
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		if c := d.children[""]; c != nil {
			for _, ch := range n.Elems {
				e.locateDefaultsIn(ch, c, m)
			}
		}
	}
}
