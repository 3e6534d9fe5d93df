package plan

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestMemberPath: the path of a value from the top-level object, with keys
// that are not plain names quoted, after a byte order mark; a text that is
// invalid after the value still has one; an offset that is not a value's
// start has none.
func TestMemberPath(t *testing.T) {
	src := "\ufeff{\"a\": 1, \"resource_changes\": [{}, {\"change\": {\"after\": \"x\"}}], \"variables\": {\"a b\": {\"value\": [0, 7]}}, \"z\": {\"k\": tru"
	cases := []struct{ at, want string }{
		{`"x"`, "resource_changes[1].change.after"},
		{`{"after"`, "resource_changes[1].change"},
		{`7]`, `variables["a b"].value[1]`},
		{`{"k"`, "z"},
		{`{"a"`, "the plan"},
		{`tru`, "z.k"},
	}
	for _, c := range cases {
		off := strings.Index(src, c.at)
		if got, ok := memberPath([]byte(src), off); !ok || got != c.want {
			t.Errorf("%s: %q %v, want %q", c.at, got, ok, c.want)
		}
	}
	for _, at := range []string{`after"`, `: 1`} {
		if got, ok := memberPath([]byte(src), strings.Index(src, at)); ok {
			t.Errorf("%s: %q, want none", at, got)
		}
	}
}

// TestLoadShapeErrors: a member of the wrong type is "Invalid plan" at
// the value, naming it by its path, whatever way the plan is loaded
// (whole, with the pipeline, lazily with the pass split in two: the
// second loader's change has its index in the whole array), and the
// message has no position in it.
func TestLoadShapeErrors(t *testing.T) {
	defer func(pipe, split int) { minPipelineSize, minSplitPass = pipe, split }(minPipelineSize, minSplitPass)
	var changes []string
	for i := range 40 {
		changes = append(changes, fmt.Sprintf(`{"address": "aws_iam_policy.p%d", "type": "aws_iam_policy", "change": {"actions": ["create"], "after": {"name": "p"}, "after_unknown": {}}}`, i))
	}
	cases := []struct {
		bad, good, want string
	}{
		{`"after_unknown": "x"`, `"after_unknown": {}`, `resource_changes[33].change.after_unknown should be an object (or true), found a string`},
		{`"after": 12345678901234567890123`, `"after": {"name": "p"}`, `resource_changes[33].change.after should be an object, found a number`},
		{`"actions": {}`, `"actions": ["create"]`, `resource_changes[33].change.actions should be an array of action strings, found an object`},
		{`"address": false`, `"address": "aws_iam_policy.p33"`, `resource_changes[33].address should be a string, found a boolean`},
		{`"change": null, "address": null`, `"address": "aws_iam_policy.p33"`, `resource_changes[33] has no address`},
	}
	for _, c := range cases {
		cs := append([]string(nil), changes...)
		cs[33] = strings.Replace(cs[33], c.good, c.bad, 1)
		src := "{\"format_version\": \"1.2\",\n\"resource_changes\": [\n" + strings.Join(cs, ",\n") + "]}"
		at := strings.Index(src, c.bad) + strings.Index(c.bad, ": ") + 2
		if strings.HasSuffix(c.want, "has no address") {
			at = strings.Index(src, cs[33])
		}
		for _, pipe := range []int{math.MaxInt, 0} {
			for _, opts := range []Options{{}, {SkipBefore: true, Lazy: true}} {
				minPipelineSize, minSplitPass = pipe, 0
				p, diags := Load("plan.json", []byte(src), opts)
				if p != nil || len(diags) != 1 {
					t.Fatalf("%s: %v", c.want, diags)
				}
				d := diags[0]
				if d.Summary != "Invalid plan" || d.Detail != c.want || d.Subject.Start.Byte != at || d.Subject.Start.Line != 36 ||
					strings.Contains(d.Detail, "line") || strings.Contains(d.Detail, "offset") {
					t.Errorf("pipe %d %+v: %s: %s (at %d), want %s at %d", pipe, opts, d.Summary, d.Detail, d.Subject.Start.Byte, c.want, at)
				}
			}
		}
	}
}

// TestLoadShapeErrorInvalidAfter: the wrong type comes first, however bad
// the text after it; a scalar that is not a JSON value is a syntax error,
// not a value of the wrong type; a window of the plan (no text before
// it) says the type error as before, with its offset.
func TestLoadShapeErrorInvalidAfter(t *testing.T) {
	_, diags := Load("plan.json", []byte(`{"format_version": "1.2", "resource_changes": {"a": `), Options{})
	if len(diags) != 1 || diags[0].Detail != "resource_changes should be an array of resource changes, found an object" {
		t.Errorf("truncated after: %v", diags)
	}
	_, diags = Load("plan.json", []byte(`{"format_version": "1.2", "resource_changes": nul}`), Options{})
	if len(diags) != 1 || diags[0].Summary != "invalid plan JSON" || !strings.Contains(diags[0].Detail, "unexpected character 'n', expected a value at byte offset 46") {
		t.Errorf("bad literal: %v", diags)
	}
	src := []byte(`{"format_version": "1.2", "resource_changes": {}}`)
	s := &scanner{src: src[10:], base: 10, size: len(src), name: "plan.json", lines: lineStarts(src)}
	d := s.syntaxDiag(syntaxError{off: 46, msg: "unexpected character '{', expected an array", want: "an array of resource changes"})
	if d.Summary != "invalid plan JSON" || !strings.Contains(d.Detail, "expected an array at byte offset 46") {
		t.Errorf("window: %v", d)
	}
}
