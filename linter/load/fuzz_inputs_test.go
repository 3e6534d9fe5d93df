package load

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// inputsMain declares variables of each kind a value is read as: no type
// (a --var is a string), primitive, and structural types (a --var is
// parsed as an expression), used in a policy.
const inputsMain = `variable "a" {}
variable "s" { type = string }
variable "l" { type = list(string) }
variable "o" {
  type = object({ actions = list(string), arn = optional(string, "*") })
}
variable "m" { type = map(any) }
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = concat(var.l, var.o.actions),
      Resource = [var.a, var.s, var.o.arn], Condition = var.m }]
  })
}
`

// FuzzInputs loads a fixed root module with the first input as its
// terraform.tfvars and the second as the value of --var for each of its
// variables: no panic or hang, and every diagnostic about the files or the
// --var values is located inside what it is about.
func FuzzInputs(f *testing.F) {
	f.Add([]byte("a = \"x\"\nl = [\"s3:*\"]\no = { actions = [\"iam:*\"] }\nm = { StringEquals = { k = \"v\" } }\n"), `["s3:GetObject"]`)
	f.Add([]byte("o = { actions = [for x in [\"a\"] : x] }\n"), `{ actions = ["x"], arn = null }`)
	f.Add([]byte("l = [\n"), "[\"a\", ")
	f.Add([]byte("m = {\"a\" = \"${1+}\"}"), "{ for k in [] : k => k }")
	f.Add([]byte("s = <<EOT\nx\nEOT\n"), "\"\\u00e9${\"")
	f.Add([]byte("\xff\xfel\x00"), "[[[[[[[[[[")
	dir := f.TempDir()
	main := filepath.Join(dir, "main.tf")
	tfvars := filepath.Join(dir, "terraform.tfvars")
	if err := os.WriteFile(main, []byte(inputsMain), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, vars []byte, val string) {
		if err := os.WriteFile(tfvars, vars, 0o644); err != nil {
			t.Fatal(err)
		}
		var cli []string
		for _, n := range []string{"a", "s", "l", "o", "m"} {
			cli = append(cli, n+"="+val)
		}
		done := watchdog()
		res := Load(Options{Paths: []string{dir}, Vars: cli, MaxInstances: 64, MaxModuleDepth: 4})
		done()
		if res == nil {
			t.Fatal("nil result")
		}
		srcs := map[string][]byte{main: []byte(inputsMain), tfvars: vars}
		for _, n := range []string{"a", "s", "l", "o", "m"} {
			srcs["<value for var."+n+">"] = []byte(val)
		}
		for _, d := range res.Diags {
			if d.Summary == "Internal error evaluating module" || d.Summary == "Parser failure" {
				t.Fatalf("panic: %s", d.Error())
			}
			if d.Subject == nil {
				continue
			}
			src, ok := srcs[d.Subject.Filename]
			if !ok {
				t.Fatalf("%s: located in %q, not an input", d.Error(), d.Subject.Filename)
			}
			checkIn(t, d, src)
		}
	})
}

// checkIn fails when d's subject is not a place inside src: line and
// column from 1, byte offsets within src, the start's line the one its
// byte offset is on.
func checkIn(t *testing.T, d *hcl.Diagnostic, src []byte) {
	t.Helper()
	r := d.Subject
	for _, p := range []hcl.Pos{r.Start, r.End} {
		if p.Line < 1 || p.Column < 1 || p.Byte < 0 || p.Byte > len(src) {
			t.Fatalf("%s: position %+v outside the %d-byte input %q", d.Error(), p, len(src), trunc(src))
		}
	}
	if r.End.Byte < r.Start.Byte {
		t.Fatalf("%s: range %+v ends before it starts", d.Error(), *r)
	}
	if want := 1 + bytes.Count(src[:r.Start.Byte], []byte{'\n'}); r.Start.Line != want {
		t.Fatalf("%s: start %+v is on line %d of %q", d.Error(), r.Start, want, trunc(src))
	}
}

func trunc(b []byte) string {
	s := string(b)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return strings.ToValidUTF8(s, "?")
}
