package eval

import (
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// resultTooLarge reports whether the function name called with vals makes
// a result of more than maxValueBytes of strings, found before the call for
// the functions whose result can be far larger than their arguments (each
// argument is bounded already): format and formatlist by the widths of their
// verbs, replace, indent and join by counting. tooLarge checks a result only
// once it is made: format("%-4000000000s", "a"), 50 bytes of a .tf file,
// ran out of memory (4 GB and more), and replace, indent and join of a
// megabyte string took 1 GB.
func resultTooLarge(name string, vals []cty.Value) bool {
	str := func(i int) (string, bool) {
		if i >= len(vals) || !vals[i].IsKnown() || vals[i].IsNull() || vals[i].Type() != cty.String {
			return "", false
		}
		return vals[i].AsString(), true
	}
	switch name {
	case "format", "formatlist":
		f, ok := str(0)
		if !ok {
			return false
		}
		n := int64(formatWidths(f))
		if name == "formatlist" {
			// Every element of the result is formatted.
			elems := int64(1)
			for _, v := range vals[1:] {
				if v.IsKnown() && !v.IsNull() && (v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType()) {
					elems = max(elems, int64(v.LengthInt()))
				}
			}
			n *= elems
		}
		return n > maxValueBytes
	case "replace":
		s, ok1 := str(0)
		old, ok2 := str(1)
		repl, ok3 := str(2)
		if !ok1 || !ok2 || !ok3 || len(repl) <= len(old) || len(old) > 1 && old[0] == '/' && old[len(old)-1] == '/' {
			return false // not longer, or a regular expression
		}
		return int64(len(s))+int64(strings.Count(s, old))*int64(len(repl)-len(old)) > maxValueBytes
	case "indent":
		s, ok := str(1)
		if !ok || len(vals) < 1 || !vals[0].IsKnown() || vals[0].IsNull() || vals[0].Type() != cty.Number {
			return false
		}
		bf := vals[0].AsBigFloat()
		if !bf.IsInt() || bf.Sign() <= 0 {
			return false
		}
		spaces, _ := bf.Int64() // MaxInt64 past its range
		if spaces > maxValueBytes {
			spaces = maxValueBytes + 1
		}
		return int64(len(s))+spaces*int64(strings.Count(s, "\n")) > maxValueBytes
	case "join":
		sep, ok := str(0)
		if !ok {
			return false
		}
		var n int64
		for _, l := range vals[1:] {
			if !l.IsKnown() || l.IsNull() || !l.CanIterateElements() {
				return false
			}
			for it := l.ElementIterator(); it.Next(); {
				_, v := it.Element()
				if v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
					n += int64(len(v.AsString()))
				}
				if n += int64(len(sep)); n > maxValueBytes {
					return true
				}
			}
		}
	}
	return false
}

// formatWidths returns the sum of the widths of the verbs of a format
// string (and of the precisions of its number verbs): each verb writes at
// least that many bytes. Capped past maxValueBytes.
func formatWidths(f string) int {
	total := 0
	for i := 0; i < len(f) && total <= maxValueBytes; i++ {
		if f[i] != '%' {
			continue
		}
		i++
		if i < len(f) && f[i] == '%' {
			continue
		}
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		width, prec := 0, 0
		for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
			width = min(width*10+int(f[i]-'0'), maxValueBytes+1)
		}
		if i < len(f) && f[i] == '.' {
			for i++; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
				prec = min(prec*10+int(f[i]-'0'), maxValueBytes+1)
			}
		}
		if i < len(f) && strings.IndexByte("defgEG", f[i]) >= 0 {
			width = max(width, prec)
		}
		total += width
	}
	return total
}
