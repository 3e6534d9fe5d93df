package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

func load(t *testing.T, opts Options) *eval.Result {
	t.Helper()
	res := Load(opts)
	if res == nil {
		t.Fatal("Load returned nil")
	}
	return res
}

func block(t *testing.T, res *eval.Result, addr string) *eval.Block {
	t.Helper()
	var found *eval.Block
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			if b.Address == addr {
				if found != nil && found.Range != b.Range {
					t.Fatalf("address %s found twice", addr)
				}
				if found == nil {
					found = b
				}
			}
		}
	}
	if found == nil {
		var all []string
		for _, m := range res.Modules {
			for _, b := range m.Blocks {
				all = append(all, b.Address)
			}
		}
		t.Fatalf("no block %s; have %v", addr, all)
	}
	return found
}

func at(r hcl.Range) string { return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column) }

// textPos locates the first occurrence of sub in a string node's value.
func textPos(t *testing.T, n *eval.Node, sub string) string {
	t.Helper()
	if n == nil || n.Text == nil {
		t.Fatalf("node has no text map: %#v", n)
	}
	i := strings.Index(n.Val.AsString(), sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, n.Val.AsString())
	}
	f, p, ok := n.Text.Pos(i)
	if !ok {
		t.Fatalf("offset %d not mapped", i)
	}
	return fmt.Sprintf("%s:%d:%d", f, p.Line, p.Column)
}

func str(t *testing.T, n *eval.Node) string {
	t.Helper()
	if n == nil {
		t.Fatal("nil node")
	}
	if !n.Val.IsKnown() || n.Val.IsNull() || n.Val.Type() != cty.String {
		t.Fatalf("not a known string: %#v", n.Val)
	}
	return n.Val.AsString()
}

func noErrors(t *testing.T, res *eval.Result) {
	t.Helper()
	for _, d := range res.Diags {
		if d.Severity == hcl.DiagError {
			t.Errorf("unexpected error: %s", d.Error())
		}
	}
}

func hasDiag(res *eval.Result, sev hcl.DiagnosticSeverity, summary, at string) bool {
	for _, d := range res.Diags {
		if d.Severity == sev && strings.Contains(d.Summary, summary) && (at == "" || (d.Subject != nil && strings.HasPrefix(d.Error(), at))) {
			return true
		}
	}
	return false
}

var basic = filepath.Join("testdata", "basic")

func basicResult(t *testing.T) *eval.Result {
	return load(t, Options{Paths: []string{basic}, Renderers: map[string]eval.DataRenderer{
		"aws_iam_policy_document": func(body *eval.Node) cty.Value {
			return cty.ObjectVal(map[string]cty.Value{"json": cty.StringVal(fmt.Sprintf("rendered:%d", len(body.Attr("statement").Elems)))})
		},
	}})
}

func TestJSONEncodeLocated(t *testing.T) {
	res := basicResult(t)
	pol := block(t, res, "aws_iam_policy.enc").Body.Attr("policy")
	if pol.JSONArg() == nil {
		t.Fatal("jsonencode node has no JSON")
	}
	act := pol.JSONArg().Attr("Statement").Elems[0].Attr("Action")
	if got, want := at(act.Range), filepath.Join(basic, "main.tf")+":27:18"; got != want {
		t.Errorf("Action at %s, want %s", got, want)
	}
	if got := at(act.NameRange()); got != filepath.Join(basic, "main.tf")+":27:7" {
		t.Errorf("Action key at %s", got)
	}
	// Variable from terraform.tfvars, located in the tfvars file.
	r := pol.JSONArg().Attr("Statement").Elems[0].Attr("Resource")
	if str(t, r) != "arn:aws:s3:::b/*" || at(r.Range) != filepath.Join(basic, "terraform.tfvars")+":1:15" {
		t.Errorf("Resource = %#v at %s", r.Val, at(r.Range))
	}
	if !strings.Contains(str(t, pol), `"Action":"*"`) {
		t.Errorf("policy = %s", str(t, pol))
	}
}

