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

// TestTrimIAMRolePath: the AWS provider's trim_iam_role_path keeps the
// role's name only.
func TestTrimIAMRolePath(t *testing.T) {
	for in, want := range map[string]string{
		"arn:aws:iam::123456789012:role/path/to/deploy": "arn:aws:iam::123456789012:role/deploy",
		"arn:aws:iam::123456789012:role/deploy":         "arn:aws:iam::123456789012:role/deploy",
		"arn:aws-cn:iam::123456789012:role/a/b":         "arn:aws-cn:iam::123456789012:role/b",
		"arn:aws:iam::123456789012:user/a/b":            "",
		"not an arn":                                    "",
	} {
		got, err := trimIAMRolePath(in)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("trimIAMRolePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
