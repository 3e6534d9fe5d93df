package eval

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/iamlint/iamlint/internal/textdist"
)

// topTypes are the top-level block types of Terraform and OpenTofu
// configuration: those of topSchema, which iamlint reads, and those it
// leaves alone (action: Terraform 1.14; list: Terraform's query files).
var topTypes = []string{"action", "check", "data", "ephemeral", "import", "list", "locals", "module",
	"moved", "output", "provider", "removed", "resource", "terraform", "variable"}

// unknownTopBlocks returns a notice for each top-level block of f whose
// type is not one of topTypes (a typo: resourc, varible, modul), at its
// type. Such a block was skipped without a word, a policy in it never
// linted; Terraform refuses it ("Unsupported block type"). A notice, not
// an error: a newer Terraform may add block types. In JSON, the members
// of the top-level object are the block types ("//" is a comment).
func unknownTopBlocks(f *hcl.File) hcl.Diagnostics {
	var diags hcl.Diagnostics
	if sb, ok := f.Body.(*hclsyntax.Body); ok {
		for _, b := range sb.Blocks {
			if _, known := topLabels(b.Type); !known && !slices.Contains(topTypes, b.Type) {
				diags = append(diags, unknownTopBlock(b.Type, b.TypeRange))
			}
		}
		return diags
	}
	attrs, _ := f.Body.JustAttributes() // not an object, a duplicate member: PartialContent says so
	var names []*hcl.Attribute
	for name, a := range attrs {
		if name != "//" && !slices.Contains(topTypes, name) {
			names = append(names, a)
		}
	}
	slices.SortFunc(names, func(a, b *hcl.Attribute) int { return a.NameRange.Start.Byte - b.NameRange.Start.Byte })
	for _, a := range names {
		diags = append(diags, unknownTopBlock(a.Name, a.NameRange))
	}
	return diags
}

func unknownTopBlock(typ string, rng hcl.Range) *hcl.Diagnostic {
	detail := fmt.Sprintf("%q is not a Terraform block type; this block is not linted", typ)
	if s := closestTopType(typ); s != "" {
		detail += fmt.Sprintf(" (did you mean %q?)", s)
	} else {
		detail += "."
	}
	return &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Unsupported block type", Detail: detail, Subject: rng.Ptr()}
}

// closestTopType returns the block type of topTypes nearest typ, when it
// is near (as config.Suggest: fewer edits than a third of its length
// plus two), else "".
func closestTopType(typ string) string {
	if len(typ) > 64 {
		return "" // no block type is that long; Distance is quadratic
	}
	best, bestD := "", len(typ)/3+2
	for _, k := range topTypes {
		if d := textdist.Distance(typ, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}
