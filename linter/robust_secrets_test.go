package linter_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestSecretsNotEchoed: a credential that hardcoded-credentials finds is
// not printed whole anywhere else either: not in the notices and errors that
// quote the values of expressions (tonumber of it, an index by it), nor in
// the messages of other findings (an action built from it), nor in the raw
// diagnostics --debug prints. Only its first four characters are shown.
func TestSecretsNotEchoed(t *testing.T) {
	const keyID, secret = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `provider "aws" {
  access_key = "`+keyID+`"
  secret_key = "`+secret+`"
}
locals {
  n = tonumber("`+secret+`")
  i = { x = 1 }["`+keyID+`"]
}
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:`+secret+`", local.n, local.i], Resource = "*" }] })
}
`)
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	creds := 0
	for _, f := range append(res.Findings, res.Suppressed...) {
		texts = append(texts, f.Message)
		for _, r := range f.Related {
			texts = append(texts, r.Message)
		}
		if f.Rule == "hardcoded-credentials" {
			creds++
		}
	}
	for _, e := range res.Errors {
		texts = append(texts, e.Message)
	}
	for _, n := range res.Notices {
		texts = append(texts, n.Message)
	}
	for _, d := range res.Diags {
		texts = append(texts, d.Error())
	}
	if creds < 2 {
		t.Errorf("%d hardcoded-credentials findings, want 2 or more", creds)
	}
	var masked bool
	for _, s := range texts {
		if strings.Contains(s, keyID[4:]) || strings.Contains(s, secret[4:]) {
			t.Errorf("a credential is printed: %s", s)
		}
		masked = masked || strings.Contains(s, secret[:4]+strings.Repeat("*", len(secret)-4))
	}
	if !masked {
		t.Errorf("no masked secret in the messages (were they dropped?): %q", texts)
	}
}

// TestUnquotedSecretPiecesNotEchoed: a secret key written without quotes
// is read as references divided by one another, and the "Invalid reference"
// notices named each piece (wJalrXUtnFEMI, K7MDENG, bPxRfiCYEXAMPLEKEY):
// the whole key was never printed, its pieces were. They are masked as the
// key is (its first four characters, then stars).
func TestUnquotedSecretPiecesNotEchoed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `provider "aws" {
  access_key = AKIAIOSFODNN7EXAMPLE
  secret_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
}
`)
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All})
	if err != nil {
		t.Fatal(err)
	}
	creds := 0
	for _, f := range res.Findings {
		if f.Rule == "hardcoded-credentials" {
			creds++
		}
	}
	if creds != 2 {
		t.Errorf("%d hardcoded-credentials findings, want 2", creds)
	}
	var texts []string
	for _, n := range res.Notices {
		texts = append(texts, n.Message)
	}
	for _, d := range res.Diags {
		texts = append(texts, d.Error())
	}
	if len(texts) == 0 {
		t.Fatal("no notices: the unquoted key no longer reads as references; the test checks nothing")
	}
	all := strings.Join(texts, "\n")
	for _, piece := range []string{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKEY", "IOSFODNN7"} {
		if strings.Contains(all, piece) {
			t.Errorf("%q printed:\n%s", piece, all)
		}
	}
	if !strings.Contains(all, `"wJal*********"`) || !strings.Contains(all, `"*******"`) {
		t.Errorf("the pieces are not masked as expected:\n%s", all)
	}
}

// TestBuiltSecretPiecesMasked: a credential the configuration builds from
// pieces is masked in the sources the text report quotes, wherever the
// pieces are literal parts of the expression that builds it, or of the
// locals, variable defaults and .tfvars values it names: the pieces of a
// key are the key. Its first four characters stay, and the text around the
// pieces (the function, the separators, a value that is no part of it) is
// left as written. Before, only a credential written with escapes was
// masked there: the hardcoded-credentials finding quoted join("", ["AKIA",
// "IOSFODNN", "7EXAMQT1"]) readable.
func TestBuiltSecretPiecesMasked(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", `locals {
  a     = "IOSFODNN7EXAMQT2"
  other = "IOSFODNN7"
}
variable "rest" {
  default = "IOSFODNN7EXAMQT3"
}
variable "given" {}
provider "aws" {
  access_key = join("", ["AKIA", "IOSFODNN", "7EXAMQT1"])
}
provider "aws" {
  alias      = "l"
  access_key = "AKIA${local.a}"
}
provider "aws" {
  alias      = "v"
  access_key = "AKIA${var.rest}"
}
provider "aws" {
  alias      = "g"
  access_key = format("%s%s", "AKIA", var.given)
}
provider "aws" {
  alias      = "s"
  secret_key = join("/", ["wJalrXUtnFEMI", "K7MDENG", "bPxRfiCYEXAMPLEKT5"])
}
resource "aws_iam_user" "u" {
  name = "n"
}
`)
	writeFile(t, dir, "terraform.tfvars", `given = "IOSFODNN7EXAMQT4"
`)
	res, err := linter.Lint(context.Background(), linter.Options{Paths: []string{dir}, Rules: rules.All})
	if err != nil {
		t.Fatal(err)
	}
	creds := 0
	for _, f := range res.Findings {
		if f.Rule == "hardcoded-credentials" {
			creds++
		}
	}
	if creds != 5 {
		t.Errorf("%d hardcoded-credentials findings, want 5", creds)
	}
	var src, vars []byte
	for name, s := range res.Sources {
		switch filepath.Base(name) {
		case "main.tf":
			src = s
		case "terraform.tfvars":
			vars = s
		}
	}
	for _, want := range []string{
		`a     = "****************"`,
		`other = "IOSFODNN7"`, // no part of a key
		`default = "****************"`,
		`join("", ["AKIA", "********", "********"])`,
		`"AKIA${local.a}"`,
		`format("%s%s", "AKIA", var.given)`,
		`join("*", ["wJal*********", "*******", "******************"])`,
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the sources do not hold %s:\n%s", want, src)
		}
	}
	if string(vars) != `given = "****************"`+"\n" {
		t.Errorf("terraform.tfvars is %q, want the value masked", vars)
	}
	for _, s := range []string{"EXAMQT", "CYEXAMPLE"} {
		if strings.Contains(string(src)+string(vars), s) {
			t.Errorf("the sources hold %s", s)
		}
	}
}

// TestBuiltSecretPiecesLinear: the pieces of many credentials built in one
// file are found in time linear in the file: 3,000 provider blocks, each
// with a key built by join. Each credential walked the whole file for the
// expression that builds it: 38 CPU s (2 before the pieces were looked
// for).
func TestBuiltSecretPiecesLinear(t *testing.T) {
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "provider \"aws\" {\n  alias      = \"a%d\"\n  access_key = join(\"\", [\"AKIA\", \"ZQ%06d\", \"XQ%06d\"])\n}\n", i, i, i)
	}
	dir := t.TempDir()
	writeFile(t, dir, "main.tf", b.String())
	res := lintBounded(t, 5*time.Second, linter.Options{Paths: []string{dir}})
	if n := len(res.Findings); n != 3000 {
		t.Errorf("%d findings, want 3000", n)
	}
	var src string
	for name, s := range res.Sources {
		if filepath.Base(name) == "main.tf" {
			src = string(s)
		}
	}
	if !strings.Contains(src, `access_key = join("", ["AKIA", "********", "********"])`) || strings.Contains(src, "ZQ0") {
		t.Errorf("the pieces are not masked: %.300s", src)
	}
}
