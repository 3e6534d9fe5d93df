// Package tfaddr reads Terraform resource instance addresses
// (module.a["k"].aws_iam_role.r[0]) as plans and baselines write them.
package tfaddr

// KeyEnd returns the offset just after the instance key [...] that starts
// at s[j] (a '['), a quoted key's brackets, quotes and escapes skipped
// whole (module.a["x]\"y"]); -1 when the key does not end.
func KeyEnd(s string, j int) int {
	inStr := false
	for k := j + 1; k < len(s); k++ {
		switch c := s[k]; {
		case inStr && c == '\\':
			k++
		case c == '"':
			inStr = !inStr
		case !inStr && c == ']':
			return k + 1
		}
	}
	return -1
}
