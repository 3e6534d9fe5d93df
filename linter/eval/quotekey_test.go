package eval

import "testing"

// TestQuoteKey: instance keys are quoted as Terraform writes them in
// addresses (addrs.StringKey), so that a source address is the plan's.
// strconv.Quote left ${ and %{ single and wrote \a, \x00 and \x7f.
func TestQuoteKey(t *testing.T) {
	for in, want := range map[string]string{
		"":               `""`,
		"a.b":            `"a.b"`,
		`q"z`:            `"q\"z"`,
		`a\b`:            `"a\\b"`,
		"${x}":           `"$${x}"`,
		"%{ if }":        `"%%{ if }"`,
		"$x %y $ %":      `"$x %y $ %"`,
		"$${x}":          `"$$${x}"`,
		"tab\there\r\n":  `"tab\there\r\n"`,
		"\a\x00\x7f":     `"\u0007\u0000\u007f"`,
		"ключ 鍵 🔑":       `"ключ 鍵 🔑"`,
		"\u200b":         `"\u200b"`,
		"\U000e0001":     `"\U000e0001"`,
		`x"].module.y["`: `"x\"].module.y[\""`,
	} {
		if got := quoteKey(in); got != want {
			t.Errorf("quoteKey(%q) = %s, want %s", in, got, want)
		}
	}
}