func TestHeredocLocated(t *testing.T) {
	res := basicResult(t)
	main := filepath.Join(basic, "main.tf")
	h := block(t, res, "aws_iam_policy.heredoc").Body.Attr("policy")
	if !strings.Contains(str(t, h), `"Resource": "s3:PutObject"`) { // auto.tfvars wins over the default
		t.Errorf("heredoc = %s", str(t, h))
	}
	if got := textPos(t, h, `"*"`); got != main+":35:75" {
		t.Errorf(`"*" in heredoc at %s, want %s`, got, main+":35:75")
	}
	if got := textPos(t, h, "s3:PutObject"); got != main+":35:49" {
		t.Errorf("interpolation at %s, want its ${ at :35:49", got)
	}
	f := block(t, res, "aws_iam_policy.flush").Body.Attr("policy")
	if !strings.HasPrefix(str(t, f), "{\n  \"Statement\"") {
		t.Errorf("flush heredoc = %q", str(t, f))
	}
	if !strings.Contains(str(t, f), "s3:PutObject-x") {
		t.Errorf("locals in dependency order: %q", str(t, f))
	}
	if got := textPos(t, f, `"*"`); got != main+":42:63" {
		t.Errorf(`"*" in <<- heredoc at %s, want :42:63`, got)
	}
	if got := textPos(t, f, `"Statement"`); got != main+":42:7" {
		t.Errorf(`"Statement" in <<- heredoc at %s, want :42:7`, got)
	}
}

func TestFileAndTemplateLocated(t *testing.T) {
	res := basicResult(t)
	f := block(t, res, "aws_iam_policy.filed").Body.Attr("policy")
	pj := filepath.Join(basic, "policy.json")
	if got := textPos(t, f, `"*"`); got != pj+":3:35" {
		t.Errorf(`"*" in file() at %s, want %s:3:35`, got, pj)
	}
	if _, ok := res.Sources[pj]; !ok {
		t.Errorf("policy.json not in Sources")
	}
	tp := block(t, res, "aws_iam_policy.tmpl").Body.Attr("policy")
	if tp.Val.IsKnown() {
		t.Fatalf("templatefile with an unknown variable should be unknown, got %#v", tp.Val)
	}
	if tp.PartialOf() == nil {
		t.Fatal("no partial text")
	}
	pt := tp.PartialOf()
	tpl := filepath.Join(basic, "policy.tpl")
	i := strings.Index(pt.Text, `"x*"`)
	if file, p, _ := pt.Map.Pos(i + 2); fmt.Sprintf("%s:%d:%d", file, p.Line, p.Column) != tpl+":2:41" {
		t.Errorf(`"x*" in template at %s:%d:%d`, file, p.Line, p.Column)
	}
	i = strings.Index(pt.Text, `"Action": "*"`)
	if file, p, _ := pt.Map.Pos(i + 11); fmt.Sprintf("%s:%d:%d", file, p.Line, p.Column) != tpl+":2:14" {
		t.Errorf(`interpolated "*" in template at %s:%d:%d, want its ${`, file, p.Line, p.Column)
	}
	if !strings.Contains(pt.Text, `"Resource": "`+eval.UnknownMarker+`"`) {
		t.Errorf("partial text = %s", pt.Text)
	}
}

