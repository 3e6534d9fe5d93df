package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
)

// TestSymlinkedRootIsFollowed: a named directory that is a symbolic link is
// linted (filepath.WalkDir alone would not descend into it).
func TestSymlinkedRootIsFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"main.tf", "sub/main.tf"} {
		if err := os.WriteFile(filepath.Join(real, f), []byte(`resource "aws_iam_user" "u" { name = "u" }`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	res := Load(Options{Paths: []string{link}})
	want := []string{filepath.Join(link, "main.tf"), filepath.Join(link, "sub", "main.tf")}
	if len(res.Files) != len(want) || res.Files[0] != want[0] || res.Files[1] != want[1] {
		t.Fatalf("files %q, want %q", res.Files, want)
	}
	if len(res.Modules) != 2 {
		t.Errorf("%d modules, want 2", len(res.Modules))
	}
}

// symlinks makes the symbolic links of links (name -> target) under dir,
// skipping the test where the system has none.
func symlinks(t *testing.T, dir string, links map[string]string) {
	t.Helper()
	for name, target := range links {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skip("no symlinks:", err)
		}
	}
}

// noSecret fails when the secret text made it into a source or a message.
func noSecret(t *testing.T, res *eval.Result, secret string) {
	t.Helper()
	for name, src := range res.Sources {
		if strings.Contains(string(src), secret) {
			t.Errorf("%s was read: its source holds the secret", name)
		}
	}
	for _, d := range res.Diags {
		if strings.Contains(d.Error(), secret) {
			t.Errorf("a message quotes the secret: %s", d.Error())
		}
	}
}

// TestSymlinkOutsideTreeNotRead: a hostile repository's Terraform or tfvars
// file that is a symbolic link to a file outside the scanned tree (a CI
// runner's .env, ~/.aws/credentials) is not read: a located error names
// it, and the rest of the tree is linted. Links that stay inside the tree
// are read, and so is a path argument that is a link (the user named it).
func TestSymlinkOutsideTreeNotRead(t *testing.T) {
	dir := t.TempDir()
	// A dotenv line parses as an HCL attribute; the brace does not: a parse
	// error would quote the file.
	const secret = "ghp_s3cr3tT0ken"
	write(t, dir, "home/.env", "TOKEN = \""+secret+"\"\nbroken {\n")
	write(t, dir, "home/creds.json", `{"resource": {"aws_iam_user": {"leak": {"name": "`+secret+`"}}}, "x": }`)
	write(t, dir, "home/outside.tf", `resource "aws_iam_user" "named" { name = "named" }`+"\n")
	root := filepath.Join(dir, "repo")
	write(t, root, "main.tf", `resource "aws_iam_user" "u" { name = "u" }`+"\n")
	write(t, root, "shared/common.tf", `resource "aws_iam_user" "common" { name = "common" }`+"\n")
	write(t, root, "env/main.tf", `resource "aws_iam_user" "e" { name = "e" }`+"\n")
	write(t, dir, "home/dir/a.tf", `resource "aws_iam_user" "a" { name = "`+secret+`" }`+"\n")
	symlinks(t, dir, map[string]string{
		"repo/x.tf":               "../home/.env",
		"repo/abs.tf.json":        filepath.Join(dir, "home", "creds.json"),
		"repo/terraform.tfvars":   "../home/.env",
		"repo/prod.tfvars":        filepath.Join(dir, "home", ".env"),
		"repo/y.auto.tfvars.json": "../home/creds.json",
		"repo/env/common.tf":      "../shared/common.tf", // stays inside: read
		"repo/outdir":             "../home/dir",         // a directory: not walked
		"repo/named.tf":           "../home/outside.tf",
	})
	res := bounded(t, Options{Paths: []string{root}}, 5*time.Second, 0)
	noSecret(t, res, secret)
	for _, f := range []string{"x.tf", "abs.tf.json", "terraform.tfvars", "prod.tfvars", "y.auto.tfvars.json", "named.tf"} {
		name := filepath.Join(root, f)
		if !hasDiag(res, hcl.DiagError, "outside the scanned tree", name+":1") {
			t.Errorf("%s: want a located error, got %v", f, summarize(res.Diags))
		}
		if _, ok := res.Sources[name]; ok {
			t.Errorf("%s was read", f)
		}
	}
	block(t, res, "aws_iam_user.u")
	block(t, res, "aws_iam_user.e")
	if _, ok := res.Sources[filepath.Join(root, "env", "common.tf")]; !ok {
		t.Errorf("a link inside the tree was not read; files %q", res.Files)
	}
	for _, m := range res.Modules {
		for _, b := range m.Blocks {
			if b.Address == "aws_iam_user.named" || b.Address == "aws_iam_user.a" {
				t.Errorf("%s (outside the tree) linted", b.Address)
			}
		}
	}
	// Each refused file is reported once.
	n := 0
	for _, d := range res.Diags {
		if strings.Contains(d.Summary, "outside the scanned tree") && d.Subject != nil && d.Subject.Filename == filepath.Join(root, "terraform.tfvars") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("terraform.tfvars refused %d times, want once", n)
	}

	// Named as a path argument, a link is read: the user chose it.
	res = bounded(t, Options{Paths: []string{filepath.Join(root, "named.tf")}}, 5*time.Second, 0)
	block(t, res, "aws_iam_user.named")
	if hasDiag(res, hcl.DiagError, "outside the scanned tree", filepath.Join(root, "named.tf")) {
		t.Errorf("named link refused: %v", summarize(res.Diags))
	}
	noSecret(t, res, secret) // x.tf and the tfvars, in the same directory, are still refused
	// So is a --var-file.
	write(t, root, "vars/main.tf", `variable "v" {}
resource "aws_iam_user" "v" { name = var.v }
`)
	write(t, dir, "home/ok.tfvars", `v = "from-var-file"`+"\n")
	symlinks(t, dir, map[string]string{"repo/vars/link.tfvars": "../../home/ok.tfvars"})
	res = bounded(t, Options{Paths: []string{filepath.Join(root, "vars")}, VarFiles: []string{filepath.Join(root, "vars", "link.tfvars")}}, 5*time.Second, 0)
	if v := block(t, res, "aws_iam_user.v").Body.Attr("name").Val; !v.IsKnown() || v.AsString() != "from-var-file" {
		t.Errorf("--var-file link: name = %#v", v)
	}
}

// TestSymlinkOutsideModuleDir: a local module called from outside the path
// argument (live/prod calling ../../modules/x) is followed, as terraform
// does, and its .tf files are read; there the module directory is the
// tree: a link in it to a file outside is refused, one inside it is read,
// and its .tfvars are never read (a module has no tfvars).
func TestSymlinkOutsideModuleDir(t *testing.T) {
	dir := t.TempDir()
	const secret = "ghp_m0duleS3cret"
	write(t, dir, "home/.env", "TOKEN = \""+secret+"\"\nbroken {\n")
	write(t, dir, "modules/x/main.tf", `resource "aws_iam_user" "m" { name = "m" }`+"\n")
	write(t, dir, "modules/x/lib/extra.tf", `resource "aws_iam_user" "extra" { name = "extra" }`+"\n")
	write(t, dir, "modules/x/terraform.tfvars", "a = \""+secret+"\"\n")
	write(t, dir, "live/prod/main.tf", `module "x" { source = "../../modules/x" }`+"\n")
	write(t, dir, "live/prod/.terraform/modules/modules.json.real", `{"Modules":[]}`)
	symlinks(t, dir, map[string]string{
		"modules/x/leak.tf":  "../../home/.env",
		"modules/x/extra.tf": "lib/extra.tf", // inside the module directory: read
	})
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "live", "prod")}}, 5*time.Second, 0)
	noSecret(t, res, secret)
	block(t, res, "module.x.aws_iam_user.m")
	block(t, res, "module.x.aws_iam_user.extra")
	leak := filepath.Join(dir, "live", "prod", "../../modules/x/leak.tf")
	if !hasDiag(res, hcl.DiagError, "outside the scanned tree", filepath.Clean(leak)+":1") {
		t.Errorf("want a located error for leak.tf, got %v", summarize(res.Diags))
	}
}

