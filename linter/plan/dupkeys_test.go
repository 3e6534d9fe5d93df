package plan

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// dupNotices returns the duplicate-key notices of diags as "line:column
// key", sorted by position.
func dupNotices(diags hcl.Diagnostics) []string {
	type at struct {
		off int
		s   string
	}
	var got []at
	for _, d := range diags {
		if d.Summary != "Duplicate key in plan JSON" {
			continue
		}
		k, _, _ := strings.Cut(strings.TrimPrefix(d.Detail, "The key "), " appears")
		got = append(got, at{d.Subject.Start.Byte, fmt.Sprintf("%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, k)})
	}
	slices.SortFunc(got, func(a, b at) int { return a.off - b.off })
	out := make([]string, len(got))
	for i, g := range got {
		out[i] = g.s
	}
	return out
}

// nestedDups has duplicate keys below the top level of the values iamlint
// reads: a policy document data source's statement (the first "actions"
// grants everything, the last one does not), an inline policy of a role
// (a managed resource: built by Stream in a lazy load), after_unknown, a
// variable's value, a data source of prior_state and a before value.
const nestedDups = `{
  "format_version": "1.2",
  "variables": {"v": {"value": {"a": 1, "a": 2}}},
  "resource_changes": [
    {
      "address": "data.aws_iam_policy_document.d",
      "mode": "data",
      "type": "aws_iam_policy_document",
      "name": "d",
      "change": {
        "actions": ["read"],
        "before": null,
        "after": {
          "statement": [
            {
              "actions": ["*"],
              "effect": "Allow",
              "actions": ["s3:GetObject"],
              "resources": ["*"]
            }
          ]
        },
        "after_unknown": {"json": true, "statement": [{"sid": false, "sid": false}]}
      }
    },
    {
      "address": "aws_iam_role.r",
      "mode": "managed",
      "type": "aws_iam_role",
      "name": "r",
      "change": {
        "actions": ["update"],
        "before": {"name": "r", "name": "r0", "tags": {"t": "1", "t": "2"}},
        "after": {
          "name": "r",
          "inline_policy": [{"name": "p", "policy": "{}", "name": "q"}]
        },
        "after_unknown": {}
      }
    }
  ],
  "prior_state": {"values": {"root_module": {"resources": [
    {"address": "data.aws_iam_policy_document.s", "mode": "data", "type": "aws_iam_policy_document", "name": "s",
     "values": {"statement": [{"effect": "Deny", "effect": "Allow"}]}}
  ]}}}
}`

// TestDupKeysNested checks that every duplicate key below the top level of
// a value iamlint reads gets its notice at the second key, once, in a
// plan loaded whole, lazily (streamed, twice) and with its before values,
// and that the value is the last one.
func TestDupKeysNested(t *testing.T) {
	src := []byte(nestedDups)
	pos := func(needle string, n int) string {
		p := posOf(t, src, needle, n)
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	after := []string{
		pos(`"a": 2`, 1) + ` "a"`,
		pos(`"actions": ["s3:GetObject"]`, 1) + ` "actions"`,
		pos(`"sid": false}`, 1) + ` "sid"`,
		pos(`"name": "q"`, 1) + ` "name"`,
		pos(`"effect": "Allow"}`, 1) + ` "effect"`,
	}
	before := []string{
		pos(`"name": "r0"`, 1) + ` "name"`,
		pos(`"t": "2"`, 1) + ` "t"`,
	}
	for _, tc := range []struct {
		name string
		opts Options
		want []string
	}{
		{"whole", Options{SkipBefore: true}, after},
		{"lazy", Options{SkipBefore: true, Lazy: true}, after},
		{"before", Options{}, slices.Concat(after[:3], before, after[3:])},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := Load("n.json", src, tc.opts)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if tc.opts.Lazy {
				if !p.Lazy() {
					t.Fatal("not lazy")
				}
				for range 2 { // each notice once, however many streams
					if d := p.Stream(1, nil, func([]*eval.Block) {}); len(d) > 0 {
						t.Fatal(d)
					}
				}
			}
			got := dupNotices(p.After.Diags)
			if !slices.Equal(got, tc.want) {
				t.Errorf("notices\n%q\nwant\n%q", got, tc.want)
			}
			d := findBlock(p.After, "data.aws_iam_policy_document.d")
			if d == nil || d.Body == nil {
				t.Fatal("no data source")
			}
			acts := d.Body.Val.GetAttr("statement").Index(cty.NumberIntVal(0)).GetAttr("actions")
			if !acts.RawEquals(cty.TupleVal([]cty.Value{cty.StringVal("s3:GetObject")})) {
				t.Errorf("actions %#v, want the last one", acts)
			}
		})
	}
}

// TestDupKeysNestedBound checks that nested duplicate keys are bounded
// as the others are (maxDupNotices), in a plan loaded whole and lazily.
func TestDupKeysNestedBound(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format_version":"1.2","resource_changes":[`)
	for i := range 2 * maxDupNotices {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"address":"aws_iam_role.r%d","mode":"managed","type":"aws_iam_role","name":"r%d","change":{"actions":["create"],`+
			`"after":{"inline_policy":[{"name":"a","name":"b"},{"x":{"y":1,"y":2}}]},"after_unknown":{}}}`, i, i)
	}
	b.WriteString(`]}`)
	for _, lazy := range []bool{false, true} {
		p, diags := Load("b.json", []byte(b.String()), Options{SkipBefore: true, Lazy: lazy})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if lazy {
			if d := p.Stream(3, nil, func([]*eval.Block) {}); len(d) > 0 {
				t.Fatal(d)
			}
		}
		got := dupNotices(p.After.Diags)
		if len(got) != maxDupNotices {
			t.Errorf("lazy %v: %d notices, want %d: %q", lazy, len(got), maxDupNotices, got)
		}
	}
}

// TestDupKeysLastValue checks that a key given twice counts with its last
// value, as its notice says, wherever it is: not both values joined.
func TestDupKeysLastValue(t *testing.T) {
	change := func(addr, actions string) string {
		return `{"address":"` + addr + `","mode":"managed","type":"aws_iam_policy","name":"p","change":{"actions":` + actions +
			`,"after":{"policy":"{}"},"after_unknown":{}}}`
	}
	state := func(addr string) string {
		return `{"root_module":{"resources":[{"address":"` + addr + `","mode":"managed","type":"aws_iam_policy","name":"p","values":{"policy":"{}"}}]}}`
	}
	for _, tc := range []struct {
		name, src string
		want      []string // the changes: address and actions
	}{
		{"actions", `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p",` +
			`"change":{"actions":["create"],"actions":["delete"],"after":{"policy":"{}"},"after_unknown":{}}}]}`,
			[]string{"aws_iam_policy.p [delete]"}},
		{"change", `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p",` +
			`"change":{"actions":["create"],"after":{"policy":"{}"},"after_unknown":{}},"change":{"actions":["delete"],"before":{"policy":"{}"}}}]}`,
			[]string{"aws_iam_policy.p [delete]"}},
		{"change null", `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p",` +
			`"change":{"actions":["create"],"after":{"policy":"{}"},"after_unknown":{}},"change":null}]}`,
			nil},
		{"address", `{"format_version":"1.2","resource_changes":[{"address":"aws_iam_policy.p","address":"aws_iam_policy.q","mode":"managed","type":"aws_iam_policy","name":"p",` +
			`"change":{"actions":["create"],"after":{"policy":"{}"},"after_unknown":{}}}]}`,
			[]string{"aws_iam_policy.q [create]"}},
		{"resource_changes", `{"format_version":"1.2","resource_changes":[` + change("aws_iam_policy.a", `["create"]`) + `],` +
			`"resource_changes":[` + change("aws_iam_policy.b", `["update"]`) + `]}`,
			[]string{"aws_iam_policy.b [update]"}},
		{"deferred_changes", `{"format_version":"1.2","resource_changes":[],` +
			`"deferred_changes":[{"reason":"r","resource_change":` + change("aws_iam_policy.a", `["create"]`) + `}],` +
			`"deferred_changes":[{"reason":"r","resource_change":` + change("aws_iam_policy.b", `["create"]`) + `}]}`,
			[]string{"aws_iam_policy.b [create]"}},
		{"resource_change", `{"format_version":"1.2","resource_changes":[],` +
			`"deferred_changes":[{"reason":"r","resource_change":` + change("aws_iam_policy.a", `["create"]`) + `,"resource_change":` + change("aws_iam_policy.b", `["create"]`) + `}]}`,
			[]string{"aws_iam_policy.b [create]"}},
		{"planned_values", `{"format_version":"1.2","planned_values":` + state("aws_iam_policy.a") + `,"planned_values":` + state("aws_iam_policy.b") + `}`,
			[]string{"aws_iam_policy.b [no-op]"}},
		{"root_module", `{"format_version":"1.2","planned_values":{"root_module":` + strings.TrimSuffix(state("aws_iam_policy.a")[len(`{"root_module":`):], "}") + `,` +
			`"root_module":` + strings.TrimSuffix(state("aws_iam_policy.b")[len(`{"root_module":`):], "}") + `}}`,
			[]string{"aws_iam_policy.b [no-op]"}},
		{"prior_state", `{"format_version":"1.2","resource_changes":[],"prior_state":{"values":` + state("aws_iam_policy.a") + `},"prior_state":{"values":` + state("aws_iam_policy.b") + `}}`,
			[]string{"aws_iam_policy.b [no-op]"}},
		{"values", `{"format_version":"1.2","resource_changes":[],"prior_state":{"values":` + state("aws_iam_policy.a") + `,"values":` + state("aws_iam_policy.b") + `}}`,
			[]string{"aws_iam_policy.b [no-op]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := Load("l.json", []byte(tc.src), Options{})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var got []string
			for _, c := range p.Changes {
				got = append(got, fmt.Sprintf("%s %v", c.Address, c.Actions))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("changes %q, want %q", got, tc.want)
			}
			if n := dupNotices(p.After.Diags); len(n) != 1 {
				t.Errorf("notices %q, want one", n)
			}
			for _, d := range p.After.Diags {
				if d.Summary == "Duplicate key in plan JSON" && !strings.Contains(d.Detail, "the last one") {
					t.Errorf("the notice does not say which value counts: %s", d.Detail)
				}
			}
		})
	}
}

