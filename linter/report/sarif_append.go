package report

import "sort"

// sarifResult is written by hand, with the bytes json.Encoder
// (SetIndent(prefix, "  "), SetEscapeHTML(false)) gives for it (a test keeps
// them the same): reflection and indenting were most of the log's cost.

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

// appendList writes a list of n elements at depth (null when nil is set).
func appendList(b []byte, prefix string, depth, n int, isNil bool, elem func(b []byte, i int) []byte) []byte {
	if isNil {
		return append(b, "null"...)
	}
	if n == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = newline(b, prefix, depth+1)
		b = elem(b, i)
	}
	b = newline(b, prefix, depth)
	return append(b, ']')
}

// appendStringMap writes a map[string]string at depth, keys sorted.
func appendStringMap(b []byte, prefix string, depth int, m map[string]string) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	o := openObject(b, prefix, depth)
	for _, k := range keys {
		if o.n > 0 {
			o.b = append(o.b, ',')
		}
		o.b = newline(o.b, prefix, depth+1)
		o.b = appendJSONString(o.b, k)
		o.b = append(o.b, ':', ' ')
		o.b = appendJSONString(o.b, m[k])
		o.n++
	}
	return o.close()
}

func appendSarifMessage(b []byte, prefix string, depth int, m *sarifMessage) []byte {
	o := openObject(b, prefix, depth)
	o.str("text", m.Text)
	if m.Markdown != "" {
		o.str("markdown", m.Markdown)
	}
	return o.close()
}

func appendSarifLocation(b []byte, prefix string, depth int, l *sarifLocation) []byte {
	o := openObject(b, prefix, depth)
	if l.ID != 0 {
		o.int("id", l.ID)
	}
	if p := l.PhysicalLocation; p != nil {
		o.key("physicalLocation")
		po := openObject(o.b, prefix, depth+1)
		po.key("artifactLocation")
		ao := openObject(po.b, prefix, depth+2)
		ao.str("uri", p.ArtifactLocation.URI)
		if p.ArtifactLocation.URIBaseID != "" {
			ao.str("uriBaseId", p.ArtifactLocation.URIBaseID)
		}
		po.b = ao.close()
		if r := p.Region; r != nil {
			po.key("region")
			ro := openObject(po.b, prefix, depth+2)
			ro.int("startLine", r.StartLine)
			if r.StartColumn != 0 {
				ro.int("startColumn", r.StartColumn)
			}
			if r.EndLine != 0 {
				ro.int("endLine", r.EndLine)
			}
			if r.EndColumn != 0 {
				ro.int("endColumn", r.EndColumn)
			}
			po.b = ro.close()
		}
		o.b = po.close()
	}
	if len(l.LogicalLocations) > 0 {
		o.key("logicalLocations")
		o.b = appendList(o.b, prefix, depth+1, len(l.LogicalLocations), false, func(b []byte, i int) []byte {
			ll := &l.LogicalLocations[i]
			lo := openObject(b, prefix, depth+2)
			lo.str("fullyQualifiedName", ll.FullyQualifiedName)
			if ll.Kind != "" {
				lo.str("kind", ll.Kind)
			}
			return lo.close()
		})
	}
	if l.Message != nil {
		o.key("message")
		o.b = appendSarifMessage(o.b, prefix, depth+1, l.Message)
	}
	return o.close()
}

func (r *sarifResult) appendJSON(b []byte, prefix string) []byte {
	o := openObject(b, prefix, 0)
	o.str("ruleId", r.RuleID)
	if r.RuleIndex != nil {
		o.int("ruleIndex", *r.RuleIndex)
	}
	o.str("level", r.Level)
	o.key("message")
	o.b = appendSarifMessage(o.b, prefix, 1, &r.Message)
	o.key("locations")
	o.b = appendList(o.b, prefix, 1, len(r.Locations), r.Locations == nil, func(b []byte, i int) []byte {
		return appendSarifLocation(b, prefix, 2, &r.Locations[i])
	})
	if len(r.RelatedLocations) > 0 {
		o.key("relatedLocations")
		o.b = appendList(o.b, prefix, 1, len(r.RelatedLocations), false, func(b []byte, i int) []byte {
			return appendSarifLocation(b, prefix, 2, &r.RelatedLocations[i])
		})
	}
	if len(r.PartialFingerprints) > 0 {
		o.key("partialFingerprints")
		o.b = appendStringMap(o.b, prefix, 1, r.PartialFingerprints)
	}
	if len(r.Suppressions) > 0 {
		o.key("suppressions")
		o.b = appendList(o.b, prefix, 1, len(r.Suppressions), false, func(b []byte, i int) []byte {
			s := &r.Suppressions[i]
			so := openObject(b, prefix, 2)
			so.str("kind", s.Kind)
			so.str("status", s.Status)
			if s.Justification != "" {
				so.str("justification", s.Justification)
			}
			return so.close()
		})
	}
	if len(r.Properties) > 0 {
		o.key("properties")
		o.b = appendStringMap(o.b, prefix, 1, r.Properties)
	}
	return o.close()
}
