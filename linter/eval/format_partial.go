package eval

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// formatPartial returns the partial text of format(FMT, args...) when FMT is
// known and only some arguments are not: format("arn:aws:iam::%s:root",
// data.aws_caller_identity.current.account_id) is "arn:aws:iam::" +
// UnknownMarker + ":root", like the same template would be. It handles the
// verbs %s %d %v %q and %% without flags, width or explicit indexes, and
// returns nil for anything else.
//
// The text is bounded as a template's is: at most maxValueBytes, counted
// in the module's string work (spendBytes). It was not: 60 locals each
// format("%s%s", the one before twice) from one unknown doubled their
// partial texts past the memory of the machine (out of memory at 2 GB
// under ulimit, 21 GB without), and a format of two known 64 MB halves
// (too large, so unknown) built their 128 MB text only to drop it.
func (e *env) formatPartial(args []*Node, rng hcl.Range) *PartialText {
	if len(args) < 1 || args[0] == nil || !isKnownString(args[0].Val) {
		return nil
	}
	f := args[0].Val.AsString()
	var pieces []string
	known, total, partial, unknown := 0, 0, false, false
	next, lit := 1, 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			continue
		}
		if i+1 >= len(f) {
			return nil
		}
		pieces = append(pieces, f[lit:i])
		i++
		lit = i + 1
		switch f[i] {
		case '%':
			pieces = append(pieces, "%")
			continue
		case 's', 'd', 'v', 'q':
		default:
			return nil
		}
		if next >= len(args) || args[next] == nil {
			return nil
		}
		a := args[next]
		next++
		var str string
		switch {
		case a.PartialOf() != nil && f[i] != 'q':
			str, partial, unknown = a.PartialOf().Text, true, true
		case a.Val.IsKnown() && !a.Val.IsNull() && f[i] != 'q':
			sv, err := convert.Convert(a.Val, cty.String)
			if err != nil || !sv.IsKnown() || sv.IsNull() {
				return nil
			}
			str = sv.AsString()
			known += len(str)
		case !a.Val.IsKnown():
			str, unknown = UnknownMarker, true
		default:
			return nil
		}
		pieces = append(pieces, str)
	}
	pieces = append(pieces, f[lit:])
	if next != len(args) || !unknown {
		return nil
	}
	for _, p := range pieces {
		total += len(p)
	}
	switch {
	case known > maxValueBytes:
		return nil // too large for format itself, which said so
	case total > maxValueBytes:
		if partial {
			e.sayTooLarge("format", rng)
		}
		return nil
	case !e.spendBytes(total, rng):
		return nil
	}
	t := strings.Join(pieces, "")
	if !strings.Contains(t, UnknownMarker) {
		return nil
	}
	return &PartialText{Text: t, Map: NewTextMap([]Segment{{Offset: 0, Len: len(t), Start: rng.Start, File: rng.Filename}})}
}

func isKnownString(v cty.Value) bool {
	return v != cty.NilVal && v.IsKnown() && !v.IsNull() && v.Type() == cty.String
}
