//go:build unix

package load

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// TestSpecialFiles: a Terraform file that is a device or a named pipe (a
// symlink to /dev/zero, a FIFO) is refused, never read for ever or waited
// on; a file() of a pipe is refused the same way.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ok.tf", `resource "aws_iam_policy" "p" {
  policy = file("pipe.json")
}
`)
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.tf")); err != nil {
		t.Skip("no symlinks:", err)
	}
	for _, name := range []string{"fifo.tf", "pipe.json", "terraform.tfvars"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skip("no named pipes:", err)
		}
	}
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 16<<20)
	for _, f := range []string{"zero.tf", "fifo.tf", "terraform.tfvars"} {
		if !hasDiag(res, hcl.DiagError, "Not a regular file", filepath.Join(dir, f)+":1") {
			t.Errorf("want Not a regular file for %s, got %v", f, summarize(res.Diags))
		}
	}
	if p := block(t, res, "aws_iam_policy.p").Body.Attr("policy"); p.Val.IsKnown() {
		t.Errorf("file() of a pipe: %#v", p.Val)
	}
	if !hasDiag(res, hcl.DiagError, "", filepath.Join(dir, "ok.tf")+":2") {
		t.Errorf("want an error for file() of a pipe at ok.tf:2, got %v", summarize(res.Diags))
	}

	// A --var-file given as a pipe (bash's <(...)) is read, up to the limit.
	dir = t.TempDir()
	write(t, dir, "main.tf", `variable "v" {}
resource "aws_iam_user" "u" { name = var.v }
`)
	pipe := filepath.Join(t.TempDir(), "vars")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes:", err)
	}
	go func() {
		f, err := os.OpenFile(pipe, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		_, _ = f.WriteString(`v = "piped"` + "\n")
	}()
	res = bounded(t, Options{Paths: []string{dir}, VarFiles: []string{pipe}}, 5*time.Second, 0)
	if v := block(t, res, "aws_iam_user.u").Body.Attr("name"); !v.Val.IsKnown() || v.Val.AsString() != "piped" {
		t.Errorf("var file from a pipe: %#v %v", v.Val, summarize(res.Diags))
	}
	// /dev/zero as a --var-file is cut at the limit.
	res = bounded(t, Options{Paths: []string{dir}, VarFiles: []string{"/dev/zero"}, MaxFileSize: 1 << 20}, 5*time.Second, 16<<20)
	if !hasDiag(res, hcl.DiagError, "File too large", "/dev/zero:1") {
		t.Errorf("want File too large for /dev/zero, got %v", summarize(res.Diags))
	}
}
