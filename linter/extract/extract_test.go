package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

func extract(t *testing.T, res *eval.Result) []*iam.Document {
	t.Helper()
	m, diags := Extract(res)
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	return m.Documents
}

func one(t *testing.T, docs []*iam.Document) *iam.Document {
	t.Helper()
	if len(docs) != 1 {
		for _, d := range docs {
			t.Logf("doc %s %s %s", d.Address, d.Attribute, d.Kind)
		}
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	return docs[0]
}

func texts(vs []iam.Value) []string {
	var out []string
	for _, v := range vs {
		if v.Known {
			out = append(out, v.Text)
		} else {
			out = append(out, "<unknown>")
		}
	}
	return out
}

func eqStrings(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func samePos(t *testing.T, what string, got, want hcl.Range) {
	t.Helper()
	if got.Filename != want.Filename || got.Start.Line != want.Start.Line || got.Start.Column != want.Start.Column {
		t.Errorf("%s at %s, want %s", what, got, want)
	}
}

// jsonencode({Statement = [{Effect = "Allow", Action = "*", Resource = unknown}]})
func encoded(action string) *eval.Node {
	stmt := obj(at(4, 5, 60),
		a("Effect", at(4, 7, 6), str("Allow", at(4, 16, 7))),
		a("Action", at(5, 7, 6), str(action, at(5, 16, len(action)+2))),
		a("Resource", at(6, 7, 8), unknown(at(6, 18, 10))),
	)
	arg := obj(at(2, 26, 80),
		a("Version", at(3, 5, 7), str("2012-10-17", at(3, 15, 12))),
		a("Statement", at(4, 5, 9), list(at(4, 17, 70), stmt)),
	)
	n := &eval.Node{Val: cty.UnknownVal(cty.String), Range: at(2, 14, 90)}
	n.SetJSONArg(arg)
	return n
}

func TestJSONEncode(t *testing.T) {
	b := resource("aws_iam_policy", "p", obj(at(1, 1, 30), a("policy", at(2, 3, 6), encoded("*"))))
	d := one(t, extract(t, result(b)))
	if d.Kind != iam.Identity || d.Address != "aws_iam_policy.p" || d.ResourceType != "aws_iam_policy" || d.Attribute != "policy" {
		t.Errorf("doc %+v", d)
	}
	samePos(t, "document", d.Range.HCL(), at(2, 14, 90))
	if len(d.Statements) != 1 {
		t.Fatalf("statements %d", len(d.Statements))
	}
	s := d.Statements[0]
	eqStrings(t, "actions", texts(s.Actions), "*")
	samePos(t, "action value", s.Actions[0].Range.HCL(), at(5, 16, 3))
	samePos(t, "Action key", s.Action.Range.HCL(), at(5, 7, 6))
	eqStrings(t, "resources", texts(s.Resources), "<unknown>")
	if !s.IsAllow() {
		t.Error("not Allow")
	}
}

func TestHeredocPositions(t *testing.T) {
	text := "{\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Action\": \"s3:*\",\n    \"Resource\": \"*\"\n  }]\n}\n"
	// The heredoc body starts on line 3, column 1 of main.tf.
	n := &eval.Node{Val: cty.StringVal(text), Range: at(2, 12, 10), Text: eval.NewTextMap([]eval.Segment{{
		Offset: 0, Len: len(text), Start: hcl.Pos{Line: 3, Column: 1, Byte: 300}, File: "main.tf", Verbatim: true, Src: []byte(text)}})}
	b := resource("aws_iam_role_policy", "r", obj(at(1, 1, 30), a("policy", at(2, 3, 6), n)))
	d := one(t, extract(t, result(b)))
	s := d.Statements[0]
	eqStrings(t, "actions", texts(s.Actions), "s3:*")
	// "s3:*" is on the 4th line of the heredoc (line 6), column 15.
	samePos(t, "action", s.Actions[0].Range.HCL(), hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 6, Column: 15}})
	samePos(t, "Action key", s.Action.Range.HCL(), hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 6, Column: 5}})
	if d.Size != len(`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`) {
		t.Errorf("size %d", d.Size)
	}
}

