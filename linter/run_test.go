package linter

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// rng returns the range of the first occurrence of needle in src (after skip bytes).
func rng(t *testing.T, file string, src []byte, needle string) hcl.Range {
	t.Helper()
	i := strings.Index(string(src), needle)
	if i < 0 {
		t.Fatalf("%q not in source", needle)
	}
	pos := func(off int) hcl.Pos {
		line := 1 + strings.Count(string(src[:off]), "\n")
		col := off - strings.LastIndex(string(src[:off]), "\n")
		return hcl.Pos{Line: line, Column: col, Byte: off}
	}
	return hcl.Range{Filename: file, Start: pos(i), End: pos(i + len(needle))}
}

// model builds a one-statement document whose Action "*" is at the first `"*"` of src.
func model(t *testing.T, file string, src []byte, addr string) (*iam.Model, hcl.Range) {
	return modelAt(t, file, src, addr, `"*"`)
}

// modelAt is model with the action at needle.
func modelAt(t *testing.T, file string, src []byte, addr, needle string) (*iam.Model, hcl.Range) {
	t.Helper()
	star := rng(t, file, src, needle)
	doc := &iam.Document{Kind: iam.Identity, Address: addr, Attribute: "policy", Range: iam.MakeRange(rng(t, file, src, "jsonencode")),
		Statements: []*iam.Statement{{
			Actions: []iam.Value{iam.KnownValue("*", star)},
		}}}
	doc.Statements[0].SetSid(iam.KnownValue("Admin", star))
	doc.Statements[0].SetEffect(iam.KnownValue("Allow", star))
	return &iam.Model{Documents: []*iam.Document{doc}}, star
}

var starRule = &Rule{ID: "star", Title: "star", Severity: High, Check: func(p *Pass) {
	for _, d := range p.Model.Documents {
		for _, s := range d.Statements {
			for _, a := range s.Actions {
				if a.Is("*") {
					p.ReportDoc(d, a.Range.HCL(), 0, "every action")
				}
			}
		}
	}
}}

func TestRunRulesRecoversPanic(t *testing.T) {
	src := []byte("policy = jsonencode({Action = \"*\"})\n")
	m, _ := model(t, "a.tf", src, "aws_iam_policy.good")
	bad := *m.Documents[0]
	bad.Address = "aws_iam_policy.bad"
	br := bad.Range.HCL()
	br.Filename = "b.tf"
	bad.Range = iam.MakeRange(br)
	m.Documents = append(m.Documents, &bad)
	panicky := &Rule{ID: "panicky", Severity: Low, Check: func(p *Pass) {
		for _, d := range p.Model.Documents {
			if d.Address == "aws_iam_policy.bad" {
				var s []int
				_ = s[3]
			}
			p.ReportDoc(d, d.Range.HCL(), 0, "seen")
		}
	}}
	fs, errs := runRules([]*Rule{starRule, panicky}, m)
	if len(errs) != 1 || errs[0].File != "b.tf" || !strings.Contains(errs[0].Message, "panicky") || !strings.Contains(errs[0].Message, "aws_iam_policy.bad") {
		t.Fatalf("errors = %+v, want one for rule panicky in b.tf", errs)
	}
	var seen []string
	for _, f := range fs {
		seen = append(seen, f.Rule+"@"+f.Resource)
	}
	got := strings.Join(seen, " ")
	want := "star@aws_iam_policy.good star@aws_iam_policy.bad panicky@aws_iam_policy.good"
	if got != want {
		t.Fatalf("findings = %s, want %s", got, want)
	}
}

func TestDedupePrefersCalledInstance(t *testing.T) {
	r := hcl.Range{Filename: "modules/x/main.tf", Start: hcl.Pos{Line: 3, Column: 5, Byte: 40}, End: hcl.Pos{Line: 3, Column: 8, Byte: 43}}
	fs := []Finding{
		{Rule: "star", Range: r, Message: "m", Resource: "aws_iam_policy.p", Severity: High},
		{Rule: "star", Range: r, Message: "m", Resource: "module.x.aws_iam_policy.p", Severity: High},
		{Rule: "star", Range: r, Message: "other", Resource: "aws_iam_policy.p", Severity: High},
		{Rule: "other", Range: r, Message: "m", Resource: "aws_iam_policy.p", Severity: High},
	}
	out := dedupe(fs)
	if len(out) != 3 {
		t.Fatalf("got %d findings, want 3: %+v", len(out), out)
	}
	if out[0].Resource != "module.x.aws_iam_policy.p" {
		t.Errorf("kept %s, want the called instance module.x.aws_iam_policy.p", out[0].Resource)
	}
}

