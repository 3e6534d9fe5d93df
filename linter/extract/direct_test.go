package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// directOdd is a configuration of jsonencode policies in the forms
// directDoc builds and in those it leaves to iam.FromTree (every element
// kind, nulls, unknowns known in part, maps, sets, for expressions,
// concat with unknown lists, conditionals, keys in another case, unknown
// keys, Ids of every kind, unrecognized members, wrong kinds).
const directOdd = `
variable "flag" {}
variable "arn" {}
variable "k" {}
variable "acts" { default = ["s3:GetObject", "s3:PutObject"] }
variable "tags" {
  type    = map(string)
  default = { b = "2", a = "1" }
}
variable "unknown_list" {}
locals {
  m     = { "aws:SourceAccount" = "1", other = "<&>\n\"" }
  stmts = [for k, v in local.m : { Sid = k, Effect = "Allow", Action = v, Resource = "*" }]
  pr    = { AWS = ["arn:aws:iam::1:root", "arn:aws:iam::2:root"], Service = "ec2.amazonaws.com" }
  set   = toset(["b:x", "a:y", "b:x"])
}
resource "aws_iam_policy" "a0" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*", Sid = null }] })
}
resource "aws_iam_policy" "a1" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", NotAction = "iam:*", NotResource = [var.arn, "x"], Condition = { StringEquals = local.m, Bool = { "aws:SecureTransport" = false } } }] })
}
resource "aws_iam_policy" "a2" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", NotAction = "iam:*", NotResource = ["y", "x"], Condition = { StringEquals = local.m, Bool = { "aws:SecureTransport" = false } } }] })
}
resource "aws_iam_policy" "a3" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = [var.arn], Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_policy" "a4" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = ["arn:aws:iam::1:root"], Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_policy" "a5" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "x:y", Resource = "*", Condition = { StringLike = { "${var.k}:sub" = "a" } } }] })
}
resource "aws_iam_policy" "a6" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "x:y", Resource = "arn:aws:s3:::${var.k}/*", Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600 } } }] })
}
resource "aws_iam_policy" "a7" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "x:y", Resource = "arn:aws:s3:::b/*", Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = 3600.5 } } }] })
}
resource "aws_iam_policy" "a8" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "N1", Effect = "Allow", Action = [], Resource = ["a", 1, true], NotPrincipal = "*" }] })
}
resource "aws_iam_policy" "a9" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = 12, Effect = var.k, Action = var.acts, Resource = local.set, Principal = local.pr }] })
}
resource "aws_iam_policy" "a10" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = 12, Effect = "Allow", Action = var.acts, Resource = local.set, Principal = local.pr }] })
}
resource "aws_iam_policy" "a11" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "a:b", Resource = "*", Condition = var.tags }] })
}
resource "aws_iam_policy" "a12" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "a:b", Resource = "*", Condition = { StringEquals = var.tags, Null = null, Bool = var.k } }] })
}
resource "aws_iam_policy" "a13" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "a:b", Resource = "*", Condition = { StringEquals = var.tags, Null = null } }] })
}
resource "aws_iam_policy" "a14" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "a:b", Resource = "*", Condition = var.k, Principal = var.arn, NotPrincipal = { AWS = null, Federated = [] } }] })
}
resource "aws_iam_policy" "a15" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "a:b", Resource = "*", Principal = "*", NotPrincipal = { AWS = null, Federated = [] } }] })
}
resource "aws_iam_policy" "a16" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "a:b", Resource = "*", Principal = { AWS = "*" }, Condition = {} }] })
}
resource "aws_iam_policy" "a17" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["a:b", null], Resource = "*" }] })
}
resource "aws_iam_policy" "a18" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["a:b", var.k], Resource = "*" }] })
}
resource "aws_iam_policy" "a19" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "${var.k}-x", Effect = "Allow", Action = "a:b", Resource = "*" }] })
}
resource "aws_iam_policy" "a20" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "a-very-long-sid-that-is-longer-than-words-hold-a-very-long-sid-that-is-longer-than-words-hold-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", Effect = "Allow", Action = "a:b", Resource = "*" }] })
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:*"], Resource = "*", Sid = null },
      null,
      { Effect = "Deny", NotAction = "iam:*", NotResource = ["y", "x"], Condition = { StringEquals = local.m, Bool = { "aws:SecureTransport" = false } } },
      { Sid = 12, Effect = "Allow", Action = var.acts, Resource = local.set, Principal = local.pr },
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
  policy = jsonencode({ Version = "2012-10-17", Statement = concat([{ Effect = "Allow", Action = "*", Resource = "*" }], local.stmts) })
}
resource "aws_iam_policy" "f" {
  policy = jsonencode({ Version = "2012-10-17", Statement = concat([{ Effect = "Allow", Action = "*", Resource = "*" }], var.unknown_list) })
}
resource "aws_iam_policy" "g" {
  policy = jsonencode({ Version = null, Statement = var.unknown_list })
}
resource "aws_iam_policy" "h" {
  policy = jsonencode({ Version = "2012-10-17", Id = "x", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "h1" {
  policy = jsonencode({ Id = 12.5, Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "h2" {
  policy = jsonencode({ Version = "2012-10-17", Id = var.k, Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "h3" {
  policy = jsonencode({ Version = "2012-10-17", Id = null, Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "h4" {
  policy = jsonencode({ Version = "2012-10-17", Id = { a = 1 }, Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "h5" {
  policy = jsonencode({ Version = "2012-10-17", Id = var.flag ? "a" : "b", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "h6" {
  policy = jsonencode({ Version = "2012-10-17", Id = true, Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "i" {
  policy = jsonencode({ version = "2012-10-17", Statement = [{ effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "j" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [["a"]], Resource = "*" }] })
}
resource "aws_iam_policy" "k" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Principal = "arn:aws:iam::1:root" }] })
}
resource "aws_iam_policy" "l" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.flag ? "a:b" : "c:d", Resource = "*" }] })
}
resource "aws_iam_policy" "m" {
  policy = jsonencode(var.arn)
}
resource "aws_iam_policy" "n" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Extra = 1 }] })
}
resource "aws_iam_policy" "o" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [var.arn, { Effect = "Allow", Action = "s3:*", Resource = "*", Condition = { StringEquals = { "aws:PrincipalTag/${var.k}" = ["x", var.k] } } }] })
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = 2012, Statement = [{ Effect = true, Action = "*", Resource = "*", Condition = { "${var.k}" = { a = "b" } } }] })
}
resource "aws_iam_policy" "q" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "r" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Condition = { StringEquals = "x" } }] })
}
resource "aws_iam_policy" "s" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Principal = 5 }] })
}
resource "aws_iam_policy" "t" {
  policy = jsonencode({})
}
resource "aws_iam_policy" "u" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{}, {Sid = "é", Effect = "Allow", Action = "ü:*", Resource = "*"}] })
}
`

