package eval

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/bench/estate"
)

// shapeSrc holds jsonencode arguments of every kind the shapes meet:
// unknown members, unknown keys, nulls, numbers, booleans, names that are
// not ASCII or need escapes, many keys, empty objects and tuples,
// constructors nested in calls, conditionals and for expressions, constant
// parts shared by module instances, a text past maxShortJSON.
const shapeSrc = `
variable "flag" {}
variable "arn" {}
variable "k" {}
variable "known" {
  default = ["a", "b"]
}
locals {
  m    = { "aws:SourceAccount" = "1", other = "<&>\n\"" }
  long = join("", [for i in range(2000) : "abcdefghij"])
  stmt = { Effect = "Allow", Action = "s3:*", Resource = "*" }
}
resource "aws_iam_policy" "a" {
  policy = jsonencode({
    Version = "2012-10-17"
    Id      = 12.5
    Statement = [
      { Effect = "Allow", Action = var.flag ? ["s3:*"] : ["ec2:*"], Resource = "*", Sid = null },
      { Effect = "Deny", NotAction = "iam:*", NotResource = [var.arn, "x"], Condition = { StringEquals = local.m, Bool = { "aws:SecureTransport" = false } } },
      { Effect = "Allow", Principal = { AWS = [var.arn], Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole", Extra = [1, true, null, [], {}] },
      var.flag ? { Effect = "Allow", Action = "a:b", Resource = "*" } : { Effect = "Deny", Action = "c:d", Resource = "*" },
      { Effect = "Allow", Action = "x:y", Resource = "*", Condition = { StringLike = { "${var.k}:sub" = { a = [1, { b = 2 }] } } } },
      local.stmt,
    ]
  })
}
resource "aws_iam_policy" "b" {
  policy = jsonencode({ Version = "2012-10-17", Statement = { Effect = "Allow", Action = "*", Resource = "*", "café" = 1, "b" = "é<>" } })
}
resource "aws_iam_policy" "c" {
  policy = jsonencode({ Version = "2012-10-17", Statement = "nope", "${var.k}" = 1 })
}
resource "aws_iam_policy" "d" {
  policy = jsonencode(var.flag ? { Version = "2012-10-17", Statement = [] } : { Statement = [{ Action = "*" }] })
}
resource "aws_iam_policy" "e" {
  policy = jsonencode([{ a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10, k = 11, l = 12, m = 13, n = 14, a = 15 }, [], {}, "s", null])
}
resource "aws_iam_policy" "f" {
  policy = jsonencode({ Statement = [{ Action = concat(["a:b"], var.known), Resource = [for r in var.known : "arn:${r}"], Sid = local.long }] })
}
resource "aws_iam_policy" "g" {
  policy = jsonencode({ Statement = [{ Action = [for r in var.known : { x = r }], Condition = merge({ a = { b = 1 } }, { c = [2] }) }] })
}
resource "aws_iam_policy" "h" {
  policy = jsonencode({})
}
resource "aws_iam_policy" "i" {
  policy = jsonencode([])
}
resource "aws_iam_policy" "j" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = [var.unknown_number + 1] }] })
}
resource "aws_iam_policy" "k" {
  count  = 2
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::b/${count.index}" }, { Effect = "Deny", Action = "*", Resource = "*" }] })
}
resource "aws_iam_policy" "l" {
  for_each = toset(["x", "y"])
  policy   = jsonencode({ Statement = [{ Effect = "Allow", Action = each.key, Resource = "*", Condition = { Null = { "aws:x" = true } } }] })
}
resource "aws_iam_policy" "m" {
  policy = jsonencode({ Statement = [for i in range(3) : { Effect = "Allow", Action = "s3:Get${i}", Resource = "*" }] })
}
resource "aws_iam_role_policy" "t" {
  name   = "a\"b$${c}%%{d}\u00e9-${var.k}-${count.index}"
  count  = 1
  role   = "${var.k}x${var.arn}y${var.k}z${var.arn}w${var.k}"
  policy = <<-EOT
    {
      "Statement": [{"Effect": "Allow", "Action": "${var.k}", "Resource": "arn:${var.arn}:*",
      "Sid": "%{ if var.flag }a%{ else }b%{ endif }", "Condition": "%{ for x in var.known }${x},%{ endfor }"}]
    }
  EOT
  user = <<EOT
  plain ${var.known[0]} $${x} é
EOT
}
locals {
  p = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  fs = [for k in ["a", "b"] : { Sid = k, Effect = "Allow", Action = "s3:${k}", Resource = "*" }]
  tl = [{ Effect = "Deny", Action = "*", Resource = "*" }]
}
resource "aws_iam_policy" "o" {
  policy = jsonencode({ Version = "2012-10-17", Statement = concat([{ Effect = "Allow", NotAction = ["iam:*"], Resource = "*", Condition = { Bool = { "aws:x" = "false" } } }], local.fs, local.tl, []) })
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Statement = concat([{ Effect = "Allow", Action = var.k, Resource = "*" }], var.flag ? [] : local.tl), Other = core::concat(concat([1], [true]), [null, "x"], var.known) })
}
resource "aws_iam_policy" "q" {
  policy = jsonencode(concat([{ "é" = 1, "e\u0301" = 2 }], tolist(["a"])))
}
resource "aws_iam_policy" "r" {
  policy = jsonencode([concat({ a = 1 }, [1]), concat([[1], [2]]...), concat([{ a = [var.k] }], [for i in range(2) : i]), concat(local.long, [])])
}
resource "aws_iam_policy" "s" {
  count  = 2
  policy = jsonencode({ Statement = concat([{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/${count.index}" }], local.fs) })
}
resource "aws_iam_policy" "n" {
  policy = jsondecode(local.p).Version == "2012-10-17" ? local.p : jsonencode({ x = 1 })
}
`

