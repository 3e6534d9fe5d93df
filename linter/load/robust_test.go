package load

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/internal/cputime"
	"github.com/iamlint/iamlint/linter/eval"
)

// Pathological inputs: each must give a clear diagnostic or a correct
// result, within bounded time and memory, and never a panic or a hang.

// bounded runs Load and fails when it uses more CPU than two CPUs in limit or leaves the
// heap more than maxHeap bytes larger than before.
func bounded(t *testing.T, opts Options, limit time.Duration, maxHeap uint64) *eval.Result {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	done := watchdog()
	start, cpu := time.Now(), cputime.Used()
	res := load(t, opts)
	el, used := time.Since(start), cputime.Used()-cpu
	done()
	runtime.ReadMemStats(&after)
	t.Logf("Load took %v (%v CPU)", el, used)
	// CPU time, over both CPUs' worth: a guard against runaway work that a
	// loaded machine does not trip (the watchdog catches a hang).
	if used > 2*limit {
		t.Errorf("Load used %v CPU, more than %v", used, 2*limit)
	}
	if maxHeap > 0 && after.HeapAlloc > before.HeapAlloc && after.HeapAlloc-before.HeapAlloc > maxHeap {
		t.Errorf("heap grew by %d MB, more than %d MB", (after.HeapAlloc-before.HeapAlloc)>>20, maxHeap>>20)
	}
	for _, d := range res.Diags {
		if strings.Contains(d.Summary, "Internal error") || strings.Contains(d.Summary, "Parser failure") {
			t.Errorf("panic: %s", d.Error())
		}
	}
	return res
}

func TestHugeSingleLineJSONFileRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 100 MB")
	}
	dir := t.TempDir()
	write(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  policy = file("${path.module}/policy.json")
}
`)
	f, err := os.Create(filepath.Join(dir, "policy.json"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	w := func(b []byte) {
		if _, err := f.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	w([]byte(`{"Statement":[{"Effect":"Allow","Action":"`))
	for i := 0; i < 100; i++ {
		w(chunk)
	}
	w([]byte(`","Resource":"*"}]}`))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	res := bounded(t, Options{Paths: []string{dir}}, 10*time.Second, 16<<20)
	pol := block(t, res, "aws_iam_policy.p").Body.Attr("policy")
	if pol.Val.IsKnown() {
		t.Error("the 100 MB file was read")
	}
	var found bool
	for _, d := range res.Diags {
		if d.Severity == hcl.DiagError && strings.Contains(d.Detail, "more than the limit of 4194304") &&
			d.Subject != nil && d.Subject.Filename == filepath.Join(dir, "main.tf") && d.Subject.Start.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("want a size-limit error at main.tf:2, got %v", res.Diags)
	}
}

func TestLongSingleLineJSONFileRead(t *testing.T) {
	// Under the limit, a 3 MB single-line string is read whole and located.
	dir := t.TempDir()
	long := strings.Repeat("x", 3<<20)
	write(t, dir, "main.tf", `resource "aws_iam_policy" "p" {
  policy = file("policy.json")
}
`)
	text := `{"Statement":[{"Effect":"Allow","Action":"` + long + `","Resource":"*"}]}`
	write(t, dir, "policy.json", text)
	res := bounded(t, Options{Paths: []string{dir}}, 10*time.Second, 64<<20)
	pol := block(t, res, "aws_iam_policy.p").Body.Attr("policy")
	if !pol.Val.IsKnown() || pol.Val.AsString() != text {
		t.Fatalf("policy not read whole: known=%v", pol.Val.IsKnown())
	}
	off := strings.Index(text, `"*"`)
	if r, ok := pol.Text.Range(off, off+3); !ok || r.Start.Line != 1 || r.Start.Column != off+1 || r.End.Column != off+4 {
		t.Errorf("offset maps to %v", r)
	}
}

func TestMaxFileSizeOption(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `resource "aws_iam_user" "u" {
  name = "`+strings.Repeat("n", 2000)+`"
}
`)
	write(t, dir, "small.tf", `resource "aws_iam_user" "s" { name = "s" }`)
	res := bounded(t, Options{Paths: []string{dir}, MaxFileSize: 1000}, 5*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "File too large", filepath.Join(dir, "main.tf")+":1") {
		t.Errorf("want File too large for main.tf, got %v", res.Diags)
	}
	block(t, res, "aws_iam_user.s")
}

func TestDeeplyNestedJSONInPolicy(t *testing.T) {
	dir := t.TempDir()
	const depth = 100000
	deep := strings.Repeat("[", depth) + strings.Repeat("]", depth)
	write(t, dir, "main.tf", `resource "aws_iam_policy" "f" {
  policy = file("deep.json")
}
resource "aws_iam_policy" "d" {
  policy = jsonencode(jsondecode(file("deep.json")))
}
resource "aws_iam_user" "after" { name = "after" }
`)
	write(t, dir, "deep.json", `{"Statement":`+deep+`}`)
	res := bounded(t, Options{Paths: []string{dir}}, 20*time.Second, 512<<20)
	if f := block(t, res, "aws_iam_policy.f").Body.Attr("policy"); !f.Val.IsKnown() || len(f.Val.AsString()) != 2*depth+14 {
		t.Error("file() of deep JSON not read whole")
	}
	// jsondecode of 100k levels either works or is an unknown with a
	// warning; the rest of the module is evaluated either way.
	block(t, res, "aws_iam_policy.d")
	block(t, res, "aws_iam_user.after")
}

func TestDeeplyNestedHCL(t *testing.T) {
	dir := t.TempDir()
	const depth = 100000
	write(t, dir, "main.tf", `locals { x = `+strings.Repeat("[", depth)+strings.Repeat("]", depth)+` }
resource "aws_iam_user" "u" { name = length(local.x) }
`)
	write(t, dir, "other.tf", `resource "aws_iam_user" "v" { name = "v" }
variable "w" { type = list(any) }`)
	write(t, dir, "deep.tf.json", `{"locals": {"y": `+strings.Repeat("[", depth)+strings.Repeat("]", depth)+`}}`)
	write(t, dir, "t.tf", `resource "aws_iam_policy" "t" { policy = templatefile("deep.tpl", {}) }`)
	write(t, dir, "deep.tpl", "${"+strings.Repeat("[", depth)+strings.Repeat("]", depth)+"}")
	write(t, dir, "terraform.tfvars", `v = `+strings.Repeat("{a=", depth)+strings.Repeat("}", depth))
	res := bounded(t, Options{Paths: []string{dir}, Vars: []string{"w=" + strings.Repeat("[", depth)}}, 30*time.Second, 0)
	block(t, res, "aws_iam_user.v")
	for _, want := range []string{"main.tf:1,1013", "deep.tf.json:1,1016", "t.tf:1,42", "terraform.tfvars:1,", "<value for var.w>:1,1001"} {
		if !hasDiag(res, hcl.DiagError, "Nesting too deep", filepath.Join(dir, want)) && !hasDiag(res, hcl.DiagError, "Nesting too deep", want) {
			t.Errorf("want Nesting too deep at %s, got %v", want, summarize(res.Diags))
		}
	}
	// A nesting just under the limit parses.
	write(t, dir, "main.tf", `locals { x = `+strings.Repeat("[", eval.MaxNesting-2)+strings.Repeat("]", eval.MaxNesting-2)+` }
resource "aws_iam_user" "u" { name = length(local.x) }
`)
	res = bounded(t, Options{Paths: []string{dir}}, 30*time.Second, 0)
	if n := block(t, res, "aws_iam_user.u").Body.Attr("name"); !n.Val.IsKnown() {
		t.Errorf("length of a nested list under the limit is unknown: %v", res.Diags)
	}
}

func TestForEachOverHugeSetLimited(t *testing.T) {
	dir := t.TempDir()
	keys := make([]string, 100000)
	for i := range keys {
		keys[i] = `"` + strconv.Itoa(i) + `"`
	}
	write(t, dir, "keys.tf", "locals {\n  keys = ["+strings.Join(keys, ",")+"]\n}\n")
	write(t, dir, "main.tf", `resource "aws_iam_user" "many" {
  for_each = toset(local.keys)
  name     = each.key
}
resource "aws_iam_user" "counted" {
  count = 100000
  name  = "u${count.index}"
}
module "m" {
  source   = "./m"
  for_each = { for k in local.keys : k => k }
}
`)
	write(t, dir, "m/main.tf", `resource "aws_iam_user" "x" { name = "x" }`)
	res := bounded(t, Options{Paths: []string{dir}}, 20*time.Second, 0)
	for _, want := range []string{"main.tf:2", "main.tf:6", "main.tf:11"} {
		if !hasDiag(res, hcl.DiagError, "Too many instances", filepath.Join(dir, want)) {
			t.Errorf("want Too many instances at %s, got %v", want, summarize(res.Diags))
		}
	}
	// One instance with an unknown key stands for all of them.
	if n := block(t, res, "aws_iam_user.many[*]").Body.Attr("name"); n.Val.IsKnown() {
		t.Errorf("each.key of the unknown instance is %#v", n.Val)
	}
	block(t, res, "aws_iam_user.counted[*]")
	block(t, res, `module.m[*].aws_iam_user.x`)

	// With a higher limit, the instances are all there.
	dir = t.TempDir()
	write(t, dir, "keys.tf", "locals {\n  keys = ["+strings.Join(keys, ",")+"]\n}\n")
	write(t, dir, "main.tf", `resource "aws_iam_user" "many" {
  for_each = toset(local.keys)
  name     = each.key
}
`)
	res = bounded(t, Options{Paths: []string{dir}, MaxInstances: 200000}, 30*time.Second, 0)
	if hasDiag(res, hcl.DiagError, "Too many instances", "") {
		t.Error("limit not raised")
	}
	block(t, res, `aws_iam_user.many["99999"]`)
}

func TestSelfCallingModules(t *testing.T) {
	dir := t.TempDir()
	// a calls b, b calls a: a cycle through two directories.
	write(t, dir, "a/main.tf", `module "b" {
  source = "../b"
}
resource "aws_iam_user" "a" { name = "a" }
`)
	write(t, dir, "b/main.tf", `module "a" {
  source = "../a"
}
resource "aws_iam_user" "b" { name = "b" }
`)
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "Module calls itself", "") {
		t.Errorf("want a cycle error, got %v", res.Diags)
	}
	block(t, res, "module.b.aws_iam_user.b")
	block(t, res, "module.a.aws_iam_user.a")

	// Depth limit: a chain of 30 distinct modules stops at MaxModuleDepth.
	dir = t.TempDir()
	for i := 0; i < 30; i++ {
		write(t, dir, filepath.Join("m"+itoa(i), "main.tf"), `module "next" { source = "../m`+itoa(i+1)+`" }
resource "aws_iam_user" "u" { name = "u`+itoa(i)+`" }`)
	}
	res = bounded(t, Options{Paths: []string{filepath.Join(dir, "m0")}, MaxModuleDepth: 5}, 5*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "Module nesting too deep", "") {
		t.Errorf("want a depth error, got %v", res.Diags)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "root/main.tf", `resource "aws_iam_user" "u" { name = "u" }`)
	links := map[string]string{
		"root/loop":        ".",              // a directory linking to itself
		"root/sub/up":      "../..",          // to an ancestor
		"root/self.tf":     "self.tf",        // a file linking to itself (ELOOP)
		"root/ping.tf":     "pong.tf",        // two files linking to each other
		"root/pong.tf":     "ping.tf",        //
		"root/dangling.tf": "does-not-exist", // nothing there
	}
	if err := os.MkdirAll(filepath.Join(dir, "root", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skip("no symlinks:", err)
		}
	}
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "root")}}, 5*time.Second, 0)
	block(t, res, "aws_iam_user.u")
	for _, f := range []string{"self.tf", "ping.tf", "pong.tf", "dangling.tf"} {
		if !hasDiag(res, hcl.DiagError, "Cannot read file", filepath.Join(dir, "root", f)) {
			t.Errorf("want Cannot read file for %s, got %v", f, res.Diags)
		}
	}
	// Named as the path itself, a looping symlink is an error too.
	res = bounded(t, Options{Paths: []string{filepath.Join(dir, "root", "self.tf")}}, 5*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "", filepath.Join(dir, "root", "self.tf")) {
		t.Errorf("want an error for the looping path, got %v", res.Diags)
	}
}

