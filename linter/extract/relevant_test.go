package extract

import (
	"strings"
	"testing"
)

// TestRelevantOrder compares Relevant, which asks the type before it scans
// the text, with the order it had (the text first): the same answer for
// every mode, type and text of a matrix.
func TestRelevantOrder(t *testing.T) {
	old := func(mode, typ string, src []byte) bool {
		if src == nil || mayHoldCredential(src) {
			return true
		}
		if strings.HasPrefix(typ, "aws_iam_") || strings.HasPrefix(typ, "aws_ssoadmin_") {
			return true
		}
		switch mode {
		case "resource":
			if _, ok := consumers[typ]; ok {
				return true
			}
			return typ == "aws_lambda_permission" || typ == "aws_lambda_layer_version_permission" || typ == "aws_cloudwatch_event_permission"
		case "data":
			return typ == policyDocumentType
		}
		return true
	}
	types := []string{"aws_iam_role", "aws_iam_policy", "aws_ssoadmin_permission_set", "aws_s3_bucket", "aws_s3_bucket_policy",
		"aws_kms_key", "aws_sqs_queue", "aws_lambda_permission", "aws_lambda_layer_version_permission", "aws_cloudwatch_event_permission", "aws_instance",
		"aws_vpc", "aws_iam_policy_document", "aws_caller_identity", "aws_region", "random_id", ""}
	srcs := [][]byte{nil, {}, []byte(`resource "x" "y" { ami = "ami-1" }`), []byte(`access_key = "AKIAABCDEFGHIJKLMNOP"`),
		[]byte(`token = "ASIAABCDEFGHIJKLMNOP"`), []byte(`secret_key = var.k`), []byte(`name = "SeCrEt"`), []byte(`name = "secre"`)}
	n := 0
	for _, mode := range []string{"resource", "data", "provider", "module", ""} {
		for _, typ := range types {
			for _, src := range srcs {
				if got, want := Relevant(mode, typ, src), old(mode, typ, src); got != want {
					t.Errorf("Relevant(%q, %q, %q) = %v, want %v", mode, typ, src, got, want)
				}
				n++
			}
		}
	}
	if n != 5*len(types)*len(srcs) {
		t.Fatal("matrix not walked")
	}
}
