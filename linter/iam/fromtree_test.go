package iam

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// fake is a Tree built in tests, standing in for the trees package extract
// adapts from evaluated values (it can hold unknowns, and has no key ranges).
type fake struct {
	kind  TreeKind
	text  string
	keys  []string
	vals  map[string]*fake
	elems []*fake
	line  int
}

func (f *fake) Kind() TreeKind      { return f.kind }
func (f *fake) Scalar() string      { return f.text }
func (f *fake) Range() hcl.Range    { return hcl.Range{Filename: "fake", Start: hcl.Pos{Line: f.line}} }
func (f *fake) KeyRange() hcl.Range { return hcl.Range{} }
func (f *fake) Keys() []string      { return f.keys }
func (f *fake) Field(k string) Tree {
	if v, ok := f.vals[k]; ok {
		return v
	}
	return nil
}
func (f *fake) Len() int { return len(f.elems) }
func (f *fake) Elem(i int) Tree {
	if i < 0 || i >= len(f.elems) {
		return nil
	}
	return f.elems[i]
}

var unk = &fake{kind: TreeUnknown, line: 99}

func fstr(s string) *fake { return &fake{kind: TreeString, text: s} }
func fobj(kv ...any) *fake {
	f := &fake{kind: TreeObject, vals: map[string]*fake{}}
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		f.keys = append(f.keys, k)
		f.vals[k] = kv[i+1].(*fake)
	}
	return f
}
func farr(es ...*fake) *fake { return &fake{kind: TreeArray, elems: es} }

// docString renders the parts of a document the tests compare.
func docString(d *Document) string {
	val := func(v Value) string {
		if !v.Known {
			return "?"
		}
		return v.Text
	}
	vals := func(vs []Value) string {
		var s []string
		for _, v := range vs {
			s = append(s, val(v))
		}
		return strings.Join(s, ",")
	}
	prins := func(ps []Principal) string {
		var s []string
		for _, p := range ps {
			s = append(s, val(p.Type)+"="+val(p.ID))
		}
		return strings.Join(s, ",")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "V=%s U=%v", val(d.Version()), d.Unknown)
	for _, s := range d.Statements {
		fmt.Fprintf(&b, " [%s %s", val(s.Sid()), val(s.Effect()))
		for _, e := range []struct {
			n  string
			el Element
			v  string
		}{
			{"A", s.Action, vals(s.Actions)}, {"NA", s.NotAction(), vals(s.NotActions())},
			{"R", s.Resource, vals(s.Resources)}, {"NR", s.NotResource(), vals(s.NotResources())},
			{"P", s.Principal(), prins(s.Principals())}, {"NP", s.NotPrincipal(), prins(s.NotPrincipals())},
		} {
			if e.el.Present {
				fmt.Fprintf(&b, " %s:%s", e.n, e.v)
			}
		}
		if s.Condition().Present {
			b.WriteString(" C:")
			for _, c := range s.Conditions() {
				fmt.Fprintf(&b, "%s/%s=%s;", val(c.Operator), val(c.Key), vals(c.Values))
			}
		}
		b.WriteString("]")
	}
	return b.String()
}

