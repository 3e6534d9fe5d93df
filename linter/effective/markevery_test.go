package effective

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/iamlint/iamlint/linter/awsdata"
)

// TestMarkEveryByService: what markEvery1 marks, telling a service whose
// actions the Denies cannot tell apart at once (denyOfService), is what
// asking Denied of every action of every service marks, for Denies of
// every form: NotAction (known, with an unknown value, patterns without a
// colon, with two, a Unicode letter that folds to an ASCII one), Action
// patterns with wildcards in the service, unknown actions, patterns that
// match every action or every action of a service.
func TestMarkEveryByService(t *testing.T) {
	denies := []string{
		`NotAction = ["s3:*", "ec2:Describe*"]`,
		`NotAction = ["s3:*", var.unknown]`,
		`NotAction = ["*Get*"]`,
		`NotAction = ["kms:Decrypt", "a:b:c"]`,
		`NotAction = ["\u212Ams:*"]`, // KELVIN SIGN: matches kms:* as IAM folds case
		`NotAction = ["S3:GET*", "Ec2:*"]`,
		`Action = ["iam:*", "organizations:*"]`,
		`Action = ["s*:Get*", "*:Delete*"]`,
		`Action = ["ec?:Run*", var.unknown]`,
		`Action = ["\u212Ams:Decrypt"]`,
		`Action = ["lambda:*", "x:y:z"]`,
		`Action = "*"`,
		`Action = ["*:*"]`,
		`Action = ["s3:**", "ec2:Describe*"]`,
		`Action = ["s?:*"]`,
		`NotAction = ["*"]`,
		`NotAction = ["s3:*", "s3:Get*", "*:List*"]`,
		`NotAction = ["**:*"]`,
	}
	var src strings.Builder
	src.WriteString("variable \"unknown\" {}\n")
	for i, d := range denies {
		fmt.Fprintf(&src, `resource "aws_iam_user" "u%d" { name = "u%d" }
resource "aws_iam_user_policy" "p%d" {
  user   = aws_iam_user.u%d.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", %s, Resource = "*" }] })
}
`, i, i, i, i, d)
	}
	// All the Denies at once, and two of them.
	fmt.Fprintf(&src, `resource "aws_iam_user" "all" { name = "all" }
resource "aws_iam_user_policy" "all" {
  user   = aws_iam_user.all.name
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Deny", %s, Resource = "*" }, { Effect = "Deny", %s, Resource = "*" }] })
}
`, denies[0], denies[7])
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadModel(t, dir)
	ix := NewIndex(m)
	if len(m.Graph.Users) != len(denies)+1 {
		t.Fatalf("%d users, want %d", len(m.Graph.Users), len(denies)+1)
	}
	left := 0
	for _, e := range m.Graph.Users {
		s := ix.For(e)
		if len(s.denyStmts) == 0 {
			t.Fatalf("%s: no Deny read", e.Address)
		}
		got := map[string]uint8{}
		s.markEvery1(func(svc string, l awsdata.AccessLevel) { got[svc] |= 1 << l })
		want := map[string]uint8{}
		for _, svc := range awsdata.Services() {
			for _, a := range svc.Actions {
				if !s.Denied(a.FullName()) {
					want[svc.Prefix] |= 1 << a.AccessLevel
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: service %s marked %b, want %b", e.Address, k, got[k], v)
				}
			}
			for k, v := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("%s: service %s marked %b, want nothing", e.Address, k, v)
				}
			}
		}
		if len(want) > 0 {
			left++
		}
	}
	if left < len(denies)-3 {
		t.Errorf("%d principals have actions left after their Denies, want most of the %d", left, len(denies)+1)
	}
}
