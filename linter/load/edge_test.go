package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
)

// More pathological inputs (see robust_test.go): byte order marks, empty
// files, .tf.json arrays, long single lines, special files, panicking
// renderers.

const bom = "\xef\xbb\xbf"

func TestByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	// Native syntax: the BOM is skipped (as terraform does); positions
	// count from the first character after it.
	write(t, dir, "main.tf", bom+`resource "aws_iam_policy" "p" {
  policy = file("p.json")
}
resource "aws_iam_policy" "j" {
  policy = jsonencode({ Action = "*" })
}
`)
	// A file() target with a BOM is read as it is (the policy parser skips it).
	write(t, dir, "p.json", bom+`{"Statement":[{"Action":"*"}]}`)
	// A .tfvars with a BOM.
	write(t, dir, "vars.tf", `variable "v" {}
resource "aws_iam_user" "v" { name = var.v }
`)
	write(t, dir, "terraform.tfvars", bom+`v = "from-tfvars"`+"\n")
	// JSON syntax: terraform does not accept a BOM; it is a located error
	// and the other files are loaded.
	write(t, dir, "x.tf.json", bom+`{"resource":{"aws_iam_user":{"x":{"name":"x"}}}}`)
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	main := filepath.Join(dir, "main.tf")
	if b := block(t, res, "aws_iam_policy.p"); at(b.Range) != main+":1:1" {
		t.Errorf("block after a BOM at %s, want %s:1:1", at(b.Range), main)
	}
	j := block(t, res, "aws_iam_policy.j").Body.Attr("policy").JSONArg().Attr("Action")
	if at(j.Range) != main+":5:34" {
		t.Errorf("jsonencode Action at %s, want %s:5:34", at(j.Range), main)
	}
	p := block(t, res, "aws_iam_policy.p").Body.Attr("policy")
	if !p.Val.IsKnown() || !strings.HasPrefix(p.Val.AsString(), bom+"{") {
		t.Errorf("file() with a BOM: %#v", p.Val)
	}
	if v := block(t, res, "aws_iam_user.v").Body.Attr("name"); !v.Val.IsKnown() || v.Val.AsString() != "from-tfvars" {
		t.Errorf("tfvars with a BOM: %#v %v", v.Val, summarize(res.Diags))
	}
	if !hasDiag(res, hcl.DiagError, "Byte order mark in JSON configuration", filepath.Join(dir, "x.tf.json")+":1") {
		t.Errorf("want an error at x.tf.json:1, got %v", summarize(res.Diags))
	}
	for _, d := range res.Diags {
		if d.Severity == hcl.DiagError && (d.Subject == nil || !strings.HasSuffix(d.Subject.Filename, "x.tf.json")) {
			t.Errorf("unexpected error: %s", d.Error())
		}
	}
}

func TestEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"empty.tf", "blank.tf", "terraform.tfvars", "empty.json", "m/main.tf"} {
		write(t, dir, name, "")
	}
	write(t, dir, "blank.tf", "\n\r\n  \t\n")
	write(t, dir, "empty.tf.json", "")
	write(t, dir, "obj.tf.json", "{}")
	write(t, dir, "main.tf", `resource "aws_iam_policy" "e" {
  policy = file("empty.json")
}
module "m" {
  source = "./m"
}
`)
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	// An empty policy file is an empty string (terraform reads it so); the
	// rules decide what to say about it.
	if p := block(t, res, "aws_iam_policy.e").Body.Attr("policy"); !p.Val.IsKnown() || p.Val.AsString() != "" {
		t.Errorf("file() of an empty file: %#v", p.Val)
	}
	// An empty .tf.json is not JSON: a located error (terraform says the same).
	if !hasDiag(res, hcl.DiagError, "", filepath.Join(dir, "empty.tf.json")+":1") {
		t.Errorf("want an error at empty.tf.json:1, got %v", summarize(res.Diags))
	}
	for _, d := range res.Diags {
		if d.Severity == hcl.DiagError && (d.Subject == nil || d.Subject.Filename != filepath.Join(dir, "empty.tf.json")) {
			t.Errorf("unexpected error: %s", d.Error())
		}
	}
	// A directory with only empty files is a module with nothing in it.
	if len(res.Modules) < 2 {
		t.Errorf("%d modules, want the root and module.m", len(res.Modules))
	}
}

func TestTFJSONArray(t *testing.T) {
	dir := t.TempDir()
	// A JSON configuration may be an array of objects (hcl/json merges them).
	write(t, dir, "a.tf.json", `[
  {"resource": {"aws_iam_policy": {"p": {"policy": "{\"Statement\":[{\"Action\":\"*\"}]}"}}}},
  {"resource": {"aws_iam_user": {"u": {"name": "u"}}}}
]`)
	write(t, dir, "b.tf.json", `[1, "x", null, [], {"locals": {"l": 1}}]`)
	write(t, dir, "c.tf.json", `[]`)
	write(t, dir, "d.tf.json", `"just a string"`)
	write(t, dir, "e.tf.json", `[[[[{"resource": {}}]]]]`)
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	p := block(t, res, "aws_iam_policy.p").Body.Attr("policy")
	if !p.Val.IsKnown() || !strings.Contains(p.Val.AsString(), `"Action":"*"`) {
		t.Errorf("policy in a .tf.json array: %#v", p.Val)
	}
	block(t, res, "aws_iam_user.u")
	for _, want := range []string{"b.tf.json:1,2", "d.tf.json:1,1", "e.tf.json:1,2"} {
		if !hasDiag(res, hcl.DiagError, "", filepath.Join(dir, want)) {
			t.Errorf("want an error at %s, got %v", want, summarize(res.Diags))
		}
	}
	if hasDiag(res, hcl.DiagError, "", filepath.Join(dir, "c.tf.json")) {
		t.Errorf("an empty array is an empty configuration: %v", summarize(res.Diags))
	}
}

