package linter

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/plan"
)

// dropReadBack removes from the roles of a plan result (after or before)
// the inline_policy entries and managed_policy_arns that other resources of
// the plan manage (an aws_iam_role_policy of the same role and name, an
// aws_iam_role_policy_attachment or aws_iam_policy_attachment of the same
// role and policy). The AWS provider reads every inline and attached policy
// of a role back into these attributes when the configuration does not set
// them, so the plan shows each such policy twice: it is linted once, on the
// resource that writes it, as in HCL. An attribute the role's configuration
// sets (Change.Configured of p) is the role's own and is kept: HCL reports
// it on the role as well.
func dropReadBack(p *plan.Plan, res *eval.Result) {
	if res == nil {
		return
	}
	rb := newReadBack()
	var roles []*eval.Block
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			if b.Mode != "resource" || b.Body == nil {
				continue
			}
			if b.Type == "aws_iam_role" {
				roles = append(roles, b)
			} else {
				rb.gather(b)
			}
		}
	}
	for _, b := range roles {
		rb.apply(b, configured(p, b))
	}
}

// readBack is what dropReadBack finds of the resources that manage a
// role's policies.
type readBack struct {
	inline   map[[2]string]bool // role name, policy name
	attached map[[2]string]bool // role name, policy ARN
}

func newReadBack() *readBack {
	return &readBack{inline: map[[2]string]bool{}, attached: map[[2]string]bool{}}
}

// readBackTypes are the resource types readBack.gather reads.
var readBackTypes = map[string]bool{"aws_iam_role_policy": true, "aws_iam_role_policy_attachment": true, "aws_iam_policy_attachment": true}

// readStr is the text of a node holding a known string.
func readStr(n *eval.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	return strVal(n.Val)
}

// strVal is the text of a known string value (readStr of a value read with
// eval.Node.GetVal, which derives no Node).
func strVal(v cty.Value) (string, bool) {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// gather reads a resource (with its body) that may manage a role's policy.
func (rb *readBack) gather(b *eval.Block) {
	// Values only (GetVal): a Node derived per read was 6.5 MB of
	// garbage on a 50 MB plan (11,615 role policies), allocated before
	// the plan's values are released.
	rb.gatherWith(b.Type, func(k string) (string, bool) { return strVal(b.Body.GetVal(k)) },
		func(k string) ([]string, bool) {
			rs := b.Body.GetVal(k)
			if rs == cty.NilVal || !rs.IsWhollyKnown() || rs.IsNull() || !rs.CanIterateElements() {
				return nil, false
			}
			var out []string
			for it := rs.ElementIterator(); it.Next(); {
				if _, v := it.Element(); v.Type() == cty.String && !v.IsNull() {
					out = append(out, v.AsString())
				}
			}
			return out, true
		})
}

// gatherWith is gather for a resource of type typ whose attributes str
// reads when they are known strings, and strs when they are wholly known
// collections (their strings).
func (rb *readBack) gatherWith(typ string, str func(string) (string, bool), strs func(string) ([]string, bool)) {
	switch typ {
	case "aws_iam_role_policy":
		role, ok1 := str("role")
		name, ok2 := str("name")
		if ok1 && ok2 {
			rb.inline[[2]string{role, name}] = true
		}
	case "aws_iam_role_policy_attachment":
		role, ok1 := str("role")
		arn, ok2 := str("policy_arn")
		if ok1 && ok2 {
			rb.attached[[2]string{role, arn}] = true
		}
	case "aws_iam_policy_attachment":
		arn, ok := str("policy_arn")
		if !ok {
			return
		}
		roles, ok := strs("roles")
		if !ok {
			return
		}
		for _, r := range roles {
			rb.attached[[2]string{r, arn}] = true
		}
	}
}

// configured is what the configuration of block b of plan p sets
// (Change.Configured), nil when the plan does not say.
func configured(p *plan.Plan, b *eval.Block) map[string]bool {
	if c := p.Change(b); c != nil {
		return c.Configured
	}
	return nil
}

// apply drops from role b (with its body) what other resources manage,
// except the attributes set names (those the role's configuration sets).
// An inline_policy or managed_policy_arns wholly unknown that the
// configuration does not set (set is not nil) is dropped too: the provider
// computes it from what AWS holds after apply (the policies other resources
// of the plan attach, linted there); it is no policy of the role's own, and
// kept it made the role incomplete, holding an unknown policy the HCL twin
// does not have (writtenPolicy gives it no notice for the same reason).
func (rb *readBack) apply(b *eval.Block, set map[string]bool) {
	if set != nil {
		for _, attr := range [...]string{"inline_policy", "managed_policy_arns"} {
			if n := plan.Member(b.Body, attr); n != nil && !set[attr] && n.Val != cty.NilVal && !n.Val.IsKnown() {
				// Null, not absent: Get would derive it from the body's value.
				b.Body.SetAttr(attr, &eval.Node{Val: cty.NullVal(n.Val.Type()), Range: n.Range})
			}
		}
	}
	if len(rb.inline) == 0 && len(rb.attached) == 0 {
		return
	}
	name, ok := strVal(b.Body.GetVal("name"))
	if !ok {
		return
	}
	if !set["inline_policy"] {
		filter(b.Body, "inline_policy", func(e *eval.Node) bool {
			pn, ok := strVal(e.GetVal("name"))
			return ok && rb.inline[[2]string{name, pn}]
		})
	}
	if !set["managed_policy_arns"] {
		filter(b.Body, "managed_policy_arns", func(e *eval.Node) bool {
			arn, ok := readStr(e)
			return ok && rb.attached[[2]string{name, arn}]
		})
	}
}

// filter removes from the list or set attribute attr of body the elements
// drop reports (body's members are changed in place; the attribute's node
// is replaced, not changed, as it may be shared).
func filter(body *eval.Node, attr string, drop func(*eval.Node) bool) {
	n := body.Attr(attr)
	if n == nil || n.Val == cty.NilVal || !n.Val.IsKnown() || n.Val.IsNull() || !n.Val.CanIterateElements() {
		return
	}
	l := n.Val.LengthInt()
	if l == 0 {
		return
	}
	var keep []*eval.Node
	var vals []cty.Value
	dropped := false
	for i := 0; i < l; i++ {
		e := n.Index(i)
		if e == nil {
			return
		}
		if drop(e) {
			dropped = true
			continue
		}
		keep = append(keep, e)
		vals = append(vals, e.Val)
	}
	if !dropped {
		return
	}
	cp := *n
	cp.Elems = keep
	ty := n.Val.Type()
	switch {
	case len(vals) == 0 && ty.IsListType():
		cp.Val = cty.ListValEmpty(ty.ElementType())
	case len(vals) == 0 && ty.IsSetType():
		cp.Val = cty.SetValEmpty(ty.ElementType())
	case len(vals) == 0:
		cp.Val = cty.EmptyTupleVal
	case ty.IsListType():
		cp.Val = cty.ListVal(vals)
	case ty.IsSetType():
		cp.Val = cty.SetVal(vals)
	default:
		cp.Val = cty.TupleVal(vals)
	}
	if len(keep) == 0 {
		cp.Elems = nil
	}
	body.SetAttr(attr, &cp)
}