func TestReferencesAndRenderers(t *testing.T) {
	res := basicResult(t)
	p := block(t, res, "aws_iam_user_policy.p").Body
	if str(t, p.Attr("user")) != "alice" || p.Attr("user").RefTo() == nil || *p.Attr("user").RefTo() != (eval.Ref{Address: "aws_iam_user.u", Attr: "name"}) {
		t.Errorf("user = %#v ref %#v", p.Attr("user").Val, p.Attr("user").RefTo())
	}
	if arn := p.Attr("arn"); arn.Val.IsKnown() || arn.RefTo() == nil || arn.RefTo().Attr != "arn" {
		t.Errorf("arn should be unknown with a Ref: %#v %#v", arn.Val, arn.RefTo())
	}
	pol := p.Attr("policy")
	if str(t, pol) != "rendered:4" || pol.RefTo() == nil || pol.RefTo().Address != "data.aws_iam_policy_document.d" || pol.RefTo().Attr != "json" {
		t.Errorf("policy = %#v ref %#v", pol.Val, pol.RefTo())
	}
}

func TestDynamicBlocks(t *testing.T) {
	res := basicResult(t)
	st := block(t, res, "data.aws_iam_policy_document.d").Body.Attr("statement")
	var sids []string
	for _, s := range st.Elems {
		sids = append(sids, str(t, s.Attr("sid")))
	}
	if strings.Join(sids, ",") != "static,a,b,last" {
		t.Errorf("statements %v", sids)
	}
	a := st.Elems[1]
	if got := str(t, a.Attr("actions").Elems[0]); got != "a:*" {
		t.Errorf("dynamic actions = %s", got)
	}
	// each value of the iterator is located in the variable default
	if got := at(a.Attr("sid").Range); got != filepath.Join(basic, "main.tf")+":12:14" {
		t.Errorf("iterator value at %s", got)
	}
	c := a.Attr("condition")
	if c == nil || len(c.Elems) != 1 || str(t, c.Elems[0].Attr("test")) != "k" {
		t.Errorf("nested dynamic condition = %#v", c)
	}
}

func TestInstances(t *testing.T) {
	res := basicResult(t)
	if str(t, block(t, res, "aws_iam_user.counted[1]").Body.Attr("name")) != "u1" {
		t.Error("count.index")
	}
	e := block(t, res, `aws_iam_user.each["b"]`).Body.Attr("name")
	if str(t, e) != "b" || at(e.Range) != filepath.Join(basic, "main.tf")+":12:19" {
		t.Errorf("each.value = %#v at %s", e.Val, at(e.Range))
	}
	u := block(t, res, "aws_iam_user.unknown_each[*]").Body.Attr("name")
	if u.Val.IsKnown() {
		t.Errorf("each.key of unknown for_each should be unknown: %#v", u.Val)
	}
}

func TestUnknownsAndConditionals(t *testing.T) {
	res := basicResult(t)
	c := block(t, res, "aws_iam_user.cond").Body
	n := c.Attr("name")
	if n.Val.IsKnown() || len(n.Alts()) != 2 || str(t, n.Alts()[0]) != "yes" || str(t, n.Alts()[1]) != "no" {
		t.Errorf("unknown condition: %#v alts %d", n.Val, len(n.Alts()))
	}
	if str(t, c.Attr("tags").Attr("t")) != "picked" {
		t.Error("known condition")
	}
	tp := block(t, res, "aws_iam_policy.enc")
	_ = tp
	f := block(t, res, "aws_iam_user.funcs").Body
	if str(t, f.Attr("name")) != "a-B" {
		t.Errorf("format = %s", str(t, f.Attr("name")))
	}
	tags := f.Attr("tags").AttrMap()
	if tags["u"].Val.IsKnown() {
		t.Error("uuid() must be unknown")
	}
	if str(t, tags["j"]) != "x,y" || str(t, tags["c"]) != "z" {
		t.Errorf("join/concat/coalesce: %s %s", str(t, tags["j"]), str(t, tags["c"]))
	}
	if str(t, tags["s"]) != "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881" {
		t.Errorf("sha256 = %s", str(t, tags["s"]))
	}
	if tags["bad"].Val.IsKnown() || !hasDiag(res, hcl.DiagWarning, "unknown function", "") {
		t.Error("unknown function should give unknown and a warning")
	}
	// local cycle: unknown + diagnostic, no hang
	if !hasDiag(res, hcl.DiagWarning, "Cycle", "") {
		t.Log("(local.bad is never referenced; cycles are tested in TestCycle)")
	}
	noErrors(t, res)
}