// TestJSONShapesMatchValues evaluates configurations with the jsonencode
// arguments as shapes and with their values built (lazyJSON off): the same
// diagnostics, the same texts, and the same nodes once the shapes'
// values are built.
func TestJSONShapesMatchValues(t *testing.T) {
	dirs := shapeDirs(t)
	jsons := 0
	for _, d := range dirs {
		jsons += compareShapes(t, d)
	}
	if jsons < 100 {
		t.Errorf("only %d jsonencode calls compared", jsons)
	}
	t.Logf("%d directories, %d jsonencode calls", len(dirs), jsons)
}

// shapeDirs writes the generated estate and the odd cases (shapeSrc, as a
// root module and as a module it calls) and returns their root
// directories, with those of ../shared/corpus when it is present.
func shapeDirs(t *testing.T) []string {
	dir := t.TempDir()
	if _, err := estate.Generate(filepath.Join(dir, "estate"), estate.Options{Files: 16}); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(dir, "odd")
	mod := filepath.Join(odd, "modules", "m")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		t.Fatal(err)
	}
	main := shapeSrc + `
module "m" {
  source   = "./modules/m"
  for_each = toset(["a", "b", "c"])
  name     = each.key
  arn      = var.arn
}
`
	if err := os.WriteFile(filepath.Join(odd, "main.tf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "main.tf"), []byte(shapeSrc+"\nvariable \"name\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{odd}
	roots, _ := filepath.Glob(filepath.Join(dir, "estate", "r*"))
	dirs = append(dirs, roots...)
	if real := filepath.Join("..", "..", "..", "shared", "corpus"); dirExists(real) {
		dirs = append(dirs, tfDirs(t, real)...)
	}
	return dirs
}

func dirExists(d string) bool {
	st, err := os.Stat(d)
	return err == nil && st.IsDir()
}

// tfDirs lists the directories under root that hold .tf files.
func tfDirs(t *testing.T, root string) []string {
	seen := map[string]bool{}
	var out []string
	err := filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !de.IsDir() && strings.HasSuffix(p, ".tf") && !seen[filepath.Dir(p)] {
			seen[filepath.Dir(p)] = true
			out = append(out, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// shapeLoader parses the .tf files of directories, once each.
type shapeLoader struct {
	t       *testing.T
	sources map[string][]byte
	configs map[string]*Config
}

func (l *shapeLoader) config(dir string) *Config {
	if c, ok := l.configs[dir]; ok {
		return c
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(names)
	var files []*hcl.File
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			l.t.Fatal(err)
		}
		f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
		if diags.HasErrors() {
			continue
		}
		l.sources[name] = src
		files = append(files, f)
	}
	var c *Config
	if len(files) > 0 {
		c, _ = NewConfig(dir, files)
	}
	l.configs[dir] = c
	return c
}

func (l *shapeLoader) evaluate(root string) ([]*Module, hcl.Diagnostics) {
	cfg := l.config(root)
	if cfg == nil {
		return nil, nil
	}
	opts := &Options{Sources: l.sources, KeepText: testKeepText, LoadModule: func(caller *Config, _, _ string, call *Call) (*Config, hcl.Diagnostics) {
		if !strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../") {
			return nil, nil
		}
		return l.config(filepath.Join(caller.Dir, call.Source)), nil
	}}
	return Evaluate(cfg, nil, opts)
}

// compareShapes evaluates the root module dir both ways and compares;
// it returns the number of jsonencode calls compared.
func compareShapes(t *testing.T, dir string) int {
	t.Helper()
	defer func(old bool) { lazyJSON = old }(lazyJSON)
	l := &shapeLoader{t: t, sources: map[string][]byte{}, configs: map[string]*Config{}}
	lazyJSON = true
	lazyMods, lazyDiags := l.evaluate(dir)
	lazyJSON = false
	mods, diags := l.evaluate(dir)
	if fmt.Sprint(lazyDiags) != fmt.Sprint(diags) {
		t.Fatalf("%s: diagnostics differ:\nshapes %v\nvalues %v", dir, lazyDiags, diags)
	}
	if len(lazyMods) != len(mods) {
		t.Fatalf("%s: %d modules with shapes, %d without", dir, len(lazyMods), len(mods))
	}
	var lazyJ, valJ []*Node
	for i, m := range mods {
		if len(lazyMods[i].Blocks) != len(m.Blocks) {
			t.Fatalf("%s: module %d: %d blocks with shapes, %d without", dir, i, len(lazyMods[i].Blocks), len(m.Blocks))
		}
		for j, b := range m.Blocks {
			lazyJ = jsonCalls(lazyMods[i].Blocks[j].Body, lazyJ, map[*Node]bool{})
			valJ = jsonCalls(b.Body, valJ, map[*Node]bool{})
		}
	}
	if len(lazyJ) != len(valJ) {
		t.Fatalf("%s: %d jsonencode calls with shapes, %d without", dir, len(lazyJ), len(valJ))
	}
	ev := &evaluator{}
	for i, n := range lazyJ {
		checkShapes(t, n.JSONArg(), false)
		ev.materialize(n.JSONArg())
		if err := sameNodes(n, valJ[i], 0); err != nil {
			t.Errorf("%s: jsonencode at %s: %v", dir, valJ[i].Range, err)
		}
	}
	return len(lazyJ)
}

// jsonCalls appends the jsonencode calls under n (members, elements,
// branches) to out.
func jsonCalls(n *Node, out []*Node, seen map[*Node]bool) []*Node {
	if n == nil || seen[n] {
		return out
	}
	seen[n] = true
	if n.JSONArg() != nil {
		out = append(out, n)
	}
	for _, c := range n.kids() {
		out = jsonCalls(c, out, seen)
	}
	for _, c := range n.Elems {
		out = jsonCalls(c, out, seen)
	}
	for _, c := range n.Alts() {
		out = jsonCalls(c, out, seen)
	}
	return out
}

// checkShapes fails when a node with a value holds a shape (under is set
// when n is held by one).
func checkShapes(t *testing.T, n *Node, under bool) {
	t.Helper()
	if n == nil {
		return
	}
	if isShape(n) && under {
		t.Fatalf("shape at %s under a node with a value", n.Range)
	}
	under = under || !isShape(n)
	for _, c := range n.kids() {
		checkShapes(t, c, under)
	}
	for _, c := range n.Elems {
		checkShapes(t, c, under)
	}
}

// sameNodes compares two evaluated nodes: values (with their types),
// ranges, keys, members, elements, branches, texts, references.
func sameNodes(a, b *Node, depth int) error {
	switch {
	case a == nil && b == nil:
		return nil
	case a == nil || b == nil:
		return fmt.Errorf("one node is nil: %v %v", a, b)
	case depth > 64:
		return nil
	}
	// A text left unwritten (LazyJSON) is compared written.
	av, bv := a.Value(), b.Value()
	if (av == cty.NilVal) != (bv == cty.NilVal) || av != cty.NilVal && !(av.RawEquals(bv) && av.Type().Equals(bv.Type())) {
		return fmt.Errorf("at %s: value %#v, want %#v", b.Range, av, bv)
	}
	if a.Range != b.Range || a.NameRange() != b.NameRange() {
		return fmt.Errorf("ranges %v %v, want %v %v", a.Range, a.NameRange(), b.Range, b.NameRange())
	}
	if !reflect.DeepEqual(a.Keys, b.Keys) || a.IsObject() != b.IsObject() || a.NumKids() != b.NumKids() {
		return fmt.Errorf("at %s: keys %q, want %q", b.Range, a.Keys, b.Keys)
	}
	if len(a.Elems) != len(b.Elems) || (a.Elems == nil) != (b.Elems == nil) || len(a.Alts()) != len(b.Alts()) {
		return fmt.Errorf("at %s: %d elements, %d branches; want %d, %d", b.Range, len(a.Elems), len(a.Alts()), len(b.Elems), len(b.Alts()))
	}
	if !reflect.DeepEqual(a.RefTo(), b.RefTo()) || a.Inst() != b.Inst() || (a.Text == nil) != (b.Text == nil) || (a.PartialOf() == nil) != (b.PartialOf() == nil) {
		return fmt.Errorf("at %s: ref, instance, text or partial text differ", b.Range)
	}
	if a.Text != nil && !reflect.DeepEqual(a.Text.Segments(), b.Text.Segments()) {
		return fmt.Errorf("at %s: text segments differ", b.Range)
	}
	if a.PartialOf() != nil && (a.PartialOf().Text != b.PartialOf().Text || !reflect.DeepEqual(a.PartialOf().Map.Segments(), b.PartialOf().Map.Segments())) {
		return fmt.Errorf("at %s: partial texts differ", b.Range)
	}
	for i := range a.kids() {
		if err := sameNodes(a.Kid(i), b.Kid(i), depth+1); err != nil {
			return err
		}
	}
	for i := range a.Elems {
		if err := sameNodes(a.Elems[i], b.Elems[i], depth+1); err != nil {
			return err
		}
	}
	for i := range a.Alts() {
		if err := sameNodes(a.Alts()[i], b.Alts()[i], depth+1); err != nil {
			return err
		}
	}
	return sameNodes(a.JSONArg(), b.JSONArg(), depth+1)
}

// TestLazyTextMatchesEager evaluates the configurations of
// TestJSONShapesMatchValues with the text maps of templates made from
// their recipes when read and made when evaluated: the same nodes (every
// member, element, branch and jsonencode argument of every block body),
// the same segments.
func TestLazyTextMatchesEager(t *testing.T) {
	dirs := shapeDirs(t)
	nodes := 0
	defer func(old bool) { lazyText = old }(lazyText)
	for _, dir := range dirs {
		l := &shapeLoader{t: t, sources: map[string][]byte{}, configs: map[string]*Config{}}
		lazyText = true
		lazyMods, lazyDiags := l.evaluate(dir)
		lazyText = false
		mods, diags := l.evaluate(dir)
		if fmt.Sprint(lazyDiags) != fmt.Sprint(diags) {
			t.Fatalf("%s: diagnostics differ:\nlazy  %v\neager %v", dir, lazyDiags, diags)
		}
		if len(lazyMods) != len(mods) {
			t.Fatalf("%s: %d modules lazy, %d eager", dir, len(lazyMods), len(mods))
		}
		for i, m := range mods {
			if len(lazyMods[i].Blocks) != len(m.Blocks) {
				t.Fatalf("%s: module %d: %d blocks lazy, %d eager", dir, i, len(lazyMods[i].Blocks), len(m.Blocks))
			}
			for j, b := range m.Blocks {
				if err := sameNodes(lazyMods[i].Blocks[j].Body, b.Body, 0); err != nil {
					t.Errorf("%s: %s: %v", dir, b.Address, err)
				}
				nodes += countNodes(b.Body, 0)
			}
		}
	}
	if nodes < 1000 {
		t.Errorf("only %d nodes compared", nodes)
	}
	t.Logf("%d directories, %d nodes", len(dirs), nodes)
}

// countNodes counts the nodes under n (as sameNodes walks them).
func countNodes(n *Node, depth int) int {
	if n == nil || depth > 64 {
		return 0
	}
	c := 1
	for _, k := range n.kids() {
		c += countNodes(k, depth+1)
	}
	for _, e := range n.Elems {
		c += countNodes(e, depth+1)
	}
	for _, a := range n.Alts() {
		c += countNodes(a, depth+1)
	}
	return c + countNodes(n.JSONArg(), depth+1)
}
