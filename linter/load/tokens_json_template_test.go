package load

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// interps returns a JSON string of n interpolations, "${1}${1}...": a
// single JSON token, a template of 3n tokens.
func interps(n int) string {
	return `"` + strings.Repeat("${1}", n) + `"`
}

// The templates in the strings of a .tf.json are parsed by hclsyntax as a
// .tf is: they may hold as many tokens as a native-syntax file (1,048,576),
// and the file is refused past them, at the string that passes them. They
// were not counted (a string is one JSON token): a 2.4 MB .tf.json whose
// policy was "${1}${1}..." took 730 MB where the same .tf was refused; a
// terraform.tfvars.json of 3.6 MB of them, 1.3 GB and 6.9 s. The file next
// to them, within the limit, is parsed.
func TestJSONTemplateTokensRefused(t *testing.T) {
	dir := t.TempDir()
	big := interps(360_000) // 1,080,000 tokens in 1.44 MB
	write(t, dir, "a.tf.json", fmt.Sprintf(`{"locals": {"small": "${1}", "x": %s}}`, big))
	write(t, dir, "ok.tf.json", fmt.Sprintf(`{"locals": {"y": %s}}`, interps(340_000)))
	write(t, dir, "terraform.tfvars.json", fmt.Sprintf(`{"v": %s}`, big))
	write(t, dir, "main.tf", "variable \"v\" {}\nresource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n}\n")
	res := load(t, Options{Paths: []string{dir}})
	for _, at := range []string{
		filepath.Join(dir, "a.tf.json") + ":1,35-",
		filepath.Join(dir, "terraform.tfvars.json") + ":1,7-",
	} {
		if !hasDiag(res, hcl.DiagError, "Too many tokens", at) {
			t.Errorf("want Too many tokens at %s, got %v", at, summarize(res.Diags))
		}
	}
	if len(res.Diags) != 2 {
		t.Fatalf("want 2 errors, got %v", summarize(res.Diags))
	}
	for _, d := range res.Diags {
		if !strings.Contains(d.Detail, "The templates in the strings of") || !strings.Contains(d.Detail, "more than 1048576 tokens") {
			t.Errorf("detail %q", d.Detail)
		}
	}
	block(t, res, "aws_iam_user.u")
}

// A module directory's .tf.json files weigh the tokens of the templates in
// their strings too: three files of 750,000 template tokens (and a few
// JSON ones) pass the 2,097,152 of a root module with the third, which is
// refused, as three such .tf files are. They weighed a few tokens each,
// and five files of a million template tokens were parsed and evaluated
// (1.4 GB, 14 s).
func TestJSONTemplateTokensInModule(t *testing.T) {
	dir := t.TempDir()
	for i := range 3 {
		write(t, dir, fmt.Sprintf("f%d.tf.json", i), fmt.Sprintf(`{"locals": {"x%d": %s}}`, i, interps(250_000)))
	}
	res := load(t, Options{Paths: []string{dir}})
	for i := range 3 {
		at := filepath.Join(dir, fmt.Sprintf("f%d.tf.json", i))
		if refused := hasDiag(res, hcl.DiagError, "Too many tokens in module", at+":"); refused != (i == 2) {
			t.Errorf("%s refused: %v, want %v; got %v", at, refused, i == 2, summarize(res.Diags))
		}
	}
}

// The weight of a .tf.json stays within its bound, two a byte, which
// tokensOf uses before it counts: templates and all.
func TestJSONTemplateWeightBound(t *testing.T) {
	for _, src := range []string{
		`{"a": "${1}"}`,
		`{"a": "${a.b.c}${1}%{if x}y%{endif}", "b": ["${1}", "${2}"]}`,
		`{"a": ` + interps(1000) + `}`,
		`["${1}","${1}","${1}"]`,
	} {
		f := fileWeight{src: []byte(src), json: true}
		f.count()
		if f.tmpl == 0 || f.w > 2*len(src) {
			t.Errorf("%s: weight %d (templates %d), want templates counted, at most %d", src, f.w, f.tmpl, 2*len(src))
		}
		n, _ := eval.CountJSONTemplateTokens([]byte(src), 0)
		if n != f.tmpl {
			t.Errorf("%s: templates weigh %d, counted %d", src, f.tmpl, n)
		}
	}
}