// TestModulesJSONOutsideTree: .terraform/modules/modules.json is read only
// when it is a regular file in the tree: a link to a file outside (whose
// "Dir" values would be quoted in messages) or to a device is refused.
func TestModulesJSONOutsideTree(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "home/mods.json", `{"Modules":[{"Key":"r","Source":"x","Dir":"ghp_m0dulesJS0N"}]}`)
	write(t, dir, "repo/main.tf", `module "r" { source = "registry.example/x/y/z" }`+"\n")
	write(t, dir, "dev/main.tf", `module "r" { source = "registry.example/x/y/z" }`+"\n")
	symlinks(t, dir, map[string]string{
		"repo/.terraform/modules/modules.json": "../../../home/mods.json",
		"dev/.terraform/modules/modules.json":  "/dev/zero",
	})
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "repo"), filepath.Join(dir, "dev")}}, 5*time.Second, 64<<20)
	noSecret(t, res, "ghp_m0dulesJS0N")
	if !hasDiag(res, hcl.DiagError, "outside the scanned tree", filepath.Join(dir, "repo", ".terraform", "modules", "modules.json")) {
		t.Errorf("want a located error for modules.json, got %v", summarize(res.Diags))
	}
	if !hasDiag(res, hcl.DiagError, "Not a regular file", filepath.Join(dir, "dev", ".terraform", "modules", "modules.json")) {
		t.Errorf("want Not a regular file for modules.json -> /dev/zero, got %v", summarize(res.Diags))
	}
}

