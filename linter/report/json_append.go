package report

import (
	"sort"
	"strconv"

	"github.com/iamlint/iamlint/internal/jsonstr"
	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
)

// The findings and principals of the JSON report are written by hand, with
// the bytes json.Encoder (SetIndent(prefix, "  "), SetEscapeHTML(false))
// gives for them (a test keeps them the same): encoding tens of thousands of
// them through reflection, then indenting, was most of the report's cost.

// newline starts a line at depth levels of indentation after prefix.
func newline(b []byte, prefix string, depth int) []byte {
	b = append(b, '\n')
	b = append(b, prefix...)
	for range depth {
		b = append(b, ' ', ' ')
	}
	return b
}

// key starts member name of an object at depth (after its first member: a comma first).
func key(b []byte, prefix string, depth int, first bool, name string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = newline(b, prefix, depth)
	b = append(b, '"')
	b = append(b, name...) // member names need no escaping
	return append(b, '"', ':', ' ')
}

func appendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

func appendInt(b []byte, v int) []byte { return strconv.AppendInt(b, int64(v), 10) }

// appendStrings writes a []string value at depth: null when nil.
func appendStrings(b []byte, prefix string, depth int, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	if len(ss) == 0 {
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = newline(b, prefix, depth+1)
		b = appendJSONString(b, s)
	}
	b = newline(b, prefix, depth)
	return append(b, ']')
}

// appendJSONString writes s as encoding/json does without HTML escaping:
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte { return jsonstr.Append(b, s, false) }

// appendJSONFinding writes f as its jsonFinding (json.go) is encoded:
// straight from the finding, without building the jsonFinding (a copy and
// a list of related locations per finding).
func appendJSONFinding(b []byte, prefix string, f *linter.Finding) []byte {
	b = append(b, '{')
	b = appendJSONString(key(b, prefix, 1, true, "rule"), f.Rule)
	b = appendJSONString(key(b, prefix, 1, false, "severity"), f.Severity.String())
	b = appendJSONString(key(b, prefix, 1, false, "message"), f.Message)
	b = appendJSONString(key(b, prefix, 1, false, "file"), f.Range.Filename)
	b = appendInt(key(b, prefix, 1, false, "line"), f.Range.Start.Line)
	b = appendInt(key(b, prefix, 1, false, "column"), f.Range.Start.Column)
	b = appendInt(key(b, prefix, 1, false, "end_line"), f.Range.End.Line)
	b = appendInt(key(b, prefix, 1, false, "end_column"), f.Range.End.Column)
	b = appendJSONString(key(b, prefix, 1, false, "resource"), f.Resource)
	b = appendJSONString(key(b, prefix, 1, false, "policy_kind"), string(f.PolicyKind))
	b = appendJSONString(key(b, prefix, 1, false, "fingerprint"), f.Fingerprint)
	b = key(b, prefix, 1, false, "related")
	if len(f.Related) == 0 {
		b = append(b, '[', ']') // never null
	} else {
		b = append(b, '[')
		for i, r := range f.Related {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, prefix, 2)
			b = append(b, '{')
			b = appendJSONString(key(b, prefix, 3, true, "file"), r.Range.Filename)
			b = appendInt(key(b, prefix, 3, false, "line"), r.Range.Start.Line)
			b = appendJSONString(key(b, prefix, 3, false, "message"), r.Message)
			b = newline(b, prefix, 2)
			b = append(b, '}')
		}
		b = newline(b, prefix, 1)
		b = append(b, ']')
	}
	if s := f.Suppression; s != nil {
		b = key(b, prefix, 1, false, "suppression")
		b = append(b, '{')
		b = appendJSONString(key(b, prefix, 2, true, "kind"), s.Kind)
		b = appendJSONString(key(b, prefix, 2, false, "reason"), s.Reason)
		if s.Expires != "" {
			b = appendJSONString(key(b, prefix, 2, false, "expires"), s.Expires)
		}
		b = newline(b, prefix, 1)
		b = append(b, '}')
	}
	b = newline(b, prefix, 0)
	return append(b, '}')
}

// appendJSONPrincipal writes an effective.PrincipalSummary as its JSON tags say.
func appendJSONPrincipal(b []byte, prefix string, p *effective.PrincipalSummary) []byte {
	b = append(b, '{')
	b = appendJSONString(key(b, prefix, 1, true, "address"), p.Address)
	b = appendJSONString(key(b, prefix, 1, false, "kind"), p.Kind)
	if p.Name != "" {
		b = appendJSONString(key(b, prefix, 1, false, "name"), p.Name)
	}
	if p.External {
		b = appendBool(key(b, prefix, 1, false, "external"), p.External)
	}
	b = appendBool(key(b, prefix, 1, false, "admin_equivalent"), p.AdminEquivalent)
	b = appendStrings(key(b, prefix, 1, false, "escalation_paths"), prefix, 1, p.EscalationPaths)
	b = key(b, prefix, 1, false, "access_levels")
	switch {
	case p.AccessLevels == nil:
		b = append(b, "null"...)
	case len(p.AccessLevels) == 0:
		b = append(b, '{', '}')
	default:
		keys := make([]string, 0, len(p.AccessLevels))
		for k := range p.AccessLevels {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, prefix, 2)
			b = appendJSONString(b, k)
			b = append(b, ':', ' ')
			b = appendStrings(b, prefix, 2, p.AccessLevels[k])
		}
		b = newline(b, prefix, 1)
		b = append(b, '}')
	}
	b = appendStrings(key(b, prefix, 1, false, "policies"), prefix, 1, p.Policies)
	if p.Boundary != "" {
		b = appendJSONString(key(b, prefix, 1, false, "boundary"), p.Boundary)
	}
	b = appendBool(key(b, prefix, 1, false, "complete"), p.Complete)
	b = newline(b, prefix, 0)
	return append(b, '}')
}
