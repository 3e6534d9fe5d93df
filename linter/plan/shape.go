package plan

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// shapeDiag is Load's error for a shape error se (valid JSON, but a plan
// member of the wrong type, or a resource without an address): "Invalid
// plan", at the value (or object) itself, naming the member by its path
// in the plan and saying what was expected and what was found
// ("resource_changes should be an array of resource changes, found an
// object"). The position is the diagnostic's range alone: the message
// does not repeat it. ok is false when the path cannot be told (a scanner
// of a window of the plan, which has not the text before it): the caller
// says se as a syntax error then.
func (s *scanner) shapeDiag(se syntaxError) (d *hcl.Diagnostic, ok bool) {
	return s.shapeDiagIn(se, -1, "")
}

// shapeDiagIn is shapeDiag, the path of the value found from the value at
// from (whose path is prefix) when from is not -1: from the top of the
// plan, a path costs a scan of the plan up to the value.
func (s *scanner) shapeDiagIn(se syntaxError, from int, prefix string) (d *hcl.Diagnostic, ok bool) {
	return s.shapeDiagPath(se, func(off int) (string, bool) {
		if from < 0 {
			return memberPath(s.src, off)
		}
		return memberPathFrom(s.src, from, off, prefix)
	})
}

// shapeDiagPath is shapeDiag, the path of the value at off (in src) told
// by path.
func (s *scanner) shapeDiagPath(se syntaxError, path func(off int) (string, bool)) (d *hcl.Diagnostic, ok bool) {
	off := se.off - s.base
	if !s.wholePlan() || off < 0 || off >= len(s.src) {
		return nil, false
	}
	end := off + 1
	found := ""
	if se.want != "" {
		switch c := s.src[off]; c {
		case '{', '[':
			found = jsonKind(s.src[off : off+1])
		default:
			// A scalar is checked first: "tru" is a syntax error, not
			// a boolean.
			e, bad := s.trySkip(off)
			if bad != nil {
				return s.syntaxDiag(*bad), true
			}
			end = e
			if c == '"' {
				found = "a string" // never its text: it may be a secret
			} else {
				found = jsonKind(s.src[off:e])
			}
		}
	}
	p, ok := path(off)
	if !ok {
		return nil, false
	}
	detail := fmt.Sprintf("%s should be %s, found %s", p, se.want, found)
	if se.missing != "" {
		detail = fmt.Sprintf("%s has no %s", p, se.missing)
	}
	r := s.rng(off, end)
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid plan",
		Detail:   detail,
		Subject:  &r,
	}, true
}

// wholePlan reports whether s reads the whole plan (not a window of it,
// which has not the text before it: no path can be told in it).
func (s *scanner) wholePlan() bool {
	return s.base == 0 && (s.size == 0 || s.size == len(s.src))
}

// trySkip skips the value at i, returning its end, or the syntax error in
// it.
func (s *scanner) trySkip(i int) (end int, bad *syntaxError) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(syntaxError)
			if !ok {
				panic(r)
			}
			bad = &se
		}
	}()
	return s.skip(i), nil
}

// descend is the panic value with which memberPath's step stops at the
// member (or element) that holds the offset sought.
type descend struct {
	v   int    // the offset of the member's value
	seg string // the path segment of the member (".key" or "[3]")
}

// memberPath returns the path of the value at off in the JSON text src (a
// plan: an object) from its top-level object: "resource_changes[3].change",
// "planned_values.root_module.resources[0].values" (a key that is not a
// plain name is quoted: variables["a b"]). The text before off is valid
// JSON (the loader read it); what comes after it need not be. ok is false
// when off is not the start of a value of src.
func memberPath(src []byte, off int) (path string, ok bool) {
	return memberPathFrom(src, (&scanner{src: src}).ws(skipBOM(src)), off, "")
}

// memberPathFrom is memberPath from the value at from (which is or holds
// the value at off), whose path is prefix ("" for the plan itself).
func memberPathFrom(src []byte, from, off int, prefix string) (path string, ok bool) {
	s := &scanner{src: src}
	i := from
	var b strings.Builder
	b.WriteString(prefix)
	for i != off {
		v, seg, ok := s.step(i, off)
		if !ok {
			return "", false
		}
		b.WriteString(seg)
		i = v
	}
	return pathText(b.String()), true
}