func TestComputedString(t *testing.T) {
	n := str(`{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`, at(2, 12, 20))
	b := resource("aws_s3_bucket_policy", "b", obj(at(1, 1, 30), a("policy", at(2, 3, 6), n)))
	d := one(t, extract(t, result(b)))
	if d.Kind != iam.Resource {
		t.Errorf("kind %s", d.Kind)
	}
	s := d.Statements[0]
	eqStrings(t, "not actions", texts(s.NotActions()), "iam:*")
	if s.NotActions()[0].Range.HCL() != at(2, 12, 20) {
		t.Errorf("fixed range %s", s.NotActions()[0].Range)
	}
}

func TestUnknownEmptyNull(t *testing.T) {
	b1 := resource("aws_iam_policy", "u", obj(at(1, 1, 30), a("policy", at(2, 3, 6), unknown(at(2, 12, 10)))))
	// An empty string where it means no policy (aws_s3_bucket.policy).
	b2 := resource("aws_s3_bucket", "e", obj(at(5, 1, 30), a("policy", at(6, 3, 6), str("", at(6, 12, 2)))))
	b3 := resource("aws_iam_policy", "n", obj(at(8, 1, 30), a("policy", at(9, 3, 6), &eval.Node{Val: cty.NullVal(cty.String), Range: at(9, 12, 4)})))
	d := one(t, extract(t, result(b1, b2, b3)))
	if !d.Unknown || d.Address != "aws_iam_policy.u" || len(d.Statements) != 0 {
		t.Errorf("unknown doc %+v", d)
	}

	// An empty string where the provider requires a policy: a document
	// whose parse error, at the string, says so (policy-invalid).
	b4 := resource("aws_iam_policy", "e", obj(at(5, 1, 30), a("policy", at(6, 3, 6), str(" ", at(6, 12, 3)))))
	d = one(t, extract(t, result(b4)))
	errs := d.ParseErrors()
	if d.Address != "aws_iam_policy.e" || len(errs) != 1 || !strings.Contains(errs[0].Text, "the policy is empty") || errs[0].Range.HCL().Start.Column != 12 {
		t.Errorf("empty required policy: doc %+v, parse errors %+v", d, errs)
	}
}

func TestPartialTemplate(t *testing.T) {
	text := `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::` + eval.UnknownMarker + `"}]}`
	n := &eval.Node{Val: cty.UnknownVal(cty.String), Range: at(2, 12, 10)}
	n.SetPartial(&eval.PartialText{Text: text,
		Map: eval.NewTextMap([]eval.Segment{{Offset: 0, Len: len(text), Start: hcl.Pos{Line: 3, Column: 1, Byte: 300}, File: "main.tf", Verbatim: true, Src: []byte(text)}})})
	b := resource("aws_iam_policy", "p", obj(at(1, 1, 30), a("policy", at(2, 3, 6), n)))
	d := one(t, extract(t, result(b)))
	s := d.Statements[0]
	eqStrings(t, "actions", texts(s.Actions), "*")
	eqStrings(t, "resources", texts(s.Resources), "<unknown>")
}

func TestAlternatives(t *testing.T) {
	n := &eval.Node{Val: cty.DynamicVal, Range: at(2, 12, 40)}
	n.SetAlts([]*eval.Node{encoded("*"), encoded("s3:GetObject")})
	b := resource("aws_iam_policy", "p", obj(at(1, 1, 30), a("policy", at(2, 3, 6), n)))
	docs := extract(t, result(b))
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	eqStrings(t, "branch 1", texts(docs[0].Statements[0].Actions), "*")
	eqStrings(t, "branch 2", texts(docs[1].Statements[0].Actions), "s3:GetObject")

	// A conditional inside jsonencode: both branches as well.
	enc := encoded("x")
	stmt := enc.JSONArg().Attr("Statement").Elems[0]
	act := &eval.Node{Val: cty.DynamicVal, Range: at(5, 16, 30)}
	act.SetNameRange(at(5, 7, 6))
	act.SetAlts([]*eval.Node{str("iam:*", at(5, 30, 7)), str("iam:GetRole", at(5, 40, 13))})
	stmt.SetAttr("Action", act)
	b2 := resource("aws_iam_policy", "q", obj(at(1, 1, 30), a("policy", at(2, 3, 6), enc)))
	docs = extract(t, result(b2))
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	eqStrings(t, "inner branch 1", texts(docs[0].Statements[0].Actions), "iam:*")
	eqStrings(t, "inner branch 2", texts(docs[1].Statements[0].Actions), "iam:GetRole")
}

