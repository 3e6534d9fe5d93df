package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// encoderBytes is v as json.Encoder writes it, indented after prefix,
// without the final newline.
func encoderBytes(t *testing.T, v any, prefix string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// TestAppendJSONStringLikeEncoder: every byte, runes that encoding/json
// escapes, invalid UTF-8 and random strings are written as the Encoder does.
func TestAppendJSONStringLikeEncoder(t *testing.T) {
	ss := []string{"", "plain", "\u2028\u2029", "\xed\xa0\x80", "\xf4\x90\x80\x80", "é€𝄞", "\x7f<>&"}
	for c := range 256 {
		ss = append(ss, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		ss = append(ss, string(b))
	}
	for _, s := range ss {
		if got, want := appendJSONString(nil, s), encoderBytes(t, s, ""); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

// findingVariety is findings with every optional part present, absent and
// empty, and strings that need escaping.
func findingVariety() []linter.Finding {
	odd := "a \"b\" \\ \n \u2028 \xff <&>"
	rng := func(file string, l, c, el, ec int) hcl.Range {
		return hcl.Range{Filename: file, Start: hcl.Pos{Line: l, Column: c}, End: hcl.Pos{Line: el, Column: ec}}
	}
	fs := []linter.Finding{
		{},
		{Rule: "r", Severity: linter.High},
		{Rule: odd, Severity: linter.Critical, Message: odd, Range: rng(odd, 1, -2, 3, 4), Resource: odd,
			PolicyKind: "identity", Fingerprint: "f", Related: []iam.Related{{Range: rng(odd, 7, 1, 7, 9), Message: odd}, {}}},
		{Rule: "r", Message: "  ", Severity: linter.Low, Related: []iam.Related{},
			Suppression: &linter.Suppression{Kind: "inline", Reason: odd}},
		{Severity: linter.Medium, Suppression: &linter.Suppression{Kind: "config", Expires: "2030-01-01"}, Related: []iam.Related{{}}},
		{Severity: linter.Severity(9), Suppression: &linter.Suppression{Kind: "baseline"}, Fingerprint: odd},
		{Rule: "wildcard-action", Range: rng("dir/a b.tf", 3, 5, 3, 2), Resource: "module.m.aws_iam_policy.p"},
		{Range: rng("x.tf", 3, 5, 2, 9), PolicyKind: "trust"},
		{Range: rng("x.tf", 3, 5, 4, 0)},
		{Range: rng("-", 0, 5, 4, 7), Related: []iam.Related{{Range: rng("", 0, 0, 0, 0)}, {Range: rng("<stdin>", 2, 0, 1, 0), Message: "m"}}},
	}
	return fs
}

// TestAppendJSONLikeEncoder: findings (appendJSONFinding: their jsonFinding)
// and principals, with nil and empty lists and maps, at the prefixes the
// report uses.
func TestAppendJSONLikeEncoder(t *testing.T) {
	odd := "a \"b\" \\ \n \u2028 \xff"
	principals := []effective.PrincipalSummary{
		{},
		{Address: odd, Kind: "role", Name: odd, External: true, AdminEquivalent: true, EscalationPaths: []string{odd, ""},
			AccessLevels: map[string][]string{"s3": {"Read"}, odd: nil, "*": {}, "a": {"x", "y"}}, Policies: []string{}, Boundary: odd, Complete: true},
		{AccessLevels: map[string][]string{}, EscalationPaths: []string{}},
	}
	for _, prefix := range []string{"", "  ", "    "} {
		for _, f := range findingVariety() {
			if got, want := appendJSONFinding(nil, prefix, &f), encoderBytes(t, jsonFindingOf(f), prefix); !bytes.Equal(got, want) {
				t.Errorf("finding %+v prefix %q:\ngot:\n%s\nwant:\n%s", f, prefix, got, want)
			}
		}
		for i := range principals {
			if got, want := appendJSONPrincipal(nil, prefix, &principals[i]), encoderBytes(t, principals[i], prefix); !bytes.Equal(got, want) {
				t.Errorf("principal %+v prefix %q:\ngot:\n%s\nwant:\n%s", principals[i], prefix, got, want)
			}
		}
	}
}

// TestSarifFindingAppendLikeEncoder: a finding's SARIF result
// (appendSarifFinding) is its sarifResult as the Encoder writes it.
func TestSarifFindingAppendLikeEncoder(t *testing.T) {
	idx := map[string]int{"r": 0, "wildcard-action": 7}
	relPath := func(name string) string { return "base/" + name }
	for _, prefix := range []string{"", "        "} {
		for i, f := range findingVariety() {
			got := appendSarifFinding(nil, prefix, &f, idx, relPath)
			if want := encoderBytes(t, sarifResultOf(f, idx, relPath), prefix); !bytes.Equal(got, want) {
				t.Errorf("finding %d prefix %q:\ngot:\n%s\nwant:\n%s", i, prefix, got, want)
			}
		}
	}
}

// TestAppendJSONStringLongLikeEncoder: strings long enough to be scanned
// eight bytes at a time, with a byte that needs a look at every place.
func TestAppendJSONStringLongLikeEncoder(t *testing.T) {
	for _, special := range []string{"\"", "\\", "\x00", "\x1f", "\n", "\x7f", "é", "\u2028", "\xff", "\xe2\x80"} {
		for n := range 40 {
			s := strings.Repeat("abcdefgh", 6)[:n] + special + strings.Repeat("z", 17)
			if got, want := appendJSONString(nil, s), encoderBytes(t, s, ""); !bytes.Equal(got, want) {
				t.Errorf("%q: got %s, want %s", s, got, want)
			}
		}
	}
}
