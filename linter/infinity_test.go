package linter_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// An infinite number (pow(10, 1000) computes in 64-bit floats and is +Inf;
// 1 / 0; tonumber("inf"); a number variable given "Inf"; yamldecode's .inf)
// is no IAM value: it is unknown where it is made, with an error there
// saying it is infinite. It was read as an action named "+Inf"
// (unknown-action "+Inf", "s3:+Inf"), a Resource "-Inf" (policy-invalid),
// beside a "jsonencode: cannot serialize infinity" notice.
func TestInfiniteNumberIsUnknown(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "n" {
  type    = number
  default = "Inf"
}
locals {
  y = yamldecode("a: .inf")
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "*",
    Action = pow(10, 1000) }] })
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = [pow(10, 1000)]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "d" {
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject",
    Resource = "arn:aws:s3:::b/${-pow(10, 1000)}" }] })
}
resource "aws_iam_policy" "c" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "*",
    Action = tostring(pow(10, 1000)) }] })
}
resource "aws_iam_policy" "e" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "*",
    Action = [1 / 0, tonumber("-inf"), var.n, local.y.a, "s3:${pow(10, 1000)}"],
    Condition = { StringEquals = { "aws:username" = pow(10, 1000) } } }] })
}
resource "aws_iam_policy" "f" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "*",
    Action = [try(tostring(pow(10, 1000)), "s3:GetObject"), try("s3:${1 / 0}", "s3:GetObject"),
      "%{for a in [1]}${pow(10, 1000)}%{endfor}"] }] })
}
`)
	res := lintBounded(t, 30*time.Second, linter.Options{Paths: []string{dir}, Rules: rules.All})
	for _, f := range res.Findings {
		t.Errorf("finding %s at %d: %s", f.Rule, f.Range.Start.Line, f.Message)
	}
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "Inf") || strings.Contains(n.Message, "infinity") {
			t.Errorf("notice at %d: %s", n.Line, n.Message)
		}
	}
	// line:column of each infinity made, and its sign.
	want := map[string]string{
		"3:13": "+Inf", "6:7": "+Inf", "10:14": "+Inf", "14:18": "+Inf", "23:35": "+Inf",
		"27:23": "+Inf", "31:15": "+Inf", "31:22": "-Inf", "31:64": "+Inf", "32:53": "+Inf",
		// hcl evaluates try's arguments and a %{ for } with an unknown
		// element itself: the infinity is said there too.
		"36:15": "", "36:61": "", "37:25": "+Inf",
	}
	for _, e := range res.Errors {
		at := fmt.Sprintf("%d:%d", e.Line, e.Column)
		if sign, ok := want[at]; ok && sign == "" && strings.Contains(e.Message, "try: argument 1 makes an infinite number") {
			delete(want, at)
			continue
		}
		if sign, ok := want[at]; ok && sign != "" && strings.Contains(e.Message, "a number is infinite ("+sign) {
			delete(want, at)
			continue
		}
		t.Errorf("unexpected error at %s: %s", at, e.Message)
	}
	for at, sign := range want {
		t.Errorf("no 'a number is infinite (%s' error at %s", sign, at)
	}
}
