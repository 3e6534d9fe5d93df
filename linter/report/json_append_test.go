package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/effective"
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

// TestAppendJSONLikeEncoder: findings and principals, with nil and empty
// lists and maps, at the prefixes the report uses.
func TestAppendJSONLikeEncoder(t *testing.T) {
	odd := "a \"b\" \\ \n \u2028 \xff"
	findings := []jsonFinding{
		{Related: []jsonRelated{}},
		{Rule: odd, Severity: "high", Message: odd, File: odd, Line: 1, Column: -2, EndLine: 3, EndColumn: 4, Resource: odd,
			PolicyKind: "identity", Fingerprint: "f", Related: []jsonRelated{{File: odd, Line: 7, Message: odd}, {}}},
		{Suppression: &jsonSuppression{Kind: "inline", Reason: odd}},
		{Suppression: &jsonSuppression{Kind: "config", Expires: "2030-01-01"}, Related: []jsonRelated{{}}},
	}
	findings = append(findings, jsonFindingOf(linter.Finding{Rule: "r", Severity: linter.High}))
	principals := []effective.PrincipalSummary{
		{},
		{Address: odd, Kind: "role", Name: odd, External: true, AdminEquivalent: true, EscalationPaths: []string{odd, ""},
			AccessLevels: map[string][]string{"s3": {"Read"}, odd: nil, "*": {}, "a": {"x", "y"}}, Policies: []string{}, Boundary: odd, Complete: true},
		{AccessLevels: map[string][]string{}, EscalationPaths: []string{}},
	}
	for _, prefix := range []string{"", "  ", "    "} {
		for _, f := range findings {
			if got, want := f.appendJSON(nil, prefix), encoderBytes(t, f, prefix); !bytes.Equal(got, want) {
				t.Errorf("finding %+v prefix %q:\ngot:\n%s\nwant:\n%s", f, prefix, got, want)
			}
		}
		for i := range principals {
			if got, want := (jsonPrincipal{&principals[i]}).appendJSON(nil, prefix), encoderBytes(t, principals[i], prefix); !bytes.Equal(got, want) {
				t.Errorf("principal %+v prefix %q:\ngot:\n%s\nwant:\n%s", principals[i], prefix, got, want)
			}
		}
	}
}

// TestSarifResultAppendLikeEncoder: SARIF results with every optional part
// present, absent, nil and empty.
func TestSarifResultAppendLikeEncoder(t *testing.T) {
	odd := "a \"b\" \\ \n \u2028 \xff <&>"
	zero, seven := 0, 7
	results := []sarifResult{
		{},
		{Locations: []sarifLocation{}},
		{Locations: []sarifLocation{{}}, RelatedLocations: []sarifLocation{}, PartialFingerprints: map[string]string{},
			Suppressions: []sarifSuppression{}, Properties: map[string]string{}},
		{RuleID: odd, RuleIndex: &zero, Level: "error", Message: sarifMessage{Text: odd, Markdown: odd},
			Locations: []sarifLocation{{ID: 3, PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifactLoc{URI: odd, URIBaseID: "%SRCROOT%"},
				Region: &sarifRegion{StartLine: 1, StartColumn: 2, EndLine: 3, EndColumn: 4}},
				LogicalLocations: []sarifLogicalLoc{{FullyQualifiedName: odd, Kind: "resource"}, {}}, Message: &sarifMessage{Text: odd}}},
			RelatedLocations:    []sarifLocation{{PhysicalLocation: &sarifPhysical{Region: &sarifRegion{}}}, {Message: &sarifMessage{}}},
			PartialFingerprints: map[string]string{"iamlint/v1": odd, odd: ""},
			Suppressions:        []sarifSuppression{{Kind: "inSource", Status: "accepted", Justification: odd}, {}},
			Properties:          map[string]string{"severity": "low", "resource": odd, "a": ""}},
		{RuleIndex: &seven, Locations: []sarifLocation{{LogicalLocations: []sarifLogicalLoc{}}}},
	}
	for _, prefix := range []string{"", "        "} {
		for i := range results {
			if got, want := results[i].appendJSON(nil, prefix), encoderBytes(t, results[i], prefix); !bytes.Equal(got, want) {
				t.Errorf("result %d prefix %q:\ngot:\n%s\nwant:\n%s", i, prefix, got, want)
			}
		}
	}
}
