package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// plainTree hides what a nodeTree does beyond iam.Tree (CompactSize):
// iam.FromTree then takes the general way.
type plainTree struct{ iam.Tree }

// jsonNodes returns every jsonencode argument under n (members, elements,
// branches).
func jsonNodes(n *eval.Node, out []*eval.Node, depth int) []*eval.Node {
	if n == nil || depth > 64 {
		return out
	}
	if n.JSONArg() != nil {
		out = append(out, n)
	}
	for _, k := range n.Keys {
		out = jsonNodes(n.Attr(k), out, depth+1)
	}
	for _, e := range n.Elems {
		out = jsonNodes(e, out, depth+1)
	}
	for _, e := range n.Alts() {
		out = jsonNodes(e, out, depth+1)
	}
	return out
}

// checkTreeWays builds the document of every jsonencode argument of the
// configurations in dirs, in every variant, through nodeTree's own ways
// (in a reused arena, members found in their keys, the trees of members
// and elements made once, with CompactSize) and through the general ones
// (a tree allocated each time it is asked for, members looked up with
// Get, compactSize's walk): the same documents and diagnostics.
func checkTreeWays(t *testing.T, dirs ...string) int {
	t.Helper()
	count := 0
	var arena treeArena // reused by every document, as fromNode does
	for _, dir := range dirs {
		res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
		for _, mod := range res.Modules {
			if mod == nil {
				continue
			}
			for _, b := range mod.Blocks {
				if b == nil {
					continue
				}
				for _, n := range jsonNodes(b.Body, nil, 0) {
					variants(func(ch *choices) bool {
						ch.arena = &arena
						fast, fd := iam.FromTree(newTree(n.JSONArg(), ch), iam.Identity)
						arena.reset()
						ch.arena = nil
						plainTrees = true
						gen, gd := iam.FromTree(plainTree{newTree(n.JSONArg(), ch)}, iam.Identity)
						plainTrees = false
						if !reflect.DeepEqual(fast, gen) || !reflect.DeepEqual(fd, gd) {
							t.Errorf("%s: %s: the documents differ:\nfast    %+v %v\ngeneral %+v %v", dir, n.Range, fast, fd, gen, gd)
						}
						count++
						return true
					})
				}
			}
		}
	}
	return count
}

