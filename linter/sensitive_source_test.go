package linter_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/linter/report"
	"github.com/iamlint/iamlint/rules"
)

// hiddenTree is a root with values of variables declared sensitive or
// ephemeral (a default, a terraform.tfvars value, a literal module
// argument), a variable declared neither, and a suppression comment on the
// line of a masked .tfvars value. sens is what sensitive = is set to.
func hiddenTree(sens string) map[string]string {
	return map[string]string{
		"main.tf": `variable "s" {
  type      = string
  sensitive = ` + sens + `
  default   = "s3:défaultsecret"
}
variable "t" {
  type      = string
  sensitive = ` + sens + `
}
variable "q" {
  type      = string
  sensitive = ` + sens + `
}
variable "o" {
  type    = string
  default = "s3:openvalue"
}
module "m" {
  source = "./m"
  lit    = "s3:moduleliteral"
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = [var.s, var.t, var.q, var.o], Resource = "arn:aws:s3:::b" }] })
}
`,
		"terraform.tfvars": `t = "s3:tfvarssecret"
q = "s3:quietsecret" # iamlint:ignore unknown-action -- tested
`,
		"m/main.tf": `variable "lit" {
  type      = string
  ephemeral = ` + sens + `
}
resource "aws_iam_role_policy" "q" {
  role   = "r"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.lit, Resource = "arn:aws:s3:::b" }] })
}
`,
	}
}

// TestHiddenVariableSourcesMasked: the text of the values of variables
// declared sensitive or ephemeral is masked in Result.Sources (what the
// text report quotes), one * a character, the rest of the lines kept; the
// findings keep their locations and fingerprints (those of the same
// configuration with sensitive = false), the suppression comment on a
// masked line still suppresses, and no report prints a value. Both ways
// (a root at a time, the whole model) give the same reports.
func TestHiddenVariableSourcesMasked(t *testing.T) {
	secrets := []string{"défaultsecret", "tfvarssecret", "quietsecret", "moduleliteral"}
	dir := writeTree(t, hiddenTree("true "))
	t.Chdir(dir)
	res, _ := reportsBothWays(t, linter.Options{Paths: []string{"."}, Rules: rules.All})

	wantLines := map[string][]string{
		"main.tf": {
			4:  `  default   = ******************`,
			16: `  default = "s3:openvalue"`,
			20: `  lit    = ******************`,
		},
		"terraform.tfvars": {
			1: `t = *****************`,
			2: `q = **************** # iamlint:ignore unknown-action -- tested`,
		},
	}
	for name, want := range wantLines {
		src, ok := res.Sources[name]
		if !ok {
			t.Fatalf("no source %s", name)
		}
		lines := strings.Split(string(src), "\n")
		for i, w := range want {
			if w != "" && lines[i-1] != w {
				t.Errorf("%s:%d: %q, want %q", name, i, lines[i-1], w)
			}
		}
	}

	// The same configuration, not sensitive: the same findings at the
	// same places with the same fingerprints, the values printed.
	open := lintIn(t, writeTree(t, hiddenTree("false")))
	key := func(f linter.Finding) string {
		return fmt.Sprintf("%s %s:%d:%d-%d:%d %s", f.Rule, f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Line, f.Range.End.Column, f.Fingerprint)
	}
	keys := func(fs []linter.Finding) string {
		var out []string
		for _, f := range fs {
			out = append(out, key(f))
		}
		return strings.Join(out, "\n")
	}
	if got, want := keys(res.Findings), keys(open.Findings); got != want {
		t.Errorf("findings differ from the configuration not sensitive:\n%s\nwant\n%s", got, want)
	}
	if got, want := keys(res.Suppressed), keys(open.Suppressed); got != want || len(res.Suppressed) != 1 {
		t.Errorf("suppressed:\n%s\nwant (one)\n%s", got, want)
	}
	for _, src := range open.Sources {
		if bytes.Contains(src, []byte("*****")) {
			t.Errorf("a source is masked with no variable sensitive:\n%s", src)
		}
	}
	var messages int
	for _, f := range open.Findings {
		for _, v := range secrets {
			// (unknown-action escapes what is not ASCII: d\u00e9faultsecret.)
			if q := strconv.QuoteToASCII(v); strings.Contains(f.Message, v) || strings.Contains(f.Message, q[1:len(q)-1]) {
				messages++
			}
		}
	}
	if messages != 3 { // the suppressed one aside
		t.Errorf("not sensitive: %d messages name a value, want 3", messages)
	}

	// Masked, the sources keep their lines and their characters.
	for name, src := range res.Sources {
		o := open.Sources[name]
		if bytes.Count(src, []byte("\n")) != bytes.Count(o, []byte("\n")) || utf8.RuneCount(src) != utf8.RuneCount(o) {
			t.Errorf("%s: lines or characters changed by masking:\n%s", name, src)
		}
	}

	var b bytes.Buffer
	meta := report.Meta{ToolName: "iamlint", Rules: rules.All}
	for _, f := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return report.JSON(b, res, meta) },
		func(b *bytes.Buffer) error { return report.SARIF(b, res, meta) },
		func(b *bytes.Buffer) error { return report.Text(b, res, meta) },
		func(b *bytes.Buffer) error { return report.Checkstyle(b, res, meta) },
		func(b *bytes.Buffer) error { return report.GitHub(b, res, meta) },
		func(b *bytes.Buffer) error { return report.GitLab(b, res, meta) },
		func(b *bytes.Buffer) error { return report.JUnit(b, res, meta) },
	} {
		if err := f(&b); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range secrets {
		if strings.Contains(b.String(), v) {
			t.Errorf("a report prints %q:\n%s", v, b.String())
		}
	}
	if !strings.Contains(b.String(), `action "s3:openvalue"`) {
		t.Errorf("the value of a variable declared neither is not printed:\n%s", b.String())
	}
}

// lintIn lints dir as the current directory.
func lintIn(t *testing.T, dir string) *linter.Result {
	t.Helper()
	t.Chdir(dir)
	return lint(t, linter.Options{Paths: []string{"."}, Rules: rules.All})
}