func TestJSONSyntaxError(t *testing.T) {
	text := "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",, \"Action\": \"*\"}\n  ]\n}\n"
	n := &eval.Node{Val: cty.StringVal(text), Range: at(2, 12, 10), Text: eval.NewTextMap([]eval.Segment{{
		Offset: 0, Len: len(text), Start: hcl.Pos{Line: 3, Column: 1, Byte: 300}, File: "main.tf", Verbatim: true, Src: []byte(text)}})}
	good := resource("aws_iam_policy", "ok", obj(at(20, 1, 30), a("policy", at(21, 3, 6), encoded("*"))))
	b := resource("aws_iam_policy", "bad", obj(at(1, 1, 30), a("policy", at(2, 3, 6), n)))
	m, diags := Extract(result(b, good))
	if diags.HasErrors() {
		t.Fatalf("policy text that is not JSON is a document with ParseErrors, not an error: %v", diags)
	}
	var bad *iam.Document
	for _, d := range m.Documents {
		if d.Address == "aws_iam_policy.bad" {
			bad = d
		}
	}
	if bad == nil || len(bad.ParseErrors()) == 0 || !bad.Unknown || len(bad.Statements) != 0 {
		t.Fatalf("bad policy: %+v", bad)
	}
	// The second comma is on heredoc line 3 (file line 5), column 24.
	r := bad.ParseErrors()[0].Range
	if r.Filename() != "main.tf" || r.HCL().Start.Line != 5 || r.HCL().Start.Column != 24 {
		t.Errorf("parse error at %v, want main.tf:5,24: %s", r, bad.ParseErrors()[0].Text)
	}
	if len(m.Documents) != 2 {
		t.Errorf("the good policy is still extracted: %d docs", len(m.Documents))
	}
}

// policyDocument is data "aws_iam_policy_document" "name" with one statement
// granting action on "*" (sid when not empty).
func policyDocument(name, sid, action string, line int) *eval.Block {
	kvs := []kv{
		a("actions", at(line+2, 5, 7), strs(line+2, 15, action)),
		a("resources", at(line+3, 5, 9), strs(line+3, 17, "*")),
	}
	if sid != "" {
		kvs = append(kvs, a("sid", at(line+4, 5, 3), str(sid, at(line+4, 11, len(sid)+2))))
	}
	body := obj(at(line, 1, 40), a("statement", at(line+1, 3, 9), blocks(blk(at(line+1, 3, 9), at(line+1, 3, 100), kvs...))))
	return data("aws_iam_policy_document", name, body)
}

// jsonRef is data.aws_iam_policy_document.name.json as evaluated.
func jsonRef(name string, r hcl.Range) *eval.Node {
	n := &eval.Node{Val: cty.UnknownVal(cty.String), Range: r}
	n.SetRef(&eval.Ref{Address: "data.aws_iam_policy_document." + name, Attr: "json"})
	return n
}

