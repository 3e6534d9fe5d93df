package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/iam"
)

// unknownText in a test policy stands for a value known only after apply.
const unknownText = "<unknown>"

// docFromJSON builds a Document from policy JSON by hand (without the iam
// parser), so the checks can be tested on their own. Every value's range has
// its JSON path as Filename ("Statement[0].Action[1]"), so a test can say
// which element a finding points at.
func docFromJSON(t *testing.T, kind iam.Kind, src string) *iam.Document {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal([]byte(src), &raw); err != nil {
		t.Fatalf("bad test policy: %v\n%s", err, src)
	}
	d := &iam.Document{Kind: kind, Address: "test.policy"}
	var stmts []any
	switch st := raw["Statement"].(type) {
	case []any:
		stmts = st
	case map[string]any:
		stmts = []any{st}
	}
	for i, x := range stmts {
		m := x.(map[string]any)
		at := fmt.Sprintf("Statement[%d]", i)
		s := &iam.Statement{Range: iam.MakeRange(rng(at))}
		var ex iam.StatementExtra
		var sc iam.StatementScope
		if e, ok := m["Effect"].(string); ok {
			s.SetEffect(val(e, at+".Effect"))
		} else {
			s.SetEffect(iam.UnknownValue(rng(at + ".Effect")))
		}
		for _, el := range []struct {
			key  string
			vals *[]iam.Value
			elem *iam.Element
		}{
			{"Action", &s.Actions, &s.Action},
			{"NotAction", &ex.NotActions, &ex.NotAction},
			{"Resource", &s.Resources, &s.Resource},
			{"NotResource", &ex.NotResources, &ex.NotResource},
		} {
			v, ok := m[el.key]
			if !ok {
				continue
			}
			*el.elem = iam.Element{Present: true, Range: iam.MakeRange(rng(at + "." + el.key))}
			*el.vals = vals(v, at+"."+el.key)
		}
		for _, el := range []struct {
			key  string
			ps   *[]iam.Principal
			elem *iam.Element
		}{
			{"Principal", &sc.Principals, &sc.Principal},
			{"NotPrincipal", &ex.NotPrincipals, &ex.NotPrincipal},
		} {
			v, ok := m[el.key]
			if !ok {
				continue
			}
			p := at + "." + el.key
			*el.elem = iam.Element{Present: true, Range: iam.MakeRange(rng(p))}
			if str, ok := v.(string); ok {
				*el.ps = append(*el.ps, iam.Principal{Type: val("*", p), ID: val(str, p)})
				continue
			}
			obj := v.(map[string]any)
			for _, typ := range sortedKeys(obj) {
				for _, id := range vals(obj[typ], p+"."+typ) {
					*el.ps = append(*el.ps, iam.Principal{Type: val(typ, p), ID: id})
				}
			}
		}
		if c, ok := m["Condition"].(map[string]any); ok {
			sc.Condition = iam.Element{Present: true, Range: iam.MakeRange(rng(at + ".Condition"))}
			for _, op := range sortedKeys(c) {
				keys := c[op].(map[string]any)
				for _, k := range sortedKeys(keys) {
					p := at + ".Condition." + op + "." + k
					sc.Conditions = append(sc.Conditions, iam.Condition{
						Operator: val(op, p), Key: val(k, p), Values: vals(keys[k], p),
					})
				}
			}
		}
		s.SetExtra(ex)
		s.SetScope(sc)
		d.Statements = append(d.Statements, s)
	}
	return d
}

func rng(path string) hcl.Range { return hcl.Range{Filename: path} }

func val(s, path string) iam.Value {
	if s == unknownText {
		return iam.UnknownValue(rng(path))
	}
	return iam.KnownValue(s, rng(path))
}

func vals(v any, path string) []iam.Value {
	switch x := v.(type) {
	case string:
		return []iam.Value{val(x, path)}
	case []any:
		var out []iam.Value
		for i, e := range x {
			out = append(out, val(e.(string), fmt.Sprintf("%s[%d]", path, i)))
		}
		return out
	}
	panic(fmt.Sprintf("bad test value %T at %s", v, path))
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// runCheck runs one rule on the documents and returns the findings.
func runCheck(r *linter.Rule, docs ...*iam.Document) []linter.Finding {
	var fs []linter.Finding
	r.Check(linter.NewPass(r, &iam.Model{Documents: docs}, func(f linter.Finding) { fs = append(fs, f) }))
	return fs
}

type checkCase struct {
	name string
	kind iam.Kind
	json string
	want []string // JSON paths of the findings, in report order
}

func testRule(t *testing.T, r *linter.Rule, cases []checkCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind := c.kind
			if kind == "" {
				kind = iam.Identity
			}
			fs := runCheck(r, docFromJSON(t, kind, c.json))
			var got []string
			for _, f := range fs {
				got = append(got, f.Range.Filename)
				if f.Rule != r.ID || f.Severity != r.Severity || f.Resource != "test.policy" || f.PolicyKind != kind || f.Message == "" {
					t.Errorf("bad finding %+v", f)
				}
				t.Logf("%s: %s", f.Range.Filename, f.Message)
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("findings at %q, want %q", got, c.want)
			}
		})
	}
}
