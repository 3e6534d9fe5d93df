package rules

import (
	"math/big"
	"strings"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// PasswordPolicyWeak fires once per attribute of
// aws_iam_account_password_policy that is below the CIS benchmark, on its
// line (the resource line when it is unset).
var PasswordPolicyWeak = &linter.Rule{
	ID:       "password-policy-weak",
	Title:    "account password policy below CIS",
	Severity: linter.Medium,
	Doc: linter.Doc{
		Why: `The account password policy applies to every IAM user with a console password. The CIS AWS ` +
			`Foundations Benchmark asks for at least 14 characters, reuse prevention of 24 passwords, ` +
			`lower- and upper-case letters, numbers and symbols, and a maximum age of 90 days. Unset ` +
			`attributes take the AWS defaults, which are weaker (8 characters, no reuse prevention, no ` +
			`expiry, no character classes).`,
		Fix: `Set minimum_password_length = 14 (or more), password_reuse_prevention = 24, ` +
			`require_lowercase_characters, require_uppercase_characters, require_numbers and ` +
			`require_symbols = true, and max_password_age = 90 (or less).`,
		Links: []string{
			"https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-15",
		},
	},
	Check: checkPasswordPolicyWeak,
}

// maxShownDigits is the longest number a message shows in full.
const maxShownDigits = 20

func checkPasswordPolicyWeak(p *linter.Pass) {
	for _, pp := range graph(p).PasswordPolicies {
		report := func(s iam.Setting, msg string) {
			p.Report(linter.Finding{Message: msg, Range: s.Range, Resource: pp.Address, Related: pp.Related})
		}
		// shown is how a message names the setting s of attr: with its
		// value, but for a sensitive one (which no report prints: a
		// number is too short to be masked by its text).
		shown := func(attr string, s iam.Setting) string {
			if s.Sensitive {
				return attr + " (a sensitive value, not shown)"
			}
			if t := s.Value.Text; len(t) > maxShownDigits {
				// -1e400 is 401 digits: its value in exponent form.
				if n, ok := new(big.Float).SetString(t); ok {
					return attr + " = " + n.Text('g', 6)
				}
			}
			return attr + " = " + s.Value.Text
		}
		num := func(attr string, min, max int, fix string) {
			s := pp.Settings[attr]
			if !s.Set {
				report(s, attr+" is not set (AWS default is weaker than CIS): set "+fix)
				return
			}
			if !s.Value.Known {
				return
			}
			// A whole number of any size (1e20, -1e400): past int64 it
			// was read as nothing.
			n, ok := new(big.Int).SetString(strings.TrimSpace(s.Value.Text), 10)
			if !ok {
				return
			}
			switch {
			case max > 0 && n.Sign() <= 0:
				report(s, shown(attr, s)+" means passwords never expire: set "+fix)
			case (min > 0 && n.Cmp(big.NewInt(int64(min))) < 0) || (max > 0 && n.Cmp(big.NewInt(int64(max))) > 0):
				report(s, shown(attr, s)+" is weaker than CIS: set "+fix)
			}
		}
		num("minimum_password_length", 14, 0, "minimum_password_length = 14 or more")
		num("password_reuse_prevention", 24, 0, "password_reuse_prevention = 24")
		num("max_password_age", 0, 90, "max_password_age = 90 or less")
		for _, attr := range []string{"require_lowercase_characters", "require_uppercase_characters", "require_numbers", "require_symbols"} {
			s := pp.Settings[attr]
			switch {
			case !s.Set:
				report(s, attr+" is not set (defaults to false): set "+attr+" = true")
			case s.Value.Known && !strings.EqualFold(strings.TrimSpace(s.Value.Text), "true"):
				report(s, shown(attr, s)+": set "+attr+" = true")
			}
		}
	}
}