// TestDupKeysConfiguration: a key given twice in the configuration
// section (which says what a resource's configuration sets and
// references) counts with its last value, with a notice, not both joined.
func TestDupKeysConfiguration(t *testing.T) {
	const refs = `"assume_role_policy": {"references": ["data.aws_iam_policy_document.d", "each.key"]}`
	for _, tc := range []struct {
		name, old, new string
		linked         bool // assume_role_policy gets a Ref to the document
		configured     bool // Configured has assume_role_policy
	}{
		{"none", refs, refs, true, true},
		{"references", refs, `"assume_role_policy": {"references": ["data.aws_iam_policy_document.d", "each.key"], "references": ["local.x"]}`, false, true},
		{"references last", refs, `"assume_role_policy": {"references": ["local.x"], "references": ["data.aws_iam_policy_document.d", "each.key"]}`, true, true},
		{"expression", refs, refs + `, "assume_role_policy": {"references": ["local.x"]}`, false, true},
		{"expressions", `"for_each_expression": {"references": ["local.keys"]}},`, `"expressions": {"name": {}}, "for_each_expression": {"references": ["local.keys"]}},`, false, false},
		{"root_module", `"configuration": {`, `"configuration": {"root_module": {"resources": []},`, true, true},
		{"root_module last", "\n    }\n  }\n}", "\n    },\n    \"root_module\": {}\n  }\n}", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(configPlan, tc.old, tc.new, 1)
			if src == configPlan && tc.name != "none" {
				t.Fatal("no change")
			}
			p, diags := Load("plan.json", []byte(src), Options{BeforeResourcesOnly: true})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			role := findBlock(p.After, `aws_iam_role.r["a"]`)
			arp := role.Body.Attr("assume_role_policy")
			if linked := arp != nil && arp.RefTo() != nil; linked != tc.linked {
				t.Errorf("linked %v, want %v", linked, tc.linked)
			}
			if c := p.Change(role).Configured; c["assume_role_policy"] != tc.configured {
				t.Errorf("Configured %v", c)
			}
			want := 1
			if tc.name == "none" {
				want = 0
			}
			if n := dupNotices(p.After.Diags); len(n) != want {
				t.Errorf("notices %q, want %d", n, want)
			}
		})
	}
}
