package extract

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/load"
)

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
	for c := 0; c < 256; c++ {
		check(string([]byte{byte(c)}))
		check("a" + string([]byte{byte(c)}) + "b")
	}
	for _, s := range []string{"", "plain", "<&>", "\u2028\u2029", "é\u00e9ü", "\xff\xfe", "\xe2\x80", "\xe2\x80\xa8x", "a\"b\\c", "\x7f", "日本語", "\xed\xa0\x80", "𝄞"} {
		check(s)
	}
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "\"", "\\", "<", ">", "&", "\n", "\x01", "\x7f", "é", "\u2028", "\u2029", "\xff", "\xc3", "日", "𝄞", "$", "{", " "}
	for i := 0; i < 5000; i++ {
		var b []byte
		for j := rng.Intn(12); j > 0; j-- {
			b = append(b, alphabet[rng.Intn(len(alphabet))]...)
		}
		check(string(b))
	}
}

// TestWriteDocMatchesMarshal renders every policy document of a generated
// estate, the test data and the shared corpus, and odd documents, both ways.
func TestWriteDocMatchesMarshal(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 20}); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(t.TempDir(), "odd")
	if err := os.MkdirAll(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	src := oddDocsSrc
	if err := os.WriteFile(filepath.Join(odd, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{dir, odd, filepath.Join("testdata", "basic"), filepath.Join("testdata", "graph")}
	for _, c := range []string{"real", "checkov", "kics", "trivy", "regula"} {
		if d := filepath.Join("..", "..", "..", "shared", "corpus", c); dirExists(d) {
			dirs = append(dirs, d)
		}
	}
	written, fallback := 0, 0
	for _, d := range dirs {
		res := load.Load(load.Options{Paths: []string{d}, Renderers: Renderers()})
		for _, mod := range res.Modules {
			for _, b := range mod.Blocks {
				if b == nil || b.Mode != "data" || b.Type != policyDocumentType || b.Body == nil || !isKnown(b.Body.Val) || b.Body.Val.IsNull() {
					continue
				}
				doc, err := renderDoc(b.Body.Val)
				if err != nil {
					continue
				}
				wantMin, wantInd, err := marshalDoc(doc)
				if err != nil {
					t.Fatal(err)
				}
				ind, err := json.MarshalIndent(doc, "", "  ")
				if err != nil || !bytes.Equal(ind, wantInd) {
					t.Fatalf("%s: marshalDoc's indented form is not MarshalIndent's", b.Address)
				}
				gotMin, gotInd, ok := writeDoc(doc)
				if !ok {
					fallback++
					continue
				}
				written++
				if gotMin != string(wantMin) || gotInd != string(wantInd) {
					t.Errorf("%s: writeDoc differs from encoding/json:\n%s\n%s\nwant\n%s\n%s", b.Address, gotMin, gotInd, wantMin, wantInd)
				}
			}
		}
	}
	t.Logf("%d written, %d marshalled", written, fallback)
	if written < 40 || fallback < 1 {
		t.Errorf("%d documents written, %d marshalled: want both ways exercised", written, fallback)
	}
}

// oddDocsSrc holds policy documents of odd forms (TestWriteDocMatchesMarshal,
// TestAsDecodedIsDecodeDoc).
const oddDocsSrc = `
data "aws_iam_policy_document" "base" {
  policy_id = "P<1>"
  statement {
    sid       = "A&B"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:GetObject"]
    resources = ["arn:aws:s3:::b/&{aws:username}", "arn:aws:s3:::é\u2028"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root", "222233334444"]
    }
    principals {
      type        = "AWS"
      identifiers = ["333344445555"]
    }
    principals {
      type        = "Service"
      identifiers = []
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["1", "2"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["3"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
    condition {
      test     = "Null"
      variable = "x"
      values   = []
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["iam:*"]
    not_resources = ["*"]
    not_principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
data "aws_iam_policy_document" "star" {
  statement {
    actions = []
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
data "aws_iam_policy_document" "src" {
  source_policy_documents = [data.aws_iam_policy_document.star.json, jsonencode({
    Version = "2008-10-17"
    Statement = [
      { Sid = "N", Effect = "Allow", Action = ["a:b", "c:d"], Resource = [], NotResource = "x", Principal = { AWS = ["1", "2"], Service = "s" }, Condition = { Bool = { "k" = true }, StringLike = { "v" = ["a", "b"], "w" = "c" } } },
      { Effect = "Allow", Action = "<x>", NotPrincipal = { AWS = "3" } },
    ]
  })]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "A&B", Action = "*", Principal = "*" }] })]
  statement {
    sid     = "own"
    actions = ["x:y"]
  }
}
data "aws_iam_policy_document" "num" {
  source_policy_documents = [jsonencode({ Statement = [{ Effect = "Allow", Action = 5 }] })]
}
data "aws_iam_policy_document" "empty" {}
data "aws_iam_policy_document" "usebase" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
}
data "aws_iam_policy_document" "usesrc" {
  source_policy_documents   = [data.aws_iam_policy_document.src.minified_json, data.aws_iam_policy_document.empty.json]
  override_policy_documents = [data.aws_iam_policy_document.star.json]
  override_json             = data.aws_iam_policy_document.usebase.json
  statement {
    sid     = "own2"
    actions = ["x:z"]
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalTag/team"
      values   = ["a", "b"]
    }
  }
}
data "aws_iam_policy_document" "usesrc2" {
  source_json = data.aws_iam_policy_document.usesrc.json
}
`
