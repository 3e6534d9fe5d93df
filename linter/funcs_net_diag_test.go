package linter_test

import (
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestNetFuncErrorNoticeAtCall: a CIDR, time, UUID or text-encoding
// function that fails as it fails in Terraform is a notice at its call, and
// its value stays unknown (the condition still narrows: no finding, no
// "unknown function" notice). The functions were unknown functions before.
func TestNetFuncErrorNoticeAtCall(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject",
    Resource = "arn:aws:s3:::b/*",
    Condition = { IpAddress = { "aws:SourceIp" = cidrsubnets("10.0.0.0/8", 1, 1, 1) } } }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	found := false
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "unknown function") {
			t.Errorf("notice %q: cidrsubnets is known", n.Message)
		}
		if strings.Contains(n.Message, "cidrsubnets: not enough remaining address space") && n.Line == 5 {
			found = true
		}
	}
	if !found {
		t.Errorf("no notice of cidrsubnets' error at line 5: notices %+v", res.Notices)
	}
	for _, f := range res.Findings {
		if f.Rule == "wildcard-principal" {
			t.Errorf("unknown condition value taken as everyone: %s", f.Message)
		}
	}
}
