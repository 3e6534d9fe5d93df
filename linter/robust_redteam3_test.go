package linter_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter"
	"github.com/iamlint/iamlint/rules"
)

// TestPlanRoleReadBackConfigured: a role whose configuration sets
// managed_policy_arns and an inline_policy block, and an
// aws_iam_role_policy_attachment and aws_iam_role_policy writing the same
// policies. HCL reports the policies on the role and on the other
// resources; the plan must give the same (address, rule) pairs, loaded
// whole or streamed. The role's own attributes were dropped as read back
// by the provider (dropReadBack), so the plan had no finding on the role.
func TestPlanRoleReadBackConfigured(t *testing.T) {
	dir := t.TempDir()
	tf := `resource "aws_iam_role" "ops" {
  name               = "ops"
  description        = "operations (v2)"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }] })
  inline_policy {
    name   = "ops"
    policy = jsonencode({ Statement = [{ Action = "dynamodb:*", Effect = "Allow", Resource = "*" }], Version = "2012-10-17" })
  }
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

resource "aws_iam_role_policy" "ops" {
  name   = "ops"
  role   = aws_iam_role.ops.id
  policy = jsonencode({ Statement = [{ Action = "dynamodb:*", Effect = "Allow", Resource = "*" }], Version = "2012-10-17" })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	want := pairs(lint(t, linter.Options{Paths: []string{dir}, Rules: rules.All}))
	if !strings.Contains(strings.Join(want, "\n"), "aws_iam_role.ops admin-policy-attached") {
		t.Fatalf("HCL twin: %v, want admin-policy-attached on the role", want)
	}
	plan := filepath.Join("..", "testdata", "plans", "redteam-role-readback-configured", "plan.json")
	for _, stream := range []bool{false, true} {
		restore := func() {}
		if stream {
			restore = linter.SetPlanStream(1, 1)
		}
		got := pairs(lint(t, linter.Options{Paths: []string{plan}, Rules: rules.All}))
		restore()
		if !eq(got, want) {
			t.Errorf("stream %v: plan findings\n%s\nwant (HCL)\n%s", stream, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
