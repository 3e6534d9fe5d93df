package extract

import (
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/par"
	"github.com/iamlint/iamlint/linter/awsdata"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// ManagedResourceType is the ResourceType of the document of an AWS managed
// policy taken from the embedded snapshot.
const ManagedResourceType = "aws_managed_policy"

// resolveManaged gives every attachment of an AWS managed policy
// (arn:<partition>:iam::aws:policy/[path/]NAME, or its name when only that is
// known) the policy's document from the embedded snapshot (package awsdata):
// Attachment.Policy becomes a Document with Kind identity, Managed set,
// Address the policy ARN and every range the attachment's policy_arn range, so
// that anything said about it points at the attachment.
//
// The document is not added to Model.Documents (document-level rules do not
// judge AWS's own text) nor to Attachment.Policies (which lists the customer
// managed policies of the configuration): effective permissions and
// admin-policy-attached read it through Attachment.Policy. A name that is not
// in the snapshot leaves the attachment as it is.
func resolveManaged(g *iam.Graph) hcl.Diagnostics {
	if g == nil {
		return nil
	}
	// The documents are parsed on every CPU (a big managed policy such as
	// ReadOnlyAccess is parsed once per attachment, tens of milliseconds in
	// all on a large scan); each attachment is resolved once (the first time
	// it is listed) and the diagnostics are kept in attachment order.
	var todo []*iam.Attachment
	seen := map[*iam.Attachment]bool{}
	for _, a := range g.Attachments {
		if a == nil || a.Policy != nil || len(a.Policies) > 0 || seen[a] {
			continue
		}
		seen[a] = true
		todo = append(todo, a)
	}
	each := make([]hcl.Diagnostics, len(todo))
	par.For(len(todo), 4, func(i int) {
		a := todo[i]
		// par.For's goroutines are not the caller's: a panic is recovered
		// here (as Merge's caller would), an error for this attachment.
		defer func() {
			if r := recover(); r != nil {
				a.Policy = nil
				each[i] = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Internal error extracting policies",
					Detail: fmt.Sprintf("iamlint could not read the AWS managed policy attached at %s (%v); please report this.%s", a.Range, r, eval.PanicStack()), Subject: a.Range.Ptr()}}
			}
		}()
		name, ok := a.AWSManagedPolicyName()
		if !ok {
			return
		}
		src, arn, found := managedSource(a, name)
		if !found {
			return
		}
		d, ds := managedDocumentAt(src, arn, a.Range.HCL())
		each[i] = ds
		if d == nil {
			return
		}
		d.Related = a.Related
		a.Policy = d
	})
	var diags hcl.Diagnostics
	for _, ds := range each {
		diags = append(diags, ds...)
	}
	return diags
}

// managedSource looks the attachment's policy up in the snapshot: by ARN
// (path included) first, then by name. It returns the JSON and the ARN the
// document is known by.
func managedSource(a *iam.Attachment, name string) (src []byte, arn string, ok bool) {
	if a.PolicyARN.Known {
		if src, ok := awsdata.ManagedPolicy(a.PolicyARN.Text); ok {
			return src, a.PolicyARN.Text, true
		}
	}
	src, ok = awsdata.ManagedPolicy(name)
	if !ok {
		return nil, "", false
	}
	for _, p := range awsdata.ManagedPolicies() {
		if strings.EqualFold(p.Name, name) {
			return src, p.ARN, true
		}
	}
	return src, "arn:aws:iam::aws:policy/" + name, true
}

// ManagedDocument parses the JSON of an AWS managed policy into a Document
// whose every range is at (the attachment's policy_arn range): Kind identity,
// Managed, Address the ARN.
func ManagedDocument(src []byte, arn string, at hcl.Range) (*iam.Document, hcl.Diagnostics) {
	tree, diags := iam.ParseJSON(src, iam.FixedMapper(at))
	if diags.HasErrors() || tree == nil {
		r := at
		return nil, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "Embedded AWS managed policy does not parse",
			Detail: fmt.Sprintf("The snapshot's document of %s does not parse; its permissions are not known to iamlint.", arn), Subject: &r}}
	}
	d, _ := iam.FromTree(tree, iam.Identity)
	d.Address = arn
	d.ResourceType = ManagedResourceType
	d.Attribute = "policy"
	d.Range = iam.MakeRange(at)
	d.Managed = true
	return d, nil
}

// managedDocs holds, by managedKey, the document of each AWS managed policy
// parsed so far (ManagedDocument), at the range of the first attachment
// that asked for it: a policy attached many times (ReadOnlyAccess, a
// thousand actions) is parsed once per process and copied to each
// attachment's range (Document.CopyAt). Bounded by the snapshot.
var managedDocs sync.Map

// managedKey is a managed policy's ARN and the snapshot's text of it.
type managedKey struct {
	arn string
	src *byte
	n   int
}

// managedDocumentAt is ManagedDocument(src, arn, at), parsed once per
// policy (managedDocs): what CopyAt makes of the first parse is what a
// parse at at makes (TestManagedDocumentAt, for every policy of the
// snapshot).
func managedDocumentAt(src []byte, arn string, at hcl.Range) (*iam.Document, hcl.Diagnostics) {
	r := iam.MakeRange(at)
	if r == (iam.Range{}) {
		return ManagedDocument(src, arn, at) // no range to copy to
	}
	k := managedKey{arn: arn, src: unsafe.SliceData(src), n: len(src)}
	if t, ok := managedDocs.Load(k); ok {
		return t.(*iam.Document).CopyAt(r), nil
	}
	d, ds := ManagedDocument(src, arn, at)
	if d != nil && len(ds) == 0 {
		// A copy of its own: d is the attachment's, which the run may
		// change (Related).
		managedDocs.LoadOrStore(k, d.CopyAt(r))
	}
	return d, ds
}
