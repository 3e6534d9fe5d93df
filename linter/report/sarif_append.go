package report

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
)

// A SARIF result is written by hand, straight from its finding, with the
// bytes json.Encoder (SetIndent(prefix, "  "), SetEscapeHTML(false)) gives
// for the sarifResult the finding stands for (a test keeps them the same):
// reflection and indenting were most of the log's cost, and building the
// sarifResult (its maps, locations and regions) a dozen allocations per
// finding.

// jsonObject writes the members of one object, indented at depth after prefix.
type jsonObject struct {
	b      []byte
	prefix string
	depth  int
	n      int // members written
}

func openObject(b []byte, prefix string, depth int) jsonObject {
	return jsonObject{b: append(b, '{'), prefix: prefix, depth: depth}
}

// key starts member name (which needs no escaping).
func (o *jsonObject) key(name string) {
	o.b = key(o.b, o.prefix, o.depth+1, o.n == 0, name)
	o.n++
}

func (o *jsonObject) str(name, v string) {
	o.key(name)
	o.b = appendJSONString(o.b, v)
}

func (o *jsonObject) int(name string, v int) {
	o.key(name)
	o.b = appendInt(o.b, v)
}

func (o *jsonObject) close() []byte {
	if o.n > 0 {
		o.b = newline(o.b, o.prefix, o.depth)
	}
	return append(o.b, '}')
}

// openList starts a list at depth whose first element follows.
func openList(b []byte, prefix string, depth int) []byte {
	return newline(append(b, '['), prefix, depth+1)
}

// nextElem ends an element of a list at depth and starts the next one.
func nextElem(b []byte, prefix string, depth int) []byte {
	return newline(append(b, ','), prefix, depth+1)
}

// closeList ends a list at depth after its last element.
func closeList(b []byte, prefix string, depth int) []byte {
	return append(newline(b, prefix, depth), ']')
}

// appendSarifFinding writes the sarifResult of f (the result of a finding
// or, with its suppression, of a suppressed finding) at depth 0 after
// prefix: idx gives rule indexes, relPath file names relative to the base
// directory (Options.relPath).
func appendSarifFinding(b []byte, prefix string, f *linter.Finding, idx map[string]int, relPath func(string) string) []byte {
	o := openObject(b, prefix, 0)
	o.str("ruleId", f.Rule)
	if i, ok := idx[f.Rule]; ok {
		o.int("ruleIndex", i)
	}
	o.str("level", SARIFLevel(f.Severity))
	o.key("message")
	related, msg := sarifRelated(f)
	o.b = appendSarifText(o.b, prefix, 1, msg)
	o.key("locations")
	o.b = openList(o.b, prefix, 1)
	o.b = appendSarifLocation(o.b, prefix, 2, 0, relPath(f.Range.Filename), f.Range, f.Resource, "")
	o.b = closeList(o.b, prefix, 1)
	if len(related) > 0 {
		o.key("relatedLocations")
		o.b = openList(o.b, prefix, 1)
		for i, rel := range related {
			if i > 0 {
				o.b = nextElem(o.b, prefix, 1)
			}
			o.b = appendSarifLocation(o.b, prefix, 2, i+1, relPath(rel.Range.Filename), rel.Range, "", rel.Message)
		}
		o.b = closeList(o.b, prefix, 1)
	}
	if f.Fingerprint != "" {
		o.key("partialFingerprints")
		fo := openObject(o.b, prefix, 1)
		fo.str("iamlint/v1", f.Fingerprint)
		o.b = fo.close()
	}
	if s := f.Suppression; s != nil {
		o.key("suppressions")
		o.b = openList(o.b, prefix, 1)
		so := openObject(o.b, prefix, 2)
		if s.Kind == "inline" {
			so.str("kind", "inSource")
		} else {
			so.str("kind", "external")
		}
		so.str("status", "accepted")
		j := s.Reason
		if s.Expires != "" {
			j += " (expires " + s.Expires + ")"
		}
		if j != "" {
			so.str("justification", j)
		}
		o.b = closeList(so.close(), prefix, 1)
	}
	// The properties, keys in order (a map's keys are sorted).
	o.key("properties")
	po := openObject(o.b, prefix, 1)
	if f.PolicyKind != "" {
		po.str("policyKind", string(f.PolicyKind))
	}
	if f.Resource != "" {
		po.str("resource", f.Resource)
	}
	po.str("severity", f.Severity.String())
	o.b = po.close()
	return o.close()
}

// appendSarifText writes a sarifMessage with text only.
func appendSarifText(b []byte, prefix string, depth int, text string) []byte {
	o := openObject(b, prefix, depth)
	o.str("text", text)
	return o.close()
}

// appendSarifLocation writes the sarifLocation of id (left out when 0), the
// physical location (physical) of r in file name, a logical location when
// resource is set and a message when msg is.
func appendSarifLocation(b []byte, prefix string, depth, id int, name string, r hcl.Range, resource, msg string) []byte {
	o := openObject(b, prefix, depth)
	if id != 0 {
		o.int("id", id)
	}
	o.key("physicalLocation")
	po := openObject(o.b, prefix, depth+1)
	po.key("artifactLocation")
	ao := openObject(po.b, prefix, depth+2)
	uri, base, desc := artifactURI(name)
	ao.str("uri", uri)
	if base != "" {
		ao.str("uriBaseId", base)
	}
	if desc != "" {
		ao.key("description")
		ao.b = appendSarifText(ao.b, prefix, depth+3, desc)
	}
	po.b = ao.close()
	if line, col, endLine, endCol := r.Start.Line, r.Start.Column, r.End.Line, r.End.Column; line > 0 {
		po.key("region")
		ro := openObject(po.b, prefix, depth+2)
		ro.int("startLine", line)
		if col > 0 {
			ro.int("startColumn", col)
		}
		if endLine >= line {
			if endLine != 0 {
				ro.int("endLine", endLine)
			}
			if endCol > 0 && (endLine > line || endCol >= col) {
				ro.int("endColumn", endCol)
			}
		}
		po.b = ro.close()
	}
	o.b = po.close()
	if resource != "" {
		o.key("logicalLocations")
		o.b = openList(o.b, prefix, depth+1)
		lo := openObject(o.b, prefix, depth+2)
		lo.str("fullyQualifiedName", resource)
		lo.str("kind", "resource")
		o.b = closeList(lo.close(), prefix, depth+1)
	}
	if msg != "" {
		o.key("message")
		o.b = appendSarifText(o.b, prefix, depth+1, msg)
	}
	return o.close()
}
