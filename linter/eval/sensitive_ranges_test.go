package eval

import (
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestSensitiveRanges: Module.SensitiveRanges holds where the values of the
// variables declared sensitive or ephemeral are written: the default (read
// or not), the value given to the root module (a .tfvars value), a module
// argument that refers to nothing; not an argument naming another value,
// nor anything of a variable declared neither.
func TestSensitiveRanges(t *testing.T) {
	root := `variable "s" {
  sensitive = true
  default   = "s3:defaultsecret"
}
variable "unread" {
  sensitive = true
  default   = { a = "unreadsecret" }
}
variable "e" {
  ephemeral = true
  default   = "s3:ephemeralsecret"
}
variable "given" {
  sensitive = true
}
variable "open" {
  default = "s3:notsecret"
}
variable "off" {
  sensitive = false
  default   = "s3:offsecret"
}
module "m" {
  source = "./m"
  lit    = "s3:moduleliteral"
  ref    = var.open
  plain  = "s3:plainargument"
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Action = [var.s, var.e, var.given, var.open, var.off] })
}
`
	child := `variable "lit" {
  ephemeral = true
}
variable "ref" {
  sensitive = true
}
variable "plain" {
}
resource "aws_iam_policy" "q" {
  policy = jsonencode({ Action = [var.lit, var.ref, var.plain] })
}
`
	tfvars := `given = "s3:tfvarssecret"` + "\n"
	sources := map[string][]byte{"main.tf": []byte(root), "m/main.tf": []byte(child), "terraform.tfvars": []byte(tfvars)}
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
	attrs, diags := parse("terraform.tfvars").Body.JustAttributes()
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	given, diags := Static(attrs["given"].Expr, sources)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	opts := &Options{Sources: sources, LoadModule: func(*Config, string, string, *Call) (*Config, hcl.Diagnostics) {
		return childCfg, nil
	}}
	mods, diags := Evaluate(cfg, map[string]*Node{"given": given}, opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if len(mods) != 2 {
		t.Fatalf("%d modules", len(mods))
	}
	texts := func(m *Module) []string {
		var out []string
		for _, r := range m.SensitiveRanges {
			out = append(out, r.Filename+": "+string(sources[r.Filename][r.Start.Byte:r.End.Byte]))
		}
		slices.Sort(out)
		return out
	}
	want := []string{
		`main.tf: "s3:defaultsecret"`,
		`main.tf: "s3:ephemeralsecret"`,
		`main.tf: { a = "unreadsecret" }`,
		`terraform.tfvars: "s3:tfvarssecret"`,
	}
	if got := texts(mods[0]); !slices.Equal(got, want) {
		t.Errorf("root: ranges\n%q\nwant\n%q", got, want)
	}
	want = []string{`main.tf: "s3:moduleliteral"`}
	if got := texts(mods[1]); !slices.Equal(got, want) {
		t.Errorf("module: ranges\n%q\nwant\n%q", got, want)
	}
	// The values read are hidden from messages (Module.Sensitive): an
	// ephemeral variable's as a sensitive one's.
	var vals []string
	for _, m := range mods {
		for _, v := range m.Sensitive {
			if v.Type() == cty.String {
				vals = append(vals, v.AsString())
			}
		}
	}
	slices.Sort(vals)
	want = []string{"s3:defaultsecret", "s3:ephemeralsecret", "s3:moduleliteral", "s3:notsecret", "s3:tfvarssecret"}
	if !slices.Equal(vals, want) {
		t.Errorf("sensitive values %q, want %q", vals, want)
	}
}

// TestVariableHidden: sensitive = true or ephemeral = true hides a
// variable's value; false, or a value that is not a known bool, does not.
func TestVariableHidden(t *testing.T) {
	for src, want := range map[string]bool{
		`variable "v" {}`:                   false,
		`variable "v" { sensitive = true }`: true,
		`variable "v" { ephemeral = true }`: true,
		`variable "v" {
  sensitive = false
  ephemeral = false
}`: false,
		`variable "v" { ephemeral = "yes" }`: false,
	} {
		f, diags := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		cfg, _ := NewConfig(".", []*hcl.File{f})
		if got := cfg.Variables["v"].Hidden(); got != want {
			t.Errorf("%s: hidden %v, want %v", src, got, want)
		}
		if got := len(cfg.hiddenVars()) == 1; got != want {
			t.Errorf("%s: hiddenVars %v", src, cfg.hiddenVars())
		}
	}
}
