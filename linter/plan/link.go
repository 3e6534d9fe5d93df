package plan

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// policyDocumentType is the data source whose json other blocks consume.
const policyDocumentType = "aws_iam_policy_document"

// linkDocuments marks, in res, every string of a resource that is exactly
// the json (or minified_json) of a data aws_iam_policy_document of the plan
// with a Ref to that data source, as the HCL evaluator does for
// `data.aws_iam_policy_document.x.json`. A plan keeps no references, only the
// rendered text; matching the text the plan recorded (rather than a
// re-rendering of the data source) keeps the link whatever provider version
// rendered it. The extractor then reports a finding in the document once, on
// the data source's address, and not again on each consumer.
func linkDocuments(res *eval.Result) *docLinks {
	// Instances of one module (count, for_each) often render the same
	// document: a consumer is linked to the document of its own module
	// instance when it has one, else to the first.
	dl := &docLinks{byJSON: map[string]string{}, inModule: map[docKey]string{}}
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			if b.Mode != "data" || b.Type != policyDocumentType || b.Body == nil {
				continue
			}
			for _, k := range []string{"json", "minified_json"} {
				if s, ok := knownString(b.Body.Get(k)); ok && s != "" {
					if _, dup := dl.byJSON[s]; !dup {
						dl.byJSON[s] = b.Address
					}
					if _, dup := dl.inModule[docKey{m.Path, s}]; !dup {
						dl.inModule[docKey{m.Path, s}] = b.Address
					}
				}
			}
		}
	}
	if len(dl.byJSON) == 0 {
		return nil
	}
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			dl.link(m, b)
		}
	}
	return dl
}

// docLinks finds the data documents by their json (linkDocuments).
type docLinks struct {
	byJSON   map[string]string
	inModule map[docKey]string
}

type docKey struct{ module, json string }

// link links the strings of block b of module m (a resource with its body).
func (dl *docLinks) link(m *eval.Module, b *eval.Block) {
	if dl == nil || b.Mode != "resource" || b.Body == nil {
		return
	}
	lookup := func(s string) (string, bool) {
		if a, ok := dl.inModule[docKey{m.Path, s}]; ok {
			return a, true
		}
		a, ok := dl.byJSON[s]
		return a, ok
	}
	for _, c := range b.Body.Kids() {
		linkNode(c, lookup)
	}
}

func linkNode(n *eval.Node, lookup func(string) (string, bool)) {
	if n == nil {
		return
	}
	if s, ok := knownString(n); ok {
		if a, found := lookup(s); found && n.RefTo() == nil {
			attr := "json"
			n.SetRefTo(a, attr)
		}
		return
	}
	for _, c := range n.Kids() {
		linkNode(c, lookup)
	}
	for _, e := range n.Elems {
		linkNode(e, lookup)
	}
}

// knownString returns the value of a node holding a known string.
func knownString(n *eval.Node) (string, bool) {
	if n == nil || n.Val == cty.NilVal || !n.Val.IsKnown() || n.Val.IsNull() || n.Val.Type() != cty.String {
		return "", false
	}
	return n.Val.AsString(), true
}

// Member is body.Attr(k), or, for an unknown attribute that has no member
// Node of its own (one Terraform left out of after, loaded with
// Options.DeriveUnknown), the Node Get derives for it: its value
// (cty.DynamicVal) at the body's range, as the Node the body shared among
// such attributes otherwise. Nil for a known attribute held in the body's
// value only (a scalar), as Attr.
func Member(body *eval.Node, k string) *eval.Node {
	if c := body.Attr(k); c != nil || body == nil {
		return c
	}
	if v := body.GetVal(k); v != cty.NilVal && !v.IsKnown() && body.Val.IsKnown() {
		return &eval.Node{Val: v, Range: body.Range}
	}
	return nil
}
