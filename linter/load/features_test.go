package load

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

func TestMoreFeatures(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
variable "unk" {}
variable "obj" {
  type = object({ a = string, b = optional(string, "dflt") })
  default = { a = "x" }
}
locals {
  m = { k1 = "v1", k2 = "v2" }
  l = [for k, v in local.m : "${k}=${v}"]
}
resource "aws_iam_user" "cnt" {
  count = var.unk
  name  = "u-${count.index}"
}
resource "aws_iam_user" "misc" {
  name = terraform.workspace
  tags = {
    pm    = path.module
    pr    = path.root
    forx  = join(",", local.l)
    splat = join(",", aws_iam_user.fe[*].name)
    try   = try(local.m.nope, "fallback")
    can   = can(local.m.k1)
    dflt  = var.obj.b
    ex    = fileexists("${path.module}/main.tf")
    nx    = fileexists("${path.module}/none.tf")
    tf    = templatefile("${path.module}/t.tpl", { items = ["a", "b"] })
    ref   = aws_iam_user.cnt[0].name
  }
}
resource "aws_iam_user" "fe" {
  count = 2
  name  = "fe${count.index}"
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.unk
    content {
      sid = statement.key
    }
  }
}
module "m" {
  source   = "./m"
  for_each = var.unk
  x        = each.value
}
module "deep" {
  source = "./d1"
}
`)
	write(t, dir, "t.tpl", "%{ for i in items }<${i}>%{ endfor }")
	write(t, dir, "m/main.tf", `
variable "x" {}
resource "aws_iam_user" "mu" { name = var.x }
`)
	write(t, dir, "d1/main.tf", `module "d2" { source = "../d2" }`)
	write(t, dir, "d2/main.tf", `module "d3" { source = "../d3" }`)
	write(t, dir, "d3/main.tf", `resource "aws_iam_user" "d3" { name = "deep" }`)
	res := load(t, Options{Paths: []string{dir}, MaxModuleDepth: 2})

	c := block(t, res, "aws_iam_user.cnt[*]").Body.Attr("name")
	if c.Val.IsKnown() {
		t.Errorf("unknown count.index should make the name unknown: %#v", c.Val)
	}
	m := block(t, res, "aws_iam_user.misc").Body
	if str(t, m.Attr("name")) != "default" {
		t.Error("terraform.workspace")
	}
	tags := m.Attr("tags").AttrMap()
	want := map[string]string{"pm": ".", "pr": ".", "forx": "k1=v1,k2=v2", "splat": "fe0,fe1", "try": "fallback", "dflt": "dflt", "tf": "<a><b>"}
	for k, w := range want {
		if got := str(t, tags[k]); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
	if tags["can"].Val != cty.True || tags["ex"].Val != cty.True || tags["nx"].Val != cty.False {
		t.Errorf("can/fileexists: %#v %#v %#v", tags["can"].Val, tags["ex"].Val, tags["nx"].Val)
	}
	if tags["ref"].Val.IsKnown() {
		t.Errorf("reference into an unknown-count resource should be unknown: %#v", tags["ref"].Val)
	}
	st := block(t, res, "data.aws_iam_policy_document.d").Body.Attr("statement")
	// One block with an unknown iterator (its constant parts linted), then
	// an unknown element: the number of blocks is not known (a policy
	// document is then partly unknown, a notice).
	if st == nil || len(st.Elems) != 2 || st.Elems[0].Attr("sid").Val.IsKnown() || st.Elems[1].Val.IsKnown() {
		t.Errorf("dynamic block with unknown for_each: one block with unknown iterator and an unknown one, got %#v", st)
	}
	mu := block(t, res, "module.m[*].aws_iam_user.mu")
	if mu.Body.Attr("name").Val.IsKnown() {
		t.Error("module with unknown for_each: each.value unknown")
	}
	for _, mod := range res.Modules {
		if strings.Count(mod.Path, "module.") > 2 {
			t.Errorf("module %s deeper than MaxModuleDepth", mod.Path)
		}
	}
	if !hasDiag(res, hcl.DiagError, "Module nesting too deep", filepath.Join(dir, "d2", "main.tf")+":1") {
		t.Errorf("want a depth error on the d3 call, got %v", res.Diags)
	}
}

func TestModuleOutsideTreeReadsOwnFiles(t *testing.T) {
	tmp := t.TempDir()
	write(t, tmp, "mod/main.tf", `resource "aws_iam_policy" "m" { policy = file("${path.module}/p.json") }`)
	write(t, tmp, "mod/p.json", `{"Statement": []}`)
	write(t, tmp, "root/main.tf", `module "m" { source = "../mod" }`)
	res := load(t, Options{Paths: []string{filepath.Join(tmp, "root")}})
	p := block(t, res, "module.m.aws_iam_policy.m").Body.Attr("policy")
	if str(t, p) != `{"Statement": []}` {
		t.Errorf("module file: %#v", p.Val)
	}
	if p.Text == nil || p.Text.Segments()[0].File != filepath.Join(tmp, "mod", "p.json") {
		t.Errorf("file name in text map: %#v", p.Text)
	}
	noErrors(t, res)
	if !strings.Contains(strings.Join(res.Files, " "), filepath.Join(tmp, "mod", "main.tf")) {
		t.Errorf("module file not in Files: %v", res.Files)
	}
}

func TestTfvarsPathArgument(t *testing.T) {
	res := load(t, Options{Paths: []string{filepath.Join(basic, "terraform.tfvars")}})
	block(t, res, "aws_iam_policy.enc")
}

func TestForExpressionLocated(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
locals {
  acts = ["s3:GetObject", "*"]
  m    = { a = "x", b = "y" }
}
resource "aws_iam_policy" "f" {
  policy = jsonencode({
    Statement = [for a in local.acts : { Action = a, Effect = "Allow" } if a != "none"]
  })
  tags = { for k, v in local.m : upper(k) => "${v}!" }
}
`)
	res := load(t, Options{Paths: []string{dir}})
	b := block(t, res, "aws_iam_policy.f").Body
	st := b.Attr("policy").JSONArg().Attr("Statement")
	if len(st.Elems) != 2 {
		t.Fatalf("statements %#v", st)
	}
	a := st.Elems[1].Attr("Action")
	if str(t, a) != "*" || at(a.Range) != filepath.Join(dir, "main.tf")+":3:27" {
		t.Errorf("for element %#v at %s, want the local's element", a.Val, at(a.Range))
	}
	if str(t, b.Attr("tags").Attr("B")) != "y!" {
		t.Errorf("object for: %#v", b.Attr("tags").Val)
	}
	noErrors(t, res)
}

