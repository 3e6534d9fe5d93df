package linter_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
)

// nestedFors is nine nested for expressions over ten-element tuples: 300
// bytes that iterate 10^9 times, with no function call and no reference.
func nestedFors() string {
	x := `"x"`
	for i := range 9 {
		x = "[for v" + string(rune('a'+i)) + " in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : " + x + "]"
	}
	return x
}

const redteam13Policy = `resource "aws_iam_policy" "ok" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`

// TestConstantAttributesForBounded: the attributes the configuration reads
// as constants (an output's and a variable's sensitive, a variable's
// nullable and ephemeral, a provider's alias, a module's source) were evaluated by hcl with no budget: nested
// for expressions there hung the run (10^9 iterations, then gigabytes). They
// are evaluated within the for budget now, and the rest of the module is
// linted.
func TestConstantAttributesForBounded(t *testing.T) {
	x := nestedFors()
	cases := map[string]string{
		"output-sensitive":   "output \"o\" {\n  value     = 1\n  sensitive = " + x + "\n}\n",
		"variable-sensitive": "variable \"v\" {\n  sensitive = " + x + "\n}\n",
		"variable-nullable":  "variable \"v\" {\n  nullable = " + x + "\n}\n",
		"variable-ephemeral": "variable \"v\" {\n  ephemeral = " + x + "\n}\n",
		"provider-alias":     "provider \"aws\" {\n  alias = " + x + "\n}\nprovider \"aws\" {\n  alias = " + x + "\n}\n",
		"module-source":      "module \"m\" {\n  source = " + x + "\n}\n",
		"template-for":       "variable \"v\" {\n  sensitive = \"%{for a in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}" + strings.Repeat("%{for b in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}", 1) + "${" + x + "[0]}%{endfor}%{endfor}\"\n}\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", redteam13Policy)
			writeFile(t, dir, "x.tf", src)
			res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
			if !hasFinding(res, "wildcard-action", "main.tf", 2, 0) {
				t.Errorf("policy not linted: %+v %+v", res.Findings, res.Errors)
			}
			if name == "module-source" && (len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Message, "Invalid module source")) {
				t.Errorf("want one Invalid module source error, got %+v", res.Errors)
			}
		})
	}
}

// TestTypeConstraintBounded: a variable's type constraint is read by
// typeexpr, which evaluates the default of an optional attribute with hcl,
// without bound (nested for expressions: a hang), and reads a .tf.json
// constraint by parsing its string with hclsyntax, past the checks of the
// file (300,000 nested brackets: a fatal stack overflow, no report). Such a
// constraint is a warning now, the variable has no type, and the rest of
// the module is linted.
func TestTypeConstraintBounded(t *testing.T) {
	x := nestedFors()
	deep := strings.Repeat("list(", 300000) + "string" + strings.Repeat(")", 300000)
	cases := map[string][2]string{
		"optional-fors":      {"x.tf", "variable \"v\" {\n  type    = object({ a = optional(any, " + x + ") })\n  default = {}\n}\n"},
		"json-optional-fors": {"x.tf.json", `{"variable": {"v": {"type": "object({ a = optional(any, ` + strings.ReplaceAll(x, `"`, `\"`) + `) })", "default": {}}}}`},
		"json-deep":          {"x.tf.json", `{"variable": {"v": {"type": "` + deep + `"}}}`},
		"json-deep-default":  {"x.tf.json", `{"variable": {"v": {"type": "object({ a = optional(any, ` + strings.Repeat("[", 300000) + strings.Repeat("]", 300000) + `) })"}}}`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", redteam13Policy)
			writeFile(t, dir, c[0], c[1])
			res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
			if !hasFinding(res, "wildcard-action", "main.tf", 2, 0) {
				t.Errorf("policy not linted: %+v %+v", res.Findings, res.Errors)
			}
			var said bool
			for _, n := range res.Notices {
				said = said || strings.HasPrefix(n.Message, "Type constraint not read: ") && strings.HasSuffix(n.File, c[0])
			}
			if !said {
				t.Errorf("want a Type constraint not read notice, got %+v", res.Notices)
			}
		})
	}
	// A constraint with an optional default is still read.
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `variable "v" {
  type    = object({ actions = optional(list(string), ["*"]) })
  default = {}
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.v.actions, Resource = "*" }] })
}
`)
	writeFile(t, dir, "j/main.tf.json", `{"variable": {"v": {"type": "object({ actions = optional(list(string), [\"*\"]) })", "default": {}}},
 "resource": {"aws_iam_policy": {"p": {"policy": "${jsonencode({Statement = [{Effect = \"Allow\", Action = var.v.actions, Resource = \"*\"}]})}"}}}}`)
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	if !hasFinding(res, "wildcard-action", "main.tf", 2, 0) || !hasFinding(res, "wildcard-action", "main.tf.json", 0, 0) {
		t.Errorf("optional default not applied: %+v %+v %+v", res.Findings, res.Errors, res.Notices)
	}
}

