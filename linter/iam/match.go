package iam

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MatchWildcard reports whether s matches the IAM glob pattern: `*` matches
// any run of characters (including none) and `?` exactly one character.
// There is no escaping. The comparison is case-sensitive (use MatchAction for
// actions). Matching takes O(len(pattern)·len(s)) time at worst.
func MatchWildcard(pattern, s string) bool { return glob(pattern, s, false) }

// MatchAction reports whether the action (service:Name) matches the action
// pattern. IAM action names are case-insensitive.
func MatchAction(pattern, action string) bool { return glob(pattern, action, true) }

// MatchARN reports whether arn matches the ARN pattern (case-sensitive, as
// IAM compares resource ARNs).
func MatchARN(pattern, arn string) bool { return glob(pattern, arn, false) }

// globDirect is the most work (len(pattern)·len(s)) glob does with the
// direct walk below, which retries the text after the last star at each
// mismatch. Beyond, the pattern is matched segment by segment (globLong),
// in time bounded for every pattern, with '?' or not.
const globDirect = 1 << 16

func glob(p, s string, fold bool) bool {
	if len(p)*len(s) > globDirect {
		return globLong(p, s, fold)
	}
	return globWalk(p, s, fold)
}

// globWalk is the direct walk, whatever the lengths (the tests compare
// globLong with it).
func globWalk(p, s string, fold bool) bool {
	px, sx := 0, 0
	starPx, restartSx := -1, -1 // the last `*` and where to retry after it
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch c := p[px]; c {
			case '*':
				starPx = px
				restartSx = sx
				px++
				continue
			case '?':
				if sx < len(s) {
					_, n := utf8.DecodeRuneInString(s[sx:])
					px++
					sx += n
					continue
				}
			default:
				if sx < len(s) {
					pr, pn := utf8.DecodeRuneInString(p[px:])
					sr, sn := utf8.DecodeRuneInString(s[sx:])
					if pr == sr || (fold && unicode.ToLower(pr) == unicode.ToLower(sr)) {
						px += pn
						sx += sn
						continue
					}
				}
			}
		}
		// mismatch: let the last `*` swallow one more character
		if starPx >= 0 && restartSx < len(s) {
			_, n := utf8.DecodeRuneInString(s[restartSx:])
			restartSx += n
			px, sx = starPx+1, restartSx
			continue
		}
		return false
	}
	return true
}

// SplitAction splits "service:Name" into its service prefix and name. Without
// a colon, service is "" and name is a.
func SplitAction(a string) (service, name string) {
	service, name, ok := strings.Cut(a, ":")
	if !ok {
		return "", a
	}
	return service, name
}

// IsFullWildcardAction reports whether v is known and matches every action:
// "*" or "*:*".
func IsFullWildcardAction(v Value) bool {
	return v.Known && (v.Text == "*" || v.Text == "*:*")
}

// ServiceWildcard reports whether v is a known whole-service wildcard such as
// "s3:*" or "IAM:*", and returns the service prefix in lower case. "*" and
// "*:*" are not service wildcards (see IsFullWildcardAction).
func ServiceWildcard(v Value) (service string, ok bool) {
	if !v.Known {
		return "", false
	}
	svc, name, found := strings.Cut(v.Text, ":")
	if !found || name != "*" || svc == "" || strings.ContainsAny(svc, "*?") {
		return "", false
	}
	return strings.ToLower(svc), true
}

// SqueezeStars returns the pattern p with each run of stars made one star:
// the same pattern (a run matches what one star does), at most twice as
// long as MinMatchRunes.
func SqueezeStars(p string) string {
	if !strings.Contains(p, "**") {
		return p
	}
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); i++ {
		if p[i] == '*' && i > 0 && p[i-1] == '*' {
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// MinMatchRunes returns the runes of the pattern p other than stars: each
// matches one rune of the text (case folding included), so no text of
// fewer runes matches p.
func MinMatchRunes(p string) int {
	return utf8.RuneCountInString(p) - strings.Count(p, "*")
}
