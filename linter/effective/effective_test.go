package effective

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/extract"
	"github.com/iamlint/iamlint/linter/iam"
	"github.com/iamlint/iamlint/linter/load"
)

func loadModel(t testing.TB, dir string) *iam.Model {
	t.Helper()
	res := load.Load(load.Options{Paths: []string{dir}, Renderers: extract.Renderers()})
	if res.Diags.HasErrors() {
		t.Fatalf("load: %v", res.Diags)
	}
	m, diags := extract.Extract(res)
	if diags.HasErrors() {
		t.Fatalf("extract: %v", diags)
	}
	return m
}

func byAddress(ps []PrincipalSummary) map[string]PrincipalSummary {
	out := map[string]PrincipalSummary{}
	for _, p := range ps {
		out[p.Address] = p
	}
	return out
}

func TestCompute(t *testing.T) {
	m := loadModel(t, "testdata/principals")
	ps := Compute(m)
	got := byAddress(ps)

	ci := got["aws_iam_role.ci"]
	if ci.AdminEquivalent {
		t.Error("ci: admin-equivalent")
	}
	if len(ci.EscalationPaths) != 1 || !strings.Contains(ci.EscalationPaths[0], "ec2:RunInstances") || !strings.Contains(ci.EscalationPaths[0], "across policies") {
		t.Errorf("ci: escalation paths %q", ci.EscalationPaths)
	}
	if !ci.Complete || len(ci.Policies) != 2 {
		t.Errorf("ci: complete %v policies %q", ci.Complete, ci.Policies)
	}
	if strings.Join(ci.AccessLevels["s3"], ",") != "Read" || strings.Join(ci.AccessLevels["iam"], ",") != "Write" {
		t.Errorf("ci: access levels %v", ci.AccessLevels)
	}

	admin := got["aws_iam_role.admin"]
	if !admin.AdminEquivalent || len(admin.Policies) != 1 || admin.Policies[0] != "arn:aws:iam::aws:policy/AdministratorAccess" {
		t.Errorf("admin: %+v", admin)
	}
	if len(admin.AccessLevels["*"]) != 5 {
		t.Errorf("admin: access levels %v", admin.AccessLevels)
	}
	for _, p := range admin.EscalationPaths {
		if strings.Contains(p, "across policies") {
			t.Errorf("admin: one policy holds %q", p)
		}
	}

	dev := got["aws_iam_user.dev"]
	if !dev.AdminEquivalent || len(dev.Policies) != 1 || !strings.Contains(dev.Policies[0], "through group devs") {
		t.Errorf("dev: %+v", dev)
	}
	if !got["aws_iam_group.devs"].AdminEquivalent {
		t.Error("devs: not admin-equivalent")
	}

	b := got["aws_iam_role.bounded"]
	if b.AdminEquivalent || len(b.EscalationPaths) != 0 || b.Boundary != "arn:aws:iam::aws:policy/ReadOnlyAccess" || !b.Complete {
		t.Errorf("bounded: %+v", b)
	}
	// ReadOnlyAccess itself grants a few actions the catalog calls Write
	// (athena:StartQueryExecution, ...), but nothing in IAM or EC2.
	for _, svc := range []string{"iam", "ec2", "*"} {
		for _, l := range b.AccessLevels[svc] {
			if l == "Write" || l == "Permissions management" {
				t.Errorf("bounded: %s %s through a ReadOnlyAccess boundary", svc, l)
			}
		}
	}
	if _, ok := b.AccessLevels["*"]; ok {
		t.Errorf("bounded: every service despite the boundary")
	}
	if len(b.AccessLevels["s3"]) == 0 {
		t.Errorf("bounded: no s3 access: %v", b.AccessLevels)
	}

	d := got["aws_iam_role.denied"]
	if d.AdminEquivalent {
		t.Error("denied: admin-equivalent despite Deny iam:*")
	}
	for _, p := range d.EscalationPaths {
		if strings.HasPrefix(p, "iam:") {
			t.Errorf("denied: iam path %q", p)
		}
	}
	if len(d.EscalationPaths) == 0 {
		t.Error("denied: Action * still holds lambda/ec2 paths")
	}

	pw := got["aws_iam_role.power"]
	if pw.AdminEquivalent || len(pw.AccessLevels["ec2"]) == 0 || pw.AccessLevels["*"] != nil {
		t.Errorf("power: admin %v, levels ec2 %v, * %v", pw.AdminEquivalent, pw.AccessLevels["ec2"], pw.AccessLevels["*"])
	}
	// Its second statement grants iam:CreateServiceLinkedRole (Write), but no
	// IAM permissions management.
	for _, l := range pw.AccessLevels["iam"] {
		if l == "Permissions management" {
			t.Errorf("power: iam %s through PowerUserAccess", l)
		}
	}
	if len(pw.EscalationPaths) == 0 {
		t.Error("power: PowerUserAccess holds lambda:UpdateFunctionCode and more")
	}

	// JSON is stable and readable.
	b1, err := json.Marshal(ps)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(Compute(m))
	if !bytes.Equal(b1, b2) {
		t.Error("Compute is not deterministic")
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, ps); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "aws_iam_role.admin") || !strings.Contains(buf.String(), "ADMIN") {
		t.Errorf("table:\n%s", buf.String())
	}
	t.Logf("\n%s", buf.String())
}

