package eval

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestIsSensitive: issensitive() (Terraform 1.8+) is known where the
// evaluator can tell it without marks: true of sensitive(...) and of a
// variable declared sensitive (and its parts), false of nonsensitive(...),
// of a literal and of a variable of the root module not declared sensitive
// (once known); unknown otherwise: a called module's variable not declared
// sensitive (its caller's argument may be), a local, a resource attribute,
// an unknown value. It was always unknown.
func TestIsSensitive(t *testing.T) {
	root := `variable "secret" {
  sensitive = true
  default   = { k = "v" }
}
variable "open" {
  default = "x"
}
variable "none" {
  type = string
}
locals {
  l = "x"
}
resource "aws_iam_user" "u" {
  name = "u"
}
module "m" {
  source = "./m"
  in     = var.secret.k
}
resource "t" "r" {
  sens_var     = issensitive(var.secret)
  sens_part    = issensitive(var.secret.k)
  sens_paren   = issensitive((var.secret))
  sens_call    = issensitive(sensitive("x"))
  sens_call_v  = issensitive(sensitive(var.open))
  nonsens      = issensitive(nonsensitive(var.secret))
  literal      = issensitive("hello")
  literal_list = issensitive([1, "a", { b = true }])
  literal_call = issensitive(upper("a"))
  root_var     = issensitive(var.open)
  no_value     = issensitive(var.none)
  nonsens_unk  = issensitive(nonsensitive(var.none))
  local        = issensitive(local.l)
  attr         = issensitive(aws_iam_user.u.name)
  nested_sens  = issensitive(upper(sensitive("a")))
  policy       = issensitive(var.secret) ? "Deny" : "Allow"
}
`
	child := `variable "in" {
}
variable "declared" {
  sensitive = true
  default   = "d"
}
resource "t" "c" {
  child_var      = issensitive(var.in)
  child_declared = issensitive(var.declared)
}
`
	sources := map[string][]byte{"main.tf": []byte(root), "m/main.tf": []byte(child)}
	parse := func(name string) *hcl.File {
		f, diags := hclsyntax.ParseConfig(sources[name], name, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		return f
	}
	cfg, diags := NewConfig(".", []*hcl.File{parse("main.tf")})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	childCfg, diags := NewConfig("m", []*hcl.File{parse("m/main.tf")})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	opts := &Options{Sources: sources, LoadModule: func(*Config, string, string, *Call) (*Config, hcl.Diagnostics) {
		return childCfg, nil
	}}
	mods, diags := Evaluate(cfg, nil, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	unknown := cty.UnknownVal(cty.Bool)
	want := map[string]cty.Value{
		"sens_var": cty.True, "sens_part": cty.True, "sens_paren": cty.True, "sens_call": cty.True, "sens_call_v": cty.True,
		"nonsens": cty.False, "literal": cty.False, "literal_list": cty.False, "literal_call": cty.False,
		"root_var": cty.False, "no_value": unknown, "nonsens_unk": unknown, "local": unknown, "attr": unknown,
		"nested_sens": unknown, "policy": cty.StringVal("Deny"),
		"child_var": unknown, "child_declared": cty.True,
	}
	seen := 0
	for _, m := range mods {
		for _, b := range m.Blocks {
			if b.Type != "t" {
				continue
			}
			for k, w := range want {
				a := b.Body.Attr(k)
				if a == nil {
					continue
				}
				seen++
				if w == unknown {
					if a.Val.IsKnown() {
						t.Errorf("%s: %s = %#v, want unknown", b.Address, k, a.Val)
					}
				} else if !a.Val.RawEquals(w) {
					t.Errorf("%s: %s = %#v, want %#v", b.Address, k, a.Val, w)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d attributes seen, want %d", seen, len(want))
	}
}
