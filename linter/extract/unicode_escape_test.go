package extract

import "testing"

// TestHasUnicodeEscape pins what the secret scans' prefilter finds: a
// backslash followed by u or U, anywhere, in a string and in bytes alike.
func TestHasUnicodeEscape(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{`\`, false},
		{`u`, false},
		{`\u`, true},
		{`\U`, true},
		{`abc\n\t\\x`, false},
		{`AKIA\\u0049`, true},
		{`s3:\u0041KIA`, true},
		{`trailing \`, false},
		{`\\\\\\\\\\\U`, true},
		{`no escapes at all, 40 characters or more of text`, false},
	} {
		if got := hasUnicodeEscape(c.in); got != c.want {
			t.Errorf("hasUnicodeEscape(%q) = %v, want %v", c.in, got, c.want)
		}
		if got := hasUnicodeEscapeBytes([]byte(c.in)); got != c.want {
			t.Errorf("hasUnicodeEscapeBytes(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
