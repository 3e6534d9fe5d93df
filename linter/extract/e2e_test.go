package extract

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/load"
)

// TestLoadEndToEnd loads a small configuration with the loader and checks
// the model: kinds through references, dynamic statements, sources, heredoc
// positions, both branches of an unknown conditional, Lambda permissions.
func TestLoadEndToEnd(t *testing.T) {
	dir := filepath.Join("testdata", "basic")
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
	if res.Diags.HasErrors() {
		t.Fatalf("load: %v", res.Diags)
	}
	m, diags := Extract(res)
	if diags.HasErrors() {
		t.Fatalf("extract: %v", diags)
	}
	var got []string
	for _, d := range m.Documents {
		var sts []string
		for _, s := range d.Statements {
			sts = append(sts, fmt.Sprintf("%s@%d", strings.Join(texts(s.Actions), "+"), s.Action.Range.HCL().Start.Line))
		}
		got = append(got, fmt.Sprintf("%s %s %s", d.Address, d.Kind, strings.Join(sts, ",")))
	}
	want := []string{
		"data.aws_iam_policy_document.trust trust sts:AssumeRole@7",
		"data.aws_iam_policy_document.base identity s3:GetObject@18",
		"data.aws_iam_policy_document.merged identity ec2:*@29,iam:*@29",
		"aws_iam_policy.heredoc identity *@52",
		"aws_s3_bucket_policy.b resource s3:*@67",
		"aws_s3_bucket_policy.b resource s3:GetObject@67",
		"aws_lambda_permission.l resource lambda:InvokeFunction@74",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The renderer ran during evaluation: the consumer sees the provider's json.
	wantJSON := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Read\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"*\"\n    },\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"ec2:*\",\n      \"Resource\": \"*\"\n    },\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iam:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}"
	found := false
	for _, mod := range res.Modules {
		for _, b := range mod.Blocks {
			if b.Address == "aws_iam_role_policy.p" {
				found = true
				v := b.Body.Attr("policy").Val
				if !v.IsKnown() || v.AsString() != wantJSON {
					t.Errorf("rendered policy:\n%#v\nwant:\n%s", v, wantJSON)
				}
			}
		}
	}
	if !found {
		t.Error("aws_iam_role_policy.p not loaded")
	}
	for _, d := range m.Documents {
		if d.Address == "aws_iam_policy.heredoc" {
			r := d.Statements[0].Actions[0].Range
			if r.HCL().Start.Line != 52 || r.HCL().Start.Column != 21 {
				t.Errorf("heredoc action at %s, want line 52 column 21", r)
			}
		}
	}
}
