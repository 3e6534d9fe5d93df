package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// extractDir loads and extracts the Terraform files of files (name ->
// text), written to a temporary directory; load errors are expected (a
// duplicate declaration is one), extraction errors are not.
func extractDir(t *testing.T, files map[string]string) (*iam.Model, string) {
	t.Helper()
	dir := writeFiles(t, files)
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
	m, diags := Extract(res)
	for _, d := range diags {
		if !strings.HasPrefix(d.Summary, "Duplicate") && d.Severity == 1 {
			t.Errorf("extract: %v", d)
		}
	}
	return m, dir
}

// writeFiles writes files (name -> text) to a temporary directory, which
// it returns.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadFiles loads files (name -> text) as extraction does (renderers, kept
// texts); load errors fail the test.
func loadFiles(t *testing.T, files map[string]string) *eval.Result {
	t.Helper()
	res := load.Load(load.Options{Paths: []string{writeFiles(t, files)}, Renderers: Renderers(), KeepText: KeepText})
	if res.Diags.HasErrors() {
		t.Fatalf("load: %v", res.Diags)
	}
	return res
}

// docActions describes the documents of address addr: for each, in
// order, its kind, the line of its range and its actions with their lines.
func docActions(m *iam.Model, addr string) []string {
	var out []string
	for _, d := range m.Documents {
		if d.Address != addr {
			continue
		}
		var acts []string
		for _, s := range d.Statements {
			for _, a := range s.Actions {
				acts = append(acts, fmt.Sprintf("%s@%d:%d", a.Text, a.Range.HCL().Start.Line, a.Range.HCL().Start.Column))
			}
		}
		out = append(out, fmt.Sprintf("%s %d %s", d.Kind, d.Range.HCL().Start.Line, strings.Join(acts, ",")))
	}
	return out
}

// TestDuplicateDataDocuments: two data "aws_iam_policy_document" blocks
// of one address are two documents, each with its own statements at its
// own lines (the first was dropped: only the last declaration of an
// address was a document); what references the address (a consumer, a
// source_policy_documents) takes the first's, as Terraform's error says.
func TestDuplicateDataDocuments(t *testing.T) {
	doc := func(name, body string) string {
		return fmt.Sprintf("data \"aws_iam_policy_document\" %q {\n%s}\n", name, body)
	}
	stmt := func(sid, action string) string {
		return fmt.Sprintf("  statement {\n    sid       = %q\n    actions   = [%q]\n    resources = [\"*\"]\n  }\n", sid, action)
	}
	m, _ := extractDir(t, map[string]string{
		"main.tf": doc("d", stmt("A", "*")) + // lines 1-7
			doc("d", stmt("A", "s3:GetObject")) + // 8-14
			doc("top", "  source_policy_documents = [data.aws_iam_policy_document.d.json]\n") + // 15-17
			`resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.t.json
}
` + doc("t", stmt("T", "sts:AssumeRole")) + // 25-31
			doc("t", stmt("T", "iam:PassRole")), // 32-38
	})
	got := map[string][]string{}
	for _, addr := range []string{"data.aws_iam_policy_document.d", "data.aws_iam_policy_document.top", "data.aws_iam_policy_document.t", "aws_iam_policy.p"} {
		got[addr] = docActions(m, addr)
	}
	want := map[string][]string{
		// The first is p's (identity); the second is used by nothing:
		// identity, on its own.
		"data.aws_iam_policy_document.d": {"identity 1 *@4:18", "identity 8 s3:GetObject@11:18"},
		// top merges the first d (its statement is judged at d).
		"data.aws_iam_policy_document.top": {"identity 15 "},
		// The role's trust is the first t; the second is an identity
		// document of its own (no trust policy grants iam:PassRole).
		"data.aws_iam_policy_document.t": {"trust 25 sts:AssumeRole@28:18", "identity 32 iam:PassRole@35:18"},
		"aws_iam_policy.p":               nil,
	}
	for addr, w := range want {
		if strings.Join(got[addr], " | ") != strings.Join(w, " | ") {
			t.Errorf("%s: %q, want %q", addr, got[addr], w)
		}
	}
	var consumers []string
	for d, cs := range m.Graph.Consumers {
		consumers = append(consumers, fmt.Sprintf("%s@%d: %s", d.Address, d.Range.HCL().Start.Line, strings.Join(cs, ",")))
	}
	sort.Strings(consumers)
	if got, want := strings.Join(consumers, " | "), "data.aws_iam_policy_document.d@1: aws_iam_policy.p"; got != want {
		t.Errorf("consumers %q, want %q", got, want)
	}
	for _, r := range m.Graph.Roles {
		if r.Trust == nil || r.Trust.Range.HCL().Start.Line != 25 {
			t.Errorf("role %s: trust %v, want the first t (line 25)", r.Address, r.Trust)
		}
	}
}