// directDirs returns configurations to compare directDoc with the
// general way on: a generated estate, directOdd, the package's and the
// rules' test data, and the shared corpus unless -short.
func directDirs(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	if _, err := estate.Generate(dir, estate.Options{Files: 16}); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(t.TempDir(), "odd")
	if err := os.MkdirAll(odd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(odd, "main.tf"), []byte(directOdd), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{dir, odd, filepath.Join("testdata", "basic"), filepath.Join("testdata", "graph"), filepath.Join("testdata", "graph-called-module")}
	rules, _ := filepath.Glob(filepath.Join("..", "..", "rules", "testdata", "*"))
	dirs = append(dirs, rules...)
	if !testing.Short() {
		corpus := filepath.Join("..", "..", "..", "shared", "corpus")
		if c := os.Getenv("IAMLINT_CORPUS"); c != "" {
			corpus = c // (a worktree of the checkout is elsewhere)
		}
		for _, c := range []string{"real", "checkov", "kics", "trivy", "regula"} {
			if d := filepath.Join(corpus, c); dirExists(d) {
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

// TestDirectDocSame builds the document of every jsonencode argument of
// the configurations of directDirs directly (directDoc) and through
// iam.FromTree over its nodeTree, with no branch picked: where directDoc
// builds one, the same document, and the general way reported nothing and
// met no conditional.
func TestDirectDocSame(t *testing.T) {
	var b directBuilder
	direct, general := 0, 0
	for _, dir := range directDirs(t) {
		res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
		for _, mod := range res.Modules {
			if mod == nil {
				continue
			}
			for _, bl := range mod.Blocks {
				if bl == nil {
					continue
				}
				for _, n := range jsonNodes(bl.Body, nil, 0) {
					for _, kind := range []iam.Kind{iam.Identity, iam.Trust} {
						d, ok := b.directDoc(n.JSONArg(), kind)
						ch := &choices{}
						want, diags := iam.FromTree(newTree(n.JSONArg(), ch), kind)
						if !ok {
							general++
							continue
						}
						direct++
						if ch.pending != nil || len(diags) > 0 {
							t.Errorf("%s: %s: built directly, but the general way met a conditional (%v) or said %v", dir, n.Range, ch.pending != nil, diags)
						}
						if !reflect.DeepEqual(d, want) {
							t.Errorf("%s: %s: the documents differ:\ndirect  %+v\ngeneral %+v", dir, n.Range, d, want)
							for i := range min(len(d.Statements), len(want.Statements)) {
								if !reflect.DeepEqual(d.Statements[i], want.Statements[i]) {
									t.Errorf("statement %d:\ndirect  %+v %+v %+v\ngeneral %+v %+v %+v", i, d.Statements[i], d.Statements[i].Scope, d.Statements[i].Extra,
										want.Statements[i], want.Statements[i].Scope, want.Statements[i].Extra)
								}
							}
						}
					}
				}
			}
		}
	}
	t.Logf("%d documents built directly, %d the general way", direct, general)
	if direct < 100 || general < 20 {
		t.Errorf("%d documents built directly, %d the general way: want both ways tried", direct, general)
	}
}

// TestDirectDocsSpaces extracts configurations with and without directDoc:
// the same documents and diagnostics.
func TestDirectDocsSpaces(t *testing.T) {
	t.Logf("%d documents", spacesSame(t, directDirs(t), &directDocs))
}