func TestNodeTreeFastWays(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 16}); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(t.TempDir(), "odd")
	if err := os.MkdirAll(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	// Conditionals, unknowns, nulls, numbers, maps, escapes, unknown keys.
	src := `
variable "flag" {}
variable "arn" {}
variable "k" {}
locals {
  m = { "aws:SourceAccount" = "1", other = "<&>\n\"" }
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({
    Version = "2012-10-17"
    Id      = 12.5
    Statement = [
      { Effect = "Allow", Action = var.flag ? ["s3:*"] : ["ec2:*"], Resource = "*", Sid = null },
      { Effect = "Deny", NotAction = "iam:*", NotResource = [var.arn, "x"], Condition = { StringEquals = local.m, Bool = { "aws:SecureTransport" = false } } },
      { Effect = "Allow", Principal = { AWS = [var.arn], Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole", Extra = [1, true, null] },
      var.flag ? { Effect = "Allow", Action = "a:b", Resource = "*" } : { Effect = "Deny", Action = "c:d", Resource = "*" },
      { Effect = "Allow", Action = "x:y", Resource = "*", Condition = { StringLike = { "${var.k}:sub" = "a" } } },
    ]
  })
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({ Version = "2012-10-17", Statement = { Effect = "Allow", Action = "*", Resource = "*" } })
}
resource "aws_iam_policy" "c" {
  policy = jsonencode({ Version = "2012-10-17", Statement = "nope", "${var.k}" = 1 })
}
resource "aws_iam_policy" "d" {
  policy = jsonencode(var.flag ? { Version = "2012-10-17", Statement = [] } : { Statement = [{ Action = "*" }] })
}
resource "aws_iam_policy" "e" {
  policy = jsonencode({ Version = "2012-10-17", Statement = concat([{ Effect = "Allow", Action = "*", Resource = "*" }], [for k, v in local.m : { Sid = k, Effect = "Allow", Action = v, Resource = "*" }]) })
}
`
	if err := os.WriteFile(filepath.Join(odd, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{dir, odd, filepath.Join("testdata", "basic"), filepath.Join("testdata", "graph")}
	if !testing.Short() {
		for _, c := range []string{"real", "checkov", "kics", "trivy", "regula"} {
			if d := filepath.Join("..", "..", "..", "shared", "corpus", c); dirExists(d) {
				dirs = append(dirs, d)
			}
		}
	}
	if n := checkTreeWays(t, dirs...); n < 100 {
		t.Errorf("only %d documents compared", n)
	}
}

func dirExists(d string) bool {
	st, err := os.Stat(d)
	return err == nil && st.IsDir()
}

// TestReuseJSONSame extracts configurations with and without fromJSON's
// reuse of documents: the same documents and diagnostics.
func TestReuseJSONSame(t *testing.T) {
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 24}); err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(t.TempDir(), "mod")
	if err := os.MkdirAll(filepath.Join(mod, "m"), 0o755); err != nil {
		t.Fatal(err)
	}
	// One constant policy and one local used by several blocks and module
	// instances, consumed by different kinds and resource types; a
	// conditional in one.
	files := map[string]string{
		"main.tf": `
variable "flag" {}
module "m" {
  source   = "./m"
  for_each = toset(["a", "b", "c"])
  name     = each.key
}
locals {
  p = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*", Bogus = 1 }] })
}
resource "aws_iam_policy" "p1" {
  name   = "p1"
  policy = local.p
}
resource "aws_iam_role_policy" "p2" {
  role   = "r"
  policy = local.p
}
resource "aws_s3_bucket_policy" "p3" {
  bucket = "b"
  policy = local.p
}
resource "aws_iam_policy" "p4" {
  name   = "p4"
  path   = "/x/"
  policy = var.flag ? local.p : jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })
}
data "aws_iam_policy_document" "d" {
  source_policy_documents = [local.p]
  statement {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p5" {
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_policy" "fe" {
  for_each = toset(["a", "b"])
  name     = each.key == "a" ? "a" : var.flag
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}
`,
		"m/main.tf": `
variable "name" {}
resource "aws_iam_role" "r" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
resource "aws_iam_policy" "named" {
  name   = "fixed"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.r.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dirs := []string{dir, mod, filepath.Join("testdata", "basic"), filepath.Join("testdata", "graph")}
	if !testing.Short() {
		for _, c := range []string{"real", "checkov", "kics", "trivy", "regula"} {
			if d := filepath.Join("..", "..", "..", "shared", "corpus", c); dirExists(d) {
				dirs = append(dirs, d)
			}
		}
	}
	t.Logf("%d documents", spacesSame(t, dirs, &reuseJSON))
}

// spacesSame extracts each of dirs with *on set and unset, and fails the
// test when the documents or diagnostics differ; it returns the number of
// documents and leaves *on as it found it.
func spacesSame(t *testing.T, dirs []string, on *bool) int {
	t.Helper()
	defer func(old bool) { *on = old }(*on)
	docs := 0
	for _, d := range dirs {
		res := load.Load(load.Options{Paths: []string{d}, Renderers: Renderers()})
		*on = true
		got := Spaces(res)
		*on = false
		want := Spaces(res)
		if len(got) != len(want) {
			t.Fatalf("%s: %d spaces, want %d", d, len(got), len(want))
		}
		for i := range got {
			if !reflect.DeepEqual(got[i].Documents, want[i].Documents) {
				t.Errorf("%s: space %d: the documents differ", d, i)
				for j := range got[i].Documents {
					if j < len(want[i].Documents) && !reflect.DeepEqual(got[i].Documents[j], want[i].Documents[j]) {
						t.Errorf("  %+v\n  want %+v", got[i].Documents[j], want[i].Documents[j])
						break
					}
				}
			}
			if !reflect.DeepEqual(got[i].Diags, want[i].Diags) {
				t.Errorf("%s: space %d: the diagnostics differ:\n%v\nwant %v", d, i, got[i].Diags, want[i].Diags)
			}
			docs += len(got[i].Documents)
		}
	}
	return docs
}