// TestDuplicateGraph: of two blocks of one address, references (a role
// attachment's role and policy_arn, an inline policy's role) name the
// first, and each block links only its own documents: two
// aws_iam_role_policy x give the role two inline documents, not four, and a
// second aws_iam_role r is an entity of its own with its own trust and
// inline_policy, which no reference reaches. The last declaration replaced
// the first in the graph (the attachment went to the second role, with the
// documents of both policies).
func TestDuplicateGraph(t *testing.T) {
	pol := func(action string) string {
		return fmt.Sprintf(`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = %q, Resource = "*" }] })`, action)
	}
	trust := func(principal string) string {
		return fmt.Sprintf(`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = %q } }] })`, principal)
	}
	m, _ := extractDir(t, map[string]string{
		"a.tf": `resource "aws_iam_policy" "p" {
  policy = ` + pol("*") + `
}
resource "aws_iam_role" "r" {
  name               = "r1"
  assume_role_policy = ` + trust("arn:aws:iam::111122223333:root") + `
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p.arn
}
resource "aws_iam_role_policy" "x" {
  role   = aws_iam_role.r.id
  policy = ` + pol("ec2:*") + `
}
resource "aws_iam_role_policy" "x" {
  role   = aws_iam_role.r.id
  policy = ` + pol("sqs:*") + `
}
`,
		"b.tf": `resource "aws_iam_policy" "p" {
  policy = ` + pol("s3:*") + `
}
resource "aws_iam_role" "r" {
  name               = "r2"
  assume_role_policy = ` + trust("*") + `
  inline_policy {
    name   = "i"
    policy = ` + pol("kms:*") + `
  }
}
`,
	})
	g := m.Graph
	describe := func(e *iam.Entity) string {
		var parts []string
		for _, d := range e.Inline {
			parts = append(parts, "inline "+actionsOf(d))
		}
		for _, a := range e.Attachments {
			for _, d := range a.Policies {
				parts = append(parts, "attached "+actionsOf(d))
			}
		}
		for _, d := range e.Trusts {
			parts = append(parts, "trust "+filepath.Base(d.Range.Filename()))
		}
		return fmt.Sprintf("%s %s: %s", e.Address, ename(e), strings.Join(parts, ", "))
	}
	var got []string
	for _, r := range g.Roles {
		got = append(got, describe(r))
	}
	want := []string{
		"aws_iam_role.r role:r1: inline ec2:*, inline sqs:*, attached *, trust a.tf",
		"aws_iam_role.r role:r2: inline kms:*, trust b.tf",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("roles:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Every policy is a document of the model, once.
	if got, want := strings.Join(actionsByAddress(m, "aws_iam_policy.p"), " "), "* s3:*"; got != want {
		t.Errorf("aws_iam_policy.p documents %q, want %q", got, want)
	}
	if got, want := strings.Join(actionsByAddress(m, "aws_iam_role_policy.x"), " "), "ec2:* sqs:*"; got != want {
		t.Errorf("aws_iam_role_policy.x documents %q, want %q", got, want)
	}
}

// actionsOf is the actions of d, joined.
func actionsOf(d *iam.Document) string {
	var out []string
	for _, s := range d.Statements {
		for _, a := range s.Actions {
			out = append(out, a.Text)
		}
	}
	return strings.Join(out, ",")
}

// actionsByAddress is actionsOf each document of addr, in order.
func actionsByAddress(m *iam.Model, addr string) []string {
	var out []string
	for _, d := range m.Documents {
		if d.Address == addr {
			out = append(out, actionsOf(d))
		}
	}
	return out
}
