package plan

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
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
	// From a value within (a deferred change's: its element alone read).
	if got, ok := memberPathFrom([]byte(src), strings.Index(src, `{"change"`), strings.Index(src, `"x"`), "resource_changes[1]"); !ok || got != "resource_changes[1].change.after" {
		t.Errorf("from: %q %v", got, ok)
	}
}

// TestMemberPaths: the paths memberPaths gives the values at offsets in
// one scan are those memberPath gives each: of every value of a plan, of
// some of them, of values of the same member and of values in different
// members; an offset that is not a value's start has none.
func TestMemberPaths(t *testing.T) {
	src := []byte("\ufeff{\"a\": 1, \"resource_changes\": [{}, {\"change\": {\"after\": \"x\", \"after_sensitive\": {\"p\": [true, \"y\"], \"q\": 2}}}, [[]]], \"variables\": {\"a b\": {\"value\": [0, 7]}}, \"z\": {\"k\": true}}")
	var all []string
	var offs []int
	for off := range src {
		if p, ok := memberPath(src, off); ok {
			all = append(all, p)
			offs = append(offs, off)
		}
	}
	if len(offs) != 21 {
		t.Fatalf("%d values: %q", len(offs), all)
	}
	subsets := [][]int{offs, offs[:1], offs[len(offs)-1:], {offs[5], offs[6], offs[7]}, {offs[3], offs[12], offs[20]}, {offs[9], offs[10]}}
	for _, sub := range subsets {
		var want []string
		for _, off := range sub {
			p, _ := memberPath(src, off)
			want = append(want, p)
		}
		if got, ok := memberPaths(src, sub); !ok || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%v: %q %v, want %q", sub, got, ok, want)
		}
	}
	if got, ok := memberPaths(src, nil); !ok || len(got) != 0 {
		t.Errorf("none: %q %v", got, ok)
	}
	for _, bad := range [][]int{{offs[4] + 1}, {offs[2], offs[4] + 1}, {offs[2], len(src)}} {
		if got, ok := memberPaths(src, bad); ok {
			t.Errorf("%v: %q, want none", bad, got)
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

// loadModes loads src in every way Load has (whole, with the pipeline,
// lazily with the pass split in two), calling check with each result.
func loadModes(t *testing.T, src string, check func(mode string, p *Plan, diags hcl.Diagnostics)) {
	t.Helper()
	defer func(pipe, split int) { minPipelineSize, minSplitPass = pipe, split }(minPipelineSize, minSplitPass)
	for _, pipe := range []int{math.MaxInt, 0} {
		for _, opts := range []Options{{}, {SkipBefore: true, Lazy: true}} {
			minPipelineSize, minSplitPass = pipe, 0
			p, diags := Load("plan.json", []byte(src), opts)
			check(fmt.Sprintf("pipe %d %+v", pipe, opts), p, diags)
		}
	}
}

// sensitiveHas reports whether the ranges of sensitive hold [start, end).
func sensitiveHas(sensitive [][2]int, start, end int) bool {
	for _, r := range sensitive {
		if r[0] <= start && end <= r[1] {
			return true
		}
	}
	return false
}

// TestLoadBadSensitiveMarks: a sensitivity mark of the wrong type (a
// string or a number, or an array for an object: Terraform writes true,
// false, or an object or array mirroring the value) is an "Invalid plan"
// error at the mark, naming it by its path, in every way of loading; it
// is not fatal: the plan loads with all its changes, and the value the
// mark is for is sensitive as a whole (it was hidden, silently).
func TestLoadBadSensitiveMarks(t *testing.T) {
	var changes []string
	for i := range 40 {
		// (No space after "address": the lazy load splits its pass there.)
		changes = append(changes, fmt.Sprintf(`{"address":"aws_iam_policy.p%d", "type": "aws_iam_policy", "change": {"actions": ["update"], "before": {"name": "old%d"}, "after": {"name": "new%d"}, "after_unknown": {}, "after_sensitive": {}, "before_sensitive": {}}}`, i, i, i))
	}
	cases := []struct {
		bad, good, want, hidden string
	}{
		{`"after_sensitive": "yes"`, `"after_sensitive": {}`, `resource_changes[33].change.after_sensitive should be a boolean or an object mirroring the value, found a string`, `{"name": "new33"}`},
		{`"after_sensitive": 1`, `"after_sensitive": {}`, `resource_changes[33].change.after_sensitive should be a boolean or an object mirroring the value, found the number 1`, `{"name": "new33"}`},
		{`"after_sensitive": [true]`, `"after_sensitive": {}`, `resource_changes[33].change.after_sensitive should be a boolean or an object mirroring the value, found an array`, `{"name": "new33"}`},
		{`"after_sensitive": {"name": "x"}`, `"after_sensitive": {}`, `resource_changes[33].change.after_sensitive.name should be a boolean, found a string`, `"new33"`},
		{`"after_sensitive": {"arn": "x"}`, `"after_sensitive": {}`, `resource_changes[33].change.after_sensitive.arn should be a boolean, or an object or array mirroring the value, found a string`, ``},
		{`"after": {"name": ["a"]}, "after_unknown": {}, "after_sensitive": {"name": [false, "x"]}`, `"after": {"name": "new33"}, "after_unknown": {}, "after_sensitive": {}`,
			`resource_changes[33].change.after_sensitive.name[1] should be a boolean, or an object or array mirroring the value, found a string`, ``},
		{`"after": {"name": ["a"]}, "after_unknown": {}, "after_sensitive": {"name": ["x"]}`, `"after": {"name": "new33"}, "after_unknown": {}, "after_sensitive": {}`,
			`resource_changes[33].change.after_sensitive.name[0] should be a boolean, found a string`, `"a"`},
		{`"after": {"name": {"k": "v"}}, "after_unknown": {}, "after_sensitive": {"name": []}`, `"after": {"name": "new33"}, "after_unknown": {}, "after_sensitive": {}`,
			`resource_changes[33].change.after_sensitive.name should be a boolean or an object mirroring the value, found an array`, `{"k": "v"}`},
		{`"before_sensitive": 0.5`, `"before_sensitive": {}`, `resource_changes[33].change.before_sensitive should be a boolean or an object mirroring the value, found the number 0.5`, `{"name": "old33"}`},
		{`"before": {"name": "old33"}, "after": null, "after_unknown": {}, "after_sensitive": "x"`, `"before": {"name": "old33"}, "after": {"name": "new33"}, "after_unknown": {}, "after_sensitive": {}`,
			`resource_changes[33].change.after_sensitive should be a boolean, found a string`, ``},
		{`"after_unknown": {}, "after_sensitive": "x"`, `"after": {"name": "new33"}, "after_unknown": {}, "after_sensitive": {}`,
			`resource_changes[33].change.after_sensitive should be a boolean, or an object or array mirroring the value, found a string`, ``},
	}
	for _, c := range cases {
		cs := append([]string(nil), changes...)
		if !strings.Contains(cs[33], c.good) {
			t.Fatalf("%s: no %s", c.want, c.good)
		}
		cs[33] = strings.Replace(cs[33], c.good, c.bad, 1)
		src := "{\"format_version\": \"1.2\",\n\"resource_changes\": [\n" + strings.Join(cs, ",\n") + "]}"
		mark := c.bad[strings.LastIndex(c.bad, `_sensitive": `)+len(`_sensitive": `):]
		if strings.Contains(c.want, "after_sensitive.") {
			mark = `"x"`
			if strings.HasSuffix(c.want, "an array") {
				mark = `[]`
			}
		}
		at := strings.Index(src, cs[33]) + strings.LastIndex(cs[33], mark)
		loadModes(t, src, func(mode string, p *Plan, diags hcl.Diagnostics) {
			if p == nil || len(diags) != 0 {
				t.Fatalf("%s: %s: %v", mode, c.want, diags)
			}
			var errs hcl.Diagnostics
			for _, d := range p.After.Diags {
				if d.Severity == hcl.DiagError {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("%s: %s: %v", mode, c.want, p.After.Diags)
			}
			d := errs[0]
			want := c.want + " (the value it marks is treated as sensitive: hidden in every message)"
			end := at + len(mark) // a scalar; an object or array at its first byte, as elsewhere
			if mark[0] == '[' || mark[0] == '{' {
				end = at + 1
			}
			if d.Summary != "Invalid plan" || d.Detail != want || d.Subject.Start.Byte != at || d.Subject.Start.Line != 36 || d.Subject.End.Byte != end {
				t.Errorf("%s: %s: %s at %d-%d line %d, want %s at %d", mode, d.Summary, d.Detail, d.Subject.Start.Byte, d.Subject.End.Byte, d.Subject.Start.Line, want, at)
			}
			if len(p.Changes) != 40 {
				t.Errorf("%s: %d changes", mode, len(p.Changes))
			}
			if c.hidden != "" {
				h := strings.Index(src, cs[33]) + strings.Index(cs[33], c.hidden)
				if !sensitiveHas(p.Sensitive, h, h+len(c.hidden)) {
					t.Errorf("%s: %s not sensitive: %v", mode, c.hidden, p.Sensitive)
				}
			}
			for _, r := range p.Sensitive {
				if r[0] < strings.Index(src, cs[33]) || r[1] > strings.Index(src, cs[33])+len(cs[33]) {
					t.Errorf("%s: sensitive %q outside the change", mode, src[r[0]:r[1]])
				}
			}
		})
	}
}

// TestLoadBadSensitiveValues: the same of the sensitive_values of a
// resource of planned_values and of prior_state (whose marks hold for
// the change of the same address too); one mark read twice is one error;
// more than maxBadMarks are maxBadMarks errors, the last saying so.
func TestLoadBadSensitiveValues(t *testing.T) {
	res := func(addr, values, sens string) string {
		return fmt.Sprintf(`{"address": %q, "mode": "managed", "type": "aws_iam_policy", "name": "x", "values": %s, "sensitive_values": %s}`, addr, values, sens)
	}
	src := "{\"format_version\": \"1.2\",\n" +
		`"planned_values": {"root_module": {"resources": [` + "\n" +
		res("aws_iam_policy.a", `{"policy": "secret-a"}`, `"all"`) + ",\n" +
		res("aws_iam_policy.b", `{"tags": ["t1", "secret-b"]}`, `{"tags": {"1": true}}`) + ",\n" +
		res("aws_iam_policy.c", `{"policy": "plain"}`, `{}`) + "\n" +
		`]}},` + "\n" +
		`"prior_state": {"values": {"root_module": {"resources": [` + "\n" +
		res("aws_iam_policy.a", `{"policy": "secret-old"}`, `7`) + "\n" +
		`]}}},` + "\n" +
		`"resource_changes": [{"address": "aws_iam_policy.a", "type": "aws_iam_policy", "change": {"actions": ["update"], "before": {"policy": "secret-old2"}, "after": {"policy": "secret-a2"}}}],` + "\n" +
		`"output_changes": {"o": {"actions": ["create"], "after": "secret-out", "after_sensitive": "true"}},` + "\n" +
		`"resource_drift": [{"address": "x.y", "change": {"before": {"a": "secret-drift"}, "before_sensitive": 5}}]}`
	wants := []struct{ detail, at string }{
		{`planned_values.root_module.resources[0].sensitive_values should be a boolean or an object mirroring the value, found a string`, `"all"`},
		{`planned_values.root_module.resources[1].sensitive_values.tags should be a boolean or an array mirroring the value, found an object`, `{"1": true}`},
		{`prior_state.values.root_module.resources[0].sensitive_values should be a boolean or an object mirroring the value, found the number 7`, `7}`},
		{`output_changes.o.after_sensitive should be a boolean, found a string`, `"true"`},
		{`resource_drift[0].change.before_sensitive should be a boolean or an object mirroring the value, found the number 5`, `5}`},
	}
	loadModes(t, src, func(mode string, p *Plan, diags hcl.Diagnostics) {
		if p == nil || len(diags) != 0 {
			t.Fatalf("%s: %v", mode, diags)
		}
		var errs hcl.Diagnostics
		for _, d := range p.After.Diags {
			if d.Severity == hcl.DiagError {
				errs = append(errs, d)
			}
		}
		if len(errs) != len(wants) {
			t.Fatalf("%s: %v", mode, p.After.Diags)
		}
		for i, w := range wants {
			d := errs[i]
			if d.Summary != "Invalid plan" || !strings.HasPrefix(d.Detail, w.detail+" (") || d.Subject.Start.Byte != strings.Index(src, w.at) {
				t.Errorf("%s: %s at %d, want %s at %d", mode, d.Detail, d.Subject.Start.Byte, w.detail, strings.Index(src, w.at))
			}
		}
		for _, secret := range []string{`"secret-a"`, `["t1", "secret-b"]`, `"secret-old"`, `"secret-a2"`, `"secret-out"`, `{"a": "secret-drift"}`} {
			if h := strings.Index(src, secret); !sensitiveHas(p.Sensitive, h, h+len(secret)) {
				t.Errorf("%s: %s not sensitive: %v", mode, secret, p.Sensitive)
			}
		}
		if h := strings.Index(src, `"plain"`); sensitiveHas(p.Sensitive, h, h+1) {
			t.Errorf("%s: plain is sensitive", mode)
		}
	})

	// More than maxBadMarks.
	var rs []string
	for i := range maxBadMarks + 5 {
		rs = append(rs, res(fmt.Sprintf("aws_iam_policy.p%d", i), `{"policy": "s"}`, `"yes"`))
	}
	src = "{\"format_version\": \"1.2\",\n" + `"planned_values": {"root_module": {"resources": [` + strings.Join(rs, ",\n") + `]}}}`
	loadModes(t, src, func(mode string, p *Plan, diags hcl.Diagnostics) {
		if p == nil || len(diags) != 0 || len(p.After.Diags) != maxBadMarks {
			t.Fatalf("%s: %v", mode, p.After.Diags)
		}
		last := p.After.Diags[maxBadMarks-1]
		if !strings.HasPrefix(last.Detail, fmt.Sprintf("planned_values.root_module.resources[%d].sensitive_values should be", maxBadMarks-1)) ||
			!strings.HasSuffix(last.Detail, fmt.Sprintf("more than %d sensitivity marks of the plan are of the wrong type, the others not listed", maxBadMarks)) {
			t.Errorf("%s: %s", mode, last.Detail)
		}
		if len(p.Sensitive) != maxBadMarks+5 {
			t.Errorf("%s: %d sensitive", mode, len(p.Sensitive))
		}
	})
}

// TestLoadShapeErrorsTopLevel: the members of the plan that were skipped
// silently when of the wrong type (and with them what they tell: what
// each resource sets and references, the sensitive values of outputs
// and drift, a variable's value, an incomplete plan) are "Invalid plan"
// at the value, in every way of loading; null is none.
func TestLoadShapeErrorsTopLevel(t *testing.T) {
	const head = "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.0\",\n\"resource_changes\": [{\"address\":\"aws_iam_policy.p\", \"type\": \"aws_iam_policy\", \"change\": {\"actions\": [\"create\"], \"after\": {\"name\": \"p\"}}}],\n"
	cases := []struct{ member, want string }{
		{`"configuration": "x"`, `configuration should be an object, found a string`},
		{`"configuration": []`, `configuration should be an object, found an array`},
		{`"output_changes": []`, `output_changes should be an object of output changes, found an array`},
		{`"output_changes": {"o": "v"}`, `output_changes.o should be a change object, found a string`},
		{`"resource_drift": {}`, `resource_drift should be an array of resource changes, found an object`},
		{`"resource_drift": [3]`, `resource_drift[0] should be a resource change object, found the number 3`},
		{`"resource_drift": [{"address": "a.b", "change": true}]`, `resource_drift[0].change should be a change object, found a boolean`},
		{`"variables": {"env": "dev"}`, `variables.env should be an object with the variable's value, found a string`},
		{`"errored": "true"`, `errored should be a boolean, found a string`},
		{`"complete": 0`, `complete should be a boolean, found the number 0`},
	}
	for _, c := range cases {
		src := head + c.member + "}"
		k := strings.Index(c.member, ": ") + 2
		at := len(head) + k
		// The innermost value of the wrong type.
		switch {
		case strings.Contains(c.want, ".o "):
			at = len(head) + strings.Index(c.member, `"v"`)
		case strings.Contains(c.want, "[0] "):
			at = len(head) + strings.Index(c.member, `3`)
		case strings.Contains(c.want, ".change "):
			at = len(head) + strings.Index(c.member, `true`)
		case strings.Contains(c.want, ".env "):
			at = len(head) + strings.Index(c.member, `"dev"`)
		}
		loadModes(t, src, func(mode string, p *Plan, diags hcl.Diagnostics) {
			if p != nil || len(diags) != 1 {
				t.Fatalf("%s: %s: %v", mode, c.want, diags)
			}
			d := diags[0]
			if d.Summary != "Invalid plan" || d.Detail != c.want || d.Subject.Start.Byte != at || d.Subject.Start.Line != 3 {
				t.Errorf("%s: %s: %s at %d, want %s at %d", mode, d.Summary, d.Detail, d.Subject.Start.Byte, c.want, at)
			}
		})
		null := head + c.member[:k] + "null}"
		if strings.Contains(c.want, ".") || strings.Contains(c.want, "[0]") {
			continue
		}
		loadModes(t, null, func(mode string, p *Plan, diags hcl.Diagnostics) {
			if p == nil || len(diags) != 0 {
				t.Errorf("%s: %s null: %v", mode, c.member, diags)
			}
		})
	}
}
