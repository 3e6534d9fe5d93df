package extract

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

// extractFanout writes src as main.tf of a new directory and extracts its model.
func extractFanout(t *testing.T, src string) (*iam.Model, hcl.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: Renderers()})
	if res.Diags.HasErrors() {
		t.Fatalf("load: %v", res.Diags)
	}
	return Extract(res)
}

// graphErrors are the "Identity graph too large" errors of diags, as
// "line: detail".
func graphErrors(diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		if d.Summary == "Identity graph too large" && d.Subject != nil {
			out = append(out, strconv.Itoa(d.Subject.Start.Line)+": "+d.Detail)
		}
	}
	return out
}

// fanoutSrc: 10 groups, each with the same 10 users (one list shared by the
// instances of aws_iam_group_membership: 100 memberships from a few lines)
// and two inline policies.
const fanoutSrc = `locals {
  users  = [for i in range(10) : "u${i}"]
  groups = [for i in range(10) : "g${i}"]
}
resource "aws_iam_group_membership" "m" {
  for_each = toset(local.groups)
  name     = each.key
  group    = each.key
  users    = local.users
}
resource "aws_iam_group_policy" "a" {
  for_each = toset(local.groups)
  group    = each.key
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_group_policy" "b" {
  for_each = toset(local.groups)
  group    = each.key
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "*" }] })
}
`

func setLimit(t *testing.T, p *int, v int) {
	old := *p
	*p = v
	t.Cleanup(func() { *p = old })
}

func groupsOf(g *iam.Graph) (users, members int) {
	for _, u := range g.Users {
		users += len(u.Groups())
	}
	for _, gr := range g.Groups {
		members += len(gr.Members())
	}
	return users, members
}

// TestGraphLinksCap: the memberships and attachments of a space are linked
// up to maxGraphLinks, then an error at the first one refused (line 9, the
// shared list), and no more: not one per block instance.
func TestGraphLinksCap(t *testing.T) {
	setLimit(t, &maxGroupPolicies, 1<<30)
	m, diags := extractFanout(t, fanoutSrc)
	if errs := graphErrors(diags); len(errs) != 0 {
		t.Fatalf("under the cap: %v", errs)
	}
	if n := len(m.Graph.Memberships); n != 100 {
		t.Fatalf("%d memberships, want 100", n)
	}

	setLimit(t, &maxGraphLinks, 45)
	m, diags = extractFanout(t, fanoutSrc)
	errs := graphErrors(diags)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "9: this root module links more than 45 group memberships and policy attachments") {
		t.Fatalf("errors %q, want one at line 9", errs)
	}
	if n := len(m.Graph.Memberships); n != 45 {
		t.Errorf("%d memberships, want 45", n)
	}
	if u, g := groupsOf(m.Graph); u != 45 || g != 45 {
		t.Errorf("users' groups %d, groups' members %d, want 45 and 45", u, g)
	}
	// The inline policies are no links: all 20 are still there.
	if n := len(m.Graph.Inline); n != 20 {
		t.Errorf("%d inline policies, want 20", n)
	}
}

// TestGroupPoliciesCap: users hold 2 policies through each of their 10
// groups; with a cap of 40, u0 and u1 hold 20 each, and u2's first
// membership (g0) passes it: it, u2's later ones and those of u3 ... u9 are
// unlinked, on both sides, and from the graph's list.
func TestGroupPoliciesCap(t *testing.T) {
	setLimit(t, &maxGroupPolicies, 200)
	m, diags := extractFanout(t, fanoutSrc)
	if errs := graphErrors(diags); len(errs) != 0 {
		t.Fatalf("at the cap: %v", errs)
	}
	if n := len(m.Graph.Memberships); n != 100 {
		t.Fatalf("at the cap: %d memberships, want 100", n)
	}
	setLimit(t, &maxGroupPolicies, 40)
	m, diags = extractFanout(t, fanoutSrc)
	errs := graphErrors(diags)
	want := `9: the users of this root module hold more than 40 policies through their groups (a user in 3 groups of 2 policies each holds 6); this membership (user "u2", group "g0"), the user's later ones and those of the users after it are not linked.`
	if len(errs) != 1 || errs[0] != want {
		t.Fatalf("errors %q, want %q", errs, want)
	}
	for _, u := range m.Graph.Users {
		want := 0
		if u.Name.Text == "u0" || u.Name.Text == "u1" {
			want = 10
		}
		if len(u.Groups()) != want {
			t.Errorf("user %s: %d groups, want %d", u.Name.Text, len(u.Groups()), want)
		}
	}
	for _, gr := range m.Graph.Groups {
		if len(gr.Members()) != 2 {
			t.Errorf("group %s: %d members, want 2", gr.Name.Text, len(gr.Members()))
		}
	}
	if n := len(m.Graph.Memberships); n != 20 {
		t.Errorf("%d memberships, want 20", n)
	}
}
