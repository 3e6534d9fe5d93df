package eval

import (
	"math"
	"math/big"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/internal/ctyraw"
	"github.com/iamlint/iamlint/internal/jsonstr"
)

// appendJSON appends the JSON text of a wholly known, unmarked value to
// buf, byte for byte as cty/json.Marshal(v, v.Type()) writes it (and so as
// jsonencode does), without its per-value allocations (a path step, a
// buffer per string): jsonencode of big policy literals is a good part of
// evaluating a policy-heavy estate. It returns false for anything it does not
// handle the same way (infinity, capsules, dynamic-typed parts); the caller
// then uses cty/json.
func appendJSON(buf []byte, v cty.Value) ([]byte, bool) {
	return appendJSONMax(buf, v, math.MaxInt)
}

// appendJSONMax is appendJSON declining (false) as soon as buf is longer
// than limit: a value that is a small graph of shared parts can stand for
// a text of gigabytes.
func appendJSONMax(buf []byte, v cty.Value, limit int) ([]byte, bool) {
	out, ok, _ := appendJSONLimit(buf, v, limit)
	return out, ok
}

// appendJSONLimit is appendJSONMax telling too whether it declined
// because the text is past limit (over).
func appendJSONLimit(buf []byte, v cty.Value, limit int) (out []byte, ok, over bool) {
	w := jsonText{buf: buf, limit: limit}
	ok = w.value(v)
	over = w.over()
	return w.buf, ok && !over, over
}

// jsonText is the one walk of the JSON text of a value (value, elem) or a
// shape (shape, shapeElem in jsonshape.go) that appendJSONMax and
// appendShape write. With count set it writes nothing: it adds to total at
// least the length of the text it walks (a string's escapes are at most
// six bytes for one, a bool five), declining too where keep reports a
// string (lazyTextOK). It declines (false) where the text is not written
// so (see appendJSON) and as soon as what it wrote or counted is past
// limit.
type jsonText struct {
	buf   []byte
	count bool
	keep  func(string) bool // with count
	memo  *keepMemo         // with count, when keep is nil: keep through it
	total int               // with count
	// exact (with count) counts a string as quotedMax does (its quotes
	// and the bytes that may be escaped six each), not as six bytes a
	// byte, and an array or object of k elements as 2+2k bytes (brackets,
	// commas, colons): a bound of the text that is near it.
	exact bool
	limit int
	// overflow: a string was not written, its text past limit (str).
	overflow bool
}

// over reports whether what w wrote or counted is past its limit.
func (w *jsonText) over() bool {
	if w.count {
		return w.total > w.limit
	}
	return w.overflow || len(w.buf) > w.limit
}

// lit writes s, a literal of at most five bytes (null, true, false).
func (w *jsonText) lit(s string) {
	if w.count {
		w.total += 5
		return
	}
	w.buf = append(w.buf, s...)
}

// open writes the bracket c of an array or object of k elements (count:
// the two brackets and k separators).
func (w *jsonText) open(c byte, k int) {
	if w.count {
		w.total += 2 + k
		if w.exact {
			w.total += k
		}
		return
	}
	w.buf = append(w.buf, c)
}

// sep writes the separator before the element i (a comma, none before the
// first).
func (w *jsonText) sep(i int) {
	if i > 0 && !w.count {
		w.buf = append(w.buf, ',')
	}
}

// close writes the closing bracket c.
func (w *jsonText) close(c byte) {
	if !w.count {
		w.buf = append(w.buf, c)
	}
}

// str writes s quoted as appendJSONString quotes it; false when keep
// reports it (count).
func (w *jsonText) str(s string) bool {
	if w.count {
		return w.countStr(s)
	}
	if w.limit != math.MaxInt && len(w.buf)+6*len(s)+2 > w.limit && len(w.buf)+quotedMax(s) > w.limit {
		// Not even written: 50 MB of control characters are a 300 MB
		// text (over says so).
		w.overflow = true
		return false
	}
	w.buf = appendJSONString(w.buf, s)
	return true
}

// quotedMax returns at least the length of s quoted by appendJSONString:
// two quotes, and for each byte that may be escaped (control bytes, " \
// < > &, the first byte of U+2028 and U+2029, every byte of s past ASCII
// when s is not valid UTF-8) six bytes.
func quotedMax(s string) int {
	n := len(s) + 2
	valid := utf8.ValidString(s)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == 0xE2:
			n += 5
		case c >= 0x80 && !valid:
			n += 5
		}
	}
	return n
}

// countStr is str counting.
func (w *jsonText) countStr(s string) bool {
	if w.exact {
		w.total += quotedMax(s)
	} else {
		w.total += 6*len(s) + 2
	}
	if w.memo != nil {
		return !w.memo.keep(s)
	}
	return !w.keep(s)
}

// key writes the name s of a member and its colon.
func (w *jsonText) key(s string) bool {
	if !w.str(s) {
		return false
	}
	if !w.count {
		w.buf = append(w.buf, ':')
	}
	return true
}