func TestProviderAndFiles(t *testing.T) {
	res := basicResult(t)
	p := block(t, res, "provider.aws")
	if p.Mode != "provider" || str(t, p.Body.Attr("access_key")) != "AKIAEXAMPLE" {
		t.Errorf("provider block %#v", p)
	}
	want := map[string]bool{filepath.Join(basic, "main.tf"): true, filepath.Join(basic, "terraform.tfvars"): true, filepath.Join(basic, "a.auto.tfvars"): true}
	for _, f := range res.Files {
		delete(want, f)
	}
	if len(want) > 0 {
		t.Errorf("Files %v miss %v", res.Files, want)
	}
	for _, f := range res.Files {
		if _, ok := res.Sources[f]; !ok {
			t.Errorf("%s not in Sources", f)
		}
	}
}

func TestVarFlags(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
variable "a" {}
variable "l" { type = list(string) }
variable "n" { type = number }
resource "aws_iam_user" "u" {
  name = var.a
  tags = { l = var.l[1], n = var.n }
}`)
	write(t, dir, "x.tfvars", "a = \"from-file\"\nn = \"oops\"\n")
	res := load(t, Options{Paths: []string{dir}, VarFiles: []string{filepath.Join(dir, "x.tfvars")}, Vars: []string{`l=["p","q"]`}})
	b := block(t, res, "aws_iam_user.u").Body
	if str(t, b.Attr("name")) != "from-file" || at(b.Attr("name").Range) != filepath.Join(dir, "x.tfvars")+":1:5" {
		t.Errorf("var-file value %#v at %s", b.Attr("name").Val, at(b.Attr("name").Range))
	}
	if str(t, b.Attr("tags").Attr("l")) != "q" {
		t.Error("--var list")
	}
	if b.Attr("tags").Attr("n").Val.IsKnown() || !hasDiag(res, hcl.DiagError, "Invalid value for input variable", filepath.Join(dir, "x.tfvars")+":2") {
		t.Errorf("type conversion error should make the value unknown with a diagnostic: %v", res.Diags)
	}
	res = load(t, Options{Paths: []string{dir}, Vars: []string{"a=cli"}})
	if str(t, block(t, res, "aws_iam_user.u").Body.Attr("name")) != "cli" {
		t.Error("--var string")
	}
	if v := block(t, res, "aws_iam_user.u").Body.Attr("tags").Attr("l"); v.Val.IsKnown() {
		t.Errorf("variable without value must be unknown, got %#v", v.Val)
	}
}

func write(t *testing.T, dir, name, src string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestModules(t *testing.T) {
	dir := filepath.Join("testdata", "modules")
	res := load(t, Options{Paths: []string{dir}})
	p := block(t, res, `module.c["one"].aws_iam_policy.p`)
	act := p.Body.Attr("policy").JSONArg().Attr("Statement").Elems[0].Attr("Action")
	if str(t, act) != "*" || at(act.Range) != filepath.Join(dir, "main.tf")+":3:22" {
		t.Errorf("module input %#v at %s, want the caller's map element", act.Val, at(act.Range))
	}
	if p.Module.Path != `module.c["one"]` || len(p.Module.CallChain) != 1 || at(p.Module.CallChain[0].Range) != filepath.Join(dir, "main.tf")+":1:1" {
		t.Errorf("module %q chain %#v", p.Module.Path, p.Module.CallChain)
	}
	g := block(t, res, `module.c["two"].module.g[0].aws_iam_user.g`)
	if str(t, g.Body.Attr("name")) != "s3:*" || len(g.Module.CallChain) != 2 || at(g.Module.CallChain[0].Range) != filepath.Join(dir, "child", "main.tf")+":9:1" {
		t.Errorf("nested module: %#v chain %#v", g.Body.Attr("name").Val, g.Module.CallChain)
	}
	fc := block(t, res, "aws_iam_policy.fromchild").Body.Attr("policy")
	if fc.JSONArg() == nil || fc.RefTo() == nil || fc.RefTo().Address != `module.c["one"].aws_iam_policy.p` {
		t.Errorf("output through module: %#v ref %#v", fc.Val, fc.RefTo())
	}
	// The child directory is also a root of its own, with an unknown input.
	own := block(t, res, "aws_iam_policy.p")
	if own.Module.Path != "" || own.Body.Attr("policy").Val.IsKnown() {
		t.Errorf("child as root: path %q value %#v", own.Module.Path, own.Body.Attr("policy").Val)
	}
	if !hasDiag(res, hcl.DiagWarning, "Module not followed", filepath.Join(dir, "main.tf")+":7") {
		t.Errorf("registry module without modules.json: %v", res.Diags)
	}
	noErrors(t, res)
}

func TestModulesJSON(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `module "r" { source = "org/x/aws" }`)
	write(t, dir, ".terraform/modules/modules.json", `{"Modules":[{"Key":"r","Source":"org/x/aws","Dir":".terraform/modules/r"}]}`)
	write(t, dir, ".terraform/modules/r/main.tf", `resource "aws_iam_user" "r" { name = "remote" }`)
	res := load(t, Options{Paths: []string{dir}})
	if str(t, block(t, res, "module.r.aws_iam_user.r").Body.Attr("name")) != "remote" {
		t.Error("module from modules.json")
	}
	noErrors(t, res)
}

func TestSyntaxErrorKeepsOtherFiles(t *testing.T) {
	dir := filepath.Join("testdata", "syntaxerr")
	res := load(t, Options{Paths: []string{dir}})
	block(t, res, "aws_iam_user.good")
	if !hasDiag(res, hcl.DiagError, "", filepath.Join(dir, "bad.tf")+":3") {
		t.Errorf("want a syntax error in bad.tf:3, got %v", res.Diags)
	}
}

func TestSelfCall(t *testing.T) {
	dir := filepath.Join("testdata", "selfcall")
	res := load(t, Options{Paths: []string{dir}})
	block(t, res, "aws_iam_user.s")
	if !hasDiag(res, hcl.DiagError, "Module calls itself", filepath.Join(dir, "main.tf")+":1") {
		t.Errorf("want a self-call error, got %v", res.Diags)
	}
}

func TestFileOutsideTreeRefused(t *testing.T) {
	dir := filepath.Join("testdata", "outside", "inner")
	res := load(t, Options{Paths: []string{dir}})
	out := block(t, res, "aws_iam_policy.out").Body.Attr("policy")
	if out.Val.IsKnown() {
		t.Errorf("file outside the tree was read: %#v", out.Val)
	}
	if !hasDiag(res, hcl.DiagError, "outside the scanned tree", filepath.Join(dir, "main.tf")+":2,12") {
		t.Errorf("want a refusal on the call, got %v", res.Diags)
	}
	if !hasDiag(res, hcl.DiagError, "File not found", filepath.Join(dir, "main.tf")+":6,12") {
		t.Errorf("want file not found on the call, got %v", res.Diags)
	}
	// A symlink inside the tree pointing outside is refused too.
	tmp := t.TempDir()
	write(t, tmp, "secret.txt", "x")
	write(t, tmp, "root/main.tf", `resource "aws_iam_policy" "s" { policy = file("link.txt") }`)
	if err := os.Symlink(filepath.Join(tmp, "secret.txt"), filepath.Join(tmp, "root", "link.txt")); err != nil {
		t.Skip("no symlinks")
	}
	res = load(t, Options{Paths: []string{filepath.Join(tmp, "root")}})
	if block(t, res, "aws_iam_policy.s").Body.Attr("policy").Val.IsKnown() || !hasDiag(res, hcl.DiagError, "outside the scanned tree", "") {
		t.Error("symlink outside the tree was followed")
	}
}

func TestFilePathArgument(t *testing.T) {
	res := load(t, Options{Paths: []string{filepath.Join(basic, "main.tf")}})
	if b := block(t, res, "aws_iam_policy.enc"); b.Range.Filename != filepath.Join(basic, "main.tf") {
		t.Errorf("filename %s", b.Range.Filename)
	}
}

func TestJSONConfig(t *testing.T) {
	dir := filepath.Join("testdata", "jsoncfg")
	res := load(t, Options{Paths: []string{dir}})
	j := block(t, res, "aws_iam_policy.j").Body
	if !strings.Contains(str(t, j.Attr("policy")), `"iam:*"`) {
		t.Errorf("json policy = %s", str(t, j.Attr("policy")))
	}
	tags := j.Attr("tags")
	if str(t, tags.Attr("a")) != "*" || at(tags.Attr("a").Range) != filepath.Join(dir, "main.tf.json")+":7:23" {
		t.Errorf("json element %#v at %s", tags.Attr("a").Val, at(tags.Attr("a").Range))
	}
	if str(t, tags.Attr("b").Elems[1]) != "iam:*" {
		t.Error("json template string")
	}
	st := block(t, res, "data.aws_iam_policy_document.d").Body.Attr("statement")
	if len(st.Elems) != 4 || str(t, st.Elems[0].Attr("actions").Elems[0]) != "*" || str(t, st.Elems[3].Attr("actions").Elems[0]) != "b:*" {
		t.Errorf("json statements %#v", st)
	}
	noErrors(t, res)
}

func TestCycleAndLimits(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
locals {
  a = local.b
  b = local.a
}
resource "aws_iam_user" "c" { name = local.a }
resource "aws_iam_user" "many" {
  for_each = toset([for i in range(20) : tostring(i)])
  name = each.key
}
resource "aws_iam_user" "x" { name = aws_iam_user.y.name }
resource "aws_iam_user" "y" { name = aws_iam_user.x.name }
`)
	res := load(t, Options{Paths: []string{dir}, MaxInstances: 10})
	if block(t, res, "aws_iam_user.c").Body.Attr("name").Val.IsKnown() || !hasDiag(res, hcl.DiagWarning, "Cycle", "") {
		t.Error("cycle")
	}
	block(t, res, "aws_iam_user.many[*]")
	if !hasDiag(res, hcl.DiagError, "Too many instances", "") {
		t.Error("MaxInstances")
	}
	if block(t, res, "aws_iam_user.x").Body.Attr("name").Val.IsKnown() {
		t.Error("resource cycle")
	}
}

