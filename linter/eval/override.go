package eval

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// IsOverrideFile reports whether a Terraform file is an override file
// (override.tf, NAME_override.tf, and their .tf.json forms): Terraform
// reads it after the module's other files and merges each of its blocks
// into the block of the same kind and name, instead of declaring it again.
func IsOverrideFile(name string) bool {
	base := filepath.Base(name)
	stem := strings.TrimSuffix(base, ".json")
	switch {
	case strings.HasSuffix(stem, ".tf"):
		stem = strings.TrimSuffix(stem, ".tf")
	case strings.HasSuffix(stem, ".tofu"):
		stem = strings.TrimSuffix(stem, ".tofu")
	default:
		return false
	}
	return stem == "override" || strings.HasSuffix(stem, "_override")
}

// applyOverride merges the blocks of an override file into the primary
// configuration c, as Terraform does: an attribute of the override block
// replaces the primary block's attribute of that name, and nested blocks of
// a type the override block has (dynamic ones by their label) replace all
// of the primary's blocks of that type. A block with nothing to override is
// an error, as in Terraform, and is then taken as declared here (linted, so
// that nothing hides behind the error).
func (c *Config) applyOverride(f *hcl.File) hcl.Diagnostics {
	content, _, diags := f.Body.PartialContent(topSchema)
	if content == nil {
		return diags
	}
	missing := func(what, detail string, b *hcl.Block) {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Missing base " + what + " to override",
			Detail: detail + " An override file can only override what a primary configuration file of the module declares.", Subject: b.DefRange.Ptr()})
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "resource", "data":
			bc := &BlockConfig{Mode: b.Type, Type: b.Labels[0], Name: b.Labels[1]}
			base := c.byAddr[bc.key()]
			if base == nil {
				missing(b.Type+" configuration", fmt.Sprintf("There is no %s %s block named %q.", b.Labels[0], b.Type, b.Labels[1]), b)
				diags = append(diags, c.addBlock(b)...)
				continue
			}
			base.Body = overrideBody(base.Body, b.Body)
			base.Count, base.ForEach = metaExprs(base.Body)
		case "locals":
			attrs, ds := b.Body.JustAttributes()
			diags = append(diags, ds...)
			for _, a := range sortedAttrs(attrs) {
				if _, ok := c.Locals[a.Name]; !ok {
					missing("local value definition", fmt.Sprintf("There is no local value named %q.", a.Name), b)
				}
				c.Locals[a.Name] = a
			}
		case "variable":
			prev, ok := c.Variables[b.Labels[0]]
			if !ok {
				missing("variable declaration", fmt.Sprintf("There is no variable named %q.", b.Labels[0]), b)
				diags = append(diags, c.addVariable(b)...)
				continue
			}
			delete(c.Variables, b.Labels[0])
			merged := *b
			merged.Body = overrideBody(prev.body, b.Body)
			merged.DefRange = prev.Range
			diags = append(diags, c.addVariable(&merged)...)
		case "module":
			at := -1
			for i, call := range c.Calls {
				if call.Name == b.Labels[0] {
					at = i
				}
			}
			if at < 0 {
				missing("module call", fmt.Sprintf("There is no module call named %q.", b.Labels[0]), b)
				diags = append(diags, c.addCall(b)...)
				continue
			}
			prev := c.Calls[at]
			c.Calls = append(c.Calls[:at], c.Calls[at+1:]...)
			delete(c.callIdx, prev.Name)
			merged := *b
			merged.Body = overrideBody(prev.Body, b.Body)
			diags = append(diags, c.addCall(&merged)...)
			// back at its place, with its header where the primary has it
			call := c.Calls[len(c.Calls)-1]
			call.Range = prev.Range
			copy(c.Calls[at+1:], c.Calls[at:len(c.Calls)-1])
			c.Calls[at] = call
		case "output":
			attrs, _ := b.Body.JustAttributes()
			if a, ok := attrs["value"]; ok {
				c.Outputs[b.Labels[0]] = a
			}
		}
	}
	return diags
}

// overrideBody is base with the attributes and nested block types of over.
// Both are native syntax bodies in nearly every case; a body of the JSON
// syntax on either side is merged through a generic hcl.Body.
func overrideBody(base, over hcl.Body) hcl.Body {
	bb, ok1 := base.(*hclsyntax.Body)
	ob, ok2 := over.(*hclsyntax.Body)
	if !ok1 || !ok2 {
		return &mergedBody{base: base, over: over}
	}
	nb := *bb
	nb.Attributes, nb.Blocks = overrideItems(bb.Attributes, ob.Attributes, bb.Blocks, ob.Blocks,
		func(b *hclsyntax.Block) string { return nestedType(b.Type, b.Labels) })
	return &nb
}

// overrideItems merges the attributes and nested blocks of an override
// body (oattrs, oblocks) into those of the body it overrides (battrs,
// bblocks): an attribute of the override replaces the one of that name, and
// the override's nested blocks replace all the base's blocks of their type
// (typeOf: see nestedType). The inputs are not changed.
func overrideItems[A any, B any](battrs, oattrs map[string]A, bblocks, oblocks []B, typeOf func(B) string) (map[string]A, []B) {
	attrs := make(map[string]A, len(battrs)+len(oattrs))
	for k, a := range battrs {
		attrs[k] = a
	}
	for k, a := range oattrs {
		attrs[k] = a
	}
	types := map[string]bool{}
	for _, blk := range oblocks {
		types[typeOf(blk)] = true
	}
	var blocks []B
	for _, blk := range bblocks {
		if !types[typeOf(blk)] {
			blocks = append(blocks, blk)
		}
	}
	return attrs, append(blocks, oblocks...)
}

// nestedType is the block type a nested block stands for: a dynamic block
// stands for the blocks of its label.
func nestedType(typ string, labels []string) string {
	if typ == "dynamic" && len(labels) == 1 {
		return labels[0]
	}
	return typ
}

// mergedBody is overrideBody for bodies not both of the native syntax.
type mergedBody struct{ base, over hcl.Body }

func (m *mergedBody) Content(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Diagnostics) {
	c, _, diags := m.PartialContent(s)
	return c, diags
}

func (m *mergedBody) PartialContent(s *hcl.BodySchema) (*hcl.BodyContent, hcl.Body, hcl.Diagnostics) {
	bc, brest, diags := m.base.PartialContent(s)
	oc, orest, ds := m.over.PartialContent(s)
	diags = append(diags, ds...)
	out := &hcl.BodyContent{MissingItemRange: bc.MissingItemRange}
	out.Attributes, out.Blocks = overrideItems(bc.Attributes, oc.Attributes, bc.Blocks, oc.Blocks,
		func(b *hcl.Block) string { return nestedType(b.Type, b.Labels) })
	return out, &mergedBody{base: brest, over: orest}, diags
}

func (m *mergedBody) JustAttributes() (hcl.Attributes, hcl.Diagnostics) {
	out, diags := m.base.JustAttributes()
	if out == nil {
		out = hcl.Attributes{}
	}
	oa, ds := m.over.JustAttributes()
	diags = append(diags, ds...)
	for k, a := range oa {
		out[k] = a
	}
	return out, diags
}

func (m *mergedBody) MissingItemRange() hcl.Range { return m.base.MissingItemRange() }