// TestDiagnosticMessageCapped: an error or notice quoting the input is cut
// as a finding's message is: hcl's notice about a .tf.json type string of
// 1.8 MB quoted it whole, in every format.
func TestDiagnosticMessageCapped(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", redteam13Policy)
	writeFile(t, dir, "v.tf.json", `{"variable": {"v": {"type": "`+strings.Repeat("x", 1<<20)+`"}}}`)
	writeFile(t, dir, "bad.tf", "locals {\n  x = "+strings.Repeat("y", 1<<20)+"\n}\n")
	res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
	if !hasFinding(res, "wildcard-action", "main.tf", 2, 0) {
		t.Errorf("policy not linted: %+v", res.Findings)
	}
	n := 0
	for _, e := range res.Errors {
		n++
		if len(e.Message) > 2100 || !strings.Contains(e.Message, "more bytes)") && len(e.Message) > 2000 {
			t.Errorf("error of %d bytes: %.200s", len(e.Message), e.Message)
		}
	}
	for _, e := range res.Notices {
		n++
		if len(e.Message) > 2100 {
			t.Errorf("notice of %d bytes: %.200s", len(e.Message), e.Message)
		}
	}
	if n == 0 {
		t.Errorf("no error or notice")
	}
}

// TestManyNamedFiles: 30,000 files of one directory named as paths
// (iamlint $(git ls-files '*.tf')) are linted in time linear in their
// number: telling which paths held nothing to lint compared each path with
// every loaded file, building a prefix for each comparison (52 CPU s for
// 50,000; 19 for 30,000).
func TestManyNamedFiles(t *testing.T) {
	dir := t.TempDir()
	paths := make([]string, 0, 30001)
	for i := range 30000 {
		name := "f" + strconv.Itoa(i) + ".tf"
		writeFile(t, dir, name, "resource \"aws_iam_group\" \"g"+strconv.Itoa(i)+"\" {\n  name = \"g\"\n}\n")
		paths = append(paths, filepath.Join(dir, name))
	}
	paths = append(paths, writeFile(t, dir, "main.tf", redteam13Policy))
	res := lintBounded(t, 5*time.Second, linter.Options{Paths: paths})
	if !hasFinding(res, "wildcard-action", "main.tf", 2, 0) || len(res.Errors) != 0 {
		t.Errorf("findings %+v, errors %+v", res.Findings, res.Errors)
	}
}

// TestDenyLongNotResourceBounded: a bucket policy whose Deny has a
// NotResource of "*" then 500,000 a's then b, and whose Allow to everyone
// names a Resource of 1,000,000 a's (1.5 MB, under the file size limit):
// deciding whether the Deny cancels the grant matched the two with a walk
// of 2.5·10^11 steps (a hang). It is linted in bounded time: the resource
// does not match the NotResource, so the Deny covers it and cancels the
// grant; with a NotResource the resource matches, the grant is reported.
func TestDenyLongNotResourceBounded(t *testing.T) {
	arn := "arn:aws:s3:::" + strings.Repeat("a", 1000000)
	for end, reported := range map[string]bool{"b": false, "": true} {
		dir := t.TempDir()
		writeFile(t, dir, "main.tf", `resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "`+arn+`" },
    { Effect = "Deny", Principal = "*", Action = "*", NotResource = "*`+strings.Repeat("a", 500000)+end+`" },
  ] })
}
`)
		res := lintBounded(t, 10*time.Second, linter.Options{Paths: []string{dir}})
		if hasFinding(res, "wildcard-principal", "main.tf", 4, 0) != reported {
			t.Errorf("NotResource ending %q: wildcard-principal reported is not %v", end, reported)
		}
	}
}

// TestTemplateRecursionRefused: templatefile and templatestring may not be
// called from inside a template, as in Terraform. They were followed 8
// levels deep; and a %{ for } whose elements were unknown was handed to
// hcl, whose table of functions knew no template, so a template calling
// itself 100 times in a loop rendered itself again and again at the top:
// 27 CPU s and 1.1 GB for two lines. The value is unknown, with the error,
// and the rest of the module is linted.
func TestTemplateRecursionRefused(t *testing.T) {
	for name, tpl := range map[string]string{
		"loop":           `%{ for i in range(100) }${templatefile("b.tpl", {n = 1})}%{ endfor }`,
		"twice":          `${templatefile("b.tpl", {})}${templatefile("b.tpl", {})}`,
		"templatestring": `%{ for i in range(100) }${templatestring("%{ for j in range(100) }x%{ endfor }", {})}%{ endfor }`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", redteam13Policy+"resource \"aws_iam_policy\" \"q\" {\n  policy = templatefile(\"${path.module}/b.tpl\", { n = 0 })\n}\n")
			writeFile(t, dir, "b.tpl", tpl)
			res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}})
			if !hasFinding(res, "wildcard-action", "main.tf", 2, 0) {
				t.Errorf("policy not linted: %+v", res.Findings)
			}
			var said bool
			for _, e := range res.Errors {
				said = said || strings.Contains(e.Message, "cannot recursively call template") && strings.HasSuffix(e.File, "b.tpl")
			}
			if !said {
				t.Errorf("want the recursion error at b.tpl, got %+v", res.Errors)
			}
		})
	}
}
