package effective

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// The process-wide caches (managed policies by ARN: their analysis and
// levels; markEvery by the text of the Denies) give what computing afresh
// gives: each principal's summary is the same with the caches empty, with
// them filled by the same model, and with every principal summarized alone
// (one Index each, caches cleared before each).
func TestSharedCaches(t *testing.T) {
	dir := t.TempDir()
	src := `
resource "aws_iam_user" "a" { name = "a" }
resource "aws_iam_user" "b" { name = "b" }
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_user_policy_attachment" "a_ro" {
  user       = aws_iam_user.a.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_role_policy_attachment" "r_ro" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_user_policy_attachment" "b_admin" {
  user       = aws_iam_user.b.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_user_policy" "a_deny" {
  user   = aws_iam_user.a.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", NotAction = ["s3:*", "ec2:Describe*"], Resource = "*" }] })
}
resource "aws_iam_user_policy" "b_deny" {
  user   = aws_iam_user.b.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", NotAction = ["s3:*", "ec2:Describe*"], Resource = "*" }] })
}
resource "aws_iam_role_policy" "r_deny" {
  role   = aws_iam_role.r.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", Action = ["iam:*", "organizations:*"], Resource = "*" }] })
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadModel(t, dir)
	clear := func() {
		managedPolicies, everyMarks = sync.Map{}, sync.Map{}
		everyMarksN.Store(0)
	}
	clear()
	first := Compute(m)
	second := Compute(m)
	if !reflect.DeepEqual(first, second) {
		t.Errorf("with the caches filled:\n%+v\nwant\n%+v", second, first)
	}
	if len(first) != 3 {
		t.Fatalf("%d principals, want 3", len(first))
	}
	ix := NewIndex(m)
	for _, e := range append(append(m.Graph.Users, m.Graph.Roles...), m.Graph.Groups...) {
		clear()
		alone := Summarize(NewIndex(m).For(e))
		clear()
		shared := Summarize(ix.For(e))
		if !reflect.DeepEqual(alone, shared) {
			t.Errorf("%s: shared index and caches\n%+v\nalone\n%+v", e.Address, shared, alone)
		}
		if len(alone.AccessLevels) == 0 {
			t.Errorf("%s: no access levels", e.Address)
		}
	}
}