func TestPolicyDocumentKinds(t *testing.T) {
	trust := policyDocument("trust", "", "sts:AssumeRole", 1)
	both := policyDocument("both", "", "s3:*", 10)
	alone := policyDocument("alone", "", "ec2:*", 20)
	role := resource("aws_iam_role", "r", obj(at(30, 1, 30),
		a("assume_role_policy", at(31, 3, 18), jsonRef("trust", at(31, 24, 40))),
		a("inline_policy", at(32, 3, 13), blocks(blk(at(32, 3, 13), at(32, 3, 60),
			a("name", at(33, 5, 4), str("x", at(33, 12, 3))),
			a("policy", at(34, 5, 6), jsonRef("both", at(34, 14, 40))),
		))),
	))
	bucket := resource("aws_s3_bucket_policy", "b", obj(at(40, 1, 30), a("policy", at(41, 3, 6), jsonRef("both", at(41, 12, 40)))))
	docs := extract(t, result(trust, both, alone, role, bucket))
	var got []string
	for _, d := range docs {
		got = append(got, d.Address+":"+string(d.Kind))
		if d.ResourceType != "aws_iam_policy_document" {
			t.Errorf("%s: resource type %s", d.Address, d.ResourceType)
		}
	}
	eqStrings(t, "documents", got,
		"data.aws_iam_policy_document.trust:trust",
		"data.aws_iam_policy_document.both:identity",
		"data.aws_iam_policy_document.both:resource",
		"data.aws_iam_policy_document.alone:identity")
}

func TestPolicyDocumentStatements(t *testing.T) {
	body := typicalDoc()
	b := data("aws_iam_policy_document", "d", body)
	d := one(t, extract(t, result(b)))
	if d.Kind != iam.Identity || len(d.Statements) != 2 || !d.Version().Is("2012-10-17") {
		t.Fatalf("doc %+v", d)
	}
	s1, s2 := d.Statements[0], d.Statements[1]
	if !s1.Sid().Is("S3") || !s1.IsAllow() {
		t.Errorf("statement 1 sid %v effect %v", s1.Sid(), s1.Effect())
	}
	eqStrings(t, "actions", texts(s1.Actions), "s3:GetObject", "s3:PutObject")
	samePos(t, "actions element", s1.Action.Range.HCL(), at(4, 5, 7))
	samePos(t, "second action", s1.Actions[1].Range.HCL(), at(4, 32, 14))
	if !s2.IsDeny() {
		t.Error("statement 2 not Deny")
	}
	eqStrings(t, "not resources", texts(s2.NotResources()), "arn:aws:s3:::b/${aws:username}")
	if len(s2.Principals()) != 2 || !s2.Principals()[0].Type.Is("AWS") || !s2.Principals()[1].ID.Is("111122223333") {
		t.Errorf("principals %+v", s2.Principals())
	}
	samePos(t, "principal element", s2.Principal().Range.HCL(), at(11, 5, 10))
	samePos(t, "principal id", s2.Principals()[0].ID.Range.HCL(), at(13, 22, 32))
	if len(s2.Conditions()) != 1 || !s2.Conditions()[0].Operator.Is("StringEquals") || !s2.Conditions()[0].Key.Is("aws:SourceAccount") {
		t.Errorf("conditions %+v", s2.Conditions())
	}
	samePos(t, "condition element", s2.Condition().Range.HCL(), at(15, 5, 9))
	eqStrings(t, "condition values", texts(s2.Conditions()[0].Values), "111122223333")
	want := len(`{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::b/*"},{"Effect":"Deny","Action":"*","NotResource":"arn:aws:s3:::b/${aws:username}","Principal":{"AWS":["arn:aws:iam::111122223333:root","111122223333"]},"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`)
	if d.Size != want {
		t.Errorf("size %d, want %d", d.Size, want)
	}
}

