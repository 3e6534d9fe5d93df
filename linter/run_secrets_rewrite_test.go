package linter

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/effective"
	"github.com/iamlint/iamlint/linter/iam"
)

// rewriteResult is a result whose every message holds secret, with a
// Related slice shared by two findings and a diagnostic shared with the run.
func rewriteResult(secret string) (*Result, []iam.Related, *hcl.Diagnostic) {
	rel := []iam.Related{{Message: "from " + secret}, {Message: "plain"}}
	diag := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "bad " + secret, Detail: "value " + secret + " here"}
	res := &Result{
		Findings:   []Finding{{Message: "grants " + secret, Related: rel}, {Message: "other", Related: rel}},
		Suppressed: []Finding{{Message: "suppressed " + secret}},
		Errors:     []Error{{Message: "error " + secret}},
		Notices:    []Notice{{Message: "notice " + secret}},
		Diags:      hcl.Diagnostics{diag},
	}
	return res, rel, diag
}

func rewriteTexts(res *Result) []string {
	var out []string
	for _, fs := range [][]Finding{res.Findings, res.Suppressed} {
		for _, f := range fs {
			out = append(out, f.Message)
			for _, r := range f.Related {
				out = append(out, r.Message)
			}
		}
	}
	for _, e := range res.Errors {
		out = append(out, e.Message)
	}
	for _, n := range res.Notices {
		out = append(out, n.Message)
	}
	for _, d := range res.Diags {
		out = append(out, d.Summary, d.Detail)
	}
	return out
}

// TestMaskSecretsEveryMessage: a credential is masked in every message,
// the summary and the detail of one diagnostic both (the detail was left
// whole when the summary held it too), and what is shared (a Related slice,
// the run's diagnostic) is copied, not written.
func TestMaskSecretsEveryMessage(t *testing.T) {
	const key = "AKIAIOSFODNN7EXAMPLE"
	res, rel, diag := rewriteResult(key)
	maskSecrets(res, []string{key}, nil)
	for _, m := range rewriteTexts(res) {
		if strings.Contains(m, key) {
			t.Errorf("message %q holds the key", m)
		}
	}
	if !strings.Contains(res.Diags[0].Detail, "AKIA****************") {
		t.Errorf("detail %q: want the masked key", res.Diags[0].Detail)
	}
	if rel[0].Message != "from "+key || diag.Summary != "bad "+key || diag.Detail != "value "+key+" here" {
		t.Errorf("shared Related or diagnostic written in place: %q, %q, %q", rel[0].Message, diag.Summary, diag.Detail)
	}
}

// TestHideSensitiveVariablesEveryMessage: the value of a sensitive variable
// is hidden in errors, notices and diagnostics too, not only in findings.
func TestHideSensitiveVariablesEveryMessage(t *testing.T) {
	const value = "hunter2-sensitive"
	res, rel, diag := rewriteResult(value)
	hideSensitiveVariables(res, []string{value})
	for _, m := range rewriteTexts(res) {
		if strings.Contains(m, value) {
			t.Errorf("message %q holds the sensitive value", m)
		}
	}
	if res.Notices[0].Message != "notice (sensitive)" {
		t.Errorf("notice %q, want %q", res.Notices[0].Message, "notice (sensitive)")
	}
	if rel[0].Message != "from "+value || diag.Detail != "value "+value+" here" {
		t.Errorf("shared Related or diagnostic written in place: %q, %q", rel[0].Message, diag.Detail)
	}
}

// TestMaskSecretsManyOrFew: a text is masked the same whether the secrets
// are few (looked for one by one before the replacer) or many (the
// replacer alone), pieces of a secret key included, and a text holding
// none is left as it is.
func TestMaskSecretsManyOrFew(t *testing.T) {
	const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	many := []string{key}
	for i := 0; len(many) <= maxMaskScans; i++ {
		many = append(many, "AKIAQQQQQQQQQQQQQQ"+string(rune('A'+i%26))+string(rune('A'+i/26)))
	}
	for _, secrets := range [][]string{{key}, many} {
		res := &Result{
			Findings: []Finding{{Message: "grants " + key}, {Message: "piece K7MDENG/bPxRfiCYEXAMPLEKEY and wJalrXUtnFEMI"}, {Message: "nothing here"}},
			Notices:  []Notice{{Message: "Invalid reference bPxRfiCYEXAMPLEKEY"}},
		}
		maskSecrets(res, secrets, nil)
		for _, m := range rewriteTexts(res) {
			if strings.Contains(m, "bPxRfiCYEXAMPLEKEY") || strings.Contains(m, "wJalrXUtnFEMI") {
				t.Errorf("%d secrets: %q holds a piece of the key", len(secrets), m)
			}
		}
		if res.Findings[2].Message != "nothing here" {
			t.Errorf("%d secrets: a text without a secret became %q", len(secrets), res.Findings[2].Message)
		}
		if res.Findings[0].Message != "grants wJal************************************" {
			t.Errorf("%d secrets: %q", len(secrets), res.Findings[0].Message)
		}
	}
}

// TestMaskFormsRepeatedTexts: maskForms remembers the texts it found clean
// by where their bytes are; a text asked again is still masked when it
// holds a key form, whether it shares its bytes with others or is a copy,
// a clean text shared by many stays as it is, and a text that begins as a
// clean one (the same place, longer) is not taken for it.
func TestMaskFormsRepeatedTexts(t *testing.T) {
	const key = "akiaiosfodnn7exampl9" // lower-cased: only maskForms masks it
	const masked = "akia****************"
	keyed := `aws_iam_policy.p["` + key + `"]`
	long := "aws_iam_policy.q and more " + key
	clean := long[:len("aws_iam_policy.q")] // the start of long, clean
	shared := []string{clean, keyed, "aws_iam_policy.r"}
	res := &Result{}
	for i := range 3000 {
		res.Findings = append(res.Findings, Finding{Message: "m " + strings.Repeat("x", i%7), Resource: keyed})
		res.Findings = append(res.Findings, Finding{Message: long, Resource: clean})
		res.Principals = append(res.Principals, effective.PrincipalSummary{Address: clean, Name: long, Policies: shared, Boundary: strings.Clone(keyed)})
	}
	maskForms(res)
	wantKeyed := `aws_iam_policy.p["` + masked + `"]`
	for i, f := range res.Findings {
		if i%2 == 0 && f.Resource != wantKeyed {
			t.Fatalf("finding %d: resource %q, want %q", i, f.Resource, wantKeyed)
		}
		if i%2 == 1 && (f.Resource != clean || f.Message != "aws_iam_policy.q and more "+masked) {
			t.Fatalf("finding %d: %q, %q", i, f.Resource, f.Message)
		}
	}
	for i, p := range res.Principals {
		if p.Address != clean || p.Name != "aws_iam_policy.q and more "+masked || p.Boundary != wantKeyed || !slices.Equal(p.Policies, []string{clean, wantKeyed, "aws_iam_policy.r"}) {
			t.Fatalf("principal %d: %q, %q, %q, %q", i, p.Address, p.Name, p.Boundary, p.Policies)
		}
	}
	if shared[1] != keyed {
		t.Errorf("a shared list was written in place: %q", shared)
	}
}
