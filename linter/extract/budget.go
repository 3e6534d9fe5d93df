package extract

import (
	"fmt"
	"math"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// DefaultMaxValues is the default bound on the values (actions, resources,
// principals, condition values) of the policies of one address space (a
// root module with the modules it calls) that are read: far past real
// configurations (AWS accepts a few thousand values in a policy), it is
// reached when count, for_each or a module's instances multiply a long list
// (a local of 30,000 ARNs in a policy of a resource with count = 1000: 30
// million values, 25 s and 4.9 GB before the bound).
const DefaultMaxValues = 2_000_000

// noBound is the bound of an extraction whose values are not bounded
// (a plan's: Spaces).
const noBound = math.MaxInt

// The policies of a space are read in a fixed order, whatever the
// goroutines: the data aws_iam_policy_document blocks first (their values
// counted from their evaluated bodies, docValues, before they are rendered),
// then the consumers' policies, block after block (their documents' values
// counted once built). Once the values read are more than the bound, the
// policies of the blocks after are not read: each is a document that is
// Unknown and Unread (no statement, never "*"), and an error at each block
// configuration says how many of its instances were not read.

// unread is the record of the blocks of one configuration (one block in the
// source, its instances by count, for_each or a module's) whose policies
// were not read.
type unread struct {
	first *eval.Block // the first of them, in order
	n     int
}

// overBudget reports whether the policies read so far hold more values
// than the bound: the policies of the blocks after are not read.
func (x *extractor) overBudget() bool {
	return x.values > x.maxValues
}

// skip records that the policies of block b are not read.
func (x *extractor) skip(b *eval.Block) {
	if x.unreadAt == nil {
		x.unreadAt = map[hcl.Range]int{}
	}
	i, ok := x.unreadAt[b.Range]
	if !ok {
		i = len(x.unreads)
		x.unreadAt[b.Range] = i
		x.unreads = append(x.unreads, unread{first: b})
	}
	x.unreads[i].n++
}

// unreadDiags returns the error of each block configuration whose
// policies were not read (skip), in the order of the first of them.
func (x *extractor) unreadDiags() hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, u := range x.unreads {
		what := "the policies of " + u.first.Address + " are"
		if u.n > 1 {
			what = fmt.Sprintf("the policies of %s and of %d more instances of this block are", u.first.Address, u.n-1)
		}
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many policy values",
			Detail: fmt.Sprintf("The policies read in this root module (with the modules it calls) hold more than %d values (actions, resources, principals, condition values), the most that are read (--max-policy-values): %s not read, and are linted as unknown. Count, for_each and module instances multiply the values of a policy.",
				x.maxValues, what),
			Subject: u.first.Range.Ptr()})
	}
	return diags
}

// unreadDoc is the document of a policy that is not read: Unknown and
// Unread, at the range of the node that holds it.
func unreadDoc(rng hcl.Range, kind iam.Kind) *iam.Document {
	return &iam.Document{Kind: kind, Range: iam.MakeRange(rng), Unknown: true, Extra: &iam.DocumentExtra{Unread: true}}
}

// docsValues counts the values of the statements of docs (statementValues).
func docsValues(docs []*iam.Document) int {
	n := 0
	for _, d := range docs {
		for _, st := range d.Statements {
			if st != nil {
				n += statementValues(st)
			}
		}
	}
	return n
}

// docValues counts the values of the statements of a data
// aws_iam_policy_document from its evaluated body, without building them:
// the elements of actions, not_actions, resources and not_resources, of
// the identifiers of principals and not_principals and of the values of
// conditions (one for a list not known before apply), statement after
// statement as buildPolicyDoc reads them (no further than past
// maxDocValues).
func docValues(b *eval.Block) int {
	body := b.Body
	if isNull(body) || !isKnown(body.Val) && !body.IsObject() {
		return 0
	}
	n := 0
	for _, sn := range blocksOf(body.Get("statement"), nil) {
		if n > maxDocValues {
			break
		}
		if !isKnown(sn.Val) && !sn.IsObject() {
			n++
			continue
		}
		for _, k := range [...]string{"actions", "not_actions", "resources", "not_resources"} {
			n += listLen(sn.Get(k))
		}
		for _, k := range [...]string{"principals", "not_principals"} {
			for _, p := range blocksOf(sn.Get(k), nil) {
				n += listLen(p.Get("identifiers"))
			}
		}
		for _, c := range blocksOf(sn.Get("condition"), nil) {
			n += listLen(c.Get("values"))
		}
	}
	return n
}

// listLen is the number of elements of the list node n (0 for null, 1
// for a value that is not a list or is not known).
func listLen(n *eval.Node) int {
	if isNull(n) {
		return 0
	}
	if len(n.Elems) > 0 {
		return len(n.Elems)
	}
	v := n.Val
	if !isKnown(v) || !v.CanIterateElements() {
		return 1
	}
	return v.LengthInt()
}

// preparseBytes bounds the bytes of the policy texts that preparse
// parses ahead, in parallel, for an extraction that reads maxValues
// values: 32 bytes a value (a value takes at least 3 bytes of a text,
// "",). The texts past it are parsed when consumeAll reaches them, if it
// reads them: the same documents.
func preparseBytes(maxValues int) int {
	if maxValues > math.MaxInt/32 {
		return math.MaxInt
	}
	return 32 * maxValues
}