func TestFingerprintSurvivesLineMoves(t *testing.T) {
	src1 := []byte("resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Statement = [{Sid = \"Admin\", Action = \"*\"}]})\n}\n")
	src2 := append([]byte("# a comment\n\n"), src1...)
	src3 := []byte(strings.Replace(string(src1), `"*"`, `"s3:*"`, 1))

	fp := func(src []byte, needle string) string {
		m, r := modelAt(t, "main.tf", src, "aws_iam_policy.p", needle)
		fs := []Finding{{Rule: "star", Range: r, Resource: "aws_iam_policy.p", PolicyKind: iam.Identity}}
		fingerprint(fs, m, map[string][]byte{"main.tf": src})
		return fs[0].Fingerprint
	}
	a, b, c := fp(src1, `"*"`), fp(src2, `"*"`), fp(src3, `"s3:*"`)
	if len(a) != 64 {
		t.Fatalf("fingerprint %q is not a sha256 in hex", a)
	}
	if a != b {
		t.Errorf("fingerprint changed when lines moved: %s vs %s", a, b)
	}
	if a == c {
		t.Errorf("fingerprint did not change when the value changed")
	}
}

func TestFingerprintDistinguishesCollisions(t *testing.T) {
	src := []byte(`x = ["*", "*"]`)
	r1 := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: 6, Byte: 5}, End: hcl.Pos{Line: 1, Column: 9, Byte: 8}}
	r2 := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: 11, Byte: 10}, End: hcl.Pos{Line: 1, Column: 14, Byte: 13}}
	fs := []Finding{{Rule: "star", Range: r1, Resource: "r.x"}, {Rule: "star", Range: r2, Resource: "r.x"}}
	fingerprint(fs, &iam.Model{}, map[string][]byte{"main.tf": src})
	if fs[0].Fingerprint == fs[1].Fingerprint {
		t.Fatal("two findings got the same fingerprint")
	}
}

// TestFingerprintCollisionValue: the n-th repeat of a fingerprint is the
// SHA-256 of the finding's parts followed by "#n" (what the first hash goes
// on to when it is told apart), and the first keeps the plain hash.
func TestFingerprintCollisionValue(t *testing.T) {
	src := []byte(`x = ["*", "*", "*"]`)
	at := func(b int) hcl.Range {
		return hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: b + 1, Byte: b}, End: hcl.Pos{Line: 1, Column: b + 4, Byte: b + 3}}
	}
	fs := []Finding{{Rule: "star", Range: at(5), Resource: "r.x"}, {Rule: "star", Range: at(10), Resource: "r.x"}, {Rule: "star", Range: at(15), Resource: "r.x"}}
	fingerprint(fs, &iam.Model{}, map[string][]byte{"main.tf": src})
	want := func(suffix string) string {
		h := sha256.New()
		for _, part := range []string{"star", fingerprintDirs{}.of("main.tf"), "r.x", "", "", ""} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
		writeLayoutFree(h, []byte(`"*"`))
		h.Write([]byte{0})
		h.Write([]byte(suffix))
		return hex.EncodeToString(h.Sum(nil))
	}
	for i, suffix := range []string{"", "#1", "#2"} {
		if got := fs[i].Fingerprint; got != want(suffix) {
			t.Errorf("finding %d: fingerprint %s, want %s", i, got, want(suffix))
		}
	}
}

func TestSortFindings(t *testing.T) {
	at := func(file string, line, col int, rule string) Finding {
		return Finding{Rule: rule, Range: hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: col}}}
	}
	fs := []Finding{at("b.tf", 1, 1, "a"), at("a.tf", 2, 1, "a"), at("a.tf", 1, 5, "b"), at("a.tf", 1, 5, "a"), at("a.tf", 1, 2, "z")}
	sortFindings(fs)
	var got []string
	for _, f := range fs {
		got = append(got, f.Range.Filename+":"+f.Rule)
	}
	want := "a.tf:z a.tf:a a.tf:b a.tf:a b.tf:a"
	if strings.Join(got, " ") != want {
		t.Fatalf("order %v, want %s", got, want)
	}
}