// TestModuleDirOutsideReadsTFOnly: a module directory named by
// .terraform/modules/modules.json (or a local source) anywhere, /proc or
// a directory outside the tree, is read as terraform reads it: its .tf and
// .tf.json files only, regular or linked inside it; never its .tfvars or
// other files, never a device, never a link out of it.
func TestModuleDirOutsideReadsTFOnly(t *testing.T) {
	dir := t.TempDir()
	const secret = "ghp_0utsideM0dule"
	write(t, dir, "home/.env", "TOKEN = \""+secret+"\"\nbroken {\n")
	write(t, dir, "ext/main.tf", `resource "aws_iam_user" "ext" { name = "ext" }`+"\n")
	write(t, dir, "ext/terraform.tfvars", "a = \""+secret+"\"\n")
	write(t, dir, "ext/x.auto.tfvars", "a = \""+secret+"\"\n")
	write(t, dir, "ext/notes.txt", secret)
	symlinks(t, dir, map[string]string{"ext/leak.tf": "../home/.env", "ext/zero.tf": "/dev/zero"})
	rel, err := filepath.Rel(filepath.Join(dir, "repo"), filepath.Join(dir, "ext"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "repo/.terraform/modules/modules.json", `{"Modules":[
  {"Key":"ext","Source":"registry.example/a/b/c","Dir":"`+filepath.ToSlash(rel)+`"},
  {"Key":"proc","Source":"registry.example/a/b/c","Dir":"../../../../../../../../../../../../proc/self"},
  {"Key":"etc","Source":"registry.example/a/b/c","Dir":"/etc"}]}`)
	write(t, dir, "repo/main.tf", `module "ext" { source = "registry.example/a/b/c" }
module "proc" { source = "registry.example/a/b/c" }
module "etc" { source = "registry.example/a/b/c" }
module "local" { source = "../../../../../../../../../../../../proc/self/fd" }
`)
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "repo")}}, 5*time.Second, 0)
	noSecret(t, res, secret)
	block(t, res, "module.ext.aws_iam_user.ext")
	if !hasDiag(res, hcl.DiagError, "outside the scanned tree", filepath.Join(dir, "ext", "leak.tf")+":1") {
		t.Errorf("want a located error for leak.tf, got %v", summarize(res.Diags))
	}
	if !hasDiag(res, hcl.DiagError, "Not a regular file", filepath.Join(dir, "ext", "zero.tf")+":1") {
		t.Errorf("want Not a regular file for zero.tf, got %v", summarize(res.Diags))
	}
	for name := range res.Sources {
		if !IsConfigFile(name) && !strings.HasSuffix(name, ".tfvars") && !strings.HasSuffix(name, ".tfvars.json") {
			t.Errorf("read %s", name)
		}
		if strings.HasPrefix(name, "/proc") || strings.HasPrefix(name, "/etc") || strings.HasSuffix(name, ".tfvars") {
			t.Errorf("read %s", name)
		}
	}
}
