package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

func loadGraph(t *testing.T, dir string) *iam.Graph {
	t.Helper()
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
	if res.Diags.HasErrors() {
		t.Fatalf("load: %v", res.Diags)
	}
	m, diags := Extract(res)
	if diags.HasErrors() {
		t.Fatalf("extract: %v", diags)
	}
	if m.Graph == nil {
		t.Fatal("no graph")
	}
	return m.Graph
}

func ename(e *iam.Entity) string {
	if e == nil {
		return "<nil>"
	}
	n := "?"
	if e.Name.Known {
		n = e.Name.Text
	}
	if e.External {
		return string(e.Kind) + ":" + n + "(external)"
	}
	return string(e.Kind) + ":" + n
}

// TestGraphFixture loads testdata/graph (for_each users, memberships in two
// forms plus an external group, attachments in every form, a module with a CI
// user holding two keys, a role with managed_policy_arns and an inline block)
// and checks every link of the identity graph.
func TestGraphFixture(t *testing.T) {
	g := loadGraph(t, filepath.Join("testdata", "graph"))
	var got []string
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles} {
		for _, e := range es {
			var groups, att []string
			for _, gr := range e.Groups() {
				groups = append(groups, ename(gr))
			}
			sort.Strings(groups)
			for _, a := range e.Attachments {
				arn := "(unknown)"
				if a.PolicyARN.Known {
					arn = a.PolicyARN.Text
				}
				att = append(att, fmt.Sprintf("%s docs=%d", arn, len(a.Policies)))
			}
			got = append(got, fmt.Sprintf("%s %s groups=[%s] inline=%d att=[%s] keys=%d logins=%d trust=%v",
				ename(e), e.Address, strings.Join(groups, ","), len(e.Inline), strings.Join(att, ";"), len(e.AccessKeys()), len(e.Logins()), e.Trust != nil))
		}
	}
	want := []string{
		`user:alice aws_iam_user.dev["alice"] groups=[group:admins,group:developers,group:legacy(external)] inline=0 att=[] keys=0 logins=1 trust=false`,
		`user:bob aws_iam_user.dev["bob"] groups=[group:admins] inline=1 att=[] keys=0 logins=0 trust=false`,
		`user:ci module.ci.aws_iam_user.ci groups=[] inline=0 att=[] keys=2 logins=0 trust=false`,
		// modules/ci is also loaded as a root module of its own (its own address space).
		`user:ci aws_iam_user.ci groups=[] inline=0 att=[] keys=2 logins=0 trust=false`,
		`group:developers aws_iam_group.devs groups=[] inline=0 att=[(unknown) docs=1] keys=0 logins=0 trust=false`,
		`group:admins aws_iam_group.admins groups=[] inline=0 att=[arn:aws:iam::aws:policy/AdministratorAccess docs=0] keys=0 logins=0 trust=false`,
		`group:legacy(external)  groups=[] inline=0 att=[] keys=0 logins=0 trust=false`,
		`role:deploy module.ci.aws_iam_role.deploy groups=[] inline=1 att=[arn:aws:iam::aws:policy/PowerUserAccess docs=0;arn:aws:iam::aws:policy/ReadOnlyAccess docs=0] keys=0 logins=0 trust=true`,
		`role:elsewhere-role(external)  groups=[] inline=0 att=[arn:aws:iam::aws:policy/AdministratorAccess docs=0] keys=0 logins=0 trust=false`,
		`role:deploy aws_iam_role.deploy groups=[] inline=1 att=[arn:aws:iam::aws:policy/PowerUserAccess docs=0;arn:aws:iam::aws:policy/ReadOnlyAccess docs=0] keys=0 logins=0 trust=true`,
	}
	if d := diffLines(got, want); d != "" {
		t.Errorf("entities:\n%s", d)
	}
	// The force-MFA policy reached through the group membership.
	var alice *iam.Entity
	for _, u := range g.Users {
		if u.Name.Is("alice") {
			alice = u
		}
	}
	docs, complete := alice.UserDocuments()
	if len(docs) != 1 || docs[0].Address != "data.aws_iam_policy_document.mfa" || complete {
		t.Errorf("alice: %d docs, complete=%v (want the MFA document; incomplete because of the external group)", len(docs), complete)
	}
	// The data document is used by aws_iam_policy.mfa.
	if got := g.Consumers[docs[0]]; len(got) != 1 || got[0] != "aws_iam_policy.mfa" {
		t.Errorf("consumers of the MFA document = %v", got)
	}
	// Two access keys of the CI user, their status and pgp_key.
	var keys []string
	for _, k := range g.AccessKeys {
		keys = append(keys, fmt.Sprintf("%s %s %s pgp=%v", k.Address, ename(k.User), k.Status.Text, k.PGPKey))
	}
	wantKeys := []string{"module.ci.aws_iam_access_key.k1 user:ci Active pgp=false", "module.ci.aws_iam_access_key.k2 user:ci Inactive pgp=true",
		"aws_iam_access_key.k1 user:ci Active pgp=false", "aws_iam_access_key.k2 user:ci Inactive pgp=true"}
	if d := diffLines(keys, wantKeys); d != "" {
		t.Errorf("keys:\n%s", d)
	}
	if len(g.Memberships) != 4 {
		t.Errorf("%d memberships, want 4", len(g.Memberships))
	}
	// Password policy: set attributes at their lines, unset ones at the header.
	if len(g.PasswordPolicies) != 1 {
		t.Fatalf("%d password policies", len(g.PasswordPolicies))
	}
	pp := g.PasswordPolicies[0]
	if s := pp.Settings["minimum_password_length"]; !s.Set || !s.Value.Is("8") || s.Range.Start.Line != 78 {
		t.Errorf("minimum_password_length = %+v", s)
	}
	if s := pp.Settings["max_password_age"]; s.Set || s.Range.Start.Line != 77 {
		t.Errorf("max_password_age = %+v", s)
	}
	// Secrets: provider key, the secret from a variable default, the unused tfvars key; first four characters only.
	var secrets []string
	for _, s := range g.Secrets {
		secrets = append(secrets, fmt.Sprintf("%s %s %s:%d %s", s.Kind, s.Prefix, filepath.Base(s.Range.Filename), s.Range.Start.Line, s.Address))
	}
	wantSecrets := []string{
		"access-key-id AKIA main.tf:3 provider.aws",
		"secret-access-key abcd main.tf:8 provider.aws",
		"access-key-id ASIA terraform.tfvars:1 ",
	}
	if d := diffLines(secrets, wantSecrets); d != "" {
		t.Errorf("secrets:\n%s", d)
	}
}

