package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// dupPlan is a plan whose resource_changes hold n times the same resource
// (one address), each with a policy of four findings.
func dupPlan(n int) string {
	rc := `{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"name":"p","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{}}}`
	return `{"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[` + "\n" + strings.Repeat(rc+",\n", n-1) + rc + "\n]}\n"
}

// TestPlanDuplicateAddressBounded: a plan repeating one resource address
// 20,000 times (Terraform never writes that) had each finding scan every
// document of the address to locate it for its fingerprint (4,000 copies
// took 4 CPU s, 50,000 a hang). The documents spanning a finding are found
// by their spans now (docStab), with the same answers: the fingerprints of
// the first 60 copies, which are located as before (no more than
// maxUnstabbed documents), are those of a plan of 60 copies, and all
// differ.
func TestPlanDuplicateAddressBounded(t *testing.T) {
	dir := t.TempDir() // one path for both: it is in the fingerprints
	lint := func(n int, limit time.Duration) []linter.Finding {
		writeFile(t, dir, "plan.json", dupPlan(n))
		res := lintBounded(t, limit, linter.Options{Paths: []string{dir + "/plan.json"}})
		if len(res.Errors) != 0 || len(res.Findings) != 4*n {
			t.Fatalf("%d copies: %d findings, errors %+v", n, len(res.Findings), res.Errors)
		}
		return res.Findings
	}
	small, big := lint(60, 10*time.Second), lint(20000, 10*time.Second)
	seen := map[string]bool{}
	for i, f := range big {
		if i < len(small) && (f.Fingerprint != small[i].Fingerprint || f.Rule != small[i].Rule || f.Range != small[i].Range) {
			t.Fatalf("finding %d: %s %s %s, with 60 copies %s %s %s", i, f.Rule, f.Range, f.Fingerprint, small[i].Rule, small[i].Range, small[i].Fingerprint)
		}
		if seen[f.Fingerprint] {
			t.Fatalf("finding %d (%s %s): fingerprint seen before", i, f.Rule, f.Range)
		}
		seen[f.Fingerprint] = true
	}
}

// TestDenyLongNotResourceQuestionBounded: a Deny NotResource of "*" then
// 250,000 "a?" then b, against an Allow Resource of 1,000,000 a's: the '?'
// kept the match on the walk (1.25·10^11 steps, a hang). The resource does
// not match, so the Deny covers it and cancels the grant; with a
// NotResource it matches (no b, or the "a?" in the middle), the grant is
// reported.
func TestDenyLongNotResourceQuestionBounded(t *testing.T) {
	arn := "arn:aws:s3:::" + strings.Repeat("a", 1000000)
	qs := strings.Repeat("a?", 250000)
	for nr, reported := range map[string]bool{"*" + qs + "b": false, "*" + qs: true, "*" + qs + "*": true, "*" + qs + "b*": false} {
		dir := t.TempDir()
		writeFile(t, dir, "main.tf", `resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "`+arn+`" },
    { Effect = "Deny", Principal = "*", Action = "*", NotResource = "`+nr+`" },
  ] })
}
`)
		res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}})
		if hasFinding(res, "wildcard-principal", "main.tf", 4, 0) != reported {
			t.Errorf("NotResource %.10q...%q: wildcard-principal reported is not %v", nr, nr[len(nr)-3:], reported)
		}
	}
}
