package extract

import (
	"sort"
	"sync"

	"github.com/iamlint/iamlint/internal/jsonstr"
)

// writeDoc writes d as json.Marshal (min) and json.MarshalIndent(d, "",
// "  ") (ind) write it, byte for byte, without reflection and in one
// pass: rendering the policy documents of an estate was mostly
// encoding/json's. ok is false for a document holding a value of a kind
// the rendered documents do not hold (a number or a bool read from a
// source document, a nested object): the caller then marshals it.
func writeDoc(d *rDoc) (min, ind string, ok bool) {
	w := docWriters.Get().(*docWriter)
	defer func() {
		w.min, w.ind, w.depth, w.empty = w.min[:0], w.ind[:0], 0, false
		docWriters.Put(w)
	}()
	if !w.doc(d) {
		return "", "", false
	}
	return string(w.min), string(w.ind), true
}

// docWriters holds writers whose buffers have grown to the documents
// written so far.
var docWriters = sync.Pool{New: func() any { return new(docWriter) }}

// docWriter writes JSON twice: compact, and indented by two spaces as
// json.Indent does (a line per member and element, an empty object or
// array kept on its line, ": " after a key).
type docWriter struct {
	min, ind []byte
	depth    int
	empty    bool // the object or array last opened has no member or element yet
}

func (w *docWriter) raw(s string) {
	w.min = append(w.min, s...)
	w.ind = append(w.ind, s...)
}

func (w *docWriter) newline() {
	w.ind = append(w.ind, '\n')
	for i := 0; i < w.depth; i++ {
		w.ind = append(w.ind, ' ', ' ')
	}
}

func (w *docWriter) open(c string) {
	w.raw(c)
	w.depth++
	w.empty = true
}

func (w *docWriter) close(c string) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.raw(c)
	w.empty = false
}

// next starts a member or element.
func (w *docWriter) next() {
	if !w.empty {
		w.raw(",")
	}
	w.newline()
	w.empty = false
}

func (w *docWriter) key(k string) {
	w.next()
	w.str(k)
	w.min = append(w.min, ':')
	w.ind = append(w.ind, ':', ' ')
}

func (w *docWriter) str(s string) {
	a := len(w.min)
	w.min = appendJSONString(w.min, s)
	w.ind = append(w.ind, w.min[a:]...)
}

func (w *docWriter) strs(l []string) {
	if l == nil {
		w.raw("null")
		return
	}
	w.open("[")
	for _, s := range l {
		w.next()
		w.str(s)
	}
	w.close("]")
}

func (w *docWriter) doc(d *rDoc) bool {
	w.open("{")
	if d.Version != "" {
		w.key("Version")
		w.str(d.Version)
	}
	if d.ID != "" {
		w.key("Id")
		w.str(d.ID)
	}
	if len(d.Statements) > 0 {
		w.key("Statement")
		w.open("[")
		for _, s := range d.Statements {
			w.next()
			if s == nil || !w.statement(s) {
				return false
			}
		}
		w.close("]")
	}
	w.close("}")
	return true
}

func (w *docWriter) statement(s *rStatement) bool {
	w.open("{")
	if s.Sid != "" {
		w.key("Sid")
		w.str(s.Sid)
	}
	if s.Effect != "" {
		w.key("Effect")
		w.str(s.Effect)
	}
	for _, f := range [...]struct {
		name string
		v    any
	}{{"Action", s.Actions}, {"NotAction", s.NotActions}, {"Resource", s.Resources}, {"NotResource", s.NotResources}} {
		if f.v == nil {
			continue // omitempty: a nil interface
		}
		w.key(f.name)
		if !w.strings(f.v) {
			return false
		}
	}
	for _, f := range [...]struct {
		name string
		ps   rPrincipals
	}{{"Principal", s.Principals}, {"NotPrincipal", s.NotPrincipals}} {
		if len(f.ps) == 0 {
			continue
		}
		w.key(f.name)
		raw, star, err := f.ps.raw()
		if err != nil {
			return false
		}
		if star {
			w.str("*")
			continue
		}
		w.open("{")
		for _, k := range sortedKeys(raw) {
			w.key(k)
			if !w.strings(raw[k]) {
				return false
			}
		}
		w.close("}")
	}
	if len(s.Conditions) > 0 {
		w.key("Condition")
		raw, err := s.Conditions.raw()
		if err != nil {
			return false
		}
		w.open("{")
		for _, test := range sortedKeys(raw) {
			w.key(test)
			vars := raw[test]
			w.open("{")
			for _, k := range sortedKeys(vars) {
				w.key(k)
				if !w.strings(vars[k]) {
					return false
				}
			}
			w.close("}")
		}
		w.close("}")
	}
	w.close("}")
	return true
}

// strings writes a string or a list of strings held in v (as the
// renderer makes them or a source document's JSON decodes them).
func (w *docWriter) strings(v any) bool {
	switch v := v.(type) {
	case string:
		w.str(v)
	case []string:
		w.strs(v)
	case []any:
		if v == nil {
			w.raw("null")
			return true
		}
		w.open("[")
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return false
			}
			w.next()
			w.str(s)
		}
		w.close("]")
	default:
		return false
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// appendJSONString appends s quoted as encoding/json writes a string (with
// its HTML escaping, as json.Marshal).
func appendJSONString(dst []byte, s string) []byte { return jsonstr.Append(dst, s, true) }