func TestLimitsAndProviderAlias(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
provider "aws" {
  alias      = "west"
  secret_key = "s"
}
resource "aws_iam_user" "u" { name = "u" }
`)
	write(t, dir, "big.tf", "# "+strings.Repeat("x", 2000)+"\n")
	res := load(t, Options{Paths: []string{dir}, MaxFileSize: 1000})
	p := block(t, res, "provider.aws.west")
	if p.Name != "west" || p.Type != "aws" || str(t, p.Body.Attr("secret_key")) != "s" {
		t.Errorf("provider %#v", p)
	}
	block(t, res, "aws_iam_user.u")
	if !hasDiag(res, hcl.DiagError, "File too large", filepath.Join(dir, "big.tf")) {
		t.Errorf("want a file-size error, got %v", res.Diags)
	}
	res = load(t, Options{Paths: []string{filepath.Join(dir, "nope")}})
	if !hasDiag(res, hcl.DiagError, "Cannot read path", "") {
		t.Errorf("missing path: %v", res.Diags)
	}
}

func TestOtherTfvarsReadable(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `variable "a" {}`)
	write(t, dir, "prod.tfvars", `a = "p"`)
	res := load(t, Options{Paths: []string{dir}})
	if _, ok := res.Sources[filepath.Join(dir, "prod.tfvars")]; !ok {
		t.Error("prod.tfvars not in Sources")
	}
	if !strings.Contains(strings.Join(res.Files, " "), "prod.tfvars") {
		t.Errorf("Files = %v", res.Files)
	}
}

func TestHugeFunctionsRefused(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
resource "aws_iam_user" "u" {
  name = length(range(1000000000))
  tags = { l = lookup({ a = "b" }, "a"), m = lookup({ a = "b" }, "z", "d") }
}`)
	res := load(t, Options{Paths: []string{dir}})
	b := block(t, res, "aws_iam_user.u").Body
	if b.Attr("name").Val.IsKnown() {
		t.Error("range(1e9) should be refused (unknown)")
	}
	if str(t, b.Attr("tags").Attr("l")) != "b" || str(t, b.Attr("tags").Attr("m")) != "d" {
		t.Errorf("lookup: %#v", b.Attr("tags").Val)
	}
}

func TestJSONDecodeLocated(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "p.json", "{\n  \"Statement\": [{\"Action\": \"*\"}]\n}\n")
	write(t, dir, "main.tf", `
locals { doc = jsondecode(file("${path.module}/p.json")) }
resource "aws_iam_policy" "d" {
  policy = jsonencode(local.doc)
}`)
	res := load(t, Options{Paths: []string{dir}})
	a := block(t, res, "aws_iam_policy.d").Body.Attr("policy").JSONArg().Attr("Statement").Elems[0].Attr("Action")
	if str(t, a) != "*" || at(a.Range) != filepath.Join(dir, "p.json")+":2:28" {
		t.Errorf("decoded element %#v at %s", a.Val, at(a.Range))
	}
	noErrors(t, res)
}

func TestMissingFileWarning(t *testing.T) {
	dir := filepath.Join("testdata", "outside", "inner")
	res := load(t, Options{Paths: []string{dir}, MissingFileWarning: true})
	if !hasDiag(res, hcl.DiagWarning, "File not found", filepath.Join(dir, "main.tf")+":6,12") {
		t.Errorf("want a warning, got %v", res.Diags)
	}
	if !hasDiag(res, hcl.DiagError, "outside the scanned tree", "") {
		t.Error("refusal stays an error")
	}
}
