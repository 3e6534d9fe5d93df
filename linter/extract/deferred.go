package extract

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// SpacesDeferred is Spaces for a result whose bodies the caller drops once
// it has read them, before the spaces are merged (a big plan): the policy
// strings that resource attributes hold are parsed by Merge, after the drop,
// instead of during extraction. The model of a big plan (the statements of
// every policy, several times the plan's size) and its evaluated values are
// then never in memory together.
//
// Until Merge, the documents of those strings are in the spaces with their
// address, kind and attribute, but empty: nothing between reads them (the
// graph links documents by address, kind and attribute only). The result
// is the same as Spaces': same documents, same diagnostics in the same
// order.
func SpacesDeferred(res *eval.Result) []*Space { return spaces(res, true) }

// deferredDoc returns, in a deferred extraction, the empty document of the
// policy string n for kind, to be filled by Space.complete: nil when n is
// not a policy string to parse (fromNode builds its document at once).
func (x *extractor) deferredDoc(n *eval.Node, kind iam.Kind) (*iam.Document, hcl.Diagnostics) {
	if !x.deferred || isNull(n) || n.JSON != nil || n.Text != nil || !isKnown(n.Val) || n.Val.Type() != cty.String {
		return nil, nil
	}
	s := n.Val.AsString()
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	d := &iam.Document{Kind: kind, Range: iam.MakeRange(n.Range)}
	// consume appends the diagnostics fromNode would return right after
	// this call: the parse's go there.
	x.pending = append(x.pending, pendingDoc{doc: d, src: s, diagAt: len(x.diags)})
	return d, nil
}

// complete parses the policy strings of a deferred extraction (on every
// CPU) into the documents handed out for them, keeping what the extraction
// set on them (address, resource type, attribute, module chain, policy name
// and path), and puts their diagnostics where fromNode's would have been.
func (sp *Space) complete() {
	pending := sp.pending
	if len(pending) == 0 {
		return
	}
	sp.pending = nil
	diags := make([]hcl.Diagnostics, len(pending))
	par.For(len(pending), 1, func(i int) {
		p := &pending[i]
		hr := p.doc.Range
		rng := hr.HCL()
		defer func() {
			if r := recover(); r != nil {
				*p.doc = iam.Document{Kind: p.doc.Kind, Address: p.doc.Address, ResourceType: p.doc.ResourceType,
					Attribute: p.doc.Attribute, Range: hr, Related: p.doc.Related, Unknown: true}
				diags[i] = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Internal error extracting policies",
					Detail: fmt.Sprintf("iamlint could not read the policy of %s (%v); please report this.%s", p.doc.Address, r, eval.PanicStack()), Subject: rng.Ptr()}}
			}
		}()
		d, ds := parseString(p.src, stringMapper(sp.srcs, rng, p.src), rng, p.doc.Kind)
		had := p.doc
		d.Kind, d.Address, d.ResourceType, d.Attribute, d.Related = had.Kind, had.Address, had.ResourceType, had.Attribute, had.Related
		d.PolicyName, d.PolicyPath = had.PolicyName, had.PolicyPath
		*p.doc = *d
		diags[i] = ds
	})
	n := 0
	for _, ds := range diags {
		n += len(ds)
	}
	if n == 0 {
		return
	}
	out := make(hcl.Diagnostics, 0, len(sp.Diags)+n)
	j := 0
	for i, p := range pending {
		for ; j < p.diagAt && j < len(sp.Diags); j++ {
			out = append(out, sp.Diags[j])
		}
		out = append(out, diags[i]...)
	}
	sp.Diags = append(out, sp.Diags[j:]...)
}

// completeAll completes the spaces of deferred extractions (Merge does
// first).
func completeAll(spaces []*Space) {
	for _, sp := range spaces {
		if sp != nil {
			sp.complete()
		}
	}
}
