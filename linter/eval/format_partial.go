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
func formatPartial(args []*Node, rng hcl.Range) *PartialText {
	if len(args) < 1 || args[0] == nil || !isKnownString(args[0].Val) {
		return nil
	}
	f := args[0].Val.AsString()
	var b strings.Builder
	next := 1
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(f) {
			return nil
		}
		i++
		switch f[i] {
		case '%':
			b.WriteByte('%')
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
		switch {
		case a.PartialOf() != nil && f[i] != 'q':
			b.WriteString(a.PartialOf().Text)
		case a.Val.IsKnown() && !a.Val.IsNull() && f[i] != 'q':
			sv, err := convert.Convert(a.Val, cty.String)
			if err != nil || !sv.IsKnown() || sv.IsNull() {
				return nil
			}
			b.WriteString(sv.AsString())
		case !a.Val.IsKnown():
			b.WriteString(UnknownMarker)
		default:
			return nil
		}
	}
	if next != len(args) || !strings.Contains(b.String(), UnknownMarker) {
		return nil
	}
	t := b.String()
	return &PartialText{Text: t, Map: NewTextMap([]Segment{{Offset: 0, Len: len(t), Start: rng.Start, File: rng.Filename}})}
}

func isKnownString(v cty.Value) bool {
	return v != cty.NilVal && v.IsKnown() && !v.IsNull() && v.Type() == cty.String
}