func TestFromTreeJSON(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  string
		warns int
	}{
		{"basic", testPolicy, "V=2012-10-17 U=false [All Allow A:* R:arn:aws:s3:::b/*,*]", 0},
		{"statement object", `{"Statement": {"Effect": "Deny", "NotAction": ["iam:*", "s3:*"], "NotResource": "x"}}`,
			"V=? U=false [? Deny NA:iam:*,s3:* NR:x]", 0},
		{"case-insensitive names", `{"version": "2012-10-17", "statement": [{"effect": "Allow", "action": "s3:*", "RESOURCE": "*"}]}`,
			"V=2012-10-17 U=false [? Allow A:s3:* R:*]", 0},
		{"principal star", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}`,
			"V=? U=false [? Allow A:sts:AssumeRole P:*=*]", 0},
		{"principal object", `{"Statement": [{"Principal": {"AWS": ["arn:a", "123"], "Service": "ec2.amazonaws.com", "Federated": "f", "CanonicalUser": "c"}, "NotPrincipal": {"AWS": "*"}}]}`,
			"V=? U=false [? ? P:AWS=arn:a,AWS=123,Service=ec2.amazonaws.com,Federated=f,CanonicalUser=c NP:AWS=*]", 0},
		{"condition", `{"Statement": [{"Condition": {"StringEquals": {"aws:SourceAccount": "1", "k": ["a", "b"]}, "Bool": {"aws:SecureTransport": false}, "NumericLessThan": {"n": 5}}}]}`,
			"V=? U=false [? ? C:StringEquals/aws:SourceAccount=1;StringEquals/k=a,b;Bool/aws:SecureTransport=false;NumericLessThan/n=5;]", 0},
		{"nulls are absent", `{"Version": null, "Statement": [null, {"Sid": null, "Action": null, "Resource": "*"}]}`,
			"V=? U=false [? ? R:*]", 0},
		// IAM wants strings: a number or bool is reported and ignored.
		{"number and bool scalars", `{"Statement": [{"Sid": 1, "Action": [true, "a"]}]}`,
			"V=? U=false [? ? A:a]", 2},
		{"number action", `{"Statement": [{"Action": 42, "Resource": "*"}]}`,
			"V=? U=false [? ? A: R:*]", 1},
		// A principal's number stays its text (an account ID written as a
		// number is not reported).
		{"number principal", `{"Statement": [{"Principal": {"AWS": 123456789012}, "Action": "a", "Resource": "*"}]}`,
			"V=? U=false [? ? A:a R:* P:AWS=123456789012]", 0},
		{"statement string", `{"Statement": "x"}`, "V=? U=false", 1},
		{"statement elem string", `{"Statement": ["x", {"Action": "a"}]}`, "V=? U=false [? ? A:a]", 1},
		{"action object", `{"Statement": [{"Action": {"a": 1}, "Resource": ["*", {}, []]}]}`, "V=? U=false [? ? A: R:*]", 3},
		{"principal array", `{"Statement": [{"Principal": ["*"]}]}`, "V=? U=false [? ? P:]", 1},
		{"principal string", `{"Statement": [{"Principal": "arn:x"}]}`, "V=? U=false [? ? P:AWS=arn:x]", 1},
		{"condition shapes", `{"Statement": [{"Condition": {"Bool": "x", "StringLike": {"k": {"a": 1}}}}]}`, "V=? U=false [? ? C:StringLike/k=;]", 2},
		{"condition array", `{"Statement": [{"Condition": []}]}`, "V=? U=false [? ? C:]", 1},
		{"effect object", `{"Statement": [{"Effect": {}}]}`, "V=? U=false [? ?]", 1},
		{"not an object", `["Statement"]`, "V=? U=false", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := mustParse(t, tc.src)
			d, diags := FromTree(tr, Identity)
			if diags.HasErrors() {
				t.Fatalf("errors: %v", diags)
			}
			if got := docString(d); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if len(diags) != tc.warns {
				t.Errorf("%d warnings, want %d: %v", len(diags), tc.warns, diags)
			}
			for _, w := range diags {
				if w.Subject == nil || w.Subject.Filename != "p.json" {
					t.Errorf("warning without subject: %v", w)
				}
			}
			if d.Kind != Identity || d.Range.HCL() != tr.Range() {
				t.Errorf("kind %v range %v", d.Kind, d.Range)
			}
		})
	}
}

func TestFromTreeRanges(t *testing.T) {
	tr := mustParse(t, testPolicy)
	d, _ := FromTree(tr, Identity)
	s := d.Statements[0]
	if r := s.Action.Range; r.HCL().Start.Line != 7 || r.HCL().Start.Column != 7 || r.HCL().End.Column != 15 {
		t.Errorf("Action element at %s, want the key 7:7-15", r)
	}
	if r := s.Actions[0].Range; r.HCL().Start.Line != 7 || r.HCL().Start.Column != 17 {
		t.Errorf("Action value at %s", r)
	}
	if r := s.Range; r.HCL().Start.Line != 4 || r.HCL().Start.Column != 5 || r.HCL().End.Line != 9 {
		t.Errorf("statement at %s", r)
	}
	if r := d.Version().Range; r.HCL().Start.Line != 2 || r.HCL().Start.Column != 14 {
		t.Errorf("version at %s", r)
	}
	if !s.IsAllow() || !IsFullWildcardAction(s.Actions[0]) {
		t.Error("allow *")
	}
	tr = mustParse(t, `{"Statement": [{"Principal": {"AWS": ["a", "b"]}, "Condition": {"Bool": {"k": "v"}}}]}`)
	d, _ = FromTree(tr, Trust)
	p := d.Statements[0].Principals()[1]
	if p.Type.Range.HCL().Start.Column != 31 || p.ID.Range.HCL().Start.Column != 44 {
		t.Errorf("principal type at %s, id at %s", p.Type.Range, p.ID.Range)
	}
	c := d.Statements[0].Conditions()[0]
	if c.Operator.Range.HCL().Start.Column != 65 || c.Key.Range.HCL().Start.Column != 74 || c.Values[0].Range.HCL().Start.Column != 79 {
		t.Errorf("condition at %s %s %s", c.Operator.Range, c.Key.Range, c.Values[0].Range)
	}
}

func TestFromTreeUnknown(t *testing.T) {
	tests := []struct {
		name string
		tree Tree
		want string
	}{
		{"nil", nil, "V=? U=true"},
		{"whole policy", unk, "V=? U=true"},
		{"statement list", fobj("Statement", unk), "V=? U=true"},
		{"one statement", fobj("Statement", farr(unk, fobj("Action", fstr("a")))), "V=? U=true [? ? A:a]"},
		{"values", fobj("Version", unk, "Statement", farr(fobj("Sid", unk, "Effect", unk, "Action", farr(fstr("s3:*"), unk), "Resource", unk))),
			"V=? U=false [? ? A:s3:*,? R:?]"},
		{"principals", fobj("Statement", farr(fobj("Principal", unk, "NotPrincipal", fobj("AWS", unk, "Service", farr(unk, fstr("s")))))),
			"V=? U=false [? ? P:?=? NP:AWS=?,Service=?,Service=s]"},
		{"conditions", fobj("Statement", farr(fobj("Condition", fobj("Bool", unk, "StringEquals", fobj("k", unk, "j", farr(fstr("x"), unk)))))),
			"V=? U=false [? ? C:Bool/?=;StringEquals/k=?;StringEquals/j=x,?;]"},
		{"condition unknown", fobj("Statement", farr(fobj("Condition", unk))), "V=? U=false [? ? C:?/?=;]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, diags := FromTree(tc.tree, Resource)
			if len(diags) != 0 {
				t.Errorf("diags: %v", diags)
			}
			if got := docString(d); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			for _, s := range d.Statements {
				for _, v := range append(append([]Value{}, s.Actions...), s.Resources...) {
					if !v.Known && (v.Text != "" || v.Range.HCL().Start.Line != 99) {
						t.Errorf("unknown value %+v must be empty and keep its range", v)
					}
				}
			}
			if d.Size != 0 {
				t.Errorf("size %d for a document with unknowns", d.Size)
			}
		})
	}
	// an element name matched case-insensitively in a tree without key ranges
	// points at the value
	d, _ := FromTree(fobj("statement", farr(fobj("action", &fake{kind: TreeString, text: "*", line: 7}))), Identity)
	if s := d.Statements[0]; !s.Action.Present || s.Action.Range.HCL().Start.Line != 7 {
		t.Errorf("action element %+v", s.Action)
	}
}

func TestFromTreeSize(t *testing.T) {
	for _, src := range []string{
		testPolicy,
		`{"Statement": {"Sid": "a\"b\\c\nd\u0001é<>&", "Action": [1.50, true, null, {}, []]}}`,
		`{}`,
	} {
		tr := mustParse(t, src)
		d, _ := FromTree(tr, Identity)
		var b bytes.Buffer
		if err := json.Compact(&b, []byte(src)); err != nil {
			t.Fatal(err)
		}
		// json.Compact keeps the source escapes; re-encode strings the way
		// the size count assumes by decoding and encoding without HTML escaping.
		var v any
		dec := json.NewDecoder(strings.NewReader(src))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		// Encode sorts keys and appends a newline: the length is what matters.
		if want := out.Len() - 1; d.Size != want {
			t.Errorf("Size = %d, want %d for %s", d.Size, want, out.String())
		}
	}
}
