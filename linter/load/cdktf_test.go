package load

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
)

// cdktfJSON returns a cdk.tf.json as CDKTF writes it (JSON.stringify with
// two spaces of indent, a "//" metadata object in every resource, policies
// as interpolations whose quotes are JSON escapes) for roles aws_iam_role
// blocks, each beside a security group and a bucket.
func cdktfJSON(t *testing.T, roles int) []byte {
	t.Helper()
	res := map[string]map[string]any{"aws_iam_role": {}, "aws_security_group": {}, "aws_s3_bucket": {}}
	meta := func(kind string, i int) map[string]any {
		id := fmt.Sprintf("%s%d_A1B2C3D4", kind, i)
		return map[string]any{"metadata": map[string]any{"path": fmt.Sprintf("stack/%s%d/Resource", kind, i), "uniqueId": id}}
	}
	for i := range roles {
		res["aws_iam_role"][fmt.Sprintf("role%d_A1B2C3D4", i)] = map[string]any{
			"//":                 meta("role", i),
			"assume_role_policy": `${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = {Service = "ec2.amazonaws.com"}, Action = "sts:AssumeRole"}]})}`,
			"name":               fmt.Sprintf("role-%d", i),
			"tags":               map[string]any{"Environment": "prod", "Team": "platform"},
		}
		var ingress []any
		for _, p := range []int{22, 80, 443} {
			ingress = append(ingress, map[string]any{"cidr_blocks": []string{"10.0.0.0/8"}, "from_port": p, "to_port": p, "protocol": "tcp",
				"description": "x", "ipv6_cidr_blocks": []string{}, "prefix_list_ids": []string{}, "security_groups": []string{}, "self": false})
		}
		res["aws_security_group"][fmt.Sprintf("sg%d_E5F6", i)] = map[string]any{"//": meta("sg", i), "name": fmt.Sprintf("sg-%d", i), "ingress": ingress}
		res["aws_s3_bucket"][fmt.Sprintf("b%d_AAAA", i)] = map[string]any{"//": meta("b", i), "bucket": fmt.Sprintf("bucket-%d", i), "tags": map[string]any{"a": "b"}}
	}
	doc := map[string]any{
		"//":        map[string]any{"metadata": map[string]any{"backend": "local", "stackName": "stack", "version": "0.20.0"}},
		"provider":  map[string]any{"aws": []any{map[string]any{"region": "us-east-1"}}},
		"resource":  res,
		"terraform": map[string]any{"required_providers": map[string]any{"aws": map[string]any{"source": "aws", "version": "5.0.0"}}},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The cdk.tf.json of CDKTF is parsed: its interpolations' escaped quotes
// (\") were read as code by the native-syntax check of nesting, and the
// brackets of every string after one added up: with 400 roles the file was
// refused as "nesting more than 1000 levels deep".
func TestCDKTFJSONParsed(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "cdk.tf.json", string(cdktfJSON(t, 400)))
	res := load(t, Options{Paths: []string{dir}})
	if len(res.Diags) != 0 {
		t.Fatalf("want no diagnostics, got %v", summarize(res.Diags))
	}
	block(t, res, "aws_iam_role.role399_A1B2C3D4")
}

// A cdk.tf.json at the size limit (4 MiB: 2,000 roles, 6,000 resources)
// is within the token limit of a JSON file, and of a root module: the
// limits were one per 12 bytes (349,525 tokens) and a JSON token counting
// 3, which refused it (it holds about 458,000, 8.8 bytes a token).
func TestCDKTFJSONWithinTokenLimits(t *testing.T) {
	src := cdktfJSON(t, 2000)
	if len(src) < 3_900_000 || len(src) > defaultMaxFileSize {
		t.Fatalf("the generated file has %d bytes, want about 4 MiB", len(src))
	}
	limit := fileTokenLimit(true, defaultMaxFileSize)
	n, _ := eval.CountTokens(src, true, limit)
	if n > limit {
		t.Errorf("a %d-byte cdk.tf.json holds more than %d tokens, the limit of a JSON file", len(src), limit)
	}
	if w := n * jsonTokenWeight; w > rootTokenLimit(defaultMaxFileSize) {
		t.Errorf("a %d-byte cdk.tf.json weighs %d tokens, more than the %d of a root module", len(src), w, rootTokenLimit(defaultMaxFileSize))
	}
}
