package plan

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
)

// plannedOnly is a plan whose resources are in planned_values only (as a
// plan filtered to it is), in the root module and in nested module
// instances, beside one in resource_changes: managed IAM resources (their
// bodies left to Stream), a data policy document (built by Load: other
// blocks read it), a type the extractor does not read, a sensitive value,
// a deposed object (not linted) and a null values.
const plannedOnly = `{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_policy.c","mode":"managed","type":"aws_iam_policy","name":"c","change":{"actions":["create"],
 "after":{"name":"c","policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},"after_unknown":{"arn":true}}}],
"planned_values":{"root_module":{"resources":[
 {"address":"aws_iam_policy.c","mode":"managed","type":"aws_iam_policy","name":"c","values":{"name":"c","policy":"{}"}},
 {"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","values":{"name":"r",
  "assume_role_policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}",
  "inline_policy":[{"name":"i","policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"}],"tags":{"a":"b"}},
  "sensitive_values":{"inline_policy":[{}],"tags":{}}},
 {"address":"data.aws_iam_policy_document.d","mode":"data","type":"aws_iam_policy_document","name":"d","values":{"json":"{\"Statement\":[]}",
  "statement":[{"actions":["s3:GetObject"],"resources":["*"]}]}},
 {"address":"aws_instance.i","mode":"managed","type":"aws_instance","name":"i","values":{"ami":"x","user_data":"y"}},
 {"address":"aws_iam_user_policy.n","mode":"managed","type":"aws_iam_user_policy","name":"n","values":null},
 {"address":"aws_iam_user_policy.o","mode":"managed","type":"aws_iam_user_policy","name":"o","deposed_key":"00000001","values":{"user":"u","policy":"{}"}},
 {"address":"aws_iam_user_policy.s","mode":"managed","type":"aws_iam_user_policy","name":"s","values":{"user":"u","name":"s",
  "policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"*\"}]}"},"sensitive_values":{"policy":true}}],
 "child_modules":[{"address":"module.m[\"a\"]","resources":[
  {"address":"module.m[\"a\"].aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","index":"a","values":{"name":"p\u00e9\"q",
   "policy":"{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"NotResource\":\"arn:aws:s3:::b\"}]}"}}],
  "child_modules":[{"address":"module.m[\"a\"].module.n[0]","resources":[
   {"address":"module.m[\"a\"].module.n[0].aws_iam_group_policy.g","mode":"managed","type":"aws_iam_group_policy","name":"g","values":{"group":"g",
    "policy":"{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"kms:*\",\"sts:*\"],\"Resource\":\"*\"}}"}}]}]}]}}}`

// dumpNode writes n and its kids: values, ranges, name ranges, texts.
func dumpNode(b *strings.Builder, n *eval.Node, depth int) {
	if n == nil {
		b.WriteString("nil\n")
		return
	}
	fmt.Fprintf(b, "%*s%s %v %v %v\n", depth*2, "", n.Val.GoString(), n.Range, n.NameRange(), n.Text != nil)
	for i, k := range n.Kids() {
		if i < len(n.Keys) {
			fmt.Fprintf(b, "%*s%s:\n", depth*2, "", n.Keys[i])
		}
		dumpNode(b, k, depth+1)
	}
}

// TestLazyPlannedValues checks that the managed resources of planned_values
// that resource_changes does not list are left to Stream, as the values of
// changes are (a plan filtered to planned_values was decoded whole by
// Load), and that Stream builds the bodies, blocks and changes that a
// whole Load makes.
func TestLazyPlannedValues(t *testing.T) {
	src := []byte(plannedOnly)
	relevant := func(mode, typ string) bool { return typ != "aws_instance" }
	opts := Options{SkipBefore: true, Relevant: relevant}
	whole, diags := Load("p.json", src, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	opts.Lazy = true
	p, diags := Load("p.json", src, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// aws_iam_policy.c (resource_changes), aws_iam_role.r,
	// aws_iam_user_policy.s, the two in modules; not the data source,
	// the instance (not read), the null values or the deposed object.
	if !p.Lazy() || len(p.lazy.jobs) != 5 {
		t.Fatalf("Lazy %v, %d jobs; want 5", p.Lazy(), len(p.lazy.jobs))
	}
	dump := func(p *Plan, stream bool) string {
		var b strings.Builder
		for _, c := range p.Changes {
			fmt.Fprintf(&b, "change %s %s %v %s after %v\n", c.Address, c.Source, c.Actions, c.Range, c.After != nil)
		}
		fmt.Fprintf(&b, "sensitive %v\n", p.Sensitive)
		blocks := func(fn func([]*eval.Block)) {
			if !stream {
				for _, m := range p.After.Modules {
					fn(m.Blocks)
				}
				return
			}
			if diags := p.Stream(2, nil, fn); diags.HasErrors() {
				t.Fatal(diags)
			}
		}
		blocks(func(bs []*eval.Block) {
			for _, bl := range bs {
				fmt.Fprintf(&b, "block %s %s %s\n", bl.Module.Path, bl.Address, bl.Range)
				dumpNode(&b, bl.Body, 1)
			}
		})
		return b.String()
	}
	want := dump(whole, false)
	if !strings.Contains(want, "aws_iam_group_policy.g") || !strings.Contains(want, `"kms:*`) {
		t.Fatalf("the whole load misses resources:\n%s", want)
	}
	if got := dump(p, true); got != want {
		t.Errorf("streamed:\n%s\nwant (loaded whole):\n%s", got, want)
	}
	if slices.ContainsFunc(p.After.Modules[0].Blocks, func(b *eval.Block) bool { return b.Mode == "data" && b.Body == nil }) {
		t.Errorf("a data source left without its body")
	}
}