func TestFileOutsideScannedTree(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "secret.json", `{"Statement":[]}`)
	write(t, dir, "root/main.tf", `resource "aws_iam_policy" "abs" {
  policy = file("`+filepath.ToSlash(filepath.Join(dir, "secret.json"))+`")
}
resource "aws_iam_policy" "rel" {
  policy = templatefile("${path.module}/../secret.json", {})
}
resource "aws_iam_policy" "etc" {
  policy = file("/etc/passwd")
}
`)
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "root")}}, 5*time.Second, 0)
	main := filepath.Join(dir, "root", "main.tf")
	for _, c := range []struct{ addr, at string }{{"aws_iam_policy.abs", ":2"}, {"aws_iam_policy.rel", ":5"}, {"aws_iam_policy.etc", ":8"}} {
		if block(t, res, c.addr).Body.Attr("policy").Val.IsKnown() {
			t.Errorf("%s: a file outside the tree was read", c.addr)
		}
		if !hasDiag(res, hcl.DiagError, "File outside the scanned tree", main+c.at) {
			t.Errorf("%s: want a refusal at main.tf%s, got %v", c.addr, c.at, res.Diags)
		}
	}
	if _, ok := res.Sources["/etc/passwd"]; ok {
		t.Error("/etc/passwd is in Sources")
	}
}