func TestLongSingleLineTF(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 5<<20)
	write(t, dir, "main.tf", `resource "aws_iam_policy" "p" { policy = jsonencode({ Statement = [{ Sid = "`+long+`", Action = "*" }] }) }`)
	write(t, dir, "ok.tf", `resource "aws_iam_user" "ok" { name = "ok" }`)
	// Over the default limit of 4 MiB: a clear error, nothing read.
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "File too large", filepath.Join(dir, "main.tf")+":1") {
		t.Errorf("want File too large at main.tf:1, got %v", summarize(res.Diags))
	}
	block(t, res, "aws_iam_user.ok")
	// With the limit raised: parsed, evaluated and located on line 1.
	res = bounded(t, Options{Paths: []string{dir}, MaxFileSize: 8 << 20}, 10*time.Second, 0)
	if res.Diags.HasErrors() {
		t.Fatalf("errors: %v", summarize(res.Diags))
	}
	a := block(t, res, "aws_iam_policy.p").Body.Attr("policy").JSONArg().Attr("Statement").Elems[0].Attr("Action")
	if want := len(`resource "aws_iam_policy" "p" { policy = jsonencode({ Statement = [{ Sid = "`) + len(long) + len(`", Action = `) + 1; a.Range.Start.Line != 1 || a.Range.Start.Column != want {
		t.Errorf("Action at %s, want 1:%d", at(a.Range), want)
	}
}

// TestRendererPanicBecomesError: a data source renderer (evaluation code
// outside package eval) that panics gives an error at the data block, with
// the stack when IAMLINT_DEBUG is set, and the rest is evaluated.
func TestRendererPanicBecomesError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `data "aws_iam_policy_document" "d" {
  statement {
    actions = ["s3:GetObject"]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_user" "after" { name = "after" }
`)
	renderers := map[string]eval.DataRenderer{"aws_iam_policy_document": func(*eval.Node) cty.Value {
		panic("renderer bug")
	}}
	for _, debug := range []bool{false, true} {
		if debug {
			t.Setenv("IAMLINT_DEBUG", "1")
		} else {
			t.Setenv("IAMLINT_DEBUG", "")
		}
		res := load(t, Options{Paths: []string{dir}, Renderers: renderers})
		var found bool
		for _, d := range res.Diags {
			if d.Severity == hcl.DiagError && strings.Contains(d.Detail, "renderer bug") && d.Subject != nil && at(*d.Subject) == filepath.Join(dir, "main.tf")+":1:1" {
				found = true
				if hasStack := strings.Contains(d.Detail, "goroutine "); hasStack != debug {
					t.Errorf("debug=%v: stack in detail = %v: %s", debug, hasStack, d.Detail)
				}
			}
		}
		if !found {
			t.Errorf("debug=%v: want an error at main.tf:1:1 for the panic, got %v", debug, summarize(res.Diags))
		}
		if p := block(t, res, "aws_iam_policy.p").Body.Attr("policy"); p.Val.IsKnown() {
			t.Errorf("debug=%v: policy of a failed data source is %#v", debug, p.Val)
		}
		block(t, res, "aws_iam_user.after")
	}
}

// TestModuleCallsItselfThroughSymlink: a module source that is a symlink to
// its caller's directory (source = "./loop", loop -> .) is a module calling
// itself, even called three times (which, followed, would be 3^16 module
// instances).
func TestModuleCallsItselfThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `module "a" {
  source = "./loop"
}
module "b" {
  source = "./loop/loop"
}
module "c" {
  source = "./loop"
}
resource "aws_iam_user" "u" { name = "u" }
`)
	if err := os.Symlink(".", filepath.Join(dir, "loop")); err != nil {
		t.Skip("no symlinks:", err)
	}
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	for _, line := range []string{":1", ":4", ":7"} {
		if !hasDiag(res, hcl.DiagError, "Module calls itself", filepath.Join(dir, "main.tf")+line) {
			t.Errorf("want Module calls itself at main.tf%s, got %v", line, summarize(res.Diags))
		}
	}
	block(t, res, "aws_iam_user.u")
}

// TestModuleFanOutLimited: distinct modules that each call the next three
// times, 16 levels deep (3^15 instances), stop at the module instance limit
// with one error, in bounded time.
func TestModuleFanOutLimited(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 16; i++ {
		src := `resource "aws_iam_user" "u" { name = "u` + itoa(i) + `" }` + "\n"
		if i < 15 {
			for _, c := range []string{"a", "b", "c"} {
				src += `module "` + c + `" {
  source = "../m` + itoa(i+1) + `"
}
`
			}
		}
		write(t, dir, filepath.Join("m"+itoa(i), "main.tf"), src)
	}
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "m0")}}, 20*time.Second, 0)
	var n int
	for _, d := range res.Diags {
		if d.Summary == "Too many module instances" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d Too many module instances errors, want 1: %v", n, summarize(res.Diags))
	}
	if len(res.Modules) > minModuleInstancesForTest+1 {
		t.Errorf("%d module instances evaluated", len(res.Modules))
	}
	block(t, res, "aws_iam_user.u")
	block(t, res, "module.a.module.a.module.a.aws_iam_user.u")
}

// minModuleInstancesForTest mirrors eval's minModuleInstances.
const minModuleInstancesForTest = 10000
