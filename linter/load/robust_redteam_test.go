package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// TestStringWorkBounded: strings of tens of megabytes, each within the
// limit of a value, used by many templates and function calls of one root
// module (60 templates of a 58 MB string, each passed to length(), which
// counted its grapheme clusters at about 25 MB/s) end in one located
// "Evaluation too large" error within bounded time and memory: before,
// more than a minute and gigabytes.
func TestStringWorkBounded(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("locals {\n  m   = format(\"%0999999d\", 1)\n  big = replace(local.m, \"0\", \"" + strings.Repeat("0", 58) + "\")\n}\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "locals { b%d = \"${local.big}%d\" }\n", i, i)
	}
	b.WriteString("resource \"aws_iam_user\" \"u\" {\n  name = join(\",\", [\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&b, "    length(local.b%d),\n", i)
	}
	b.WriteString("  ])\n}\n")
	write(t, dir, "main.tf", b.String())
	res := bounded(t, Options{Paths: []string{dir}}, 10*time.Second, 0)
	n := 0
	for _, d := range res.Diags {
		if d.Summary == "Evaluation too large" && strings.Contains(d.Detail, "bytes of strings") {
			n++
			if d.Subject == nil || filepath.Base(d.Subject.Filename) != "main.tf" {
				t.Errorf("not located: %s", d.Error())
			}
		}
	}
	if n != 1 {
		t.Errorf("%d Evaluation too large (bytes of strings) errors, want 1: %v", n, summarize(res.Diags))
	}
	if u := block(t, res, "aws_iam_user.u"); u != nil && u.Body.Attr("name") != nil && u.Body.Attr("name").Val.IsKnown() {
		t.Errorf("name is known: %#v", u.Body.Attr("name").Val)
	}
}

// TestBlockInstancesBounded: count on nested module calls multiplies the
// instances of a resource with count (10 x 11 module instances x 1001),
// each within --max-instances: past 100,000 instances in the root module
// the blocks get one instance with an unknown key, with one located error,
// instead of evaluating them all (count = 100 x 100 x 1000: 10^7 instances,
// 18 GB before it was stopped).
func TestBlockInstancesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 100,000 instances")
	}
	dir := t.TempDir()
	write(t, dir, "main.tf", "module \"a\" {\n  source = \"./m\"\n  count  = 10\n}\n")
	write(t, dir, "m/main.tf", "module \"b\" {\n  source = \"./n\"\n  count  = 11\n}\n")
	write(t, dir, "m/n/main.tf", "resource \"aws_iam_user\" \"u\" {\n  count = 1001\n  name  = \"u${count.index}\"\n}\n")
	res := bounded(t, Options{Paths: []string{dir}}, 20*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "Too many instances", filepath.Join(dir, "m/n/main.tf")+":1") {
		t.Errorf("no Too many instances error at m/n/main.tf:1: %v", summarize(res.Diags))
	}
	n, unknown := 0, 0
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			if !strings.HasPrefix(b.Address, "module.a[") || !strings.Contains(b.Address, ".aws_iam_user.u[") {
				continue // another root module (m, m/n on their own)
			}
			if strings.HasSuffix(b.Address, "[*]") {
				unknown++
			} else {
				n++
			}
		}
	}
	if n > 100000+1001 || unknown != 10 {
		t.Errorf("%d instances evaluated (%d with an unknown key)", n, unknown)
	}
	block(t, res, "module.a[0].module.b[0].aws_iam_user.u[1000]")
	block(t, res, "module.a[9].module.b[10].aws_iam_user.u[*]")
}

