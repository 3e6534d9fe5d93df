package load

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// hclsyntax joins the literal pieces of a heredoc (one per line) and of a
// string (one per $${ or %%{ escape) in time that grows with the square of
// their number: a 6 MB heredoc of 200,000 lines took ten minutes. Such a
// file, or templatefile() template, is an error located at the heredoc,
// within a bounded time (a .tf.json string of as many escaped line breaks:
// its value is unknown); a heredoc of a few thousand lines still parses.
func TestHugeHeredocBounded(t *testing.T) {
	dir := t.TempDir()
	n := 200000
	if testing.Short() {
		n = 60000
	}
	write(t, dir, "big.tf", "locals {\n  x = <<EOT\n"+strings.Repeat("line of a heredoc\n", n)+"EOT\n}\n")
	write(t, dir, "t.tf", `resource "aws_iam_policy" "t" { policy = templatefile("${path.module}/big.tpl", {}) }`)
	write(t, dir, "big.tpl", strings.Repeat("x\n", n))
	write(t, dir, "j.tf.json", `{"resource": {"aws_iam_policy": {"j": {"policy": "`+strings.Repeat(`x\n`, n)+`"}}}}`)
	write(t, dir, "ok.tf", "resource \"aws_iam_user\" \"u\" {\n  name = <<EOT\n"+strings.Repeat("a\n", 3000)+"EOT\n}\n")
	res := bounded(t, Options{Paths: []string{dir}, MaxFileSize: 64 << 20}, 20*time.Second, 0)
	for _, want := range []string{filepath.Join(dir, "big.tf") + ":3,1", filepath.Join(dir, "big.tpl") + ":1,1", filepath.Join(dir, "j.tf.json") + ":1,50"} {
		if !hasDiag(res, hcl.DiagError, "String too long to parse", want) {
			t.Errorf("want String too long to parse at %s, got %v", want, summarize(res.Diags))
		}
	}
	if v := block(t, res, "aws_iam_user.u").Body.Attr("name").Val; !v.IsKnown() || len(v.AsString()) != 6000 {
		t.Errorf("3,000-line heredoc: got %#v", v)
	}
}

// A .tf saved as UTF-16 (with its byte order mark) is an error that says
// so, not "a NUL byte": the user's fix is to save it as UTF-8.
func TestUTF16File(t *testing.T) {
	dir := t.TempDir()
	text := "resource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n}\n"
	le := []byte{0xff, 0xfe}
	for _, r := range text {
		le = append(le, byte(r), 0)
	}
	write(t, dir, "le.tf", string(le))
	be := []byte{0xfe, 0xff}
	for _, r := range text {
		be = append(be, 0, byte(r))
	}
	write(t, dir, "be.tf", string(be))
	write(t, dir, "ok.tf", `resource "aws_iam_user" "v" { name = "v" }`)
	res := load(t, Options{Paths: []string{dir}})
	for _, f := range []string{"le.tf", "be.tf"} {
		if !hasDiag(res, hcl.DiagError, "UTF-16 file", filepath.Join(dir, f)+":1,1") {
			t.Errorf("want UTF-16 file error at %s, got %v", f, summarize(res.Diags))
		}
	}
	block(t, res, "aws_iam_user.v")
}

// UTF-16 without a byte order mark was "Binary file" (a NUL byte): it is
// told by its zero bytes every other byte, and said to be UTF-16.
func TestUTF16FileNoBOM(t *testing.T) {
	dir := t.TempDir()
	text := "resource \"aws_iam_user\" \"u\" {\n  name = \"u\"\n}\n"
	var le, be []byte
	for _, r := range text {
		le = append(le, byte(r), 0)
		be = append(be, 0, byte(r))
	}
	write(t, dir, "le.tf", string(le))
	write(t, dir, "be.tf", string(be))
	write(t, dir, "bin.tf", "\x00\x01\x02\x03\x89PNG\x00\x00")
	write(t, dir, "ok.tf", `resource "aws_iam_user" "v" { name = "v" }`)
	res := load(t, Options{Paths: []string{dir}})
	for _, f := range []string{"le.tf", "be.tf"} {
		if !hasDiag(res, hcl.DiagError, "UTF-16 file", filepath.Join(dir, f)+":1,1") {
			t.Errorf("want UTF-16 file error at %s, got %v", f, summarize(res.Diags))
		}
	}
	if !hasDiag(res, hcl.DiagError, "Binary file", filepath.Join(dir, "bin.tf")+":1,1") {
		t.Errorf("want Binary file error at bin.tf, got %v", summarize(res.Diags))
	}
	for _, d := range res.Diags {
		if strings.Contains(d.Detail, "without a byte order mark") && !strings.Contains(d.Detail, "save it as UTF-8") {
			t.Errorf("detail %q", d.Detail)
		}
	}
	block(t, res, "aws_iam_user.v")
}
