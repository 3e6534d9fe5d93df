package effective

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/iamlint/iamlint/bench/estate"
	"github.com/iamlint/iamlint/linter/iam"
)

// TestEscalationPrecheck checks that rejecting escalation paths by their
// actions' bits (pathIDs) finds what trying every path by name finds: the
// summaries (escalationsOnly) and each principal's Escalations with their
// evidence, on the fixtures, the shared estates (with and without a
// boundary) and a generated estate.
func TestEscalationPrecheck(t *testing.T) {
	est := t.TempDir()
	if _, err := estate.Generate(est, estate.Options{Files: 30}); err != nil {
		t.Fatal(err)
	}
	// Conditional grants: one path held only under a condition, one held
	// both ways (the unconditional grant wins), one split across policies.
	cond := t.TempDir()
	if err := os.WriteFile(filepath.Join(cond, "main.tf"), []byte(condTF), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs := []string{"testdata/principals", "testdata/boundary", sharedEstate(t, 5), sharedEstateBoundary(t, 5, `["ec2:*", "s3:*"]`), est, cond}
	defer func() { escPrecheck = true }()
	for _, dir := range dirs {
		m := loadModel(t, dir)
		run := func(pre bool) ([]PrincipalSummary, [][]Escalation) {
			escPrecheck = pre
			sums := Compute(m)
			ix := NewIndex(m)
			var escs [][]Escalation
			g := m.Graph
			for _, es := range [][]*iam.Entity{g.Users, g.Groups, g.Roles, g.PermissionSets} {
				for _, e := range es {
					escs = append(escs, ix.build(e).Escalations())
				}
			}
			return sums, escs
		}
		s1, e1 := run(true)
		s0, e0 := run(false)
		if !reflect.DeepEqual(s1, s0) || !reflect.DeepEqual(e1, e0) {
			t.Errorf("%s: escalations differ with the precheck", dir)
		}
		n := 0
		for _, p := range s1 {
			n += len(p.EscalationPaths)
		}
		t.Logf("%s: %d principals, %d escalation paths", dir, len(s1), n)
	}
}

const condTF = `
resource "aws_iam_role" "c" {
  name               = "c"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_role_policy" "c1" {
  role = aws_iam_role.c.id
  policy = jsonencode({ Statement = [
    { Effect = "Allow", Action = ["iam:CreatePolicyVersion", "iam:PassRole"], Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },
    { Effect = "Allow", Action = ["iam:AttachUserPolicy"], Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },
  ] })
}

resource "aws_iam_role_policy" "c2" {
  role = aws_iam_role.c.id
  policy = jsonencode({ Statement = [
    { Effect = "Allow", Action = ["iam:AttachUserPolicy", "ec2:RunInstances"], Resource = "*" },
  ] })
}
`