func TestPolicyDocumentWildcardPrincipalAndUnknowns(t *testing.T) {
	body := obj(at(1, 1, 40), a("statement", at(2, 3, 9), blocks(blk(at(2, 3, 9), at(2, 3, 100),
		a("actions", at(3, 5, 7), unknown(at(3, 15, 10))),
		a("principals", at(4, 5, 10), blocks(blk(at(4, 5, 10), at(4, 5, 80),
			a("type", at(5, 7, 4), str("*", at(5, 14, 3))),
			a("identifiers", at(6, 7, 11), strs(6, 21, "*")),
		))),
	))))
	d := one(t, extract(t, result(data("aws_iam_policy_document", "w", body))))
	s := d.Statements[0]
	if len(s.Principals()) != 1 || !s.Principals()[0].IsWildcard() || !s.Principals()[0].Type.Is("*") {
		t.Errorf("principals %+v", s.Principals())
	}
	eqStrings(t, "actions", texts(s.Actions), "<unknown>")
	if !s.Action.Present || s.Resource.Present {
		t.Errorf("presence action %v resource %v", s.Action.Present, s.Resource.Present)
	}
	if d.Size != 0 {
		t.Errorf("size of an unknown rendering %d", d.Size)
	}
}

func TestPolicyDocumentSourceOverride(t *testing.T) {
	base := policyDocument("base", "Shared", "s3:*", 1)
	inline := `{"Statement":[{"Sid":"Mine","Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
	override := `{"Statement":[{"Sid":"Mine","Effect":"Deny","Action":"ec2:*","Resource":"*"},{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`
	body := obj(at(10, 1, 40),
		a("source_policy_documents", at(11, 3, 23), list(at(11, 29, 60), jsonRef("base", at(11, 30, 37)), str(inline, at(11, 70, 5)))),
		a("override_policy_documents", at(12, 3, 25), list(at(12, 29, 10), str(override, at(12, 30, 5)))),
		a("statement", at(13, 3, 9), blocks(blk(at(13, 3, 9), at(13, 3, 100),
			a("actions", at(14, 5, 7), strs(14, 15, "iam:PassRole")),
			a("resources", at(15, 5, 9), strs(15, 17, "*")),
		))),
	)
	top := data("aws_iam_policy_document", "top", body)
	role := resource("aws_iam_role", "r", obj(at(30, 1, 30), a("assume_role_policy", at(31, 3, 18), jsonRef("top", at(31, 24, 40)))))
	docs := extract(t, result(base, top, role))
	if len(docs) != 2 {
		t.Fatalf("%d documents", len(docs))
	}
	b, d := docs[0], docs[1]
	if b.Address != "data.aws_iam_policy_document.base" || b.Kind != iam.Trust {
		t.Errorf("source doc %s %s: takes its user's kind", b.Address, b.Kind)
	}
	if d.Address != "data.aws_iam_policy_document.top" || d.Kind != iam.Trust {
		t.Errorf("doc %s %s", d.Address, d.Kind)
	}
	var got []string
	for _, s := range d.Statements {
		got = append(got, s.Sid().Text+"/"+s.Effect().Text+"/"+strings.Join(texts(s.Actions), "+"))
	}
	// base's statement stays on base; Mine is overridden in place; the
	// unnamed override statement is appended.
	eqStrings(t, "statements", got, "Mine/Deny/ec2:*", "/Allow/iam:PassRole", "/Allow/kms:Decrypt")
}

func TestLambdaPermission(t *testing.T) {
	body := obj(at(1, 1, 40),
		a("action", at(2, 3, 6), str("lambda:InvokeFunction", at(2, 12, 23))),
		a("function_name", at(3, 3, 13), unknown(at(3, 19, 30))),
		a("principal", at(4, 3, 9), str("*", at(4, 15, 3))),
		a("source_arn", at(5, 3, 10), str("arn:aws:execute-api:us-east-1:111122223333:abc/*", at(5, 16, 50))),
		a("source_account", at(6, 3, 14), str("111122223333", at(6, 20, 14))),
	)
	b := resource("aws_lambda_permission", "p", body)
	d := one(t, extract(t, result(b)))
	if d.Kind != iam.Resource || d.Address != "aws_lambda_permission.p" {
		t.Errorf("doc %s %s", d.Address, d.Kind)
	}
	s := d.Statements[0]
	if !s.IsAllow() || len(s.Principals()) != 1 || !s.Principals()[0].IsWildcard() {
		t.Errorf("statement %+v", s)
	}
	if s.Principal().Range.HCL().Start != at(4, 3, 9).Start || s.Principal().Range.HCL().End != at(4, 15, 3).End {
		t.Errorf("principal element %s", s.Principal().Range)
	}
	eqStrings(t, "actions", texts(s.Actions), "lambda:InvokeFunction")
	eqStrings(t, "resources", texts(s.Resources), "<unknown>")
	if len(s.Conditions()) != 2 || !s.Conditions()[0].Operator.Is("ArnLike") || !s.Conditions()[0].Key.Is("aws:SourceArn") ||
		!s.Conditions()[1].Key.Is("aws:SourceAccount") || s.Conditions()[1].Values[0].Range.HCL() != at(6, 20, 14) {
		t.Errorf("conditions %+v", s.Conditions())
	}

	for id, want := range map[string]string{"111122223333": "AWS", "arn:aws:iam::111122223333:root": "AWS", "s3.amazonaws.com": "Service"} {
		l := resource("aws_lambda_layer_version_permission", "l", obj(at(1, 1, 40),
			a("action", at(2, 3, 6), str("lambda:GetLayerVersion", at(2, 12, 23))),
			a("principal", at(4, 3, 9), str(id, at(4, 15, 3))),
			a("organization_id", at(5, 3, 15), str("o-abc", at(5, 21, 7))),
		))
		s := one(t, extract(t, result(l))).Statements[0]
		if !s.Principals()[0].Type.Is(want) {
			t.Errorf("%s: type %v, want %s", id, s.Principals()[0].Type, want)
		}
		if len(s.Conditions()) != 1 || !s.Conditions()[0].Key.Is("aws:PrincipalOrgID") {
			t.Errorf("%s: conditions %+v", id, s.Conditions())
		}
	}
}

func TestTableFilters(t *testing.T) {
	tag := resource("aws_organizations_policy", "tag", obj(at(1, 1, 40),
		a("type", at(2, 3, 4), str("TAG_POLICY", at(2, 10, 12))),
		a("content", at(3, 3, 7), encoded("*")),
	))
	scp := resource("aws_organizations_policy", "scp", obj(at(5, 1, 40), a("content", at(6, 3, 7), encoded("*"))))
	docs := extract(t, result(tag, scp))
	d := one(t, docs)
	if d.Address != "aws_organizations_policy.scp" || d.Kind != iam.SCP || d.Attribute != "content" {
		t.Errorf("doc %s %s %s", d.Address, d.Kind, d.Attribute)
	}
	for typ, cs := range consumers {
		for _, c := range cs {
			if len(c.Path) == 0 || c.Kind == "" {
				t.Errorf("%s: bad entry %+v", typ, c)
			}
		}
	}
}

func TestRelatedAndRoots(t *testing.T) {
	// Two roots with the same addresses: references resolve within each.
	r1 := policyDocument("d", "", "s3:*", 1)
	role1 := resource("aws_iam_role", "r", obj(at(10, 1, 30), a("assume_role_policy", at(11, 3, 18), jsonRef("d", at(11, 24, 40)))))
	m1 := &eval.Module{Blocks: []*eval.Block{r1, role1}}
	r2 := policyDocument("d", "", "ec2:*", 1)
	m2 := &eval.Module{Blocks: []*eval.Block{r2}}
	chain := []iam.Related{{Range: at(3, 1, 10), Message: "module.a"}}
	m3 := &eval.Module{Path: "module.a", CallChain: chain}
	b3 := resource("aws_iam_policy", "p", obj(at(1, 1, 30), a("policy", at(2, 3, 6), encoded("*"))))
	b3.Address = "module.a.aws_iam_policy.p"
	b3.Module = m3
	m3.Blocks = []*eval.Block{b3}
	for _, b := range m1.Blocks {
		b.Module = m1
	}
	r2.Module = m2
	docs := extract(t, &eval.Result{Modules: []*eval.Module{m1, m2, m3}})
	var got []string
	for _, d := range docs {
		got = append(got, d.Address+":"+string(d.Kind))
	}
	eqStrings(t, "documents", got, "data.aws_iam_policy_document.d:trust", "data.aws_iam_policy_document.d:identity", "module.a.aws_iam_policy.p:identity")
	if len(docs[2].Related) != 1 || docs[2].Related[0].Message != "module.a" {
		t.Errorf("related %+v", docs[2].Related)
	}
}

func TestReferenceLostInFunction(t *testing.T) {
	doc := policyDocument("d", "", "s3:*", 1)
	rendered := RenderPolicyDocument(doc.Body).GetAttr("json").AsString()
	// one(data.aws_iam_policy_document.d[*].json): the text, no reference.
	role := resource("aws_iam_role", "r", obj(at(10, 1, 30), a("assume_role_policy", at(11, 3, 18), str(rendered, at(11, 24, 40)))))
	d := one(t, extract(t, result(doc, role)))
	if d.Address != "data.aws_iam_policy_document.d" || d.Kind != iam.Trust {
		t.Errorf("doc %s %s", d.Address, d.Kind)
	}
}

func TestJSONSyntaxBlocks(t *testing.T) {
	// .tf.json writes a single nested block as an object.
	stmt := obj(at(2, 16, 60),
		a("actions", at(3, 5, 9), strs(3, 16, "s3:*")),
		a("principals", at(4, 5, 12), obj(at(4, 19, 40),
			a("type", at(5, 7, 6), str("AWS", at(5, 15, 5))),
			a("identifiers", at(6, 7, 13), strs(6, 22, "*")),
		)),
	)
	body := obj(at(1, 1, 40), a("statement", at(2, 3, 11), stmt))
	d := one(t, extract(t, result(data("aws_iam_policy_document", "j", body))))
	s := d.Statements[0]
	eqStrings(t, "actions", texts(s.Actions), "s3:*")
	if len(s.Principals()) != 1 || !s.Principals()[0].IsWildcard() {
		t.Errorf("principals %+v", s.Principals())
	}
	samePos(t, "principal element", s.Principal().Range.HCL(), at(4, 5, 12))
}

func TestTreeFromValue(t *testing.T) {
	// jsonencode(local.p) where local.p was computed: no located children.
	v := cty.ObjectVal(map[string]cty.Value{
		"Version": cty.StringVal("2012-10-17"),
		"Statement": cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{
			"Effect":    cty.StringVal("Allow"),
			"Action":    cty.ListVal([]cty.Value{cty.StringVal("s3:*"), cty.UnknownVal(cty.String)}),
			"Resource":  cty.StringVal("*"),
			"Condition": cty.ObjectVal(map[string]cty.Value{"NumericLessThan": cty.MapVal(map[string]cty.Value{"aws:MultiFactorAuthAge": cty.NumberIntVal(3600)})}),
		})}),
	})
	enc := &eval.Node{Val: cty.UnknownVal(cty.String), Range: at(2, 12, 20)}
	enc.SetJSONArg(&eval.Node{Val: v, Range: at(2, 23, 7)})
	d := one(t, extract(t, result(resource("aws_iam_policy", "v", obj(at(1, 1, 30), a("policy", at(2, 3, 6), enc))))))
	s := d.Statements[0]
	eqStrings(t, "actions", texts(s.Actions), "s3:*", "<unknown>")
	if s.Actions[0].Range.HCL() != at(2, 23, 7) {
		t.Errorf("derived range %s", s.Actions[0].Range)
	}
	if len(s.Conditions()) != 1 || !s.Conditions()[0].Key.Is("aws:MultiFactorAuthAge") || !s.Conditions()[0].Values[0].Is("3600") {
		t.Errorf("conditions %+v", s.Conditions())
	}
}

func TestRenderPrincipalMerge(t *testing.T) {
	body := obj(at(1, 1, 40), a("statement", at(2, 3, 9), blocks(blk(at(2, 3, 9), at(2, 3, 100),
		a("actions", at(3, 5, 7), strs(3, 15, "sts:AssumeRole")),
		a("principals", at(4, 5, 10), blocks(
			blk(at(4, 5, 10), at(4, 5, 80), a("type", at(5, 7, 4), str("AWS", at(5, 14, 5))), a("identifiers", at(6, 7, 11), strs(6, 21, "a"))),
			blk(at(7, 5, 10), at(7, 5, 80), a("type", at(8, 7, 4), str("AWS", at(8, 14, 5))), a("identifiers", at(9, 7, 11), strs(9, 21, "b"))),
			blk(at(10, 5, 10), at(10, 5, 80), a("type", at(11, 7, 4), str("Service", at(11, 14, 9))), a("identifiers", at(12, 7, 11), strs(12, 21, "x.amazonaws.com", "y.amazonaws.com"))),
		)),
		a("condition", at(13, 5, 9), blocks(
			blk(at(13, 5, 9), at(13, 5, 80), a("test", at(14, 7, 4), str("StringLike", at(14, 14, 12))), a("variable", at(15, 7, 8), str("k", at(15, 18, 3))), a("values", at(16, 7, 6), strs(16, 18, "2", "1"))),
			blk(at(17, 5, 9), at(17, 5, 80), a("test", at(18, 7, 4), str("StringLike", at(18, 14, 12))), a("variable", at(19, 7, 8), str("k", at(19, 18, 3))), a("values", at(20, 7, 6), strs(20, 18, "0"))),
		)),
	))))
	_, min := render(t, body)
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":["a","b"],"Service":["y.amazonaws.com","x.amazonaws.com"]},"Condition":{"StringLike":{"k":["2","1","0"]}}}]}`
	if min != want {
		t.Errorf("minified_json:\n%s\nwant:\n%s", min, want)
	}
}

// TestLambdaPermissionsNotConsumers: consumeAll takes a block whose type
// has consumers as a consumer, and a lambda permission only when its type
// has none (one table lookup for most blocks): no type is both.
func TestLambdaPermissionsNotConsumers(t *testing.T) {
	for typ := range lambdaPermissions {
		if len(consumers[typ]) > 0 {
			t.Errorf("%s is both a lambda permission and a consumer", typ)
		}
	}
}

// TestPolicyDocumentDuplicateElements: the provider's string sets drop a
// known duplicate, first kept, in lists short (looked up among the kept
// texts) and long (looked up in a set once past eight); a list attribute
// that is not a set (condition values) keeps them.
func TestPolicyDocumentDuplicateElements(t *testing.T) {
	short := []string{"s3:GetObject", "s3:PutObject", "s3:GetObject"}
	var long []string
	for i := range 12 {
		long = append(long, fmt.Sprintf("s3:Action%d", i%10)) // 10 and 11 repeat 0 and 1
	}
	long = append(long, "s3:Action9", "s3:Action10")
	body := obj(at(1, 1, 40), a("statement", at(2, 3, 9), blocks(blk(at(2, 3, 9), at(2, 3, 100),
		a("actions", at(3, 5, 7), strs(3, 15, short...)),
		a("resources", at(4, 5, 9), strs(4, 17, long...)),
		a("condition", at(5, 5, 9), blocks(blk(at(5, 5, 9), at(5, 5, 80),
			a("test", at(6, 7, 4), str("StringEquals", at(6, 14, 14))),
			a("variable", at(7, 7, 8), str("aws:SourceAccount", at(7, 18, 19))),
			a("values", at(8, 7, 6), strs(8, 16, "1", "2", "1")),
		))),
	))))
	d := one(t, extract(t, result(data("aws_iam_policy_document", "d", body))))
	s := d.Statements[0]
	eqStrings(t, "actions", texts(s.Actions), "s3:GetObject", "s3:PutObject")
	var want []string
	for i := range 11 {
		want = append(want, fmt.Sprintf("s3:Action%d", i%10))
	}
	want = append(want[:10], "s3:Action10")
	eqStrings(t, "resources", texts(s.Resources), want...)
	eqStrings(t, "condition values", texts(s.Conditions()[0].Values), "1", "2", "1")
}
