package extract

import (
	"strings"

	"github.com/iamlint/iamlint/linter/eval"
)

// bareMarker stands for an unknown interpolation written outside a JSON
// string ("Action": ${var.actions}): a JSON string of the same length as
// eval.UnknownMarker, so offsets into the text still map to the source.
const bareMarker = `"` + "_IAMLINT_UNKNOWN_" + `"`

// quoteBareMarkers returns the text of a partly unknown policy with every
// unknown part that stands outside a JSON string turned into bareMarker, so
// that the known rest still parses. Markers inside strings are left alone.
func quoteBareMarkers(text string) string {
	if len(bareMarker) != len(eval.UnknownMarker) || !strings.Contains(text, eval.UnknownMarker) {
		return text
	}
	var b []byte
	in := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && c == '_' && strings.HasPrefix(text[i:], eval.UnknownMarker):
			if b == nil {
				b = []byte(text)
			}
			copy(b[i:], bareMarker)
			i += len(eval.UnknownMarker) - 1
		}
	}
	if b == nil {
		return text
	}
	return string(b)
}

// isBareMarker reports whether s is the text of a bareMarker string.
func isBareMarker(s string) bool { return s == bareMarker[1:len(bareMarker)-1] }