func TestFileFilter(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.tf", "b.tf", "sub/c.tf"} {
		p := filepath.Join(dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if newFileFilter([]string{dir}, nil) != nil {
		t.Error("a directory alone must not filter")
	}
	ff := newFileFilter([]string{filepath.Join(dir, "a.tf"), filepath.Join(dir, "sub")}, nil)
	for name, want := range map[string]bool{"a.tf": true, "b.tf": false, "sub/c.tf": true} {
		if got := ff.keep(filepath.Join(dir, name)); got != want {
			t.Errorf("keep(%s) = %v, want %v", name, got, want)
		}
	}
}

// TestFileFilterLinks: a file reached through a link to a named file is
// kept, and keep's size-and-time check before it resolves links keeps
// nothing else: not a file of the same size and time, not a second hard
// link (another name, as before).
func TestFileFilterLinks(t *testing.T) {
	dir := t.TempDir()
	named := filepath.Join(dir, "modules", "x", "b.tf")
	if err := os.MkdirAll(filepath.Dir(named), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(named, []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	twin := filepath.Join(dir, "twin.tf") // same size and time, another file
	if err := os.WriteFile(twin, []byte("locals {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(named)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(twin, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("modules", "x"), filepath.Join(dir, "live")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Symlink(named, filepath.Join(dir, "alias.tf")); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.tf")
	hasHard := os.Link(named, hard) == nil
	ff := newFileFilter([]string{named}, nil)
	for name, want := range map[string]bool{
		named:                                    true,
		filepath.Join(dir, "live", "b.tf"):       true,
		filepath.Join(dir, "alias.tf"):           true,
		twin:                                     false,
		filepath.Join(dir, "missing.tf"):         false,
		filepath.Join(dir, "live", "missing.tf"): false,
	} {
		if got := ff.keep(name); got != want {
			t.Errorf("keep(%s) = %v, want %v", name, got, want)
		}
	}
	if hasHard && ff.keep(hard) {
		t.Errorf("keep(%s) = true for a second hard link, want false (as before)", hard)
	}
}

func TestRelName(t *testing.T) {
	cwd := filepath.FromSlash("/work/proj")
	for in, want := range map[string]string{
		filepath.FromSlash("/work/proj/modules/x/main.tf"): "modules/x/main.tf",
		filepath.FromSlash("modules/./x/main.tf"):          "modules/x/main.tf",
		filepath.FromSlash("/work/other/main.tf"):          "../other/main.tf",
		"":  "",
		"-": "-",
	} {
		if got := relName(in, cwd); got != want {
			t.Errorf("relName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFinish(t *testing.T) {
	src := []byte("policy = jsonencode({Action = \"*\"})\n")
	m, star := model(t, "main.tf", src, "aws_iam_policy.p")
	ev := &eval.Result{
		Sources: map[string][]byte{"main.tf": src},
		Files:   []string{"main.tf", "bad.tf"},
		Modules: []*eval.Module{{Blocks: []*eval.Block{
			{Mode: "resource", Type: "aws_iam_policy", Address: "aws_iam_policy.p", Range: hcl.Range{Filename: "main.tf", End: hcl.Pos{Byte: 10}}},
			{Mode: "data", Type: "aws_iam_policy_document", Address: "data.aws_iam_policy_document.d"},
		}}},
	}
	diags := hcl.Diagnostics{
		{Severity: hcl.DiagError, Summary: "Invalid block definition", Detail: "Braces.", Subject: &hcl.Range{Filename: "bad.tf", Start: hcl.Pos{Line: 3, Column: 18}}},
		{Severity: hcl.DiagWarning, Summary: "Module not followed", Detail: "run terraform init.", Subject: &hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: 1, Byte: 2}, End: hcl.Pos{Byte: 3}}},
	}
	fs := []Finding{
		{Rule: "star", Severity: High, Range: star, Resource: "aws_iam_policy.p", PolicyKind: iam.Identity, Message: "every action"},
		{Rule: "low", Severity: Low, Range: star, Resource: "aws_iam_policy.p", Message: "minor"},
	}
	res, err := finish(fs, nil, diags, m, ev, []*blockSummary{summarizeBlocks(ev.Modules)}, Options{MinSeverity: Medium}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Rule != "star" || res.Findings[0].Fingerprint == "" {
		t.Fatalf("findings = %+v, want star only, fingerprinted", res.Findings)
	}
	want := Error{File: "bad.tf", Line: 3, Column: 18, Message: "Invalid block definition: Braces."}
	if len(res.Errors) != 1 || res.Errors[0] != want {
		t.Fatalf("errors = %+v, want %+v", res.Errors, want)
	}
	if len(res.Notices) != 1 || res.Notices[0].Resource != "aws_iam_policy.p" {
		t.Fatalf("notices = %+v", res.Notices)
	}
	if res.Suppressed == nil {
		t.Error("Suppressed is nil, want empty")
	}
	wantSum := Summary{Files: 2, Resources: 1, Policies: 1, Findings: 1, Errors: 1, Notices: 1}
	if res.Summary != wantSum {
		t.Errorf("summary = %+v, want %+v", res.Summary, wantSum)
	}
}

func TestIsPlan(t *testing.T) {
	for src, want := range map[string]bool{
		`{"format_version":"1.2","planned_values":{}}`:   true,
		`{"format_version":"1.2","resource_changes":[]}`: true,
		`{"format_version":"1.2"}`:                       false,
		`{"Version":"2012-10-17","Statement":[]}`:        false,
		`not json`: false,
	} {
		if got := isPlan([]byte(src)); got != want {
			t.Errorf("isPlan(%s) = %v, want %v", src, got, want)
		}
	}
}

// TestFinishSharesRelated: findings with one related chain share one copy
// with relative names; a chain that is a prefix of another (same array,
// shorter) gets its own; the model's chain is left as it was.
func TestFinishSharesRelated(t *testing.T) {
	src := []byte("policy = jsonencode({Action = \"*\"})\n")
	m, star := model(t, "main.tf", src, "aws_iam_policy.p")
	ev := &eval.Result{Sources: map[string][]byte{"main.tf": src}, Files: []string{"main.tf"}}
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(cwd, "root", "main.tf")
	chain := []iam.Related{
		{Range: hcl.Range{Filename: abs, Start: hcl.Pos{Line: 2, Column: 1}}, Message: "module called here"},
		{Range: hcl.Range{Filename: abs, Start: hcl.Pos{Line: 9, Column: 1}}, Message: "module called here"},
	}
	fs := []Finding{
		{Rule: "a", Severity: High, Range: star, Resource: "module.m.aws_iam_policy.p", Message: "x", Related: chain},
		{Rule: "b", Severity: High, Range: star, Resource: "module.m.aws_iam_policy.p", Message: "y", Related: chain},
		{Rule: "c", Severity: High, Range: star, Resource: "module.m.aws_iam_policy.p", Message: "z", Related: chain[:1]},
	}
	res, err := finish(fs, nil, nil, m, ev, nil, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string][]iam.Related{}
	for _, f := range res.Findings {
		byRule[f.Rule] = f.Related
	}
	a, b, c := byRule["a"], byRule["b"], byRule["c"]
	if len(a) != 2 || len(b) != 2 || len(c) != 1 {
		t.Fatalf("related lengths %d %d %d, want 2 2 1", len(a), len(b), len(c))
	}
	if &a[0] != &b[0] {
		t.Error("findings of one chain do not share its copy")
	}
	if &c[0] == &a[0] {
		t.Error("the shorter chain shares the longer one's copy")
	}
	for _, rel := range [][]iam.Related{a, b, c} {
		for _, r := range rel {
			if r.Range.Filename != "root/main.tf" {
				t.Errorf("related file %q, want root/main.tf", r.Range.Filename)
			}
		}
	}
	if a[1].Range.Start.Line != 9 || c[0].Range.Start.Line != 2 {
		t.Errorf("related lines %d %d, want 9 2", a[1].Range.Start.Line, c[0].Range.Start.Line)
	}
	if chain[0].Range.Filename != abs || chain[1].Range.Filename != abs {
		t.Error("the model's chain was rewritten")
	}
}

// TestFingerprintCollisionValueSharded: with enough findings that their
// repeats are counted in shards (one per CPU), each repeat still gets the
// suffix of its rank among the equal findings before it, in finding order.
func TestFingerprintCollisionValueSharded(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3)) // shards even on one CPU
	const n, addrs = 1<<14 + 1000, 4321
	src := []byte(`x = "*"`)
	at := hcl.Range{Filename: "main.tf", Start: hcl.Pos{Line: 1, Column: 5, Byte: 4}, End: hcl.Pos{Line: 1, Column: 8, Byte: 7}}
	fs := make([]Finding, n)
	for i := range fs {
		fs[i] = Finding{Rule: "star", Range: at, Resource: fmt.Sprintf("r.x%d", i%addrs)}
	}
	fingerprint(fs, &iam.Model{}, map[string][]byte{"main.tf": src})
	dir := fingerprintDirs{}.of("main.tf")
	for i, f := range fs {
		h := sha256.New()
		for _, part := range []string{"star", dir, f.Resource, "", "", ""} {
			h.Write([]byte(part))
			h.Write([]byte{0})
		}
		writeLayoutFree(h, []byte(`"*"`))
		h.Write([]byte{0})
		if k := i / addrs; k > 0 {
			h.Write([]byte("#" + strconv.Itoa(k)))
		}
		if want := hex.EncodeToString(h.Sum(nil)); f.Fingerprint != want {
			t.Fatalf("finding %d: fingerprint %s, want %s", i, f.Fingerprint, want)
		}
	}
}