func TestTemplateEscapes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", "resource \"aws_iam_policy\" \"q\" {\n  policy = \"{\\\"Action\\\": \\\"*\\\", \\\"x\\\": \\\"$${y}\\\"}\"\n}\n")
	res := load(t, Options{Paths: []string{dir}})
	p := block(t, res, "aws_iam_policy.q").Body.Attr("policy")
	if str(t, p) != `{"Action": "*", "x": "${y}"}` {
		t.Fatalf("value %q", str(t, p))
	}
	// `*` is at column 28 of `  policy = "{\"Action\": \"*\", ...`
	if got := textPos(t, p, "*"); got != filepath.Join(dir, "main.tf")+":2:28" {
		t.Errorf("* at %s", got)
	}
	if got := textPos(t, p, "{y}"); got != filepath.Join(dir, "main.tf")+":2:42" {
		t.Errorf("$${ at %s", got)
	}
}

func TestNoPanicOnGarbage(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
resource "aws_iam_user" "a" {
  count = "x"
  name  = var.nope.deeper[3]
  tags  = { for k, v in local.nothing : k => v }
  dynamic "x" {}
  other = module.missing.out
  y = data.aws_caller_identity.c.account_id
  z = [for s in aws_iam_user.a[*].name : s]
  w = templatefile("nope.tpl", {})
}
`)
	res := load(t, Options{Paths: []string{dir}})
	block(t, res, "aws_iam_user.a[*]")
}

// TestModulesJSONInvalid: a modules.json that is not terraform init's JSON
// is said (a warning at the error's line and column), not skipped silently:
// its modules are then not followed.
func TestModulesJSONInvalid(t *testing.T) {
	for _, c := range []struct{ name, text, at string }{
		{"syntax", "{\"Modules\":[\n  {\"Key\":\"r\",, \"Dir\":\"x\"}]}", ":2,14"},
		{"type", "{\"Modules\":[{\"Key\":7}]}", ":1,20"},
		{"truncated", "{\"Modules\":[{\"Key\":\"r\"", ":1,22"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "main.tf", `module "r" { source = "org/x/aws" }`)
			write(t, dir, ".terraform/modules/modules.json", c.text)
			res := load(t, Options{Paths: []string{dir}})
			name := filepath.Join(dir, ".terraform", "modules", "modules.json")
			if !hasDiag(res, hcl.DiagWarning, "Invalid modules.json", name+c.at) {
				t.Errorf("want a warning at %s%s, got %v", name, c.at, summarize(res.Diags))
			}
			if !hasDiag(res, hcl.DiagWarning, "Module not followed", filepath.Join(dir, "main.tf")+":1") {
				t.Errorf("want the call not followed, got %v", summarize(res.Diags))
			}
		})
	}
	// A valid one: no warning.
	dir := t.TempDir()
	write(t, dir, "main.tf", `module "r" { source = "org/x/aws" }`)
	write(t, dir, ".terraform/modules/modules.json", `{"Modules":[]}`)
	if res := load(t, Options{Paths: []string{dir}}); hasDiag(res, hcl.DiagWarning, "Invalid modules.json", "") {
		t.Errorf("warning for a valid modules.json: %v", summarize(res.Diags))
	}
}

// TestModulesJSONTooLarge: a modules.json past --max-file-size is not read
// (a 3 GB one was read whole, twice: 28 s and 3.1 GB of memory, with no
// word), and is an error as any file past it is; its modules are not
// followed. Found by redteam9.
func TestModulesJSONTooLarge(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `module "r" { source = "org/x/aws" }`)
	write(t, dir, "mods/r/main.tf", `resource "aws_iam_user" "u" { name = "u" }`)
	write(t, dir, ".terraform/modules/modules.json", `{"Modules":[{"Key":"r","Source":"org/x/aws","Dir":"mods/r"},{"Key":"","Source":"","Dir":"."}]}`)
	name := filepath.Join(dir, ".terraform", "modules", "modules.json")
	res := load(t, Options{Paths: []string{dir}})
	if hasDiag(res, hcl.DiagWarning, "Invalid modules.json", "") || hasDiag(res, hcl.DiagWarning, "Module not followed", "") {
		t.Fatalf("within the limit: %v", summarize(res.Diags))
	}
	// An error, as a .tf past the limit is (it was a warning).
	res = load(t, Options{Paths: []string{dir}, MaxFileSize: 64})
	if !hasDiag(res, hcl.DiagError, "File too large", name+":1,1") {
		t.Errorf("want an error at %s:1,1, got %v", name, summarize(res.Diags))
	}
	for _, d := range res.Diags {
		if d.Summary == "File too large" && !strings.Contains(d.Detail, "more than the limit of 64 bytes (--max-file-size); it is not read, so the modules that terraform init installed are not followed") {
			t.Errorf("detail %q does not name the limit", d.Detail)
		}
	}
	if !hasDiag(res, hcl.DiagWarning, "Module not followed", filepath.Join(dir, "main.tf")+":1") {
		t.Errorf("want the call not followed, got %v", summarize(res.Diags))
	}
}