func TestSplitEvidence(t *testing.T) {
	m := loadModel(t, "testdata/principals")
	var ci *iam.Entity
	for _, r := range m.Graph.Roles {
		if r.Address == "aws_iam_role.ci" {
			ci = r
		}
	}
	esc := For(m, ci).Escalations()
	if len(esc) != 1 || esc[0].Single || len(esc[0].Parts) != 2 {
		t.Fatalf("escalations = %+v", esc)
	}
	if a := esc[0].Parts[0]; a.At.Text != "iam:PassRole" || a.Source.Doc.Address != "aws_iam_role_policy.pass" {
		t.Errorf("PassRole evidence = %q in %s", a.At.Text, a.Source.Doc.Address)
	}
	if a := esc[0].Parts[1]; a.At.Text != "ec2:RunInstances" || a.Source.Doc.Address != "aws_iam_policy.launch" {
		t.Errorf("RunInstances evidence = %q in %s", a.At.Text, a.Source.Doc.Address)
	}
}

func TestComputeNil(t *testing.T) {
	if ps := Compute(nil); ps == nil || len(ps) != 0 {
		t.Errorf("Compute(nil) = %v", ps)
	}
}

// TestBoundaryInConfiguration: a permissions boundary given as a reference to
// an aws_iam_policy, as its literal ARN or through data "aws_iam_policy" is
// applied; an unscoped ARN of one service reaches no other service's
// escalation actions.
func TestBoundaryInConfiguration(t *testing.T) {
	got := byAddress(Compute(loadModel(t, "testdata/boundary")))

	b := got["aws_iam_role.bounded"]
	if b.AdminEquivalent || !b.Complete || b.Boundary != "aws_iam_policy.no_iam" {
		t.Errorf("bounded: admin %v complete %v boundary %q", b.AdminEquivalent, b.Complete, b.Boundary)
	}
	if _, ok := b.AccessLevels["iam"]; ok {
		t.Errorf("bounded: iam access %v through a boundary that removes iam:*", b.AccessLevels["iam"])
	}
	if _, ok := b.AccessLevels["*"]; ok {
		t.Error("bounded: every service despite the boundary")
	}
	if len(b.AccessLevels["s3"]) != 5 {
		t.Errorf("bounded: s3 levels %v", b.AccessLevels["s3"])
	}
	for _, p := range b.EscalationPaths {
		if strings.HasPrefix(p, "iam:") || strings.Contains(p, "PassRole") {
			t.Errorf("bounded: escalation %q needs IAM, which the boundary removes", p)
		}
	}

	ci := got["aws_iam_role.ci"]
	if len(ci.EscalationPaths) != 0 || !ci.Complete || ci.Boundary != "arn:aws:iam::111122223333:policy/s3-only" {
		t.Errorf("ci: escalation %q complete %v boundary %q", ci.EscalationPaths, ci.Complete, ci.Boundary)
	}
	if len(ci.AccessLevels) != 0 {
		t.Errorf("ci: access levels %v outside an s3-only boundary", ci.AccessLevels)
	}

	a := got["aws_iam_user.auditor"]
	if a.AdminEquivalent || len(a.EscalationPaths) != 0 || a.Boundary != "arn:aws:iam::aws:policy/ReadOnlyAccess" || !a.Complete {
		t.Errorf("auditor: %+v", a)
	}

	dn := got["aws_iam_role.denied"]
	if _, ok := dn.AccessLevels["*"]; ok || dn.AdminEquivalent {
		t.Errorf("denied: every service (admin %v) despite a Deny of iam:*", dn.AdminEquivalent)
	}
	if _, ok := dn.AccessLevels["iam"]; ok || len(dn.AccessLevels["ec2"]) == 0 {
		t.Errorf("denied: iam %v ec2 %v", dn.AccessLevels["iam"], dn.AccessLevels["ec2"])
	}

	bk := got["aws_iam_role.bucket"]
	if bk.AdminEquivalent || len(bk.EscalationPaths) != 0 {
		t.Errorf("bucket: admin %v escalation %q for every action on one bucket", bk.AdminEquivalent, bk.EscalationPaths)
	}
}

// SeveralSources agrees with the sources of the built set, for every
// principal of the test configurations (and the corpus, when present).
func TestSeveralSources(t *testing.T) {
	dirs := []string{"testdata/principals", "testdata/boundary", "testdata/called-module"}
	if _, err := os.Stat("../../../shared/corpus/real"); err == nil {
		dirs = append(dirs, "../../../shared/corpus/real")
	}
	checked, several := 0, 0
	for _, dir := range dirs {
		res := load.Load(load.Options{Paths: []string{dir}, Renderers: extract.Renderers()})
		m, _ := extract.Extract(res)
		if m == nil || m.Graph == nil {
			continue
		}
		ix := NewIndex(m)
		for _, es := range [][]*iam.Entity{m.Graph.Users, m.Graph.Groups, m.Graph.Roles, m.Graph.PermissionSets} {
			for _, e := range es {
				want := len(ix.For(e).Sources) >= 2
				if got := SeveralSources(e); got != want {
					t.Errorf("%s: SeveralSources %v, set has %d sources", e.Address, got, len(ix.For(e).Sources))
				}
				checked++
				if want {
					several++
				}
			}
		}
	}
	if several == 0 || several == checked {
		t.Errorf("%d principals checked, %d with several sources: want both kinds", checked, several)
	}
}
