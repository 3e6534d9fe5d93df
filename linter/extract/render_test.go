package extract

import (
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

func render(t *testing.T, body *eval.Node) (string, string) {
	t.Helper()
	v := RenderPolicyDocument(body)
	j, m := v.GetAttr("json"), v.GetAttr("minified_json")
	if !j.IsKnown() || !m.IsKnown() {
		return "", ""
	}
	return j.AsString(), m.AsString()
}

func typicalDoc() *eval.Node {
	return obj(at(1, 1, 40),
		a("statement", at(2, 3, 9), blocks(
			blk(at(2, 3, 9), at(2, 3, 100),
				a("sid", at(3, 5, 3), str("S3", at(3, 11, 4))),
				a("actions", at(4, 5, 7), strs(4, 15, "s3:GetObject", "s3:PutObject")),
				a("resources", at(5, 5, 9), strs(5, 17, "arn:aws:s3:::b/*")),
			),
			blk(at(7, 3, 9), at(7, 3, 100),
				a("effect", at(8, 5, 6), str("Deny", at(8, 14, 6))),
				a("actions", at(9, 5, 7), strs(9, 15, "*")),
				a("not_resources", at(10, 5, 13), strs(10, 21, "arn:aws:s3:::b/&{aws:username}")),
				a("principals", at(11, 5, 10), blocks(blk(at(11, 5, 10), at(11, 5, 80),
					a("type", at(12, 7, 4), str("AWS", at(12, 14, 5))),
					a("identifiers", at(13, 7, 11), strs(13, 21, "arn:aws:iam::111122223333:root", "111122223333")),
				))),
				a("condition", at(15, 5, 9), blocks(blk(at(15, 5, 9), at(15, 5, 80),
					a("test", at(16, 7, 4), str("StringEquals", at(16, 18, 14))),
					a("variable", at(17, 7, 8), str("aws:SourceAccount", at(17, 18, 19))),
					a("values", at(18, 7, 6), strs(18, 18, "111122223333")),
				))),
			),
		)),
	)
}

func TestRenderTypical(t *testing.T) {
	got, min := render(t, typicalDoc())
	want := `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "S3",
      "Effect": "Allow",
      "Action": [
        "s3:PutObject",
        "s3:GetObject"
      ],
      "Resource": "arn:aws:s3:::b/*"
    },
    {
      "Effect": "Deny",
      "Action": "*",
      "NotResource": "arn:aws:s3:::b/${aws:username}",
      "Principal": {
        "AWS": [
          "arn:aws:iam::111122223333:root",
          "111122223333"
        ]
      },
      "Condition": {
        "StringEquals": {
          "aws:SourceAccount": "111122223333"
        }
      }
    }
  ]
}`
	if got != want {
		t.Errorf("json:\n%s\nwant:\n%s", got, want)
	}
	wantMin := `{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::b/*"},{"Effect":"Deny","Action":"*","NotResource":"arn:aws:s3:::b/${aws:username}","Principal":{"AWS":["arn:aws:iam::111122223333:root","111122223333"]},"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`
	if min != wantMin {
		t.Errorf("minified_json:\n%s\nwant:\n%s", min, wantMin)
	}
}

func TestRenderWildcardPrincipalAndMerge(t *testing.T) {
	src := `{"Version":"2012-10-17","Statement":[{"Sid":"Keep","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"Own","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	over := `{"Statement":[{"Sid":"Over","Effect":"Deny","Action":["iam:*"],"Resource":"*","Principal":{"AWS":["b","a"]},"Condition":{"Bool":{"aws:SecureTransport":false}}}]}`
	body := obj(at(1, 1, 40),
		a("source_policy_documents", at(2, 3, 23), list(at(2, 29, 10), str(src, at(2, 30, 5)))),
		a("override_policy_documents", at(3, 3, 25), list(at(3, 29, 10), str(over, at(3, 30, 5)))),
		a("policy_id", at(4, 3, 9), str("pid", at(4, 15, 5))),
		a("statement", at(5, 3, 9), blocks(
			blk(at(5, 3, 9), at(5, 3, 100),
				a("sid", at(6, 5, 3), str("Own", at(6, 11, 5))),
				a("actions", at(7, 5, 7), strs(7, 15, "sts:AssumeRole")),
				a("principals", at(8, 5, 10), blocks(blk(at(8, 5, 10), at(8, 5, 80),
					a("type", at(9, 7, 4), str("*", at(9, 14, 3))),
					a("identifiers", at(10, 7, 11), strs(10, 21, "*")),
				))),
			),
			blk(at(12, 3, 9), at(12, 3, 100),
				a("sid", at(13, 5, 3), str("Over", at(13, 11, 6))),
				a("actions", at(14, 5, 7), strs(14, 15, "iam:PassRole")),
			),
		)),
	)
	_, min := render(t, body)
	want := `{"Version":"2012-10-17","Id":"pid","Statement":[{"Sid":"Keep","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"},{"Sid":"Own","Effect":"Allow","Action":"sts:AssumeRole","Principal":"*"},{"Sid":"Over","Effect":"Deny","Action":["iam:*"],"Resource":"*","Principal":{"AWS":["b","a"]},"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	if min != want {
		t.Errorf("minified_json:\n%s\nwant:\n%s", min, want)
	}
}

func TestRenderUnknown(t *testing.T) {
	body := obj(at(1, 1, 40),
		a("statement", at(2, 3, 9), blocks(
			blk(at(2, 3, 9), at(2, 3, 100),
				a("actions", at(4, 5, 7), list(at(4, 15, 10), str("s3:GetObject", at(4, 16, 14)), unknown(at(4, 32, 7)))),
			),
		)),
	)
	v := RenderPolicyDocument(body)
	if v.GetAttr("json").IsKnown() || v.GetAttr("minified_json").IsKnown() {
		t.Fatalf("want unknown json, got %#v", v)
	}
	if !v.Type().Equals(cty.Object(map[string]cty.Type{"json": cty.String, "minified_json": cty.String})) {
		t.Errorf("type %#v", v.Type())
	}
	// An empty document.
	_, min := render(t, obj(at(1, 1, 40)))
	if min != `{"Version":"2012-10-17"}` {
		t.Errorf("empty document: %s", min)
	}
	if _, ok := Renderers()["aws_iam_policy_document"]; !ok {
		t.Error("Renderers lacks aws_iam_policy_document")
	}
}