// value writes the text of v (appendJSONMax).
func (w *jsonText) value(v cty.Value) bool {
	if w.over() {
		return false
	}
	if v.IsMarked() || !v.IsKnown() {
		return false
	}
	if v.IsNull() {
		w.lit("null")
		return true
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return w.str(v.AsString())
	case ty == cty.Number:
		if v.RawEquals(cty.PositiveInfinity) || v.RawEquals(cty.NegativeInfinity) {
			return false
		}
		if w.count {
			var small [64]byte
			w.total += len(appendNumber(small[:0], v))
		} else {
			w.buf = appendNumber(w.buf, v)
		}
		return true
	case ty == cty.Bool:
		if v.True() {
			w.lit("true")
		} else {
			w.lit("false")
		}
		return true
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		if (ty.IsListType() || ty.IsSetType()) && ty.ElementType() == cty.DynamicPseudoType {
			return false
		}
		n := v.LengthInt()
		w.open('[', n)
		if ty.IsSetType() {
			// A set is iterated in its own order.
			i := 0
			for it := v.ElementIterator(); it.Next(); i++ {
				w.sep(i)
				if _, ev := it.Element(); !w.elem(ev) {
					return false
				}
			}
			w.close(']')
			return true
		}
		var raw []any
		if ctyraw.Fast() {
			raw, _ = ctyraw.Raw(v).([]any)
		}
		if raw != nil && len(raw) == n {
			// The elements read off the internal value, as ScanUnknown
			// reads them: v.Index converts the index to an int each time.
			var et cty.Type
			var ets []cty.Type
			if ty.IsTupleType() {
				ets = ty.TupleElementTypes()
			} else {
				et = ty.ElementType()
			}
			for i, e := range raw {
				if ets != nil {
					et = ets[i]
				}
				w.sep(i)
				if !w.elem(ctyraw.Make(et, e)) {
					return false
				}
			}
			w.close(']')
			return true
		}
		// By index: no iterator.
		for i := 0; i < n; i++ {
			w.sep(i)
			if !w.elem(v.Index(indexKey(i))) {
				return false
			}
		}
		w.close(']')
		return true
	case ty.IsMapType():
		if ty.ElementType() == cty.DynamicPseudoType {
			return false
		}
		w.open('{', v.LengthInt())
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			w.sep(i)
			ek, ev := it.Element()
			if !w.key(ek.AsString()) || !w.elem(ev) {
				return false
			}
		}
		w.close('}')
		return true
	case ty.IsObjectType():
		atys := ty.AttributeTypes()
		var small [16]string
		names := small[:0]
		for k, at := range atys {
			if at == cty.DynamicPseudoType {
				return false
			}
			names = append(names, k)
		}
		if !w.count {
			sort.Strings(names) // a count needs no order
		}
		w.open('{', len(names))
		for i, k := range names {
			w.sep(i)
			if !w.key(k) || !w.elem(attrVal(v, k, atys[k])) {
				return false
			}
		}
		w.close('}')
		return true
	}
	return false
}

// indexKeys are the numbers 0..len-1 as cty values, made once: a list or
// tuple element read by Index(indexKey(i)) costs no allocation, where an
// ElementIterator allocates itself and a number per element.
var indexKeys = func() []cty.Value {
	keys := make([]cty.Value, 1024)
	for i := range keys {
		keys[i] = cty.NumberIntVal(int64(i))
	}
	return keys
}()

// indexKey returns the number i as a cty value.
func indexKey(i int) cty.Value {
	if i < len(indexKeys) {
		return indexKeys[i]
	}
	return cty.NumberIntVal(int64(i))
}

// elem writes the text of v, a member of a collection or structure, whose
// declared type is its own (a dynamic-typed member would be wrapped with
// its type by cty/json: not handled).
func (w *jsonText) elem(v cty.Value) bool {
	if ctyraw.Fast() {
		// A known, unmarked string (the internal value of no other).
		switch r := ctyraw.Raw(v).(type) {
		case string:
			if w.over() {
				return false
			}
			return w.str(r)
		case []any, map[string]any:
			// A known, unmarked collection or structural value.
			if w.memo != nil && !w.over() && v.Type() != cty.DynamicPseudoType {
				return w.countValue(v)
			}
		}
	}
	if v.Type() == cty.DynamicPseudoType {
		return false
	}
	return w.value(v)
}

// appendJSONString appends s quoted as encoding/json.Marshal quotes it
// (jsonstr.Append with HTML escaping, a table lookup per byte; it compared
// each byte with seven others before: a third of the writing of a policy's
// text). TestAppendJSONStringIsMarshal.
func appendJSONString(buf []byte, s string) []byte { return jsonstr.Append(buf, s, true) }

// appendNumber appends the text of the known, non-null number v as
// big.Float's Append(buf, 'f', -1) writes it, an integer that fits an
// int64 at a precision of 64 bits or more by strconv (as numberText):
// Append finds the shortest decimal of a parsed number's 512-bit mantissa
// (about 30 µs a number: jsonencode of 480,000 numbers took 14 CPU s).
func appendNumber(buf []byte, v cty.Value) []byte {
	if ctyraw.Fast() {
		if bf, ok := ctyraw.Raw(v).(*big.Float); ok && bf.Prec() >= 64 && bf.IsInt() && !(bf.Sign() == 0 && bf.Signbit()) {
			if i, acc := bf.Int64(); acc == big.Exact {
				return strconv.AppendInt(buf, i, 10)
			}
		}
	}
	return v.AsBigFloat().Append(buf, 'f', -1)
}
