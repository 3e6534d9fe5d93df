package load

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestModuleInstancesSayErrorsOnce: every instance of a module says its
// module's errors again. 300 file() calls of paths outside the tree in a
// module instantiated 99 × 99 times were 2.9 million diagnostics (and as
// many path resolutions, an lstat per element of each path): the CLI ran
// out of memory after 46 s under a 4 GB address-space limit. The
// evaluator now keeps one of each diagnostic and resolves each path once.
func TestModuleInstancesSayErrorsOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "root/main.tf", "module \"a\" {\n  source = \"../a\"\n  count  = 40\n}\n")
	write(t, dir, "a/main.tf", "module \"b\" {\n  source = \"../b\"\n  count  = 40\n}\n")
	var b strings.Builder
	b.WriteString("resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({ Statement = [{ Effect = \"Allow\", Resource = \"*\", Action = [\n")
	for i := range 100 {
		b.WriteString("    file(\"/etc/passwd" + itoa(i) + "\"),\n")
	}
	b.WriteString("  ] }] })\n}\n")
	write(t, dir, "b/main.tf", b.String())
	// 160,000 diagnostics before (2.9 s, 2.1 CPU s here).
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "root")}}, 3*time.Second, 0)
	n := 0
	for _, d := range res.Diags {
		if d.Summary == "File outside the scanned tree" {
			n++
		}
	}
	if n != 100 {
		t.Errorf("%d File outside the scanned tree errors, want 100 (one per call)", n)
	}
	if len(res.Diags) > 200 {
		t.Errorf("%d diagnostics, want one of each: %v", len(res.Diags), summarize(res.Diags[:10]))
	}
	if len(res.Modules) != 1+40+40*40 {
		t.Errorf("%d module instances, want %d", len(res.Modules), 1+40+40*40)
	}
}

// TestModuleNestingTooDeepSaidOnce: a module call past --max-module-depth
// was an error for every instance of the module that makes it (19,980 of
// them for three calls, 3^16 paths deep); one for each call now.
func TestModuleNestingTooDeepSaidOnce(t *testing.T) {
	dir := t.TempDir()
	for i := range 12 {
		src := `resource "aws_iam_user" "u" { name = "u` + itoa(i) + `" }` + "\n"
		if i < 11 {
			for _, c := range []string{"a", "b", "c"} {
				src += "module \"" + c + "\" {\n  source = \"../m" + itoa(i+1) + "\"\n}\n"
			}
		}
		write(t, dir, filepath.Join("m"+itoa(i), "main.tf"), src)
	}
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "m0")}, MaxModuleDepth: 6}, 5*time.Second, 0)
	n := 0
	for _, d := range res.Diags {
		if d.Summary == "Module nesting too deep" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d Module nesting too deep errors, want 3 (one per call): %v", n, summarize(res.Diags))
	}
}

// TestJSONDecodeOfFileInModuleInstances: jsondecode(file()) in a module
// instantiated 3,600 times decoded the file and located each of its
// elements (a scan of up to 2 KB of the line per position) in every
// instance: 9,801 instances of a 300-action policy ran past 60 s. The
// located value is made once per root and each instance's is located in
// the file.
func TestJSONDecodeOfFileInModuleInstances(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "root/main.tf", "module \"a\" {\n  source = \"../a\"\n  count  = 60\n}\n")
	write(t, dir, "a/main.tf", "module \"b\" {\n  source = \"../b\"\n  count  = 60\n}\n")
	write(t, dir, "b/main.tf", "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode(jsondecode(file(\"${path.module}/p.json\")))\n}\n")
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*","Action":[`)
	for i := range 300 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"s3:GetObject` + itoa(i) + `"`)
	}
	b.WriteString("]}]}")
	write(t, dir, "b/p.json", b.String())
	// 21.7 s (15.9 CPU s) here before; 0.13 s after.
	res := bounded(t, Options{Paths: []string{filepath.Join(dir, "root")}}, time.Second, 0)
	if len(res.Modules) != 1+60+60*60 {
		t.Fatalf("%d module instances, want %d", len(res.Modules), 1+60+60*60)
	}
	for _, addr := range []string{"module.a[0].module.b[0].aws_iam_policy.p", "module.a[59].module.b[59].aws_iam_policy.p"} {
		p := block(t, res, addr).Body.Attr("policy")
		j := p.JSONArg()
		if !p.Val.IsKnown() || j == nil {
			t.Fatalf("%s: policy %#v, located JSON %v", addr, p.Val, j)
		}
		acts := j.Attr("Statement").Elems[0].Attr("Action")
		if len(acts.Elems) != 300 {
			t.Fatalf("%s: %d actions located", addr, len(acts.Elems))
		}
		r := acts.Elems[299].Range
		want := len(b.String()) - len(`"s3:GetObject299"]}]}`)
		if filepath.Base(r.Filename) != "p.json" || r.Start.Byte != want || r.Start.Column != want+1 {
			t.Errorf("%s: last action at %s:%d (byte %d), want p.json:1:%d", addr, r.Filename, r.Start.Column, r.Start.Byte, want+1)
		}
	}
}
