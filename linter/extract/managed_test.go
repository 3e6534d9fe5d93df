package extract

import (
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/iam"
)

func TestManagedPoliciesResolved(t *testing.T) {
	g := loadGraph(t, "testdata/managed")
	got := map[string]*iam.Attachment{}
	for _, a := range g.Attachments {
		got[a.Address] = a
	}
	admin := got["aws_iam_role_policy_attachment.admin"]
	if admin == nil || admin.Policy == nil || !admin.Policy.Managed {
		t.Fatalf("AdministratorAccess attachment has no managed document: %+v", admin)
	}
	d := admin.Policy
	if d.Kind != iam.Identity || d.Address != "arn:aws:iam::aws:policy/AdministratorAccess" || d.ResourceType != ManagedResourceType {
		t.Errorf("document = kind %s address %s type %s", d.Kind, d.Address, d.ResourceType)
	}
	if len(d.Statements) != 1 || len(d.Statements[0].Actions) != 1 || d.Statements[0].Actions[0].Text != "*" {
		t.Errorf("AdministratorAccess statements = %+v", d.Statements)
	}
	if a := d.Statements[0].Actions[0]; a.Range != admin.Range {
		t.Errorf("action range %v, want the attachment's policy_arn range %v", a.Range, admin.Range)
	}
	if admin.Range.HCL().Start.Line != 11 {
		t.Errorf("policy_arn range at line %d, want 11", admin.Range.HCL().Start.Line)
	}
	if n, ok := admin.AWSManagedPolicyName(); !ok || n != "AdministratorAccess" {
		t.Errorf("AWSManagedPolicyName = %q, %v", n, ok)
	}
	// A partition known only after apply: found by name, with its path.
	lam := got["aws_iam_role_policy_attachment.lambda"]
	if lam == nil || lam.Policy == nil || !strings.HasSuffix(lam.Policy.Address, ":policy/service-role/AWSLambdaBasicExecutionRole") {
		t.Errorf("lambda attachment: %+v", lam)
	}
	// managed_policy_arns.
	var ro *iam.Attachment
	for _, a := range g.Attachments {
		if a.Address == "aws_iam_role.app" {
			ro = a
		}
	}
	if ro == nil || ro.Policy == nil || !ro.Policy.Managed || len(ro.Policy.Statements) == 0 {
		t.Errorf("ReadOnlyAccess through managed_policy_arns: %+v", ro)
	}
	if nope := got["aws_iam_role_policy_attachment.nope"]; nope == nil || nope.Policy != nil {
		t.Errorf("unknown AWS policy got a document: %+v", nope)
	}
	mine := got["aws_iam_role_policy_attachment.mine"]
	if mine == nil || mine.Policy == nil || mine.Policy.Managed || len(mine.Policies) != 1 {
		t.Errorf("customer managed policy: %+v", mine)
	}
	// Managed documents are not document-level model documents, and Entity.Documents
	// still lists only the customer managed one (and inline policies).
	role := g.Roles[0]
	for _, d := range role.Documents() {
		if d.Managed {
			t.Errorf("Entity.Documents holds managed %s", d.Address)
		}
	}
}
