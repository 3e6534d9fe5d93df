package load

import (
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// The constant attributes of a module's blocks are evaluated once per root
// and shared by its instances; what refers to the instance is not. A
// constant expression that warns warns once per root: its instances say the
// same diagnostic, kept once (distinctDiags), as the report shows it.
func TestConstantsSharedByInstances(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
module "m" {
  source   = "./m"
  for_each = toset(["a", "b"])
  name     = each.key
}
`)
	write(t, dir, "m/main.tf", `
variable "name" {}

locals {
  trust = { Service = "ec2.amazonaws.com" }
}

resource "aws_iam_role" "r" {
  name = "role-${var.name}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = local.trust, Action = "sts:AssumeRole" }]
  })
  permissions_boundary = jsonencode({ Version = "2012-10-17", Statement = [] })
  description = tolist(1)
}
`)
	res := load(t, Options{Paths: []string{dir}})
	a := block(t, res, `module.m["a"].aws_iam_role.r`).Body
	b := block(t, res, `module.m["b"].aws_iam_role.r`).Body
	if a.Attr("permissions_boundary") != b.Attr("permissions_boundary") {
		t.Errorf("constant attribute evaluated per instance")
	}
	if a.Attr("permissions_boundary").NameRange() != b.Attr("permissions_boundary").NameRange() || a.Attr("permissions_boundary").JSONArg() == nil {
		t.Errorf("shared constant lost its location: %#v", a.Attr("permissions_boundary"))
	}
	if a.Attr("assume_role_policy") == b.Attr("assume_role_policy") {
		t.Errorf("attribute referring to a local shared (locals are per instance)")
	}
	if got, want := a.Attr("name").Val.AsString(), "role-a"; got != want {
		t.Errorf("name %q, want %q", got, want)
	}
	if got, want := b.Attr("name").Val.AsString(), "role-b"; got != want {
		t.Errorf("name %q, want %q", got, want)
	}
	if a.Attr("assume_role_policy").Val.AsString() != b.Attr("assume_role_policy").Val.AsString() {
		t.Errorf("instances disagree")
	}
	// tolist(1) warns once for the root's two instances and once for m as
	// a root (it was once per instance: 3).
	n := 0
	for _, d := range res.Diags {
		if d.Severity == hcl.DiagWarning && d.Subject != nil && d.Subject.Filename == filepath.Join(dir, "m", "main.tf") && d.Summary == "Error in function call" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d warnings for tolist(1), want 2 (one per root): %v", n, res.Diags)
	}
}

// A plain string is made once per root and shared by the instances of its
// block and module, located as when it was made per instance (the text of
// a heredoc and of a quoted string with escapes too).
func TestPlainStringsSharedByInstances(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `
module "m" {
  source   = "./m"
  for_each = toset(["a", "b"])
  name     = each.key
}
`)
	write(t, dir, "m/main.tf", `
variable "name" {}

resource "aws_iam_policy" "p" {
  count  = 2
  name   = "pol\ticy"
  path   = "/${var.name}/"
  policy = <<-EOT
    {"Version": "2012-10-17", "Statement": []}
  EOT
  tags   = { Team = "x" }
}
`)
	write(t, dir, "one/main.tf", `
resource "aws_iam_policy" "p" {
  name   = "pol\ticy"
  policy = <<-EOT
    {"Version": "2012-10-17", "Statement": []}
  EOT
  tags   = { Team = "x" }
}
`)
	res := load(t, Options{Paths: []string{dir}})
	a := block(t, res, `module.m["a"].aws_iam_policy.p[0]`).Body
	b := block(t, res, `module.m["b"].aws_iam_policy.p[1]`).Body
	for _, k := range []string{"name", "policy"} {
		if a.Attr(k) != b.Attr(k) {
			t.Errorf("%s: plain string made per instance", k)
		}
	}
	if a.Attr("tags").Attr("Team") != b.Attr("tags").Attr("Team") {
		t.Errorf("plain string of an object made per instance")
	}
	if a.Attr("path") == b.Attr("path") || a.Attr("path").Val.AsString() != "/a/" || b.Attr("path").Val.AsString() != "/b/" {
		t.Errorf("template referring to the instance shared: %#v %#v", a.Attr("path").Val, b.Attr("path").Val)
	}
	// Located as in a block evaluated once (same text, same column, other file).
	one := block(t, res, `aws_iam_policy.p`).Body
	for _, k := range []string{"name", "policy"} {
		x, y := a.Attr(k), one.Attr(k)
		if !x.Val.RawEquals(y.Val) || x.NameRange().Start.Column != y.NameRange().Start.Column || x.Range.Start.Column != y.Range.Start.Column ||
			x.Text == nil || y.Text == nil || len(x.Text.Segments()) != len(y.Text.Segments()) {
			t.Fatalf("%s: shared %#v, made once %#v", k, x, y)
		}
		for i, s := range x.Text.Segments() {
			o := y.Text.Segments()[i]
			if s.Offset != o.Offset || s.Len != o.Len || s.Start.Column != o.Start.Column || s.Start.Line-x.Range.Start.Line != o.Start.Line-y.Range.Start.Line || s.Verbatim != o.Verbatim || string(s.Src) != string(o.Src) {
				t.Errorf("%s: segment %d %+v, made once %+v", k, i, s, o)
			}
		}
	}
}
