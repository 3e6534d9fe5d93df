package linter_test

import (
	"context"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestCountSelfReferenceNotDropped: a block whose count or for_each refers
// to the block itself (directly, through a local or through another block
// whose count refers back) is a cycle terraform refuses. Its instances
// were not made yet when the reference was read, so it read as an empty
// tuple: count = 0, the block had no instance, and its policy went
// unlinted without a word (0 findings, 0 notices, exit 0). Now the
// reference is unknown with a "Cycle in references" notice at it, and one
// instance with an unknown key is linted; a module call alike.
func TestCountSelfReferenceNotDropped(t *testing.T) {
	const pol = `  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })`
	for name, src := range map[string]string{
		"count": `resource "aws_iam_policy" "p" {
  count = length(aws_iam_policy.p)
` + pol + "\n}\n",
		"for_each": `resource "aws_iam_policy" "p" {
  for_each = aws_iam_policy.p
` + pol + "\n}\n",
		"local": `locals { n = length(aws_iam_policy.p) }
resource "aws_iam_policy" "p" {
  count = local.n
` + pol + "\n}\n",
		"instance": `resource "aws_iam_policy" "p" {
  count = aws_iam_policy.p[0].name == "x" ? 1 : 1
` + pol + "\n}\n",
		"two blocks": `resource "aws_iam_policy" "p" {
  count = length(aws_iam_policy.q)
` + pol + `
}
resource "aws_iam_policy" "q" {
  count = length(aws_iam_policy.p)
` + pol + "\n}\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "main.tf", src)
			res := lint(t, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
			want := strings.Count(src, "Action")
			if len(res.Findings) != want {
				t.Errorf("%d findings %+v, want %d", len(res.Findings), res.Findings, want)
			}
			cycles := 0
			for _, n := range res.Notices {
				if strings.Contains(n.Message, "Cycle in references") && strings.Contains(n.Message, "count or for_each of aws_iam_policy.p") {
					cycles++
				}
			}
			if cycles != 1 {
				t.Errorf("notices %+v, want one cycle notice", res.Notices)
			}
		})
	}
	t.Run("module", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, dir, "main.tf", `module "m" {
  source = "./m"
  count  = length(module.m)
  action = "*"
}
`)
		writeFile(t, dir, "m/main.tf", "variable \"action\" {}\nresource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Action = var.action, Resource = \"*\" }] })\n}\n")
		res := lint(t, linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction}})
		found := false
		for _, f := range res.Findings {
			found = found || strings.HasPrefix(f.Resource, "module.m")
		}
		if !found {
			t.Errorf("findings %+v, want wildcard-action in module.m", res.Findings)
		}
		cycles := 0
		for _, n := range res.Notices {
			if strings.Contains(n.Message, "count or for_each of module.m depends on module.m") {
				cycles++
			}
		}
		if cycles != 1 {
			t.Errorf("notices %+v, want one cycle notice", res.Notices)
		}
	})
}

// TestInterpolatedSecretPiecesNotEchoed: a secret key pasted inside an
// interpolation (secret_key = "${wJalr.../K7MDENG/...}", in a .tf or a
// .tf.json) is read by hcl as references divided by one another, as
// without quotes (TestUnquotedSecretPiecesNotEchoed), but the file scan
// took a key only right after the = and an optional quote: the key was
// not found (no hardcoded-credentials finding) and the "Invalid reference"
// notices named its pieces readable. Now the key is found past "${" and
// its pieces are masked.
func TestInterpolatedSecretPiecesNotEchoed(t *testing.T) {
	for name, file := range map[string]string{
		"main.tf": `provider "aws" {
  secret_key = "${wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}"
}
`,
		"main.tf.json": `{"provider": {"aws": {"secret_key": "${ wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY }"}}}
`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, name, file)
			res := lint(t, linter.Options{Paths: []string{dir}, Rules: rules.All})
			creds := 0
			for _, f := range res.Findings {
				if f.Rule == "hardcoded-credentials" {
					creds++
				}
			}
			if creds != 1 {
				t.Errorf("%d hardcoded-credentials findings, want 1: %+v", creds, res.Findings)
			}
			var texts []string
			for _, n := range res.Notices {
				texts = append(texts, n.Message)
			}
			for _, d := range res.Diags {
				texts = append(texts, d.Error())
			}
			for _, f := range res.Findings {
				texts = append(texts, f.Message)
			}
			if len(res.Notices) == 0 {
				t.Fatal("no notices: the key no longer reads as references; the test checks nothing")
			}
			all := strings.Join(texts, "\n")
			for _, piece := range []string{"wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY"} {
				if strings.Contains(all, piece) {
					t.Errorf("%q printed:\n%s", piece, all)
				}
			}
		})
	}
}

// TestDynamicContentBlocks: a dynamic block's content in a .tf.json may be
// an array of objects, as any block in JSON (hcl reads "content":
// [{...}] as one content block). It was read as a value: a statement of
// no attributes, so a false policy-invalid ("neither Action nor
// NotAction") and the statement's "*" unlinted. Now the array's object is
// the content. A second content block (in either syntax), which
// terraform refuses, was dropped without a word: now it is an error at it.
func TestDynamicContentBlocks(t *testing.T) {
	const want1 = `{"data": {"aws_iam_policy_document": {"d": {"dynamic": {"statement": {"for_each": ["a"], "content": [{"actions": ["*"], "resources": ["*"]}]}}}}},
 "resource": {"aws_iam_policy": {"p": {"policy": "${data.aws_iam_policy_document.d.json}"}}}}
`
	const two = `{"data": {"aws_iam_policy_document": {"d": {"dynamic": {"statement": {"for_each": ["a"], "content": [{"actions": ["s3:GetObject"], "resources": ["*"]}, {"actions": ["*"], "resources": ["*"]}]}}}}},
 "resource": {"aws_iam_policy": {"p": {"policy": "${data.aws_iam_policy_document.d.json}"}}}}
`
	const twoHCL = `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = ["a"]
    content {
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
    content {
      actions   = ["*"]
      resources = ["*"]
    }
  }
}
resource "aws_iam_policy" "p" { policy = data.aws_iam_policy_document.d.json }
`
	for _, c := range []struct {
		name, file, src string
		findings        []string // rules
		extraneous      int      // errors
	}{
		{"json one", "main.tf.json", want1, []string{"wildcard-action"}, 0},
		{"json two", "main.tf.json", two, []string{"sensitive-data-access"}, 1},
		{"hcl two", "main.tf", twoHCL, []string{"sensitive-data-access"}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, c.file, c.src)
			res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: []*linter.Rule{rules.WildcardAction, rules.PolicyInvalid, rules.SensitiveDataAccess}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Rule)
			}
			if strings.Join(got, ",") != strings.Join(c.findings, ",") {
				t.Errorf("findings %q, want %q", got, c.findings)
			}
			n := 0
			for _, e := range res.Errors {
				if strings.Contains(e.Message, "Extraneous dynamic content block") {
					n++
				}
			}
			if n != c.extraneous || len(res.Errors) != n {
				t.Errorf("%d extraneous content errors, want %d: %+v", n, c.extraneous, res.Errors)
			}
		})
	}
}