// pathText is the path of a value as memberPath says it: path, made of
// path segments, without its leading '.', "the plan" for none.
func pathText(path string) string {
	if p := strings.TrimPrefix(path, "."); p != "" {
		return p
	}
	return "the plan"
}

// memberPaths returns the paths (memberPath) of the values at offs (in
// ascending order, each the start of a value) in the JSON text src (valid:
// the loader read it), in one pass up to the last: a member that holds
// none is skipped once, one that holds some read again for them (twice in
// all); memberPath for each reads src up to each, and past the member of
// the plan that holds it (resource_changes: most of a big plan). ok is
// false when an offset is not the start of a value of src.
func memberPaths(src []byte, offs []int) (paths []string, ok bool) {
	w := &pathWalk{s: &scanner{src: src}, offs: offs, paths: make([]string, 0, len(offs))}
	defer func() {
		if r := recover(); r != nil {
			switch r.(type) {
			case pathsFound:
				paths, ok = w.paths, true
			case syntaxError:
				paths, ok = nil, false
			default:
				panic(r)
			}
		}
	}()
	if len(offs) > 0 {
		w.walk(w.s.ws(skipBOM(src)), "")
	}
	if len(w.paths) < len(offs) {
		return nil, false
	}
	return w.paths, true
}

// pathWalk is the walk of memberPaths: the paths of offs found so far,
// in order.
type pathWalk struct {
	s     *scanner
	offs  []int
	paths []string
}

// pathsFound is the panic value with which a pathWalk stops when it has
// found the path of every offset.
type pathsFound struct{}

// walk records the path of each offset that is the value at i (whose path
// is path) or in it, in order: of the members (or elements) of a
// container, it reads again those that hold an offset, and skips the
// others.
func (w *pathWalk) walk(i int, path string) {
	s := w.s
	for len(w.paths) < len(w.offs) && w.offs[len(w.paths)] == i {
		w.paths = append(w.paths, pathText(path))
	}
	if len(w.paths) == len(w.offs) {
		panic(pathsFound{})
	}
	member := func(x int, seg func() string) int {
		next := w.offs[len(w.paths)]
		if next < x {
			s.fail(next, "not the start of a value") // (in what is read already)
		}
		e := s.skip(x)
		if next < e {
			w.walk(x, path+seg())
		}
		return e
	}
	switch s.at(i) {
	case '{':
		s.object(i, func(k string, _, _, x int) int {
			return member(x, func() string { return keySegment(k) })
		})
	case '[':
		n := 0
		s.array(i, func(x int) int {
			e := member(x, func() string { return "[" + strconv.Itoa(n) + "]" })
			n++
			return e
		})
	}
}

// step returns the member (or element) of the object (or array) at i
// that is or holds the value at off, and its path segment.
func (s *scanner) step(i, off int) (v int, seg string, ok bool) {
	s.depth = 0
	defer func() {
		if r := recover(); r != nil {
			switch x := r.(type) {
			case descend:
				v, seg, ok = x.v, x.seg, true
			case syntaxError:
				v, seg, ok = 0, "", false
			default:
				panic(r)
			}
		}
	}()
	// holds reports whether the value at v is or holds off (a value that
	// fails to skip at or after off holds it: the text after off need
	// not be valid).
	holds := func(v int) (int, bool) {
		if v == off {
			return v, true
		}
		if v > off {
			s.fail(v, "past the offset") // not a value's start
		}
		e, bad := s.trySkip(v)
		if bad != nil {
			return 0, bad.off >= off
		}
		return e, e > off
	}
	switch s.at(i) {
	case '{':
		s.object(i, func(k string, _, _, x int) int {
			e, in := holds(x)
			if in {
				panic(descend{x, keySegment(k)})
			}
			return e
		})
	case '[':
		n := 0
		s.array(i, func(x int) int {
			e, in := holds(x)
			if in {
				panic(descend{x, "[" + strconv.Itoa(n) + "]"})
			}
			n++
			return e
		})
	}
	return 0, "", false
}

// keySegment is the path segment of the member k: ".k", or `["k"]` for a
// key that is not a plain name (cut to 64 bytes).
func keySegment(k string) string {
	plain := k != ""
	for i := 0; i < len(k) && plain; i++ {
		c := k[i]
		plain = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && (c == '-' || (c >= '0' && c <= '9')))
	}
	if plain {
		return "." + k
	}
	if len(k) > 64 {
		k = k[:64] + "..."
	}
	return "[" + strconv.Quote(k) + "]"
}
