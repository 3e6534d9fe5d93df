package extract

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/iam"
)

// TestParseTextSameAsMapper checks that parseText, whose fast way maps
// with a mapper in a textBuf that the texts before it used, builds the
// document parseString builds with the text's own mapper (textMapper):
// heredocs with interpolations, indented ones, non-ASCII lines, lines
// without their newline, and texts only the general way reads.
func TestParseTextSameAsMapper(t *testing.T) {
	res := loadFiles(t, map[string]string{"main.tf": `
locals {
  p = "pre"
  q = "日本"
}

resource "aws_iam_policy" "plain" {
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::${local.p}/*"},
    {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:x": "${local.p}-${local.q}"}}}
  ]
}
EOT
}

resource "aws_iam_role" "indented" {
  name               = "r"
  assume_role_policy = <<-EOF
    {
      "Statement": [{"Effect": "Allow", "Principal": {"AWS": "${local.p}"}, "Action": "sts:AssumeRole"}]
    }
  EOF
}

resource "aws_iam_policy" "unicode" {
  policy = <<EOT
{"Statement": [{"Sid": "é${local.q}é", "Effect": "Allow",
  "Action": "s3:*", "Resource": "arn:aws:s3:::日本/${local.p}"}]}
EOT
}

resource "aws_iam_policy" "general" {
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Action": "${local.p}", "Resource": "*"}]}
EOT
}

resource "aws_iam_policy" "broken" {
  policy = <<EOT
{"Statement": [{"Effect": "Allow", "Action": "${local.p}",
EOT
}
`})
	var b textBuf
	n := 0
	for _, mod := range res.Modules {
		for _, bl := range mod.Blocks {
			for _, attr := range []string{"policy", "assume_role_policy"} {
				node := bl.Body.Attr(attr)
				if node == nil || node.Text == nil || !node.Val.IsKnown() || node.Val.Type() != cty.String {
					continue
				}
				n++
				s := node.Val.AsString()
				for _, kind := range []iam.Kind{iam.Identity, iam.Trust} {
					got, gotDiags := parseText(s, node.Text, node.Range, kind, &b)
					want, wantDiags := parseString(s, textMapper(node.Text, node.Range), node.Range, kind)
					if got == nil || len(got.Statements) == 0 && !got.Unknown {
						t.Errorf("%s %s: no document (%v)", bl.Address, kind, gotDiags)
					}
					if !reflect.DeepEqual(got, want) || fmt.Sprint(gotDiags) != fmt.Sprint(wantDiags) {
						t.Errorf("%s %s: parseText = %+v, %v\nwant %+v, %v", bl.Address, kind, got, gotDiags, want, wantDiags)
					}
				}
			}
		}
	}
	if n != 5 {
		t.Fatalf("%d heredoc policies compared, want 5", n)
	}
}