// TestDuplicateDeclarations: two resource (or data) blocks with one
// address, in one file or two, and two locals, variables or module calls
// of one name, are located errors (terraform rejects them too). Both blocks
// are linted (references name the first); of locals, variables and module
// calls the first is evaluated. The second block replaced the first without
// a word: a resource granting "*" followed by a harmless one of the same
// address was linted as harmless, exit 0.
func TestDuplicateDeclarations(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
locals {
  x = "first"
}
variable "v" {
  default = "first"
}
module "m" {
  source = "./m1"
}
resource "aws_iam_user" "u" {
  name = "${local.x}-${var.v}-${aws_iam_policy.p.policy}"
}
`)
	write(t, dir, "b.tf", `resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
locals {
  x = "second"
}
variable "v" {
  default = "second"
}
module "m" {
  source = "./m2"
}
`)
	write(t, dir, "m1/main.tf", `resource "aws_iam_user" "one" { name = "one" }`+"\n")
	write(t, dir, "m2/main.tf", `resource "aws_iam_user" "two" { name = "two" }`+"\n")
	res := load(t, Options{Paths: []string{dir}})
	b := filepath.Join(dir, "b.tf")
	for _, want := range []struct{ summary, at string }{
		{"Duplicate resource configuration", b + ":1"},
		{"Duplicate data configuration", b + ":4"},
		{"Duplicate local value definition", b + ":11"},
		{"Duplicate variable declaration", b + ":13"},
		{"Duplicate module call", b + ":16"},
	} {
		if !hasDiag(res, hcl.DiagError, want.summary, want.at) {
			t.Errorf("no %q error at %s: %v", want.summary, want.at, summarize(res.Diags))
		}
	}
	files := map[string][]string{}
	for _, m := range res.Modules {
		for _, bl := range m.Blocks {
			files[bl.Address] = append(files[bl.Address], filepath.Base(bl.Range.Filename))
		}
	}
	for _, addr := range []string{"aws_iam_policy.p", "data.aws_iam_policy_document.d"} {
		if got := strings.Join(files[addr], " "); got != "a.tf b.tf" {
			t.Errorf("%s from %q, want both a.tf and b.tf", addr, got)
		}
	}
	if files["module.m.aws_iam_user.one"] == nil || files["module.m.aws_iam_user.two"] != nil {
		t.Errorf("module m: want m1 only: %v", files)
	}
	for _, m := range res.Modules {
		for _, bl := range m.Blocks {
			if bl.Address != "aws_iam_user.u" {
				continue
			}
			n := bl.Body.Attr("name")
			if n == nil || !n.Val.IsKnown() || !strings.HasPrefix(n.Val.AsString(), "first-first-") || !strings.Contains(n.Val.AsString(), `"Action":"*"`) {
				t.Errorf("aws_iam_user.u name = %#v, want first-first- and the first policy", n)
			}
		}
	}
}

// TestTfvarsCallNoFunctions: a .tfvars file (terraform.tfvars, read
// without being named), a .tfvars.json file and a --var of a complex type
// hold values: a function call there (file() of a file outside the scanned
// tree, /proc/self/environ) is a located error and an unknown value, as
// terraform has it ("Function calls not allowed"). They were evaluated with
// every function and file() unconfined: a hostile terraform.tfvars printed
// the environment of the CI job in finding messages.
func TestTfvarsCallNoFunctions(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	write(t, filepath.Dir(outside), "secret.txt", "TOKEN=s3cr3t-value\n")
	dir := t.TempDir()
	write(t, dir, "main.tf", `variable "a" {}
variable "b" {}
variable "c" { type = list(string) }
resource "aws_iam_user" "u" {
  name = "${var.a}${var.b}${join("", var.c)}"
}
`)
	q := strconvQuote(outside)
	write(t, dir, "terraform.tfvars", "a = file("+q+")\n")
	write(t, dir, "x.auto.tfvars.json", `{"b": "${templatefile(`+strings.ReplaceAll(q, `"`, `\"`)+`, {})}"}`+"\n")
	res := load(t, Options{Paths: []string{dir}, Vars: []string{"c=[try(file(" + q + "), \"\")]"}})
	for _, at := range []string{filepath.Join(dir, "terraform.tfvars") + ":1", filepath.Join(dir, "x.auto.tfvars.json") + ":1", "<value for var.c>:1"} {
		if !hasDiag(res, hcl.DiagError, "Function calls not allowed", at) {
			t.Errorf("no Function calls not allowed error at %s: %v", at, summarize(res.Diags))
		}
	}
	for name, src := range res.Sources {
		if strings.Contains(string(src), "s3cr3t") {
			t.Errorf("%s read: %q", name, src)
		}
	}
	if u := block(t, res, "aws_iam_user.u"); u != nil {
		if n := u.Body.Attr("name"); n == nil || n.Val.IsKnown() {
			t.Errorf("name = %#v, want unknown", n)
		}
	}
}

func strconvQuote(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

// TestSplatChainBounded: a chain of hundreds of splat operators (each nests
// the elements it reaches once more: 400 of them over 30,000 elements took
// 33 s and 2 GB, a thousand ran out of memory) is a located error, not
// evaluated; a short chain is.
func TestSplatChainBounded(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `locals {
  s     = [for i in range(100) : { x = [for j in range(100) : { y = [1, 2, 3] }] }]
  short = local.s[*].x[*].y
  long  = local.s[*].x[*].y`+strings.Repeat("[*]", 400)+`
}
resource "aws_iam_user" "u" {
  name = "${length(local.short)}-${length(local.long)}"
}
`)
	res := bounded(t, Options{Paths: []string{dir}}, 10*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "Expression too complex", filepath.Join(dir, "main.tf")+":4") {
		t.Errorf("no Expression too complex error at main.tf:4: %v", summarize(res.Diags))
	}
	if u := block(t, res, "aws_iam_user.u"); u != nil {
		if n := u.Body.Attr("name"); n == nil || n.Val.IsKnown() || n.PartialOf() == nil || !strings.HasPrefix(n.PartialOf().Text, "100-") {
			t.Errorf("name = %#v, want 100- and unknown", n)
		}
	}
}

// TestJSONTemplateSyntaxError: a template in a .tf.json string that does
// not parse ("${1+}") is an error, as the same template in a .tf file is; it
// was a warning (a notice, exit 0) and the policy was only "unknown".
func TestJSONTemplateSyntaxError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf.json", `{"resource": {"aws_iam_policy": {"p": {"policy": "${1+}"}}}}`+"\n")
	res := load(t, Options{Paths: []string{dir}})
	if !hasDiag(res, hcl.DiagError, "Invalid expression", filepath.Join(dir, "main.tf.json")+":1") {
		t.Errorf("no Invalid expression error at main.tf.json:1: %v", summarize(res.Diags))
	}
}

// TestInvalidCount: a negative or fractional count is an error, as
// terraform has it, and the block is linted once with an unknown index: a
// negative count made no instance, so that the block went unlinted without
// a word; 1.5 made one.
func TestInvalidCount(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `resource "aws_iam_user" "neg" {
  count = -1
  name  = "neg"
}
resource "aws_iam_user" "half" {
  count = 1.5
  name  = "half"
}
resource "aws_iam_user" "ok" {
  count = 0
  name  = "ok"
}
`)
	res := load(t, Options{Paths: []string{dir}})
	for _, line := range []string{":2", ":6"} {
		if !hasDiag(res, hcl.DiagError, "Invalid count argument", filepath.Join(dir, "main.tf")+line) {
			t.Errorf("no Invalid count argument error at main.tf%s: %v", line, summarize(res.Diags))
		}
	}
	block(t, res, "aws_iam_user.neg[*]")
	block(t, res, "aws_iam_user.half[*]")
	if hasDiag(res, hcl.DiagError, "Invalid count argument", filepath.Join(dir, "main.tf")+":10") {
		t.Errorf("count = 0 is an error")
	}
}
