package plan

import (
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestUnknownMarkType: an after_unknown mark of the wrong type inside the
// object ("true" as a string, a number) is an Invalid plan error at the
// mark, as at the top: it said the value was known, and an omitted policy
// so marked was neither linted nor a notice. LazyString and LazyStrings
// (read before Stream builds the body) do not fail on it: they leave the
// block to the build, which says the error.
func TestUnknownMarkType(t *testing.T) {
	for _, mark := range []string{`"true"`, `1`, `"yes"`} {
		src := `{"format_version":"1.2","resource_changes":[
{"address":"aws_iam_role.r","mode":"managed","type":"aws_iam_role","name":"r","change":{"actions":["create"],
 "after":{"name":"r"},"after_unknown":{"arn":true,"assume_role_policy":` + mark + `}}}]}`
		want := "resource_changes[0].change.after_unknown.assume_role_policy should be a boolean, or an object or array mirroring the value, found "
		_, diags := Load("plan.json", []byte(src), Options{SkipBefore: true})
		if !diags.HasErrors() || !strings.Contains(diags.Error(), want) {
			t.Errorf("%s: Load: %v, want an error %q", mark, diags, want)
		}
		if d := diags[0]; d.Subject == nil || d.Subject.Start.Line != 3 || d.Subject.Start.Column != 72 {
			t.Errorf("%s: error at %v, want plan.json:3:72", mark, d.Subject)
		}

		p, diags := Load("plan.json", []byte(src), Options{SkipBefore: true, Lazy: true})
		if diags.HasErrors() || p == nil {
			t.Fatalf("%s: lazy Load: %v", mark, diags)
		}
		var b *eval.Block
		for _, m := range p.After.Modules {
			for _, x := range m.Blocks {
				if x.Address == "aws_iam_role.r" {
					b = x
				}
			}
		}
		if b == nil || !p.Deferred(b) {
			t.Fatalf("%s: aws_iam_role.r not built by Stream", mark)
		}
		if s, ok := p.LazyString(b, "assume_role_policy"); ok {
			t.Errorf("%s: LazyString = %q, true; want not read", mark, s)
		}
		if _, _, exact := p.LazyStrings(b, "assume_role_policy"); exact {
			t.Errorf("%s: LazyStrings exact; want the body built", mark)
		}
		if s, ok := p.LazyString(b, "name"); !ok || s != "r" {
			t.Errorf("%s: LazyString(name) = %q, %v after the bad mark; want \"r\"", mark, s, ok)
		}
		diags = p.Stream(1, nil, func([]*eval.Block) {})
		if !diags.HasErrors() || !strings.Contains(diags.Error(), want) {
			t.Errorf("%s: Stream: %v, want an error %q", mark, diags, want)
		}
	}
}