// TestGraphShapes checks that unknown template strings keep their form.
func TestGraphShapes(t *testing.T) {
	dir := t.TempDir()
	src := `data "aws_caller_identity" "current" {}
resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" } }]
  })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	g := loadGraph(t, dir)
	var trust *iam.Document
	for _, r := range g.Roles {
		trust = r.Trust
	}
	if trust == nil || len(trust.Statements) != 1 || len(trust.Statements[0].Principals()) != 1 {
		t.Fatalf("trust = %+v", trust)
	}
	id := trust.Statements[0].Principals()[0].ID
	if id.Known {
		t.Fatalf("principal is known: %q", id.Text)
	}
	if s, ok := g.Shape(id); !ok || s != "arn:aws:iam::*:root" {
		t.Errorf("Shape = %q, %v", s, ok)
	}
}

func diffLines(got, want []string) string {
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return ""
	}
	return "got:\n  " + strings.Join(got, "\n  ") + "\nwant:\n  " + strings.Join(want, "\n  ")
}

// TestGraphCalledModuleStandalone checks that every entity of a module
// directory linted on its own and called by another root — the ones it
// creates and the external ones its unknown inputs name (a group list from a
// variable) — is Partial, and that the called instance links the user to the
// root's group.
func TestGraphCalledModuleStandalone(t *testing.T) {
	g := loadGraph(t, filepath.Join("testdata", "graph-called-module"))
	var partial, whole []string
	for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles} {
		for _, e := range es {
			n := e.Address
			if n == "" {
				n = ename(e)
			}
			if e.Partial {
				partial = append(partial, n)
			} else {
				whole = append(whole, n)
			}
		}
	}
	sort.Strings(partial)
	sort.Strings(whole)
	if got, want := strings.Join(whole, " "), `aws_iam_group.eng module.people.aws_iam_user.u["carol"]`; got != want {
		t.Errorf("whole entities: %s, want %s", got, want)
	}
	if len(partial) == 0 {
		t.Fatal("no Partial entity: the module directory is linted on its own too")
	}
	for _, n := range partial {
		if !strings.HasPrefix(n, "aws_iam_user.u") && !strings.Contains(n, "(external)") {
			t.Errorf("unexpected Partial entity %s", n)
		}
	}
	for _, u := range g.Users {
		if u.Address == `module.people.aws_iam_user.u["carol"]` && (len(u.Groups()) != 1 || u.Groups()[0].Address != "aws_iam_group.eng") {
			t.Errorf("carol's groups: %v", u.Groups())
		}
	}
}
