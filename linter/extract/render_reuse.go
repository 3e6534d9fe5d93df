package extract

import (
	"slices"
	"sort"
	"sync"
	"unicode/utf8"
)

// A data "aws_iam_policy_document" most often reads another's json in
// source_policy_documents or override_policy_documents (a base document
// merged into several): the text RenderPolicyDocument wrote a moment
// before, which renderDoc would decode again with encoding/json. The
// documents rendered last are kept by their texts (rendered), and a
// source or override text found there is taken from the document it was
// written from (asDecoded: what decodeDoc makes of that text, built from
// the document) instead of being decoded. TestAsDecodedIsDecodeDoc
// compares the two.

// reuseRendered turns the reuse on (tests compare with decoding).
var reuseRendered = true

// maxRendered is the number of texts rendered keeps: the documents
// rendered last (a source is most often rendered just before the
// document that reads it, when the evaluator meets its reference).
const maxRendered = 1024

// rendered holds the documents rendered last by their json and
// minified_json texts (two entries each). Its documents are never
// written: asDecoded makes what a reader gets.
var rendered struct {
	sync.Mutex
	docs map[string]*rDoc
}

// remember keeps doc, written as min and ind.
func remember(doc *rDoc, min, ind string) {
	if !reuseRendered {
		return
	}
	rendered.Lock()
	if len(rendered.docs) >= maxRendered {
		clear(rendered.docs) // the oldest are seldom read again: start over
	}
	if rendered.docs == nil {
		rendered.docs = make(map[string]*rDoc, maxRendered)
	}
	rendered.docs[min] = doc
	rendered.docs[ind] = doc
	rendered.Unlock()
}

// renderedDoc returns decodeDoc(src) when src is a text written by
// RenderPolicyDocument lately (ok false: not known; decode it).
func renderedDoc(src string) (d *rDoc, ok bool) {
	if !reuseRendered {
		return nil, false
	}
	rendered.Lock()
	doc := rendered.docs[src]
	rendered.Unlock()
	if doc == nil {
		return nil, false
	}
	return asDecoded(doc)
}

// asDecoded returns what decodeDoc returns for the text writeDoc writes of
// d, built from d (a new document: the caller may change it); ok is false
// when that is not told without the text (a value writeDoc does not
// write, a string that is not valid UTF-8, which the text replaces, or a
// principal decodeDoc rejects).
func asDecoded(d *rDoc) (*rDoc, bool) {
	if !utf8.ValidString(d.Version) || !utf8.ValidString(d.ID) {
		return nil, false
	}
	out := &rDoc{Version: d.Version, ID: d.ID}
	if len(d.Statements) > 0 {
		out.Statements = make([]*rStatement, 0, len(d.Statements))
	}
	for _, s := range d.Statements {
		if s == nil || !utf8.ValidString(s.Sid) || !utf8.ValidString(s.Effect) {
			return nil, false
		}
		ds := &rStatement{Sid: s.Sid, Effect: s.Effect}
		var ok bool
		for _, f := range [...]struct {
			from any
			to   *any
		}{{s.Actions, &ds.Actions}, {s.NotActions, &ds.NotActions}, {s.Resources, &ds.Resources}, {s.NotResources, &ds.NotResources}} {
			if *f.to, ok = decodedStrings(f.from); !ok {
				return nil, false
			}
		}
		if ds.Principals, ok = decodedPrincipals(s.Principals); !ok {
			return nil, false
		}
		if ds.NotPrincipals, ok = decodedPrincipals(s.NotPrincipals); !ok {
			return nil, false
		}
		if ds.Conditions, ok = decodedConditions(s.Conditions); !ok {
			return nil, false
		}
		out.Statements = append(out.Statements, ds)
	}
	return out, true
}

// decodedStrings is what encoding/json decodes into an any from the text
// docWriter.strings writes of v: nothing (the member left out) for nil, a
// string for a string, null (nil) for a nil list, else a []any of strings.
func decodedStrings(v any) (any, bool) {
	switch v := v.(type) {
	case nil:
		return nil, true
	case string:
		return v, utf8.ValidString(v)
	case []string:
		if v == nil {
			return nil, true
		}
		out := make([]any, len(v))
		for i, s := range v {
			if !utf8.ValidString(s) {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	case []any:
		if v == nil {
			return nil, true
		}
		out := make([]any, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok || !utf8.ValidString(s) {
				return nil, false
			}
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

// decodedPrincipals is decodePrincipals of what docWriter writes of ps
// (rPrincipals.raw): nothing when empty, "*" as the one principal "*",
// else each type in order with its string, or its list sorted.
func decodedPrincipals(ps rPrincipals) (rPrincipals, bool) {
	if len(ps) == 0 {
		return nil, true
	}
	raw, star, err := ps.raw()
	if err != nil {
		return nil, false
	}
	if star {
		return rPrincipals{{Type: "*", IDs: []string{"*"}}}, true
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		if !utf8.ValidString(k) {
			return nil, false
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(rPrincipals, 0, len(keys))
	for _, k := range keys {
		switch v := raw[k].(type) {
		case string:
			if !utf8.ValidString(v) {
				return nil, false
			}
			out = append(out, rPrincipal{Type: k, IDs: v})
		case []string:
			if v == nil {
				return nil, false // written null: decodePrincipals rejects it
			}
			ids := make([]string, len(v))
			for i, s := range v {
				if !utf8.ValidString(s) {
					return nil, false
				}
				ids[i] = s
			}
			sort.Strings(ids)
			out = append(out, rPrincipal{Type: k, IDs: ids})
		default:
			return nil, false
		}
	}
	return out, true
}

// decodedConditions is decodeConditions of what docWriter writes of cs
// (rConditions.raw): each test and variable in order, its values a list.
func decodedConditions(cs rConditions) (rConditions, bool) {
	if len(cs) == 0 {
		return nil, true
	}
	raw, err := cs.raw()
	if err != nil {
		return nil, false
	}
	tests := make([]string, 0, len(raw))
	for k := range raw {
		tests = append(tests, k)
	}
	sort.Strings(tests)
	var out rConditions
	for _, test := range tests {
		if !utf8.ValidString(test) {
			return nil, false
		}
		vars := make([]string, 0, len(raw[test]))
		for k := range raw[test] {
			vars = append(vars, k)
		}
		sort.Strings(vars)
		for _, variable := range vars {
			if !utf8.ValidString(variable) {
				return nil, false
			}
			var vals []string
			switch v := raw[test][variable].(type) {
			case string:
				vals = []string{v}
			case []string:
				if v == nil {
					return nil, false
				}
				vals = slices.Clone(v)
				if vals == nil {
					vals = []string{}
				}
			default:
				return nil, false
			}
			for _, s := range vals {
				if !utf8.ValidString(s) {
					return nil, false
				}
			}
			out = append(out, rCondition{Test: test, Variable: variable, Values: vals})
		}
	}
	return out, true
}
