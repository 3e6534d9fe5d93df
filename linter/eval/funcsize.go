package eval

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

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
		// The strings each verb formats. Each element of formatlist's
		// result formats an element of its list arguments and the whole
		// of the others: an argument counts for its elements' bytes, or
		// its own times the elements. Found once an argument: a verb may
		// name it again.
		elems := int64(1)
		if name == "formatlist" {
			for _, v := range vals[1:] {
				if v.IsKnown() && !v.IsNull() && (v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType()) {
					elems = max(elems, int64(v.LengthInt()))
				}
			}
		}
		lens := make([]int, len(vals))
		for i, v := range vals[1:] {
			i++
			switch {
			case !v.IsKnown() || v.IsNull():
			case v.Type() == cty.String:
				lens[i] = int(min(int64(len(v.AsString()))*elems, maxValueBytes+1))
			case name == "formatlist" && v.CanIterateElements():
				for it := v.ElementIterator(); it.Next() && lens[i] <= maxValueBytes; {
					if _, e := it.Element(); e.IsKnown() && !e.IsNull() && e.Type() == cty.String {
						lens[i] += len(e.AsString())
					}
				}
			}
		}
		argLen := func(i int) int {
			if i < 1 || i >= len(lens) {
				return 0
			}
			return lens[i]
		}
		// Every element of the result is formatted: the widths count for
		// each.
		n := max(int64(formatWidths(f))*elems, int64(formatBytes(f, argLen)))
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
	case "split":
		// An element for each separator, or each character when it is
		// empty: split("", 10 MB) made ten million strings (8 s, 1 GB)
		// before tooLarge refused them.
		sep, ok1 := str(0)
		s, ok2 := str(1)
		if !ok1 || !ok2 {
			return false
		}
		n := int64(utf8.RuneCountInString(s))
		if sep != "" {
			n = int64(strings.Count(s, sep)) + 1
		}
		return int64(len(s))+n*elementBytes > maxValueBytes
	case "regexall":
		// An element for each match (a list of its groups when the
		// pattern has some): regexall("(.)", 10 MB) made ten million
		// lists (3 GB, more than 30 s). The matches are counted, no
		// further than past the limit, when there may be too many.
		pat, ok1 := str(0)
		s, ok2 := str(1)
		if !ok1 || !ok2 {
			return false
		}
		re, err := regexp.Compile(pat)
		if err != nil {
			return false // the call says so
		}
		per := int64(1 + re.NumSubexp())
		if (int64(len(s))+1)*per*elementBytes <= maxValueBytes {
			return false
		}
		most := maxValueBytes/(per*elementBytes) + 1
		return int64(len(re.FindAllStringIndex(s, int(most)))) >= most
	case "csvdecode":
		// An element for each field and each row, at most a field for
		// each separator: a 30 MB CSV of 200,000 columns ran for more than
		// 30 s (1 GB).
		s, ok := str(0)
		if !ok {
			return false
		}
		n := int64(strings.Count(s, ",")) + 2*int64(strings.Count(s, "\n")) + 1
		return n*elementBytes > maxValueBytes
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
func formatWidths(f string) int { return formatBytes(f, nil) }

// formatBytes is formatWidths counting too, for each %s, %q and %v verb,
// the bytes argLen (when not nil) gives for the argument it formats (from
// 1, as the verbs' [n] count; 0 when it is not a known string), cut to the
// verb's precision: "%[1]s" repeated formats one argument again and
// again (format("%[1]s" x 100,000, 100 KB) was 10 GB: out of memory).
// The verbs are read as cty reads them: flags, width, precision, [n].
func formatBytes(f string, argLen func(i int) int) int {
	total, next := 0, 1
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
		width, prec, hasPrec := 0, 0, false
		for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
			width = min(width*10+int(f[i]-'0'), maxValueBytes+1)
		}
		if i < len(f) && f[i] == '.' {
			hasPrec = true
			for i++; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
				prec = min(prec*10+int(f[i]-'0'), maxValueBytes+1)
			}
		}
		arg := next
		if i < len(f) && f[i] == '[' {
			n, j := 0, i+1
			for ; j < len(f) && f[j] >= '0' && f[j] <= '9'; j++ {
				n = min(n*10+int(f[j]-'0'), maxValueBytes+1)
			}
			if j < len(f) && f[j] == ']' {
				arg, i = n, j+1
			}
		}
		next = arg + 1
		if i >= len(f) {
			break
		}
		switch {
		case strings.IndexByte("defgEG", f[i]) >= 0:
			width = max(width, prec)
		case argLen != nil && strings.IndexByte("sqv", f[i]) >= 0:
			n := argLen(arg)
			if hasPrec && f[i] == 's' {
				n = min(n, prec)
			}
			width = max(width, n)
		}
		total += width
	}
	return total
}

// regexUnits is what a byte of a string matched by a pattern counts for in
// the calls' work (units of about 15 ns) for each instruction of the
// pattern's program: Go's matcher (linear, with no backtracking) steps
// through the instructions for each byte, up to about 50 ns each (measured:
// 13-55 ns for patterns of 400-1,000 instructions).
const regexUnits = 3

// regexWork returns the work (callCost's units) of matching the pattern of
// regex, regexall or replace (a pattern between slashes) against its
// string, the number of instructions of the pattern's program and the
// string's length: the
// bytes of the string times the instructions (regexUnits each). 0 when the
// call matches nothing (another function, a pattern that does not
// compile: the call says so).
func regexWork(name string, vals []cty.Value) (cost int64, insts, bytes int) {
	str := func(i int) (string, bool) {
		if i >= len(vals) || !vals[i].IsKnown() || vals[i].IsNull() || vals[i].Type() != cty.String {
			return "", false
		}
		return vals[i].AsString(), true
	}
	var pat, s string
	var ok1, ok2 bool
	switch name {
	case "regex", "regexall":
		pat, ok1 = str(0)
		s, ok2 = str(1)
	case "replace":
		s, ok2 = str(0)
		pat, ok1 = str(1)
		if !ok1 || len(pat) < 2 || pat[0] != '/' || pat[len(pat)-1] != '/' {
			return 0, 0, 0
		}
		pat = pat[1 : len(pat)-1]
	default:
		return 0, 0, 0
	}
	if !ok1 || !ok2 {
		return 0, 0, 0
	}
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		return 0, 0, 0
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0, 0, 0
	}
	insts = len(prog.Inst)
	return int64(len(s)+1) * int64(insts) * regexUnits, insts, len(s)
}