func TestBinaryTFFile(t *testing.T) {
	dir := t.TempDir()
	bin := make([]byte, 64<<10)
	x := uint32(2463534242)
	for i := range bin {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		bin[i] = byte(x)
	}
	bin[10] = 0
	if err := os.WriteFile(filepath.Join(dir, "binary.tf"), bin, 0o644); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "good.tf", `resource "aws_iam_user" "g" { name = "g" }`)
	if err := os.WriteFile(filepath.Join(dir, "zeros.tf.json"), make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	block(t, res, "aws_iam_user.g")
	for _, f := range []string{"binary.tf", "zeros.tf.json"} {
		if !hasDiag(res, hcl.DiagError, "", filepath.Join(dir, f)+":") {
			t.Errorf("want an error located in %s, got %v", f, res.Diags)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "bad.tf", "resource \"aws_iam_user\" \"b\" {\n  name = \"a\xff\xfeb\"\n}\n")
	write(t, dir, "good.tf", `resource "aws_iam_policy" "p" {
  policy = file("latin1.json")
}
`)
	write(t, dir, "latin1.json", "{\"Statement\":[{\"Sid\":\"caf\xe9\"}]}")
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	if !hasDiag(res, hcl.DiagError, "", filepath.Join(dir, "bad.tf")+":2") {
		t.Errorf("want an error at bad.tf:2, got %v", res.Diags)
	}
	if block(t, res, "aws_iam_policy.p").Body.Attr("policy").Val.IsKnown() {
		t.Error("invalid UTF-8 file() content is known")
	}
	if !hasDiag(res, hcl.DiagError, "Invalid file content", filepath.Join(dir, "good.tf")+":2") {
		t.Errorf("want Invalid file content at good.tf:2, got %v", res.Diags)
	}
}

func TestCRLFPositions(t *testing.T) {
	dir := t.TempDir()
	src := strings.ReplaceAll(`resource "aws_iam_policy" "j" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "h" {
  policy = <<EOF
{
  "Statement": [
    { "Effect": "Allow", "Action": "*", "Resource": "*" }
  ]
}
EOF
}

resource "aws_iam_policy" "f" {
  policy = file("p.json")
}
`, "\n", "\r\n")
	write(t, dir, "main.tf", src)
	write(t, dir, "p.json", "{\r\n  \"Statement\": [\r\n    {\"Action\": \"*\"}\r\n  ]\r\n}\r\n")
	res := bounded(t, Options{Paths: []string{dir}}, 5*time.Second, 0)
	main := filepath.Join(dir, "main.tf")

	j := block(t, res, "aws_iam_policy.j").Body.Attr("policy").JSONArg().Attr("Statement").Elems[0].Attr("Action")
	if at(j.Range) != main+":3:47" {
		t.Errorf("jsonencode Action at %s, want %s:3:47", at(j.Range), main)
	}

	h := block(t, res, "aws_iam_policy.h").Body.Attr("policy")
	s := h.Val.AsString()
	off := strings.Index(s, `"Action": "*"`) + len(`"Action": `)
	if r, ok := h.Text.Range(off, off+3); !ok || r.Filename != main || r.Start.Line != 11 || r.Start.Column != 36 {
		t.Errorf("heredoc Action at %v, want main.tf:11:36", r)
	}

	f := block(t, res, "aws_iam_policy.f").Body.Attr("policy")
	s = f.Val.AsString()
	off = strings.Index(s, `"*"`)
	if r, ok := f.Text.Range(off, off+3); !ok || r.Start.Line != 3 || r.Start.Column != 16 {
		t.Errorf("file() Action at %v, want p.json:3:16", r)
	}
}

// TestEvaluatorPanicBecomesError checks that a panic while evaluating a root
// module becomes an error diagnostic naming the module's first file (with the
// stack when IAMLINT_DEBUG is set), and that other roots are still evaluated.
func TestEvaluatorPanicBecomesError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "main.tf", `resource "aws_iam_user" "u" { name = "u" }`)
	f, diags := parseForTest(t, filepath.Join(dir, "main.tf"))
	// A configuration whose block's count is an expression of no syntax
	// (a nil hcl.Expression inside) makes the evaluator dereference nil.
	bad := &eval.Config{Dir: dir, Files: []*hcl.File{f},
		Blocks: []*eval.BlockConfig{{Mode: "resource", Type: "aws_iam_user", Name: "u", Body: f.Body, Count: nilExpr{}}}}
	good, _ := eval.NewConfig(dir, []*hcl.File{f})
	_ = diags
	for _, debug := range []bool{false, true} {
		if debug {
			t.Setenv("IAMLINT_DEBUG", "1")
		}
		l := &loader{opts: Options{}, evalOpts: &eval.Options{}}
		mods, ds := l.evaluate(bad, nil)
		if mods != nil || len(ds) != 1 || ds[0].Summary != "Internal error evaluating module" ||
			ds[0].Subject == nil || ds[0].Subject.Filename != filepath.Join(dir, "main.tf") {
			t.Fatalf("debug=%v: got %v %v", debug, mods, ds)
		}
		if hasStack := strings.Contains(ds[0].Detail, "goroutine "); hasStack != debug {
			t.Errorf("debug=%v: stack in detail = %v: %s", debug, hasStack, ds[0].Detail)
		}
		mods, ds = l.evaluate(good, nil)
		if len(mods) != 1 || len(mods[0].Blocks) != 1 || ds.HasErrors() {
			t.Errorf("the next module was not evaluated: %v %v", mods, ds)
		}
	}
}

func parseForTest(t *testing.T, name string) (*hcl.File, hcl.Diagnostics) {
	t.Helper()
	l := &loader{opts: Options{MaxFileSize: defaultMaxFileSize}}
	p := l.parseFile(name, nil)
	if p.file == nil {
		t.Fatalf("parse %s: %v", name, p.diags)
	}
	return p.file, p.diags
}

// summarize lists diagnostics, each cut short (some name 100,000 things).
func summarize(ds hcl.Diagnostics) string {
	var b strings.Builder
	for i, d := range ds {
		if i == 20 {
			b.WriteString("\n...")
			break
		}
		e := d.Error()
		if len(e) > 200 {
			e = e[:200] + "..."
		}
		b.WriteString("\n" + e)
	}
	return b.String()
}

// nilExpr is an hcl.Expression whose every method dereferences nil.
type nilExpr struct{ hcl.Expression }
